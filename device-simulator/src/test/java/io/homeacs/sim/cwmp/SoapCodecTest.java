package io.homeacs.sim.cwmp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.homeacs.sim.cwmp.CwmpTypes.DeviceIdStruct;
import io.homeacs.sim.cwmp.CwmpTypes.EventStruct;
import io.homeacs.sim.cwmp.CwmpTypes.ParameterValue;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class SoapCodecTest {
    private static final String NS = "urn:dslforum-org:cwmp-1-2";

    static byte[] acs(String body) {
        return ("<soapenv:Envelope xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\""
                + " xmlns:soapenc=\"http://schemas.xmlsoap.org/soap/encoding/\" xmlns:xs=\"http://www.w3.org/2001/XMLSchema\""
                + " xmlns:i=\"http://www.w3.org/2001/XMLSchema-instance\" xmlns:c=\"" + NS + "\">"
                + "<soapenv:Header><c:ID soapenv:mustUnderstand=\"1\">42</c:ID>"
                + "<c:HoldRequests soapenv:mustUnderstand=\"1\">1</c:HoldRequests></soapenv:Header>"
                + "<soapenv:Body>" + body + "</soapenv:Body></soapenv:Envelope>").getBytes(StandardCharsets.UTF_8);
    }

    static AcsRpc decode(String body) throws Exception {
        return RpcDecoder.decode(AcsEnvelope.parse(acs(body)).body());
    }

    @Test
    void informRoundTripsThroughTheParser() throws Exception {
        String body = CpeMessages.inform(new DeviceIdStruct("Acme & Co", "A4C3F0", "HG", "SIMO000001"),
                List.of(EventStruct.of("0 BOOTSTRAP"), new EventStruct("M Reboot", "k<1>")), 3, "2026-01-01T00:00:00Z",
                List.of(new ParameterValue("Device.DeviceInfo.UpTime", "12", "unsignedInt")));
        String env = CpeMessages.envelope(CwmpVersion.V1_4, "7", true, body);
        XmlNode root = SecureXml.parse(env.getBytes(StandardCharsets.UTF_8));
        XmlNode inform = root.child("Body").orElseThrow().child("Inform").orElseThrow();
        assertThat(inform.namespace()).isEqualTo(NS);
        assertThat(inform.child("DeviceId").orElseThrow().optionalText("Manufacturer")).isEqualTo("Acme & Co");
        XmlNode events = inform.required("Event");
        assertThat(events.attribute("arrayType")).isEqualTo("cwmp:EventStruct[2]");
        assertThat(events.children().get(1).optionalText("CommandKey")).isEqualTo("k<1>");
        assertThat(inform.requiredText("RetryCount")).isEqualTo("3");
        XmlNode value = inform.required("ParameterList").children().get(0).required("Value");
        assertThat(value.xsiType()).isEqualTo("unsignedInt");
        assertThat(root.child("Header").orElseThrow().child("SupportedCWMPVersions")).isPresent();
        assertThat(inform.children()).extracting(XmlNode::name)
                .containsExactly("DeviceId", "Event", "MaxEnvelopes", "CurrentTime", "RetryCount", "ParameterList");
    }

    @Test
    void decodesHeadersAndSetParameterValuesWithTypes() throws Exception {
        AcsEnvelope env = AcsEnvelope.parse(acs("<c:SetParameterValues><ParameterList soapenc:arrayType=\"c:ParameterValueStruct[2]\">"
                + "<ParameterValueStruct><Name>Device.A</Name><Value i:type=\"xs:unsignedInt\">5</Value></ParameterValueStruct>"
                + "<ParameterValueStruct><Name>Device.B</Name><Value>x &amp; y</Value></ParameterValueStruct>"
                + "</ParameterList><ParameterKey>pk</ParameterKey></c:SetParameterValues>"));
        assertThat(env.id()).isEqualTo("42");
        assertThat(env.holdRequests()).isTrue();
        assertThat(env.namespace()).isEqualTo(NS);
        AcsRpc.SetParameterValues spv = (AcsRpc.SetParameterValues) RpcDecoder.decode(env.body());
        assertThat(spv.values()).containsExactly(new AcsRpc.SetValue("Device.A", "5", "unsignedInt"),
                new AcsRpc.SetValue("Device.B", "x & y", null));
        assertThat(spv.parameterKey()).isEqualTo("pk");
    }

    @Test
    void decodesEveryAcsRequest() throws Exception {
        assertThat(decode("<c:GetParameterNames><ParameterPath>Device.</ParameterPath><NextLevel>true</NextLevel></c:GetParameterNames>"))
                .isEqualTo(new AcsRpc.GetParameterNames("Device.", true));
        assertThat(decode("<c:GetParameterValues><ParameterNames soapenc:arrayType=\"xs:string[2]\"><string>A.</string>"
                + "<string>B</string></ParameterNames></c:GetParameterValues>"))
                .isEqualTo(new AcsRpc.GetParameterValues(List.of("A.", "B")));
        assertThat(decode("<c:SetParameterAttributes><ParameterList><SetParameterAttributesStruct><Name>A</Name>"
                + "<NotificationChange>1</NotificationChange><Notification>2</Notification><AccessListChange>0</AccessListChange>"
                + "<AccessList/></SetParameterAttributesStruct></ParameterList></c:SetParameterAttributes>"))
                .isEqualTo(new AcsRpc.SetParameterAttributes(List.of(new AcsRpc.AttributeChange("A", true, 2, false, List.of()))));
        assertThat(decode("<c:AddObject><ObjectName>Device.NAT.PortMapping.</ObjectName><ParameterKey>k</ParameterKey></c:AddObject>"))
                .isEqualTo(new AcsRpc.AddObject("Device.NAT.PortMapping.", "k"));
        assertThat(decode("<c:Reboot><CommandKey>r1</CommandKey></c:Reboot>")).isEqualTo(new AcsRpc.Reboot("r1"));
        assertThat(decode("<c:Download><CommandKey>d</CommandKey><FileType>1 Firmware Upgrade Image</FileType><URL>http://h/f</URL>"
                + "<Username/><Password/><FileSize>10</FileSize><TargetFileName/><DelaySeconds>0</DelaySeconds>"
                + "<SuccessURL/><FailureURL/></c:Download>"))
                .isEqualTo(new AcsRpc.Download("d", "1 Firmware Upgrade Image", "http://h/f", "", "", 10, "", 0));
        assertThat(decode("<c:ScheduleDownload><CommandKey>s</CommandKey><FileType>1 Firmware Upgrade Image</FileType>"
                + "<URL>http://h/f</URL><Username/><Password/><FileSize>0</FileSize><TargetFileName/><TimeWindowList>"
                + "<TimeWindowStruct><WindowStart>5</WindowStart><WindowEnd>60</WindowEnd><WindowMode>1 At Any Time</WindowMode>"
                + "<UserMessage/><MaxRetries>-1</MaxRetries></TimeWindowStruct></TimeWindowList></c:ScheduleDownload>"))
                .isEqualTo(new AcsRpc.ScheduleDownload("s", "1 Firmware Upgrade Image", "http://h/f", "", "", 0, "",
                        List.of(new AcsRpc.TimeWindow(5, 60, "1 At Any Time", "", -1))));
        assertThat(decode("<c:ChangeDUState><Operations i:type=\"c:InstallOpStruct\"><URL>http://h/du</URL><UUID/>"
                + "<ExecutionEnvRef/></Operations><Operations i:type=\"c:UninstallOpStruct\"><UUID>u</UUID></Operations>"
                + "<CommandKey>ck</CommandKey></c:ChangeDUState>"))
                .isEqualTo(new AcsRpc.ChangeDUState(List.of(new AcsRpc.DuOperation("Install", "http://h/du", "", "", "", "", ""),
                        new AcsRpc.DuOperation("Uninstall", "", "u", "", "", "", "")), "ck"));
        assertThat(decode("<c:X_Vendor_Thing/>")).isEqualTo(new AcsRpc.Unsupported("X_Vendor_Thing"));
    }

    @Test
    void malformedRequestsAreInvalidArguments() {
        assertThatThrownBy(() -> decode("<c:GetParameterNames><ParameterPath>Device.</ParameterPath></c:GetParameterNames>"))
                .isInstanceOfSatisfying(CwmpFault.class, f -> assertThat(f.code()).isEqualTo(9003));
        assertThatThrownBy(() -> decode("<c:ScheduleInform><DelaySeconds>-4</DelaySeconds><CommandKey/></c:ScheduleInform>"))
                .isInstanceOfSatisfying(CwmpFault.class, f -> assertThat(f.code()).isEqualTo(9003));
        assertThatThrownBy(() -> decode("<c:GetParameterNames><ParameterPath/><NextLevel>maybe</NextLevel></c:GetParameterNames>"))
                .isInstanceOfSatisfying(CwmpFault.class, f -> assertThat(f.code()).isEqualTo(9003));
    }

    @Test
    void rejectsDoctypeAndEntities() {
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>"
                + "<soapenv:Envelope xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\"><soapenv:Body>&e;</soapenv:Body></soapenv:Envelope>";
        assertThatThrownBy(() -> AcsEnvelope.parse(xxe.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(SecureXml.XmlException.class);
        String bomb = "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY a \"aaaa\"><!ENTITY b \"&a;&a;&a;\">]><x>&b;</x>";
        assertThatThrownBy(() -> SecureXml.parse(bomb.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(SecureXml.XmlException.class);
        assertThatThrownBy(() -> AcsEnvelope.parse("<notsoap/>".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(SecureXml.XmlException.class);
    }

    @Test
    void encodesFaultsWithParameterList() throws Exception {
        CwmpFault f = new CwmpFault(9003, "Invalid arguments",
                List.of(new CwmpFault.ParameterFault("Device.X", 9008, "Attempt to set a non-writable parameter")));
        String env = CpeMessages.envelope(CwmpVersion.V1_0, "9", false, CpeMessages.fault(f));
        AcsEnvelope parsed = AcsEnvelope.parse(env.getBytes(StandardCharsets.UTF_8));
        assertThat(parsed.isFault()).isTrue();
        assertThat(parsed.namespace()).isEqualTo("urn:dslforum-org:cwmp-1-0");
        XmlNode detail = parsed.body().required("detail").required("Fault");
        assertThat(parsed.body().requiredText("faultcode")).isEqualTo("Client");
        assertThat(detail.requiredText("FaultCode")).isEqualTo("9003");
        XmlNode spvf = detail.required("SetParameterValuesFault");
        assertThat(spvf.requiredText("ParameterName")).isEqualTo("Device.X");
        assertThat(spvf.requiredText("FaultCode")).isEqualTo("9008");
        assertThat(parsed.fault()).contains(new AcsEnvelope.AcsFault(9003, "Invalid arguments"));
    }
}
