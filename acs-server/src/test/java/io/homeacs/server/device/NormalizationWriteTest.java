package io.homeacs.server.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Writing concepts: which parameter, which raw value, which type; and the secret flag. */
class NormalizationWriteTest {
    private static final Instant T = Instant.parse("2026-11-21T10:00:00Z");
    private static final String IGD_WCD = "InternetGatewayDevice.WANDevice.1.WANConnectionDevice.";
    private static final String IGD_LINE = "InternetGatewayDevice.Services.VoiceService.1.VoiceProfile.1.Line.1.";

    @TempDir
    Path dir;

    private static Device device(String oui, String productClass, DataModel model) {
        return new Device(1, oui + "-" + productClass + "-S1", new DeviceIdentity(oui, productClass, "S1"), "V", null, null,
            null, DeviceKind.GATEWAY, false, model, "CWMP", "cwmp-1-2", T, T, null, null, null, null, null, null, null);
    }

    /** name, value, type triples, as a refresh would have stored them. */
    private static ParameterDocument doc(String... triples) {
        ParameterDocument d = ParameterDocument.empty();
        for (int i = 0; i < triples.length; i += 3) {
            d.merge(List.of(new ParamValue(triples[i], triples[i + 1], triples[i + 2])), T);
        }
        return d;
    }

    private Normalization shipped() {
        return Normalization.load(dir.resolve("none.json"));
    }

    @Test
    void tr181TargetsAreTheLowestExistingInstanceWithTheStoredType() {
        Normalization n = shipped();
        Device d = device("A4C3F0", "HG8245Q2", DataModel.TR181);
        ParameterDocument doc = doc(
            "Device.PPP.Interface.3.Password", "", "xsd:string",
            "Device.PPP.Interface.2.Password", "", "xsd:string",
            "Device.PPP.Interface.2.Enable", "false", "xsd:boolean",
            "Device.PPP.Interface.2.Username", "", "",
            "Device.Ethernet.VLANTermination.1.VLANID", "0", "xsd:unsignedInt",
            "Device.X_CT-COM_UserInfo.UserName", "LSIM1", "xsd:string",
            "Device.Services.VoiceService.1.CallControl.Line.1.Enable", "false", "xsd:boolean");

        assertThat(n.writeTarget("wanPppPassword", d, doc, "s3cret"))
            .contains(new ParamValue("Device.PPP.Interface.2.Password", "s3cret", "xsd:string"));
        assertThat(n.writeTarget("wanEnable", d, doc, "true"))
            .contains(new ParamValue("Device.PPP.Interface.2.Enable", "true", "xsd:boolean"));
        assertThat(n.writeTarget("wanPppUsername", d, doc, "jane@isp")).as("no stored type → xsd:string")
            .contains(new ParamValue("Device.PPP.Interface.2.Username", "jane@isp", "xsd:string"));
        assertThat(n.writeTarget("wanVlan", d, doc, "100"))
            .contains(new ParamValue("Device.Ethernet.VLANTermination.1.VLANID", "100", "xsd:unsignedInt"));
        assertThat(n.writeTarget("registrationId", d, doc, "L2"))
            .contains(new ParamValue("Device.X_CT-COM_UserInfo.UserName", "L2", "xsd:string"));
        assertThat(n.writeTarget("voipEnable", d, doc, "true")).as("TR-104 v2 Line.Enable is a boolean: no translation")
            .contains(new ParamValue("Device.Services.VoiceService.1.CallControl.Line.1.Enable", "true", "xsd:boolean"));
    }

    @Test
    void tr098TargetsAndTr104v1EnableTranslatedBothWays() {
        Normalization n = shipped();
        Device d = device("A4C3F0", "HG8145V5", DataModel.TR098);
        ParameterDocument doc = doc(
            IGD_WCD + "1.WANPPPConnection.1.Enable", "0", "xsd:boolean",
            IGD_WCD + "1.WANPPPConnection.1.Password", "", "xsd:string",
            IGD_WCD + "1.X_CT-COM_WANGponLinkConfig.VLANIDMark", "0", "xsd:unsignedInt",
            IGD_WCD + "2.WANIPConnection.1.X_CT-COM_MulticastVlan", "-1", "xsd:int",
            "InternetGatewayDevice.LANDevice.1.WLANConfiguration.2.KeyPassphrase", "", "xsd:string",
            "InternetGatewayDevice.X_CT-COM_UserInfo.UserName", "LSIM9", "xsd:string",
            IGD_LINE + "Enable", "Disabled", "xsd:string",
            IGD_LINE + "SIP.AuthUserName", "", "xsd:string");

        assertThat(n.writeTarget("wanPppPassword", d, doc, "pw"))
            .contains(new ParamValue(IGD_WCD + "1.WANPPPConnection.1.Password", "pw", "xsd:string"));
        assertThat(n.writeTarget("wanVlan", d, doc, "35"))
            .contains(new ParamValue(IGD_WCD + "1.X_CT-COM_WANGponLinkConfig.VLANIDMark", "35", "xsd:unsignedInt"));
        assertThat(n.writeTarget("iptvMulticastVlan", d, doc, "4000"))
            .contains(new ParamValue(IGD_WCD + "2.WANIPConnection.1.X_CT-COM_MulticastVlan", "4000", "xsd:int"));
        assertThat(n.writeTarget("wifiPassphrase5g", d, doc, "longpassphrase")).as("PreSharedKey.1 absent: next source")
            .contains(new ParamValue("InternetGatewayDevice.LANDevice.1.WLANConfiguration.2.KeyPassphrase", "longpassphrase",
                "xsd:string"));

        assertThat(n.writeTarget("voipEnable", d, doc, "true"))
            .contains(new ParamValue(IGD_LINE + "Enable", "Enabled", "xsd:string"));
        assertThat(n.writeTarget("voipEnable", d, doc, "false"))
            .contains(new ParamValue(IGD_LINE + "Enable", "Disabled", "xsd:string"));
        assertThat(n.writeTarget("voipEnable", d, doc, "Quiescent")).as("unmapped values pass through")
            .contains(new ParamValue(IGD_LINE + "Enable", "Quiescent", "xsd:string"));

        Normalization.Value voip = n.resolve("voipEnable", d, doc).orElseThrow();
        assertThat(voip.value()).isEqualTo("false");
        assertThat(voip.raw()).isEqualTo("Disabled");
        doc.merge(List.of(new ParamValue(IGD_LINE + "Enable", "Enabled", "xsd:string")), T);
        assertThat(n.resolve("voipEnable", d, doc).orElseThrow().value()).isEqualTo("true");
        doc.merge(List.of(new ParamValue(IGD_LINE + "Enable", "Quiescent", "xsd:string")), T);
        assertThat(n.resolve("voipEnable", d, doc).orElseThrow().value()).isEqualTo("Quiescent");

        Normalization.Value wan = n.resolve("wanEnable", d, doc).orElseThrow();
        assertThat(wan.value()).as("xsd:boolean 0 reads as false").isEqualTo("false");
        assertThat(wan.raw()).isEqualTo("0");
        assertThat(wan.number()).isNull();
        assertThat(n.resolve("registrationId", d, doc).orElseThrow().value()).isEqualTo("LSIM9");
    }

    @Test
    void missingParameterOrUnknownConceptGivesNoTarget() {
        Normalization n = shipped();
        Device tr181 = device("A4C3F0", "HG8245Q2", DataModel.TR181);
        assertThat(n.writeTarget("wanVlan", tr181, ParameterDocument.empty(), "100")).as("never refreshed").isEmpty();
        ParameterDocument noVoice = doc("Device.PPP.Interface.1.Enable", "true", "xsd:boolean");
        assertThat(n.writeTarget("sipPassword", tr181, noVoice, "x")).as("data model lacks it").isEmpty();
        assertThat(n.writeTarget("iptvVlan", tr181, doc("Device.Ethernet.VLANTermination.1.VLANID", "1", "xsd:unsignedInt"), "7"))
            .as("a fixed instance is not replaced by another one").isEmpty();
        assertThat(n.writeTarget("noSuchConcept", tr181, noVoice, "x")).isEmpty();
    }

    @Test
    void operatorFileOverridesAConceptWithVendorSourcesAndTranslations() throws Exception {
        Path file = dir.resolve("normalization.json");
        Files.writeString(file, """
            {"wanVlan": {"description": "ACME keeps the VLAN on the PPP connection", "sources": [
               {"path": "InternetGatewayDevice.WANDevice.1.WANConnectionDevice.{i}.WANPPPConnection.1.X_ACME_VLAN",
                "oui": "ACME01", "productClass": "R1"},
               {"path": "InternetGatewayDevice.WANDevice.1.WANConnectionDevice.1.X_CT-COM_WANGponLinkConfig.VLANIDMark"}]},
             "wifiEnable2g": {"sources": [
               {"path": "InternetGatewayDevice.LANDevice.1.WLANConfiguration.1.X_ACME_Radio", "values": {"true": "on", "false": "off"}}]},
             "acmeSecret": {"secret": true, "sources": [{"path": "InternetGatewayDevice.X_ACME.Key"}]}}
            """);
        Normalization n = Normalization.load(file);
        ParameterDocument doc = doc(
            IGD_WCD + "2.WANPPPConnection.1.X_ACME_VLAN", "0", "xsd:unsignedInt",
            IGD_WCD + "1.X_CT-COM_WANGponLinkConfig.VLANIDMark", "0", "xsd:unsignedInt",
            "InternetGatewayDevice.LANDevice.1.WLANConfiguration.1.X_ACME_Radio", "off", "xsd:string",
            "InternetGatewayDevice.LANDevice.1.WLANConfiguration.1.Enable", "1", "xsd:boolean");
        assertThat(n.writeTarget("wanVlan", device("ACME01", "R1", DataModel.TR098), doc, "10"))
            .contains(new ParamValue(IGD_WCD + "2.WANPPPConnection.1.X_ACME_VLAN", "10", "xsd:unsignedInt"));
        assertThat(n.writeTarget("wanVlan", device("ACME01", "R2", DataModel.TR098), doc, "10")).as("other product class")
            .contains(new ParamValue(IGD_WCD + "1.X_CT-COM_WANGponLinkConfig.VLANIDMark", "10", "xsd:unsignedInt"));

        Device any = device("00E0FC", "X", DataModel.TR098);
        assertThat(n.writeTarget("wifiEnable2g", any, doc, "true")).as("the operator's concept replaces the shipped one")
            .contains(new ParamValue("InternetGatewayDevice.LANDevice.1.WLANConfiguration.1.X_ACME_Radio", "on", "xsd:string"));
        assertThat(n.resolve("wifiEnable2g", any, doc).orElseThrow().value()).isEqualTo("false");
        assertThat(n.isSecret("acmeSecret")).isTrue();
        assertThat(n.isSecret("wanPppPassword")).as("shipped concepts untouched by the file keep their flag").isTrue();

        Files.writeString(file, "{\"x\":{\"sources\":[{\"path\":\"A.B\",\"values\":{\"true\":\"1\",\"false\":\"1\"}}]}}");
        assertThatThrownBy(() -> Normalization.load(file)).hasMessageContaining("used twice");
        Files.writeString(file, "{\"x\":{\"sources\":[{\"path\":\"A.B\",\"values\":[\"on\"]}]}}");
        assertThatThrownBy(() -> Normalization.load(file)).hasMessageContaining("'values' must be an object");
    }

    @Test
    void credentialsAreSecretAndNothingElseIs() {
        Normalization n = shipped();
        assertThat(List.of("wanPppPassword", "wifiPassphrase2g", "wifiPassphrase5g", "sipPassword")).allMatch(n::isSecret);
        assertThat(List.of("wanPppUsername", "sipUsername", "registrationId", "wifiSsid2g", "nope")).noneMatch(n::isSecret);
        for (Normalization.Concept c : n.concepts()) {
            boolean credential = c.sources().stream().anyMatch(s -> s.path().endsWith("Password") || s.path().endsWith("Passphrase"));
            assertThat(c.secret()).as(c.name()).isEqualTo(credential);
        }
    }
}
