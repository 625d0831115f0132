package io.homeacs.server.profile;

import static io.homeacs.server.profile.ProfileResolutionTest.CODEC;
import static io.homeacs.server.profile.ProfileResolutionTest.device;
import static io.homeacs.server.profile.ProfileResolutionTest.doc;
import static io.homeacs.server.profile.ProfileResolutionTest.profile;
import static org.assertj.core.api.Assertions.assertThat;

import io.homeacs.server.device.DeviceKind;
import io.homeacs.server.device.ParamValue;
import io.homeacs.server.device.ParameterDocument;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Object instances that must exist: found by key, added when absent, filled in once added. */
class ObjectRulePlanTest {
    static final String TABLE = "Device.NAT.PortMapping.";
    static final DesiredState.ObjectRule VOIP = new DesiredState.ObjectRule(TABLE, Map.of("Description", "voip"),
        Map.of("ExternalPort", "5060", "Enable", "true"));

    static Resolution resolve(ParameterDocument doc, Profile... profiles) {
        return Resolution.of(List.of(profiles), device("HGW-1", "1.0", DeviceKind.GATEWAY), doc, ConceptMap.NONE, CODEC);
    }

    static Profile withObject(long id, int priority, DesiredState.ObjectRule rule) {
        return profile(id, priority, ProfileMatch.ANY, new DesiredState(Map.of(), List.of(rule), List.of()));
    }

    @Test
    void anUnknownTableIsFetchedAKnownEmptyOneGetsTheInstance() {
        Profile p = withObject(1, 0, VOIP);
        Plan unknown = Plan.of(resolve(doc(), p), doc(), Map.of(), Map.of(), Set.of(), x -> true);
        assertThat(unknown.fetch()).containsExactly(TABLE);

        ParameterDocument empty = doc("Device.NAT.PortMappingNumberOfEntries", "0", "xsd:unsignedInt");
        Plan add = Plan.of(resolve(empty, p), empty, Map.of(), Map.of(), Set.of(), x -> true);
        assertThat(add.fetch()).isEmpty();
        assertThat(add.add()).extracting(o -> o.rule().identity()).containsExactly(TABLE + "[Description=voip]");

        Plan fetchedEmpty = Plan.of(resolve(doc(), p), doc(), Map.of(), Map.of(), Set.of(TABLE), x -> true);
        assertThat(fetchedEmpty.add()).as("fetched and still empty: the table is empty").hasSize(1);
    }

    @Test
    void anAddedInstanceIsFetchedThenGetsItsKeyAndValuesInOneSet() {
        Profile p = withObject(1, 0, VOIP);
        Map<String, String> created = Map.of(VOIP.identity(), TABLE + "3.");
        ParameterDocument doc = doc("Device.NAT.PortMappingNumberOfEntries", "1", "xsd:unsignedInt");
        Plan fetch = Plan.of(resolve(doc, p), doc, Map.of(), created, Set.of(), x -> true);
        assertThat(fetch.fetch()).containsExactly(TABLE + "3.");

        doc.merge(List.of(new ParamValue(TABLE + "3.Description", "", "xsd:string"),
            new ParamValue(TABLE + "3.ExternalPort", "0", "xsd:unsignedInt"),
            new ParamValue(TABLE + "3.Enable", "false", "xsd:boolean")), ProfileResolutionTest.T0);
        Plan set = Plan.of(resolve(doc, p), doc, Map.of(), created, Set.of(TABLE + "3."), x -> true);
        assertThat(set.fetch()).isEmpty();
        assertThat(set.set()).extracting(ParamValue::name, ParamValue::value, ParamValue::type).containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple(TABLE + "3.Description", "voip", "xsd:string"),
            org.assertj.core.groups.Tuple.tuple(TABLE + "3.ExternalPort", "5060", "xsd:unsignedInt"),
            org.assertj.core.groups.Tuple.tuple(TABLE + "3.Enable", "true", "xsd:boolean"));
    }

    @Test
    void anInstanceFoundByItsKeyIsComparedParameterByParameter() {
        Profile p = withObject(1, 0, VOIP);
        ParameterDocument doc = doc(TABLE + "1.Description", "web", "xsd:string",
            TABLE + "2.Description", "voip", "xsd:string", TABLE + "2.ExternalPort", "5060", "xsd:unsignedInt",
            TABLE + "2.Enable", "1", "xsd:boolean");
        Plan plan = Plan.of(resolve(doc, p), doc, Map.of(), Map.of(), Set.of(), x -> true);
        assertThat(plan.inSync()).isTrue();
        assertThat(plan.instances()).containsEntry(VOIP.identity(), TABLE + "2.");
    }

    @Test
    void objectParametersConflictLikeParameters() {
        Profile low = withObject(1, 1, VOIP);
        Profile high = withObject(2, 9, new DesiredState.ObjectRule(TABLE, Map.of("Description", "voip"),
            Map.of("ExternalPort", "5070")));
        Resolution r = resolve(doc(), low, high);
        assertThat(r.objects()).singleElement().satisfies(o -> {
            assertThat(o.rule().parameters()).containsEntry("ExternalPort", "5070").containsEntry("Enable", "true");
            assertThat(o.owner()).isEqualTo(high);
        });
        assertThat(r.conflicts()).singleElement().satisfies(c -> {
            assertThat(c.path()).isEqualTo(TABLE + "[Description=voip].ExternalPort");
            assertThat(c.loser()).isEqualTo(low);
            assertThat(c.loserValue()).isEqualTo("5060");
        });
    }
}
