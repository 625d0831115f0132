package io.homeacs.server.cwmp.soap;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import javax.xml.stream.XMLOutputFactory;
import org.junit.jupiter.api.Test;

class SoapEncoderTest {

    private static final String ENV = "http://schemas.xmlsoap.org/soap/envelope/";
    private static final String ENC = "http://schemas.xmlsoap.org/soap/encoding/";
    private static final String XSI = "http://www.w3.org/2001/XMLSchema-instance";

    private final SoapEncoder encoder = new SoapEncoder();

    private XmlNode encode(AcsMessage m) {
        return XmlNode.parse(encoder.encode(CwmpVersion.V1_2, "id-1", false, m));
    }

    /** The method element inside the Body, checked to be cwmp-qualified with the expected name. */
    private XmlNode method(AcsMessage m, String expectedName) {
        XmlNode body = encode(m).bodyElement();
        assertThat(body.name).isEqualTo(expectedName);
        assertThat(body.namespace).isEqualTo("urn:dslforum-org:cwmp-1-2");
        assertThat(body.prefix).isEqualTo("cwmp");
        return body;
    }

    private static void assertArray(XmlNode array, String arrayType, String itemName, int size) {
        assertThat(array.namespace).as("array elements are unqualified").isEmpty();
        assertThat(array.attr(ENC, "arrayType")).isEqualTo(arrayType);
        assertThat(array.children).hasSize(size).allSatisfy(c -> assertThat(c.name).isEqualTo(itemName));
    }

    @Test
    void envelopeHeaderAndPrefixes() {
        byte[] bytes = encoder.encode(CwmpVersion.V1_0, "4711", true, new InformResponse(1));
        String text = new String(bytes, StandardCharsets.UTF_8);
        assertThat(text).startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>")
                .contains("xmlns:soap-env=\"" + ENV + "\"", "xmlns:soap-enc=\"" + ENC + "\"",
                        "xmlns:xsd=\"http://www.w3.org/2001/XMLSchema\"", "xmlns:xsi=\"" + XSI + "\"",
                        "xmlns:cwmp=\"urn:dslforum-org:cwmp-1-0\"", "<cwmp:InformResponse>");

        XmlNode env = XmlNode.parse(bytes);
        assertThat(env.namespace).isEqualTo(ENV);
        assertThat(env.prefix).isEqualTo("soap-env");
        assertThat(env.childNames()).containsExactly("Header", "Body");
        XmlNode header = env.child("Header");
        assertThat(header.childNames()).containsExactly("ID", "HoldRequests");
        XmlNode id = header.child("ID");
        assertThat(id.namespace).isEqualTo("urn:dslforum-org:cwmp-1-0");
        assertThat(id.text()).isEqualTo("4711");
        assertThat(id.attr(ENV, "mustUnderstand")).isEqualTo("1");
        assertThat(header.child("HoldRequests").text()).isEqualTo("1");
        assertThat(header.child("HoldRequests").attr(ENV, "mustUnderstand")).isEqualTo("1");
        XmlNode inform = env.bodyElement();
        assertThat(inform.childNames()).containsExactly("MaxEnvelopes");
        assertThat(inform.child("MaxEnvelopes").namespace).isEmpty();
        assertThat(inform.childText("MaxEnvelopes")).isEqualTo("1");
    }

    @Test
    void headerOmittedWithoutIdAndHoldRequests() {
        XmlNode env = XmlNode.parse(encoder.encode(CwmpVersion.V1_4, null, false, new GetRpcMethods()));
        assertThat(env.childNames()).containsExactly("Body");
        assertThat(env.bodyElement().namespace).isEqualTo("urn:dslforum-org:cwmp-1-4");

        XmlNode onlyId = XmlNode.parse(encoder.encode(CwmpVersion.V1_4, "x", false, new GetRpcMethods()));
        assertThat(onlyId.child("Header").childNames()).containsExactly("ID");
    }

    @Test
    void getParameterValues() {
        XmlNode m = method(new GetParameterValues(List.of("Device.DeviceInfo.", "Device.WiFi.SSID.1.SSID")),
                "GetParameterValues");
        assertThat(m.childNames()).containsExactly("ParameterNames");
        XmlNode names = m.child("ParameterNames");
        assertArray(names, "xsd:string[2]", "string", 2);
        assertThat(names.children.get(1).text()).isEqualTo("Device.WiFi.SSID.1.SSID");
    }

    @Test
    void setParameterValuesWithTypes() {
        XmlNode m = method(new SetParameterValues(List.of(
                new ParameterValue("Device.ManagementServer.PeriodicInformInterval", "300", "xsd:unsignedInt"),
                new ParameterValue("Device.WiFi.SSID.1.Enable", "true", "xsd:boolean"),
                ParameterValue.of("Device.WiFi.SSID.1.SSID", "guest")), "pk-1"), "SetParameterValues");
        assertThat(m.childNames()).containsExactly("ParameterList", "ParameterKey");
        XmlNode list = m.child("ParameterList");
        assertArray(list, "cwmp:ParameterValueStruct[3]", "ParameterValueStruct", 3);
        XmlNode first = list.children.get(0);
        assertThat(first.childNames()).containsExactly("Name", "Value");
        assertThat(first.childText("Name")).isEqualTo("Device.ManagementServer.PeriodicInformInterval");
        assertThat(first.child("Value").attr(XSI, "type")).isEqualTo("xsd:unsignedInt");
        assertThat(first.childText("Value")).isEqualTo("300");
        assertThat(list.children.get(1).child("Value").attr(XSI, "type")).isEqualTo("xsd:boolean");
        assertThat(list.children.get(2).child("Value").attr(XSI, "type")).isEqualTo("xsd:string");
        assertThat(m.childText("ParameterKey")).isEqualTo("pk-1");
    }

    @Test
    void getParameterNames() {
        XmlNode m = method(new GetParameterNames("Device.", true), "GetParameterNames");
        assertThat(m.childNames()).containsExactly("ParameterPath", "NextLevel");
        assertThat(m.childText("ParameterPath")).isEqualTo("Device.");
        assertThat(m.childText("NextLevel")).isEqualTo("1");
        assertThat(method(new GetParameterNames("", false), "GetParameterNames").childText("NextLevel"))
                .isEqualTo("0");
    }

    @Test
    void parameterAttributes() {
        XmlNode get = method(new GetParameterAttributes(List.of("Device.DeviceInfo.SoftwareVersion")),
                "GetParameterAttributes");
        assertArray(get.child("ParameterNames"), "xsd:string[1]", "string", 1);

        XmlNode set = method(new SetParameterAttributes(List.of(
                new SetParameterAttribute("Device.DeviceInfo.SoftwareVersion", true, 2, false, List.of()),
                new SetParameterAttribute("Device.WiFi.", false, 0, true, List.of("Subscriber")))),
                "SetParameterAttributes");
        XmlNode list = set.child("ParameterList");
        assertArray(list, "cwmp:SetParameterAttributesStruct[2]", "SetParameterAttributesStruct", 2);
        XmlNode first = list.children.get(0);
        assertThat(first.childNames())
                .containsExactly("Name", "NotificationChange", "Notification", "AccessListChange", "AccessList");
        assertThat(first.childText("NotificationChange")).isEqualTo("1");
        assertThat(first.childText("Notification")).isEqualTo("2");
        assertArray(first.child("AccessList"), "xsd:string[0]", "string", 0);
        assertArray(list.children.get(1).child("AccessList"), "xsd:string[1]", "string", 1);
        assertThat(list.children.get(1).child("AccessList").children.get(0).text()).isEqualTo("Subscriber");
    }

    @Test
    void addAndDeleteObject() {
        XmlNode add = method(new AddObject("Device.IP.Interface.", "k1"), "AddObject");
        assertThat(add.childNames()).containsExactly("ObjectName", "ParameterKey");
        assertThat(add.childText("ObjectName")).isEqualTo("Device.IP.Interface.");
        XmlNode del = method(new DeleteObject("Device.IP.Interface.3.", "k2"), "DeleteObject");
        assertThat(del.childNames()).containsExactly("ObjectName", "ParameterKey");
        assertThat(del.childText("ParameterKey")).isEqualTo("k2");
    }

    @Test
    void commandKeyRpcs() {
        assertThat(method(new Reboot("rb-1"), "Reboot").childText("CommandKey")).isEqualTo("rb-1");
        assertThat(method(new CancelTransfer("fw-1"), "CancelTransfer").childNames()).containsExactly("CommandKey");
        XmlNode si = method(new ScheduleInform(60, "si"), "ScheduleInform");
        assertThat(si.childNames()).containsExactly("DelaySeconds", "CommandKey");
        assertThat(si.childText("DelaySeconds")).isEqualTo("60");
    }

    @Test
    void argumentlessRpcs() {
        assertThat(method(new GetRpcMethods(), "GetRPCMethods").children).isEmpty();
        assertThat(method(new FactoryReset(), "FactoryReset").children).isEmpty();
        assertThat(method(new GetAllQueuedTransfers(), "GetAllQueuedTransfers").children).isEmpty();
    }

    @Test
    void download() {
        XmlNode m = method(new Download("fw-7", "1 Firmware Upgrade Image", "http://fw.example.com/a.bin?x=1&y=2",
                "user", "pass", 123456789L, "a.bin", 0, "", ""), "Download");
        assertThat(m.childNames()).containsExactly("CommandKey", "FileType", "URL", "Username", "Password",
                "FileSize", "TargetFileName", "DelaySeconds", "SuccessURL", "FailureURL");
        assertThat(m.childText("URL")).isEqualTo("http://fw.example.com/a.bin?x=1&y=2");
        assertThat(m.childText("FileSize")).isEqualTo("123456789");
        assertThat(m.childText("SuccessURL")).isEmpty();
    }

    @Test
    void downloadWithNullOptionalStringsWritesEmptyElements() {
        XmlNode m = method(new Download("k", "1 Firmware Upgrade Image", "http://x", null, null, 0, null, 5,
                null, null), "Download");
        assertThat(m.childNames()).hasSize(10);
        assertThat(m.childText("Username")).isEmpty();
    }

    @Test
    void upload() {
        XmlNode m = method(new Upload("up", "3 Vendor Log File", "http://logs.example.com/", "u", "p", 10), "Upload");
        assertThat(m.childNames())
                .containsExactly("CommandKey", "FileType", "URL", "Username", "Password", "DelaySeconds");
        assertThat(m.childText("FileType")).isEqualTo("3 Vendor Log File");
    }

    @Test
    void scheduleDownload() {
        XmlNode m = method(new ScheduleDownload("sd", "1 Firmware Upgrade Image", "http://x/fw", "", "", 10, "fw",
                List.of(new TimeWindow(0, 3600, "1 At Any Time", "", -1),
                        new TimeWindow(7200, 10800, "2 Immediately", "Updating", 3))), "ScheduleDownload");
        assertThat(m.childNames()).containsExactly("CommandKey", "FileType", "URL", "Username", "Password",
                "FileSize", "TargetFileName", "TimeWindowList");
        XmlNode list = m.child("TimeWindowList");
        assertArray(list, "cwmp:TimeWindowStruct[2]", "TimeWindowStruct", 2);
        assertThat(list.children.get(0).childNames())
                .containsExactly("WindowStart", "WindowEnd", "WindowMode", "UserMessage", "MaxRetries");
        assertThat(list.children.get(0).childText("MaxRetries")).isEqualTo("-1");
        assertThat(list.children.get(1).childText("UserMessage")).isEqualTo("Updating");
    }

    @Test
    void changeDuState() {
        XmlNode m = method(new ChangeDuState("du", List.of(
                new InstallOp("http://x/app.ipk", "", "u", "p", "Device.SoftwareModules.ExecEnv.1"),
                new UpdateOp("uuid-1", "2.0", "http://x/app2.ipk", "", ""),
                new UninstallOp("uuid-2", "", "Device.SoftwareModules.ExecEnv.1"))), "ChangeDUState");
        assertThat(m.childNames()).containsExactly("Operations", "Operations", "Operations", "CommandKey");
        XmlNode install = m.children.get(0);
        assertThat(install.attr(XSI, "type")).isEqualTo("cwmp:InstallOpStruct");
        assertThat(install.childNames()).containsExactly("URL", "UUID", "Username", "Password", "ExecutionEnvRef");
        XmlNode update = m.children.get(1);
        assertThat(update.attr(XSI, "type")).isEqualTo("cwmp:UpdateOpStruct");
        assertThat(update.childNames()).containsExactly("UUID", "Version", "URL", "Username", "Password");
        XmlNode uninstall = m.children.get(2);
        assertThat(uninstall.attr(XSI, "type")).isEqualTo("cwmp:UninstallOpStruct");
        assertThat(uninstall.childNames()).containsExactly("UUID", "Version", "ExecutionEnvRef");
        assertThat(m.childText("CommandKey")).isEqualTo("du");
    }

    @Test
    void responsesToCpeRequests() {
        assertThat(method(new InformResponse(1), "InformResponse").childText("MaxEnvelopes")).isEqualTo("1");
        assertThat(method(new TransferCompleteResponse(), "TransferCompleteResponse").children).isEmpty();
        assertThat(method(new AutonomousTransferCompleteResponse(), "AutonomousTransferCompleteResponse").children)
                .isEmpty();
        assertThat(method(new RequestDownloadResponse(), "RequestDownloadResponse").children).isEmpty();
        assertThat(method(new DuStateChangeCompleteResponse(), "DUStateChangeCompleteResponse").children).isEmpty();
        assertThat(method(new AutonomousDuStateChangeCompleteResponse(), "AutonomousDUStateChangeCompleteResponse")
                .children).isEmpty();
        XmlNode rpc = method(new AcsGetRpcMethodsResponse(List.of("Inform", "GetRPCMethods", "TransferComplete")),
                "GetRPCMethodsResponse");
        assertArray(rpc.child("MethodList"), "xsd:string[3]", "string", 3);
        assertThat(rpc.child("MethodList").children.get(2).text()).isEqualTo("TransferComplete");
    }

    @Test
    void acsFault() {
        XmlNode fault = encode(CwmpFault.of(8003, "Invalid arguments")).bodyElement();
        assertThat(fault.namespace).isEqualTo(ENV);
        assertThat(fault.name).isEqualTo("Fault");
        assertThat(fault.childNames()).containsExactly("faultcode", "faultstring", "detail");
        assertThat(fault.childText("faultcode")).isEqualTo("Client");
        assertThat(fault.childText("faultstring")).isEqualTo("CWMP fault");
        XmlNode cwmpFault = fault.child("detail").child("Fault");
        assertThat(cwmpFault.namespace).isEqualTo("urn:dslforum-org:cwmp-1-2");
        assertThat(cwmpFault.childNames()).containsExactly("FaultCode", "FaultString");
        assertThat(cwmpFault.childText("FaultCode")).isEqualTo("8003");
        assertThat(cwmpFault.childText("FaultString")).isEqualTo("Invalid arguments");

        assertThat(encode(CwmpFault.of(8000, "Method not supported")).bodyElement().childText("faultcode"))
                .isEqualTo("Server");
        assertThat(encode(CwmpFault.of(8005, "Retry request")).bodyElement().childText("faultcode"))
                .isEqualTo("Server");
    }

    @Test
    void faultWithSetParameterValuesFaults() {
        XmlNode cwmpFault = encode(new CwmpFault(9003, "Invalid arguments", List.of(
                new SpvFault("Device.A", 9007, "bad value"), new SpvFault("Device.B", 9008, "read-only"))))
                .bodyElement().child("detail").child("Fault");
        assertThat(cwmpFault.childNames())
                .containsExactly("FaultCode", "FaultString", "SetParameterValuesFault", "SetParameterValuesFault");
        XmlNode second = cwmpFault.children.get(3);
        assertThat(second.childNames()).containsExactly("ParameterName", "FaultCode", "FaultString");
        assertThat(second.childText("ParameterName")).isEqualTo("Device.B");
        assertThat(second.childText("FaultCode")).isEqualTo("9008");
    }

    @Test
    void faultCodeClassification() {
        for (int code : new int[] {8001, 8003, 8006, 9003, 9005, 9006, 9007, 9008, 9021}) {
            assertThat(AcsResponseEncoder.isClientFault(code)).as(Integer.toString(code)).isTrue();
        }
        for (int code : new int[] {8000, 8002, 8004, 8005, 8800, 9000, 9001, 9002, 9004, 9009, 9010, 9032, 9800}) {
            assertThat(AcsResponseEncoder.isClientFault(code)).as(Integer.toString(code)).isFalse();
        }
    }

    @Test
    void escapesMarkupInValuesNamesAndHeader() {
        String nasty = "a<b>&c\"d'e]]>f";
        byte[] bytes = encoder.encode(CwmpVersion.V1_2, "id<&>\"", false, new SetParameterValues(
                List.of(new ParameterValue("Device.X_<&>\".Name", nasty, "xsd:string")), "k&<"));
        XmlNode env = XmlNode.parse(bytes);
        assertThat(env.child("Header").childText("ID")).isEqualTo("id<&>\"");
        XmlNode pvs = env.bodyElement().child("ParameterList").children.get(0);
        assertThat(pvs.childText("Name")).isEqualTo("Device.X_<&>\".Name");
        assertThat(pvs.childText("Value")).isEqualTo(nasty);
        assertThat(env.bodyElement().childText("ParameterKey")).isEqualTo("k&<");
        assertThat(new String(bytes, StandardCharsets.UTF_8)).doesNotContain("a<b>");
    }

    @Test
    void escapesQuotesInAttributes() {
        byte[] bytes = encoder.encode(CwmpVersion.V1_2, null, false, new SetParameterValues(
                List.of(new ParameterValue("Device.X", "v", "xsd:\"odd\"<&")), ""));
        XmlNode value = XmlNode.parse(bytes).bodyElement().child("ParameterList").children.get(0).child("Value");
        assertThat(value.attr(XSI, "type")).isEqualTo("xsd:\"odd\"<&");
    }

    @Test
    void invalidXmlCharactersAreReplacedNotEmitted() {
        String value = "nul\u0000bell\u0007ok\ttab\uD83D\uDE00emoji\uD800lone\uFFFF";
        byte[] bytes = encoder.encode(CwmpVersion.V1_2, "\u0001", false,
                new SetParameterValues(List.of(ParameterValue.of("Device.X", value)), ""));
        XmlNode env = XmlNode.parse(bytes);
        assertThat(env.bodyElement().child("ParameterList").children.get(0).childText("Value"))
                .isEqualTo("nul\uFFFDbell\uFFFDok\ttab\uD83D\uDE00emoji\uFFFDlone\uFFFD");
        assertThat(env.child("Header").childText("ID")).isEqualTo("\uFFFD");
        String plain = "plain text, no copy needed";
        assertThat(XmlOut.clean(plain)).isSameAs(plain);
    }

    @Test
    void carriageReturnsAndWhitespaceSurviveTheRoundTrip() {
        String value = "line1\r\nline2\n  indented  ";
        byte[] bytes = encoder.encode(CwmpVersion.V1_2, null, false,
                new SetParameterValues(List.of(ParameterValue.of("Device.X", value)), ""));
        assertThat(XmlNode.parse(bytes).bodyElement().child("ParameterList").children.get(0).childText("Value"))
                .isEqualTo(value);
    }

    @Test
    void nonAsciiIsUtf8() {
        byte[] bytes = encoder.encode(CwmpVersion.V1_2, null, false,
                new SetParameterValues(List.of(ParameterValue.of("Device.WiFi.SSID.1.SSID", "Café ☕")), ""));
        assertThat(new String(bytes, StandardCharsets.UTF_8)).contains("Café ☕");
    }

    @Test
    void worksWithTheJdkWriterToo() {
        SoapEncoder jdk = new SoapEncoder(XMLOutputFactory.newDefaultFactory());
        XmlNode env = XmlNode.parse(jdk.encode(CwmpVersion.V1_0, "1", true,
                new SetParameterValues(List.of(ParameterValue.of("A.<b>", "x&y")), "k")));
        assertThat(env.child("Header").childNames()).containsExactly("ID", "HoldRequests");
        XmlNode pvs = env.bodyElement().child("ParameterList").children.get(0);
        assertThat(pvs.childText("Name")).isEqualTo("A.<b>");
        assertThat(pvs.childText("Value")).isEqualTo("x&y");
    }
}
