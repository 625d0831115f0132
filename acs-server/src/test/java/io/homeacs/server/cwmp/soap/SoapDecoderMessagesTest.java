package io.homeacs.server.cwmp.soap;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class SoapDecoderMessagesTest {

    private final SoapDecoder decoder = new SoapDecoder();

    private CpeMessage decode(String body) throws SoapDecodeException {
        return decoder.decode(Samples.envelope(body)).message();
    }

    @Test
    void getRpcMethodsResponse() throws Exception {
        CpeMessage m = decode("""
                <cwmp:GetRPCMethodsResponse><MethodList SOAP-ENC:arrayType="xsd:string[3]">
                <string>GetRPCMethods</string><string>SetParameterValues</string><string>Download</string>
                </MethodList></cwmp:GetRPCMethodsResponse>""");
        assertThat(m).isEqualTo(new GetRpcMethodsResponse(List.of("GetRPCMethods", "SetParameterValues", "Download")));
    }

    @Test
    void getParameterNamesResponse() throws Exception {
        CpeMessage m = decode("""
                <cwmp:GetParameterNamesResponse><ParameterList SOAP-ENC:arrayType="cwmp:ParameterInfoStruct[2]">
                <ParameterInfoStruct><Name>Device.WiFi.</Name><Writable>0</Writable></ParameterInfoStruct>
                <ParameterInfoStruct><Name>Device.WiFi.SSID.1.SSID</Name><Writable>true</Writable></ParameterInfoStruct>
                </ParameterList></cwmp:GetParameterNamesResponse>""");
        assertThat(m).isEqualTo(new GetParameterNamesResponse(List.of(
                new ParameterInfo("Device.WiFi.", false), new ParameterInfo("Device.WiFi.SSID.1.SSID", true))));
    }

    @Test
    void getParameterValuesResponse() throws Exception {
        CpeMessage m = decode("""
                <cwmp:GetParameterValuesResponse><ParameterList SOAP-ENC:arrayType="cwmp:ParameterValueStruct[3]">
                <ParameterValueStruct><Name>Device.DeviceInfo.UpTime</Name>
                  <Value xsi:type="xsd:unsignedInt">12</Value></ParameterValueStruct>
                <ParameterValueStruct><Name>Device.Time.CurrentLocalTime</Name>
                  <Value xsi:type="xsd:dateTime">2024-03-01T10:00:00Z</Value></ParameterValueStruct>
                <ParameterValueStruct><Name>Device.X_Cert</Name>
                  <Value xsi:type="xsd:base64">AAEC</Value></ParameterValueStruct>
                </ParameterList></cwmp:GetParameterValuesResponse>""");
        assertThat(m).isEqualTo(new GetParameterValuesResponse(List.of(
                new ParameterValue("Device.DeviceInfo.UpTime", "12", "xsd:unsignedInt"),
                new ParameterValue("Device.Time.CurrentLocalTime", "2024-03-01T10:00:00Z", "xsd:dateTime"),
                new ParameterValue("Device.X_Cert", "AAEC", "xsd:base64"))));
    }

    @Test
    void setParameterValuesResponse() throws Exception {
        assertThat(decode("<cwmp:SetParameterValuesResponse><Status>1</Status></cwmp:SetParameterValuesResponse>"))
                .isEqualTo(new SetParameterValuesResponse(1));
    }

    @Test
    void getParameterAttributesResponse() throws Exception {
        CpeMessage m = decode("""
                <cwmp:GetParameterAttributesResponse>
                <ParameterList SOAP-ENC:arrayType="cwmp:ParameterAttributeStruct[2]">
                <ParameterAttributeStruct><Name>Device.DeviceInfo.SoftwareVersion</Name><Notification>2</Notification>
                  <AccessList SOAP-ENC:arrayType="xsd:string[1]"><string>Subscriber</string></AccessList>
                </ParameterAttributeStruct>
                <ParameterAttributeStruct><Name>Device.DeviceInfo.UpTime</Name><Notification>0</Notification>
                  <AccessList SOAP-ENC:arrayType="xsd:string[0]"/></ParameterAttributeStruct>
                </ParameterList></cwmp:GetParameterAttributesResponse>""");
        assertThat(m).isEqualTo(new GetParameterAttributesResponse(List.of(
                new ParameterAttribute("Device.DeviceInfo.SoftwareVersion", 2, List.of("Subscriber")),
                new ParameterAttribute("Device.DeviceInfo.UpTime", 0, List.of()))));
    }

    @Test
    void addAndDeleteObjectResponses() throws Exception {
        assertThat(decode("""
                <cwmp:AddObjectResponse><InstanceNumber>3</InstanceNumber><Status>0</Status></cwmp:AddObjectResponse>
                """)).isEqualTo(new AddObjectResponse(3, 0));
        assertThat(decode("<cwmp:DeleteObjectResponse><Status>1</Status></cwmp:DeleteObjectResponse>"))
                .isEqualTo(new DeleteObjectResponse(1));
    }

    @Test
    void downloadAndUploadResponses() throws Exception {
        assertThat(decode("""
                <cwmp:DownloadResponse><Status>1</Status><StartTime>0001-01-01T00:00:00Z</StartTime>
                <CompleteTime>0001-01-01T00:00:00Z</CompleteTime></cwmp:DownloadResponse>"""))
                .isEqualTo(new DownloadResponse(1, "0001-01-01T00:00:00Z", "0001-01-01T00:00:00Z"));
        assertThat(decode("""
                <cwmp:UploadResponse><Status>0</Status><StartTime>2024-03-01T10:00:00Z</StartTime>
                <CompleteTime>2024-03-01T10:00:05Z</CompleteTime></cwmp:UploadResponse>"""))
                .isEqualTo(new UploadResponse(0, "2024-03-01T10:00:00Z", "2024-03-01T10:00:05Z"));
    }

    @Test
    void getAllQueuedTransfersResponse() throws Exception {
        CpeMessage m = decode("""
                <cwmp:GetAllQueuedTransfersResponse>
                <TransferList SOAP-ENC:arrayType="cwmp:AllQueuedTransferStruct[1]"><AllQueuedTransferStruct>
                <CommandKey>fw-1</CommandKey><State>2</State><IsDownload>1</IsDownload>
                <FileType>1 Firmware Upgrade Image</FileType><FileSize>4294967295</FileSize>
                <TargetFileName>fw.bin</TargetFileName></AllQueuedTransferStruct></TransferList>
                </cwmp:GetAllQueuedTransfersResponse>""");
        assertThat(m).isEqualTo(new GetAllQueuedTransfersResponse(List.of(
                new QueuedTransfer("fw-1", 2, true, "1 Firmware Upgrade Image", 4294967295L, "fw.bin"))));
    }

    @ParameterizedTest
    @ValueSource(strings = {"SetParameterAttributesResponse", "RebootResponse", "FactoryResetResponse",
        "ScheduleInformResponse", "ScheduleDownloadResponse", "CancelTransferResponse", "ChangeDUStateResponse"})
    void emptyResponses(String name) throws Exception {
        CpeMessage m = decode("<cwmp:" + name + "><X_Vendor>ignored</X_Vendor></cwmp:" + name + ">");
        assertThat(m).isInstanceOf(RpcResponse.class);
        assertThat(m.methodName()).isEqualTo(name);
    }

    @Test
    void transferCompleteWithFault() throws Exception {
        CpeMessage m = decode("""
                <cwmp:TransferComplete><CommandKey>fw-2024</CommandKey>
                <FaultStruct><FaultCode>9010</FaultCode><FaultString>Download failed: HTTP 404</FaultString></FaultStruct>
                <StartTime>2024-03-01T10:00:00Z</StartTime><CompleteTime>2024-03-01T10:00:03Z</CompleteTime>
                </cwmp:TransferComplete>""");
        assertThat(m).isEqualTo(new TransferComplete("fw-2024", new FaultStruct(9010, "Download failed: HTTP 404"),
                "2024-03-01T10:00:00Z", "2024-03-01T10:00:03Z"));
        assertThat(((TransferComplete) m).fault().isFault()).isTrue();
    }

    @Test
    void transferCompleteSuccessHasNoFault() throws Exception {
        TransferComplete m = (TransferComplete) decode("""
                <cwmp:TransferComplete><CommandKey>k</CommandKey>
                <FaultStruct><FaultCode>0</FaultCode><FaultString></FaultString></FaultStruct>
                <StartTime>2024-03-01T10:00:00Z</StartTime><CompleteTime>2024-03-01T10:00:03Z</CompleteTime>
                </cwmp:TransferComplete>""");
        assertThat(m.fault()).isEqualTo(FaultStruct.NONE);
        assertThat(m.fault().isFault()).isFalse();
    }

    @Test
    void autonomousTransferComplete() throws Exception {
        CpeMessage m = decode("""
                <cwmp:AutonomousTransferComplete><AnnounceURL></AnnounceURL>
                <TransferURL>http://files.example.com/fw.bin</TransferURL><IsDownload>true</IsDownload>
                <FileType>1 Firmware Upgrade Image</FileType><FileSize>1048576</FileSize>
                <TargetFileName></TargetFileName><FaultStruct><FaultCode>0</FaultCode><FaultString/></FaultStruct>
                <StartTime>2024-03-01T10:00:00Z</StartTime><CompleteTime>2024-03-01T10:01:00Z</CompleteTime>
                </cwmp:AutonomousTransferComplete>""");
        assertThat(m).isEqualTo(new AutonomousTransferComplete("", "http://files.example.com/fw.bin", true,
                "1 Firmware Upgrade Image", 1048576L, "", FaultStruct.NONE, "2024-03-01T10:00:00Z",
                "2024-03-01T10:01:00Z"));
    }

    @Test
    void getRpcMethodsFromCpe() throws Exception {
        CpeMessage m = decode("<cwmp:GetRPCMethods></cwmp:GetRPCMethods>");
        assertThat(m).isEqualTo(new CpeGetRpcMethods()).isInstanceOf(CpeRequest.class);
        assertThat(m.methodName()).isEqualTo("GetRPCMethods");
    }

    @Test
    void requestDownload() throws Exception {
        CpeMessage m = decode("""
                <cwmp:RequestDownload><FileType>1 Firmware Upgrade Image</FileType>
                <FileTypeArg SOAP-ENC:arrayType="cwmp:ArgStruct[1]">
                <ArgStruct><Name>Version</Name><Value>2.0</Value></ArgStruct></FileTypeArg>
                </cwmp:RequestDownload>""");
        assertThat(m).isEqualTo(new RequestDownload("1 Firmware Upgrade Image", List.of(new ArgStruct("Version", "2.0"))));
    }

    @Test
    void duStateChangeCompleteWithOpResults() throws Exception {
        CpeMessage m = decode("""
                <cwmp:DUStateChangeComplete>
                <Results><UUID>5f4b1a2e-0000-4000-8000-000000000001</UUID>
                <DeploymentUnitRef>Device.SoftwareModules.DeploymentUnit.1</DeploymentUnitRef>
                <Version>1.0</Version><CurrentState>Installed</CurrentState><Resolved>1</Resolved>
                <ExecutionUnitRefList>Device.SoftwareModules.ExecutionUnit.1</ExecutionUnitRefList>
                <StartTime>2024-03-01T10:00:00Z</StartTime><CompleteTime>2024-03-01T10:00:09Z</CompleteTime>
                <Fault><FaultCode>0</FaultCode><FaultString></FaultString></Fault></Results>
                <Results><UUID>5f4b1a2e-0000-4000-8000-000000000002</UUID><DeploymentUnitRef/><Version/>
                <CurrentState>Failed</CurrentState><Resolved>false</Resolved><ExecutionUnitRefList/>
                <StartTime>2024-03-01T10:00:00Z</StartTime><CompleteTime>2024-03-01T10:00:01Z</CompleteTime>
                <Fault><FaultCode>9017</FaultCode><FaultString>download failed</FaultString></Fault></Results>
                <CommandKey>du-1</CommandKey></cwmp:DUStateChangeComplete>""");
        DuStateChangeComplete d = (DuStateChangeComplete) m;
        assertThat(d.commandKey()).isEqualTo("du-1");
        assertThat(d.results()).containsExactly(
                new OpResult("5f4b1a2e-0000-4000-8000-000000000001", "Device.SoftwareModules.DeploymentUnit.1", "1.0",
                        "Installed", true, "Device.SoftwareModules.ExecutionUnit.1", "2024-03-01T10:00:00Z",
                        "2024-03-01T10:00:09Z", FaultStruct.NONE),
                new OpResult("5f4b1a2e-0000-4000-8000-000000000002", "", "", "Failed", false, "",
                        "2024-03-01T10:00:00Z", "2024-03-01T10:00:01Z", new FaultStruct(9017, "download failed")));
    }

    @Test
    void autonomousDuStateChangeCompleteAcceptsArrayWrappedResults() throws Exception {
        CpeMessage m = decode("""
                <cwmp:AutonomousDUStateChangeComplete>
                <Results SOAP-ENC:arrayType="cwmp:AutonOpResultStruct[1]"><AutonOpResultStruct>
                <UUID>u-1</UUID><DeploymentUnitRef>Device.SoftwareModules.DeploymentUnit.2</DeploymentUnitRef>
                <Version>2</Version><CurrentState>Uninstalled</CurrentState><Resolved>0</Resolved>
                <ExecutionUnitRefList></ExecutionUnitRefList><StartTime>2024-03-01T10:00:00Z</StartTime>
                <CompleteTime>2024-03-01T10:00:02Z</CompleteTime><Fault><FaultCode>0</FaultCode></Fault>
                <OperationPerformed>Uninstall</OperationPerformed></AutonOpResultStruct></Results>
                </cwmp:AutonomousDUStateChangeComplete>""");
        assertThat(((AutonomousDuStateChangeComplete) m).results()).containsExactly(
                new OpResult("u-1", "Device.SoftwareModules.DeploymentUnit.2", "2", "Uninstalled", false, "",
                        "2024-03-01T10:00:00Z", "2024-03-01T10:00:02Z", FaultStruct.NONE));
        assertThat(m.methodName()).isEqualTo("AutonomousDUStateChangeComplete");
    }

    @Test
    void cpeFaultWithSetParameterValuesFaults() throws Exception {
        CpeEnvelope env = decoder.decode(Samples.envelope(Samples.NS_10, "9", """
                <SOAP-ENV:Fault><faultcode>Client</faultcode><faultstring>CWMP fault</faultstring><detail>
                <cwmp:Fault><FaultCode>9003</FaultCode><FaultString>Invalid arguments</FaultString>
                <SetParameterValuesFault><ParameterName>InternetGatewayDevice.Time.NTPServer1</ParameterName>
                <FaultCode>9007</FaultCode><FaultString>Invalid parameter value</FaultString></SetParameterValuesFault>
                <SetParameterValuesFault><ParameterName>InternetGatewayDevice.DeviceInfo.SerialNumber</ParameterName>
                <FaultCode>9008</FaultCode><FaultString>Non-writable</FaultString></SetParameterValuesFault>
                </cwmp:Fault></detail></SOAP-ENV:Fault>"""));

        assertThat(env.version()).isEqualTo(CwmpVersion.V1_0);
        assertThat(env.id()).isEqualTo("9");
        assertThat(env.message().methodName()).isEqualTo("Fault");
        assertThat(env.message()).isEqualTo(new CwmpFault(9003, "Invalid arguments", List.of(
                new SpvFault("InternetGatewayDevice.Time.NTPServer1", 9007, "Invalid parameter value"),
                new SpvFault("InternetGatewayDevice.DeviceInfo.SerialNumber", 9008, "Non-writable"))));
    }

    @Test
    void cpeFaultWithQualifiedSoapChildren() throws Exception {
        CpeMessage m = decode("""
                <SOAP-ENV:Fault><SOAP-ENV:faultcode>SOAP-ENV:Server</SOAP-ENV:faultcode>
                <SOAP-ENV:faultstring>CWMP fault</SOAP-ENV:faultstring><SOAP-ENV:detail>
                <cwmp:Fault><FaultCode>9000</FaultCode><FaultString>Method not supported</FaultString></cwmp:Fault>
                </SOAP-ENV:detail></SOAP-ENV:Fault>""");
        assertThat(m).isEqualTo(CwmpFault.of(9000, "Method not supported"));
    }

    @Test
    void bareSoapFaultBecomesInternalError() throws Exception {
        CpeMessage m = decode("""
                <SOAP-ENV:Fault><faultcode>Client</faultcode><faultstring>parse error</faultstring></SOAP-ENV:Fault>""");
        assertThat(m).isEqualTo(CwmpFault.of(9002, "parse error"));
    }
}
