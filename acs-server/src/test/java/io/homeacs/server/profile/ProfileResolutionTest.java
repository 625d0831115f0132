package io.homeacs.server.profile;

import static org.assertj.core.api.Assertions.assertThat;

import io.homeacs.server.device.DataModel;
import io.homeacs.server.device.Device;
import io.homeacs.server.device.DeviceEvent;
import io.homeacs.server.device.DeviceIdentity;
import io.homeacs.server.device.DeviceKind;
import io.homeacs.server.device.ParamValue;
import io.homeacs.server.device.ParameterDocument;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Matching, merging by priority with conflicts, and the gap to the desired state: the engine's pure parts. */
class ProfileResolutionTest {
    static final Instant T0 = Instant.parse("2026-11-21T10:00:00Z");
    static final ProfileCodec CODEC = new ProfileCodec(ConceptMap.NONE);

    static Device device(String model, String sw, DeviceKind kind) {
        return new Device(7, "00D09E-HGW-S1", new DeviceIdentity("00D09E", "HGW", "S1"), "Acme", model, "HW1", sw, kind,
            false, DataModel.TR181, "CWMP", "cwmp-1-2", T0, T0, null, null, null, null, null, null, null);
    }

    static Profile profile(long id, int priority, ProfileMatch match, DesiredState desired) {
        return new Profile(id, "p" + id, "", priority, true, match, desired, 1, T0, T0, "admin");
    }

    static DesiredState values(Map<String, String> values) {
        return new DesiredState(values, List.of(), List.of());
    }

    static ParameterDocument doc(String... pathValueType) {
        ParameterDocument d = ParameterDocument.empty();
        for (int i = 0; i < pathValueType.length; i += 3) {
            d.merge(List.of(new ParamValue(pathValueType[i], pathValueType[i + 1], pathValueType[i + 2])), T0);
        }
        return d;
    }

    static Plan plan(Resolution r, ParameterDocument doc) {
        return Plan.of(r, doc, Map.of(), Map.of(), Set.of(), p -> true);
    }

    @Test
    void matchesOnIdentityVersionPrefixAndEveryTag() {
        Device d = device("HGW-1", "2.1.7", DeviceKind.GATEWAY);
        ProfileMatch m = new ProfileMatch(DeviceKind.GATEWAY, "00d09e", "HGW", "HGW-1", "2.1*", List.of("vip", "bj"),
            List.of());
        assertThat(m.matches(d, List.of("bj", "vip", "other"))).isTrue();
        assertThat(m.matches(d, List.of("vip"))).as("every tag is required").isFalse();
        assertThat(new ProfileMatch(null, null, null, null, "2.1", List.of(), List.of()).matches(d, List.of()))
            .as("without * the version is exact").isFalse();
        assertThat(new ProfileMatch(DeviceKind.SET_TOP_BOX, null, null, null, null, null, null).matches(d, List.of()))
            .isFalse();
        assertThat(ProfileMatch.ANY.matches(device(null, null, DeviceKind.UNKNOWN), List.of())).isTrue();
    }

    @Test
    void disjointMatchesCannotCompete() {
        ProfileMatch a = new ProfileMatch(null, null, null, "HGW-1", "2.*", null, null);
        assertThat(a.disjointFrom(new ProfileMatch(null, null, null, "HGW-2", null, null, null))).isTrue();
        assertThat(a.disjointFrom(new ProfileMatch(null, null, null, null, "3.0", null, null))).isTrue();
        assertThat(a.disjointFrom(new ProfileMatch(null, null, null, null, "2.1*", null, null))).isFalse();
        assertThat(a.disjointFrom(new ProfileMatch(null, null, null, null, null, List.of("vip"), null)))
            .as("tags never make two profiles disjoint").isFalse();
    }

    @Test
    void triggerEventsGateOnlyProfilesThatHaveThem() {
        ProfileMatch boot = new ProfileMatch(null, null, null, null, null, null, List.of(DeviceEvent.BOOT));
        assertThat(boot.triggeredBy(Set.of(DeviceEvent.PERIODIC))).isFalse();
        assertThat(boot.triggeredBy(Set.of(DeviceEvent.BOOT, DeviceEvent.PERIODIC))).isTrue();
        assertThat(ProfileMatch.ANY.triggeredBy(Set.of())).isTrue();
    }

    @Test
    void fingerprintChangesWithTheSetAndVersionsNotTheirOrder() {
        Profile a = profile(1, 0, ProfileMatch.ANY, values(Map.of("Device.A", "1")));
        Profile b = profile(2, 0, ProfileMatch.ANY, values(Map.of("Device.B", "1")));
        Profile b2 = new Profile(2, "p2", "", 0, true, ProfileMatch.ANY, b.desired(), 2, T0, T0, "admin");
        assertThat(ProfileSet.fingerprint(List.of(a, b))).isEqualTo(ProfileSet.fingerprint(List.of(b, a)));
        assertThat(ProfileSet.fingerprint(List.of(a, b2))).isNotEqualTo(ProfileSet.fingerprint(List.of(a, b)));
        assertThat(ProfileSet.fingerprint(List.of(a))).isNotEqualTo(ProfileSet.fingerprint(List.of(a, b)));
        assertThat(ProfileSet.fingerprint(List.of())).as("what a device without a stored state has").isZero();
    }

    @Test
    void higherPriorityWinsAndTheLoserIsReported() {
        Device d = device("HGW-1", "1.0", DeviceKind.GATEWAY);
        Profile low = profile(1, 10, ProfileMatch.ANY, values(Map.of("Device.WiFi.SSID.1.SSID", "Base",
            "Device.Time.NTPServer1", "ntp.example.net")));
        Profile high = profile(2, 20, ProfileMatch.ANY, values(Map.of("Device.WiFi.SSID.1.SSID", "VIP")));
        Profile same = profile(3, 5, ProfileMatch.ANY, values(Map.of("Device.Time.NTPServer1", "ntp.example.net")));
        Resolution r = Resolution.of(List.of(low, same, high), d, doc(), ConceptMap.NONE, CODEC);
        assertThat(r.profiles()).extracting(Profile::id).containsExactly(2L, 1L, 3L);
        assertThat(r.values().get("Device.WiFi.SSID.1.SSID").value()).isEqualTo("VIP");
        assertThat(r.values().get("Device.WiFi.SSID.1.SSID").profile()).isEqualTo(high);
        assertThat(r.conflicts()).as("an equal value is no conflict").hasSize(1);
        Resolution.Conflict c = r.conflicts().get(0);
        assertThat(c.winner()).isEqualTo(high);
        assertThat(c.loser()).isEqualTo(low);
        assertThat(c.loserValue()).isEqualTo("Base");
    }

    @Test
    void pathsOfTheOtherDataModelAreUnavailable() {
        Device d = device("HGW-1", "1.0", DeviceKind.GATEWAY);
        Profile p = profile(1, 0, ProfileMatch.ANY, new DesiredState(Map.of(
            "InternetGatewayDevice.LANDevice.1.WLANConfiguration.1.SSID", "x"),
            List.of(new DesiredState.ObjectRule("InternetGatewayDevice.X.", Map.of("A", "b"), Map.of())), List.of()));
        Resolution r = Resolution.of(List.of(p), d, doc(), ConceptMap.NONE, CODEC);
        assertThat(r.values()).isEmpty();
        assertThat(r.unavailable()).hasSize(2);
    }

    @Test
    void conceptKeysResolveToTheDevicesPath() {
        ConceptMap concepts = new FakeConcepts();
        Device d = device("HGW-1", "1.0", DeviceKind.GATEWAY);
        Profile byConcept = profile(1, 10, ProfileMatch.ANY, values(Map.of("wifiSsid2g", "Home")));
        Profile byPath = profile(2, 20, ProfileMatch.ANY, values(Map.of("Device.WiFi.SSID.1.SSID", "Shop")));
        ParameterDocument doc = doc("Device.WiFi.SSID.1.SSID", "Old", "xsd:string");
        Resolution r = Resolution.of(List.of(byConcept, byPath), d, doc, concepts, new ProfileCodec(concepts));
        assertThat(r.values().get("Device.WiFi.SSID.1.SSID").value()).isEqualTo("Shop");
        assertThat(r.conflicts()).singleElement().satisfies(c -> {
            assertThat(c.key()).isEqualTo("wifiSsid2g");
            assertThat(c.loser()).isEqualTo(byConcept);
        });
    }

    @Test
    void inDesiredStateMeansNothingToDo() {
        Device d = device("HGW-1", "1.0", DeviceKind.GATEWAY);
        Profile p = profile(1, 0, ProfileMatch.ANY, values(Map.of("Device.WiFi.SSID.1.SSID", "Home",
            "Device.WiFi.Radio.1.Enable", "true")));
        ParameterDocument doc = doc("Device.WiFi.SSID.1.SSID", "Home", "xsd:string",
            "Device.WiFi.Radio.1.Enable", "1", "xsd:boolean");
        Plan plan = plan(Resolution.of(List.of(p), d, doc, ConceptMap.NONE, CODEC), doc);
        assertThat(plan.inSync()).as("a boolean read as 1 equals true").isTrue();
    }

    @Test
    void unknownValuesAreFetchedFirstAndDifferencesSetTogether() {
        Device d = device("HGW-1", "1.0", DeviceKind.GATEWAY);
        Profile p = profile(1, 0, ProfileMatch.ANY, values(Map.of("Device.WiFi.SSID.1.SSID", "Home",
            "Device.WiFi.SSID.2.SSID", "Home-5G", "Device.Time.NTPServer1", "ntp")));
        ParameterDocument known = doc("Device.WiFi.SSID.1.SSID", "Old", "xsd:string",
            "Device.WiFi.SSID.2.SSID", "Old5", "xsd:string");
        Plan first = plan(Resolution.of(List.of(p), d, known, ConceptMap.NONE, CODEC), known);
        assertThat(first.fetch()).containsExactly("Device.Time.NTPServer1");

        known.merge(List.of(new ParamValue("Device.Time.NTPServer1", "ntp", "xsd:string")), T0);
        Plan second = plan(Resolution.of(List.of(p), d, known, ConceptMap.NONE, CODEC), known);
        assertThat(second.fetch()).isEmpty();
        assertThat(second.set()).extracting(ParamValue::name)
            .containsExactlyInAnyOrder("Device.WiFi.SSID.1.SSID", "Device.WiFi.SSID.2.SSID");
    }

    @Test
    void fetchedButAbsentIsMissingNotFetchedAgain() {
        Device d = device("HGW-1", "1.0", DeviceKind.GATEWAY);
        Profile p = profile(1, 0, ProfileMatch.ANY, values(Map.of("Device.X_Vendor.Knob", "1")));
        Resolution r = Resolution.of(List.of(p), d, doc(), ConceptMap.NONE, CODEC);
        Plan again = Plan.of(r, doc(), Map.of(), Map.of(), Set.of("Device.X_Vendor.Knob"), x -> true);
        assertThat(again.fetch()).isEmpty();
        assertThat(again.missing()).containsExactly("Device.X_Vendor.Knob");
    }

    @Test
    void secretsCompareWithWhatWasAppliedNotWithTheDocument() {
        Device d = device("HGW-1", "1.0", DeviceKind.GATEWAY);
        String key = "Device.WiFi.AccessPoint.1.Security.KeyPassphrase";
        Profile p = profile(1, 0, ProfileMatch.ANY, values(Map.of(key, "s3cret-pass")));
        ParameterDocument doc = doc(key, "", "xsd:string");
        Resolution r = Resolution.of(List.of(p), d, doc, ConceptMap.NONE, CODEC);
        assertThat(Plan.of(r, doc, Map.of(), Map.of(), Set.of(), x -> true).set()).hasSize(1);
        assertThat(Plan.of(r, doc, Map.of(key, "s3cret-pass"), Map.of(), Set.of(), x -> true).inSync()).isTrue();
    }

    @Test
    void valuesOfEventGatedProfilesWaitForTheirEvent() {
        Device d = device("HGW-1", "1.0", DeviceKind.GATEWAY);
        ProfileMatch onBoot = new ProfileMatch(null, null, null, null, null, null, List.of(DeviceEvent.BOOT));
        Profile p = profile(1, 0, onBoot, values(Map.of("Device.WiFi.SSID.1.SSID", "Home")));
        ParameterDocument doc = doc("Device.WiFi.SSID.1.SSID", "Old", "xsd:string");
        Resolution r = Resolution.of(List.of(p), d, doc, ConceptMap.NONE, CODEC);
        Plan periodic = Plan.of(r, doc, Map.of(), Map.of(), Set.of(), x -> x.match().triggeredBy(Set.of("2 PERIODIC")));
        assertThat(periodic.inSync()).isTrue();
        assertThat(periodic.deferred()).containsExactly("Device.WiFi.SSID.1.SSID");
        Plan boot = Plan.of(r, doc, Map.of(), Map.of(), Set.of(), x -> x.match().triggeredBy(Set.of(DeviceEvent.BOOT)));
        assertThat(boot.set()).hasSize(1);
    }

    static final class FakeConcepts implements ConceptMap {
        @Override
        public boolean knows(String concept) {
            return concept.equals("wifiSsid2g");
        }

        @Override
        public boolean isSecret(String concept) {
            return false;
        }

        @Override
        public List<String> sourcePaths(String concept) {
            return knows(concept) ? List.of("Device.WiFi.SSID.{i}.SSID") : List.of();
        }

        @Override
        public boolean covers(String concept, String path) {
            return knows(concept) && path.matches("Device\\.WiFi\\.SSID\\.\\d+\\.SSID");
        }

        @Override
        public Optional<ParamValue> writeTarget(String concept, Device device, ParameterDocument doc, String value) {
            ParameterDocument.Entry e = doc.get("Device.WiFi.SSID.1.SSID");
            return knows(concept) && e != null ? Optional.of(new ParamValue("Device.WiFi.SSID.1.SSID", value, e.type()))
                : Optional.empty();
        }
    }
}
