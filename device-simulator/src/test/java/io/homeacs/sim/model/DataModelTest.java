package io.homeacs.sim.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.homeacs.sim.cwmp.AcsRpc.AttributeChange;
import io.homeacs.sim.cwmp.AcsRpc.SetValue;
import io.homeacs.sim.cwmp.CwmpFault;
import io.homeacs.sim.cwmp.CwmpTypes.ParameterInfo;
import io.homeacs.sim.cwmp.CwmpTypes.ParameterValue;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DataModelTest {
    private DataModel m;

    static TemplateContext ctx() {
        return new TemplateContext("SIMO000001", DeviceProfile.ONT, "http://acs/acs", "bootstrap", "bootstrap",
                "http://127.0.0.1:1/cr/SIMO000001", "cr-SIMO000001", "secret", "", 300, 5, 42, "LSIMO000001");
    }

    @BeforeEach
    void setUp() {
        m = OntTr181Template.INSTANCE.build(ctx());
    }

    private static int code(Throwable t) {
        return ((CwmpFault) t).code();
    }

    @Test
    void getParameterNamesNextLevelRules() throws Exception {
        assertThat(m.getParameterNames("", true)).containsExactly(new ParameterInfo("Device.", false));
        List<ParameterInfo> all = m.getParameterNames("", false);
        assertThat(all).contains(new ParameterInfo("Device.", false), new ParameterInfo("Device.WiFi.SSID.1.", true),
                new ParameterInfo("Device.DeviceInfo.SerialNumber", false));
        List<String> children = m.getParameterNames("Device.WiFi.", true).stream().map(ParameterInfo::name).toList();
        assertThat(children).contains("Device.WiFi.SSID.", "Device.WiFi.RadioNumberOfEntries", "Device.WiFi.Radio.")
                .doesNotContain("Device.WiFi.", "Device.WiFi.SSID.1.", "Device.WiFi.SSID.1.SSID");
        List<String> subtree = m.getParameterNames("Device.WiFi.SSID.", false).stream().map(ParameterInfo::name).toList();
        assertThat(subtree.get(0)).isEqualTo("Device.WiFi.SSID.");
        assertThat(subtree).contains("Device.WiFi.SSID.1.", "Device.WiFi.SSID.2.SSID");
        assertThat(subtree.indexOf("Device.WiFi.SSID.1.")).isLessThan(subtree.indexOf("Device.WiFi.SSID.1.SSID"));
        assertThat(m.getParameterNames("Device.WiFi.SSID.1.SSID", false))
                .containsExactly(new ParameterInfo("Device.WiFi.SSID.1.SSID", true));
        assertThatThrownBy(() -> m.getParameterNames("Device.WiFi.SSID.1.SSID", true)).satisfies(t -> assertThat(code(t)).isEqualTo(9003));
        assertThatThrownBy(() -> m.getParameterNames("Device.Nope.", false)).satisfies(t -> assertThat(code(t)).isEqualTo(9005));
        assertThatThrownBy(() -> m.getParameterNames("Device.WiFi", false)).satisfies(t -> assertThat(code(t)).isEqualTo(9005));
    }

    @Test
    void getParameterValuesFullAndPartialPaths() throws Exception {
        List<ParameterValue> v = m.getParameterValues(List.of("Device.DeviceInfo.", "Device.ManagementServer.Password"));
        assertThat(v).contains(new ParameterValue("Device.DeviceInfo.SerialNumber", "SIMO000001", "string"),
                new ParameterValue("Device.ManagementServer.Password", "", "string"));
        assertThat(v).allMatch(p -> !p.name().endsWith("."));
        assertThat(m.getParameterValues(List.of("Device.Optical.Interface.1.OpticalSignalLevel")).get(0).type()).isEqualTo("int");
        assertThat(m.getParameterValues(List.of(""))).hasSizeGreaterThan(100);
        assertThatThrownBy(() -> m.getParameterValues(List.of("Device.DeviceInfo.", "Device.X")))
                .satisfies(t -> assertThat(code(t)).isEqualTo(9005));
    }

    @Test
    void setParameterValuesIsAtomicWithOneFaultPerBadParameter() throws Exception {
        String ssid = m.value("Device.WiFi.SSID.1.SSID").orElseThrow();
        assertThatThrownBy(() -> ModelEditor.setParameterValues(m, List.of(
                new SetValue("Device.WiFi.SSID.1.SSID", "new", "string"),
                new SetValue("Device.DeviceInfo.SerialNumber", "x", null),
                new SetValue("Device.WiFi.Radio.1.Channel", "abc", null),
                new SetValue("Device.WiFi.Radio.2.Channel", "36", "string"),
                new SetValue("Device.Nope", "1", null)), "k1"))
                .isInstanceOfSatisfying(CwmpFault.class, f -> {
                    assertThat(f.code()).isEqualTo(9003);
                    assertThat(f.parameterFaults()).extracting(CwmpFault.ParameterFault::name, CwmpFault.ParameterFault::code)
                            .containsExactly(org.assertj.core.groups.Tuple.tuple("Device.DeviceInfo.SerialNumber", 9008),
                                    org.assertj.core.groups.Tuple.tuple("Device.WiFi.Radio.1.Channel", 9007),
                                    org.assertj.core.groups.Tuple.tuple("Device.WiFi.Radio.2.Channel", 9006),
                                    org.assertj.core.groups.Tuple.tuple("Device.Nope", 9005));
                });
        assertThat(m.value("Device.WiFi.SSID.1.SSID")).contains(ssid);
        assertThat(m.value("Device.ManagementServer.ParameterKey")).contains("");

        ModelEditor.setParameterValues(m, List.of(new SetValue("Device.WiFi.SSID.1.SSID", "new", "string"),
                new SetValue("Device.WiFi.Radio.1.Channel", "11", "unsignedInt")), "k2");
        assertThat(m.value("Device.WiFi.SSID.1.SSID")).contains("new");
        assertThat(m.value("Device.ManagementServer.ParameterKey")).contains("k2");
    }

    @Test
    void addAndDeleteObjectKeepNumberOfEntriesConsistent() throws Exception {
        long n = ModelEditor.addObject(m, "Device.NAT.PortMapping.", "a1");
        assertThat(n).isEqualTo(1);
        assertThat(m.value("Device.NAT.PortMappingNumberOfEntries")).contains("1");
        assertThat(m.value("Device.NAT.PortMapping.1.Protocol")).contains("TCP");
        assertThat(ModelEditor.addObject(m, "Device.NAT.PortMapping.", "a2")).isEqualTo(2);
        ModelEditor.deleteObject(m, "Device.NAT.PortMapping.1.", "d1");
        assertThat(m.value("Device.NAT.PortMappingNumberOfEntries")).contains("1");
        assertThat(m.exists("Device.NAT.PortMapping.1.Protocol")).isFalse();
        assertThat(ModelEditor.addObject(m, "Device.NAT.PortMapping.", "a3")).isEqualTo(3);
        assertThat(m.value("Device.ManagementServer.ParameterKey")).contains("a3");

        assertThatThrownBy(() -> ModelEditor.addObject(m, "Device.Hosts.Host.", "x")).satisfies(t -> assertThat(code(t)).isEqualTo(9003));
        assertThatThrownBy(() -> ModelEditor.addObject(m, "Device.Nope.", "x")).satisfies(t -> assertThat(code(t)).isEqualTo(9005));
        assertThatThrownBy(() -> ModelEditor.deleteObject(m, "Device.NAT.PortMapping.9.", "x")).satisfies(t -> assertThat(code(t)).isEqualTo(9005));
        assertThatThrownBy(() -> ModelEditor.deleteObject(m, "Device.Hosts.Host.1.", "x")).satisfies(t -> assertThat(code(t)).isEqualTo(9003));

        int ssids = m.instances("Device.WiFi.SSID.").size();
        ModelEditor.addObject(m, "Device.WiFi.SSID.", "s");
        assertThat(m.value("Device.WiFi.SSIDNumberOfEntries")).contains(Integer.toString(ssids + 1));
    }

    @Test
    void attributesAndActiveNotificationRejection() throws Exception {
        ModelEditor.setParameterAttributes(m, List.of(new AttributeChange("Device.WiFi.SSID.1.", true, 1, true, List.of("Subscriber"))));
        assertThat(m.getParameterAttributes(List.of("Device.WiFi.SSID.1.SSID")).get(0).notification()).isEqualTo(1);
        assertThat(m.getParameterAttributes(List.of("Device.WiFi.SSID.1.SSID")).get(0).accessList()).containsExactly("Subscriber");
        assertThatThrownBy(() -> ModelEditor.setParameterAttributes(m, List.of(
                new AttributeChange("Device.WiFi.SSID.1.SSID", true, 2, false, List.of()),
                new AttributeChange("Device.DeviceInfo.UpTime", true, 2, false, List.of()))))
                .satisfies(t -> assertThat(code(t)).isEqualTo(9009));
        assertThat(m.notification("Device.WiFi.SSID.1.SSID")).isEqualTo(1);
        assertThat(m.notification("Device.ManagementServer.ConnectionRequestURL")).isEqualTo(2);
        assertThat(m.notification("Device.DeviceInfo.SoftwareVersion")).isEqualTo(2);
    }

    @Test
    void everyKindBuildsAValidModel() throws Exception {
        for (DeviceTemplate t : List.of(OntTr181Template.INSTANCE, OntTr098Template.INSTANCE, MeshTemplate.INSTANCE, StbTemplate.INSTANCE)) {
            DataModel model = t.build(ctx());
            for (String p : t.forcedInformParameters(true)) {
                assertThat(model.exists(p)).as(t + " " + p).isTrue();
            }
            assertThat(model.getParameterNames("", true).get(0).name()).isEqualTo(t.root());
        }
        DataModel mesh = MeshTemplate.INSTANCE.build(ctx());
        int nodes = Integer.parseInt(mesh.value("Device.WiFi.DataElements.Network.DeviceNumberOfEntries").orElseThrow());
        assertThat(nodes).isBetween(2, 4);
        assertThat(mesh.instances("Device.WiFi.DataElements.Network.Device.")).hasSize(nodes);
        assertThat(mesh.value("Device.WiFi.DataElements.Network.Device.1.Radio.1.BSSNumberOfEntries")).contains("1");
        DataModel stb = StbTemplate.INSTANCE.build(ctx());
        assertThat(stb.value("Device.Services.STBServiceNumberOfEntries")).contains("1");
        assertThat(stb.exists("Device.Services.STBService.1.AVStreams.ActiveAVStreams")).isTrue();
    }
}
