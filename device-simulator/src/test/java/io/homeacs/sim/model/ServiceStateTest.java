package io.homeacs.sim.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.homeacs.sim.cwmp.AcsRpc.SetValue;
import io.homeacs.sim.cwmp.CwmpFault;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Factory-fresh service objects of both ONT models, and how the device reacts to their configuration. */
class ServiceStateTest {
    private static final String WCD = "InternetGatewayDevice.WANDevice.1.WANConnectionDevice.";
    private static final String PPP098 = WCD + "1.WANPPPConnection.1.";
    private static final String IPTV098 = WCD + "2.WANIPConnection.1.";
    private static final String LINE_V1 = "InternetGatewayDevice.Services.VoiceService.1.VoiceProfile.1.Line.1.";
    private static final String VS = "Device.Services.VoiceService.1.";
    private static final TemplateContext CTX = DataModelTest.ctx();

    /** A SetParameterValues as the device executes it: validated, applied, then the device reacts. */
    private static List<String> set(DataModel m, long nanos, String... pairs) throws CwmpFault {
        List<SetValue> values = new java.util.ArrayList<>();
        for (int i = 0; i < pairs.length; i += 2) {
            values.add(new SetValue(pairs[i], pairs[i + 1], null));
        }
        List<String> changed = ModelEditor.setParameterValues(m, values, "k");
        return ServiceState.settle(m, CTX, changed, nanos);
    }

    private static String get(DataModel m, String path) throws CwmpFault {
        return m.getParameterValues(List.of(path)).get(0).value();
    }

    @Test
    void bothOntModelsLeaveTheFactoryUnconfiguredWithTheirLoid() throws Exception {
        DataModel t181 = OntTr181Template.INSTANCE.build(CTX);
        assertThat(t181.value(OntTr181Template.LOID)).contains("LSIMO000001");
        assertThat(OntTr181Template.INSTANCE.forcedInformParameters(false)).contains(OntTr181Template.LOID);
        assertThat(t181.value("Device.PPP.Interface.1.Username")).contains("");
        assertThat(t181.value("Device.PPP.Interface.1.Enable")).contains("false");
        assertThat(t181.value("Device.PPP.Interface.1.ConnectionStatus")).contains("Unconfigured");
        assertThat(t181.value("Device.PPP.Interface.1.IPCP.LocalIPAddress")).contains("");
        assertThat(t181.value("Device.IP.Interface.1.IPv4Address.1.IPAddress")).contains("");
        assertThat(t181.value("Device.Ethernet.VLANTermination.1.VLANID")).contains("0");
        assertThat(t181.value("Device.Ethernet.VLANTermination.2.Status")).contains("Down");
        assertThat(t181.value("Device.X_CT-COM_IPTV.MulticastVlan")).contains("-1");
        assertThat(t181.value("Device.X_CT-COM_IPTV.ConnectionStatus")).contains("Disconnected");
        assertThat(t181.value(VS + "CallControl.Line.1.Status")).contains("Disabled");
        assertThat(t181.getParameterValues(List.of("Device.Ethernet.VLANTermination.1.VLANID")).get(0).type())
                .isEqualTo("unsignedInt");

        DataModel t098 = OntTr098Template.INSTANCE.build(CTX);
        assertThat(t098.value(OntTr098Template.LOID)).contains("LSIMO000001");
        assertThat(OntTr098Template.INSTANCE.forcedInformParameters(true)).contains(OntTr098Template.LOID);
        assertThat(t098.value(PPP098 + "Username")).contains("");
        assertThat(t098.value(PPP098 + "ConnectionStatus")).contains("Unconfigured");
        assertThat(t098.value(PPP098 + "ExternalIPAddress")).contains("");
        assertThat(t098.value(WCD + "1.X_CT-COM_WANGponLinkConfig.VLANIDMark")).contains("0");
        assertThat(t098.value(IPTV098 + "X_CT-COM_MulticastVlan")).contains("-1");
        assertThat(t098.value(IPTV098 + "ConnectionStatus")).contains("Disconnected");
        assertThat(t098.value(LINE_V1 + "Enable")).contains("Disabled");
        assertThat(t098.value("InternetGatewayDevice.WANDevice.1.WANConnectionNumberOfEntries")).contains("2");
    }

    @Test
    void pppComesUpWithCredentialsAndEnableAndDropsWhenDisabled() throws Exception {
        DataModel m = OntTr181Template.INSTANCE.build(CTX);
        String p = "Device.PPP.Interface.1.";
        set(m, 0, p + "Username", "jane@fiber", p + "Password", "pw1", p + "Enable", "true");
        assertThat(m.value(p + "ConnectionStatus")).contains("Connected");
        assertThat(m.value(p + "Status")).contains("Up");
        assertThat(m.value(p + "IPCP.LocalIPAddress")).contains(CTX.wanAddress());
        assertThat(CTX.wanAddress()).startsWith("100.");
        assertThat(m.value("Device.IP.Interface.1.IPv4Address.1.IPAddress")).contains(CTX.wanAddress());
        assertThat(get(m, p + "Password")).as("hidden").isEmpty();
        assertThat(m.value(p + "Password")).contains("pw1");

        set(m, 0, p + "Enable", "false");
        assertThat(m.value(p + "ConnectionStatus")).contains("Disconnected");
        assertThat(m.value(p + "IPCP.LocalIPAddress")).contains("");
        assertThat(m.value("Device.IP.Interface.1.Status")).contains("LowerLayerDown");

        DataModel legacy = OntTr098Template.INSTANCE.build(CTX);
        List<String> derived = set(legacy, 0, PPP098 + "Username", "joe", PPP098 + "Password", "x", PPP098 + "Enable", "1");
        assertThat(legacy.value(PPP098 + "ConnectionStatus")).contains("Connected");
        assertThat(derived).as("the device's own changes, for notification").contains(PPP098 + "ExternalIPAddress");
        set(legacy, 0, PPP098 + "Enable", "0");
        assertThat(legacy.value(PPP098 + "ConnectionStatus")).contains("Disconnected");
        assertThat(legacy.value(PPP098 + "ExternalIPAddress")).contains("");
    }

    @Test
    void newCredentialsWhileConnectedReconnect() throws Exception {
        DataModel m = OntTr098Template.INSTANCE.build(CTX);
        long s = TimeUnit.SECONDS.toNanos(1);
        set(m, 0, PPP098 + "Username", "joe", PPP098 + "Password", "x", PPP098 + "Enable", "true");
        ServiceState.refreshClocks(m, 50 * s, 0);
        assertThat(m.value(PPP098 + "Uptime")).contains("50");
        set(m, 60 * s, PPP098 + "Password", "y");
        ServiceState.refreshClocks(m, 62 * s, 0);
        assertThat(m.value(PPP098 + "Uptime")).as("session dialled again").contains("2");
        assertThat(m.value(PPP098 + "ConnectionStatus")).contains("Connected");
        ServiceState.refreshClocks(m, 70 * s, 65 * s);
        assertThat(m.value(PPP098 + "Uptime")).as("a reboot re-establishes it too").contains("5");
        set(m, 80 * s, PPP098 + "Enable", "false");
        ServiceState.refreshClocks(m, 90 * s, 65 * s);
        assertThat(m.value(PPP098 + "Uptime")).contains("0");

        DataModel t181 = OntTr181Template.INSTANCE.build(CTX);
        set(t181, 10 * s, "Device.PPP.Interface.1.Username", "a", "Device.PPP.Interface.1.Enable", "true");
        ServiceState.refreshClocks(t181, 30 * s, 0);
        assertThat(t181.value("Device.PPP.Interface.1.LastChange")).contains("20");
    }

    @Test
    void vlansIptvWifiAndVoiceReact() throws Exception {
        DataModel m = OntTr181Template.INSTANCE.build(CTX);
        assertThatThrownBy(() -> set(m, 0, "Device.Ethernet.VLANTermination.1.VLANID", "0"))
                .isInstanceOfSatisfying(CwmpFault.class, f -> assertThat(f.parameterFaults().get(0).code()).isEqualTo(9007));
        set(m, 0, "Device.Ethernet.VLANTermination.1.VLANID", "100", "Device.X_CT-COM_IPTV.Enable", "true",
                "Device.X_CT-COM_IPTV.MulticastVlan", "4000", "Device.WiFi.SSID.2.Enable", "false");
        assertThat(m.value("Device.Ethernet.VLANTermination.1.Status")).contains("Up");
        assertThat(m.value("Device.X_CT-COM_IPTV.ConnectionStatus")).contains("Connected");
        assertThat(m.value("Device.X_CT-COM_IPTV.IPAddress")).contains(CTX.iptvAddress());
        assertThat(m.value("Device.WiFi.SSID.2.Status")).contains("Down");
        set(m, 0, VS + "SIP.Client.1.AuthUserName", "+4930123", VS + "SIP.Client.1.AuthPassword", "sip",
                VS + "SIP.Network.1.ProxyServer", "sip.example", VS + "CallControl.Line.1.DirectoryNumber", "+4930123",
                VS + "CallControl.Line.1.Enable", "true");
        assertThat(m.value(VS + "SIP.Client.1.Status")).contains("Up");
        assertThat(m.value(VS + "CallControl.Line.1.Status")).contains("Up");

        DataModel legacy = OntTr098Template.INSTANCE.build(CTX);
        set(legacy, 0, IPTV098 + "Enable", "1", WCD + "2.X_CT-COM_WANGponLinkConfig.VLANIDMark", "200",
                "InternetGatewayDevice.LANDevice.1.WLANConfiguration.1.Enable", "0");
        assertThat(legacy.value(IPTV098 + "ConnectionStatus")).contains("Connected");
        assertThat(legacy.value(IPTV098 + "ExternalIPAddress")).contains(CTX.iptvAddress());
        assertThat(legacy.value("InternetGatewayDevice.LANDevice.1.WLANConfiguration.1.Status")).contains("Disabled");
        assertThatThrownBy(() -> set(legacy, 0, LINE_V1 + "Enable", "true")).as("TR-104 v1 Enable is a string enum")
                .isInstanceOf(CwmpFault.class);
        set(legacy, 0, LINE_V1 + "Enable", "Enabled", LINE_V1 + "SIP.AuthUserName", "u",
                "InternetGatewayDevice.Services.VoiceService.1.VoiceProfile.1.SIP.ProxyServer", "sip.example");
        assertThat(legacy.value(LINE_V1 + "Status")).contains("Up");
        set(legacy, 0, IPTV098 + "Enable", "0");
        assertThat(legacy.value(IPTV098 + "ConnectionStatus")).contains("Disconnected");
        assertThat(legacy.value(IPTV098 + "ExternalIPAddress")).contains("");
    }
}
