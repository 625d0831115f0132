package io.homeacs.sim;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.homeacs.sim.cr.UdpConnectionRequestListener;
import io.homeacs.sim.cwmp.DigestAuth;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FleetBehaviourTest {
    private static final String ONT = "SIMO000001";
    private FakeAcs acs;
    private Fleet fleet;
    private HttpServer files;

    @BeforeEach
    void setUp() throws Exception {
        acs = new FakeAcs();
        acs.allow("bootstrap", "bootstrap");
        files = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        files.createContext("/fw.bin", ex -> {
            byte[] b = "version=V9.9.9\nPAYLOAD".getBytes(StandardCharsets.US_ASCII);
            ex.sendResponseHeaders(200, b.length);
            ex.getResponseBody().write(b);
            ex.close();
        });
        files.start();
    }

    @AfterEach
    void tearDown() {
        if (fleet != null) {
            fleet.close();
        }
        files.stop(0);
        acs.close();
    }

    private SimulatedDevice start(SimulatorConfig c) {
        fleet = Fleet.start(c);
        assertThat(fleet.awaitAllBooted(Duration.ofSeconds(30))).isTrue();
        return fleet.devices().get(0);
    }

    private SimulatorConfig ont() {
        return SimulatorConfig.defaults(acs.url()).withKind(DeviceKind.ONT).withTr098Share(0).withRetryMinWaitSeconds(1);
    }

    private String fileUrl() {
        return "http://127.0.0.1:" + files.getAddress().getPort() + "/fw.bin";
    }

    @Test
    void httpConnectionRequestNeedsDigestAndStartsASession() throws Exception {
        SimulatedDevice d = start(ont());
        acs.drain();
        URI cr = URI.create(d.value("Device.ManagementServer.ConnectionRequestURL").orElseThrow());
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<Void> challenge = http.send(HttpRequest.newBuilder(cr).build(), HttpResponse.BodyHandlers.discarding());
        assertThat(challenge.statusCode()).isEqualTo(401);
        DigestAuth.ClientAuth auth = new DigestAuth.ClientAuth();
        auth.accept(DigestAuth.select(challenge.headers().allValues("WWW-Authenticate")).orElseThrow());
        assertThat(auth.authorization("GET", cr.getPath(), "cr-" + ONT, "wrong")).hasValueSatisfying(a -> {
            assertThat(status(http, cr, a)).isEqualTo(401);
        });
        String good = auth.authorization("GET", cr.getPath(), d.value("Device.ManagementServer.ConnectionRequestUsername").orElseThrow(),
                d.value("Device.ManagementServer.ConnectionRequestPassword").orElseThrow()).orElseThrow();
        assertThat(status(http, cr, good)).isEqualTo(200);
        assertThat(acs.next("Inform").rawXml()).contains("6 CONNECTION REQUEST");
        assertThat(d.connectionRequestsReceived()).isEqualTo(1);
        URI unknown = URI.create("http://127.0.0.1:" + fleet.connectionRequestPort() + "/cr/NOPE");
        assertThat(status(http, unknown, good)).isEqualTo(404);
    }

    private static int status(HttpClient http, URI uri, String authorization) {
        try {
            return http.send(HttpRequest.newBuilder(uri).header("Authorization", authorization).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void rebootInformsBootWithCommandKey() throws Exception {
        acs.enqueue(ONT, "<cwmp:Reboot><CommandKey>rk-1</CommandKey></cwmp:Reboot>");
        start(ont());
        acs.next("RebootResponse");
        String inform = acs.next("Inform").rawXml();
        assertThat(inform).contains("<EventCode>1 BOOT</EventCode>", "<EventCode>M Reboot</EventCode>", "<CommandKey>rk-1</CommandKey>")
                .doesNotContain("0 BOOTSTRAP");
    }

    @Test
    void firmwareDownloadUpgradesRebootsAndReportsTransferComplete() throws Exception {
        acs.enqueue(ONT, "<cwmp:Download><CommandKey>fw-1</CommandKey><FileType>1 Firmware Upgrade Image</FileType><URL>"
                + fileUrl() + "</URL><Username></Username><Password></Password><FileSize>0</FileSize><TargetFileName></TargetFileName>"
                + "<DelaySeconds>0</DelaySeconds><SuccessURL></SuccessURL><FailureURL></FailureURL></cwmp:Download>");
        SimulatedDevice d = start(ont());
        assertThat(acs.next("DownloadResponse").body().requiredText("Status")).isEqualTo("1");
        String inform = acs.next("Inform").rawXml();
        assertThat(inform).contains("1 BOOT", "7 TRANSFER COMPLETE", "M Download", "fw-1", "V9.9.9");
        FakeAcs.Received tc = acs.next("TransferComplete");
        assertThat(tc.body().requiredText("CommandKey")).isEqualTo("fw-1");
        assertThat(tc.body().required("FaultStruct").requiredText("FaultCode")).isEqualTo("0");
        assertThat(d.value("Device.DeviceInfo.SoftwareVersion")).contains("V9.9.9");
    }

    @Test
    void failedDownloadReportsFault9010WithoutReboot() throws Exception {
        acs.enqueue(ONT, "<cwmp:Download><CommandKey>fw-2</CommandKey><FileType>1 Firmware Upgrade Image</FileType>"
                + "<URL>http://127.0.0.1:" + files.getAddress().getPort() + "/missing</URL><Username/><Password/>"
                + "<FileSize>0</FileSize><TargetFileName/><DelaySeconds>0</DelaySeconds><SuccessURL/><FailureURL/></cwmp:Download>");
        start(ont());
        acs.next("DownloadResponse");
        String inform = acs.next("Inform").rawXml();
        assertThat(inform).contains("7 TRANSFER COMPLETE", "M Download").doesNotContain("1 BOOT");
        assertThat(acs.next("TransferComplete").body().required("FaultStruct").requiredText("FaultCode")).isEqualTo("9010");
    }

    @Test
    void provisionedCredentialsAreUsedFromTheNextSession() throws Exception {
        acs.allow("dev-1", "s3cret");
        acs.enqueue(ONT, "<cwmp:SetParameterValues><ParameterList soap-enc:arrayType=\"cwmp:ParameterValueStruct[2]\">"
                + "<ParameterValueStruct><Name>Device.ManagementServer.Username</Name><Value xsi:type=\"xsd:string\">dev-1</Value></ParameterValueStruct>"
                + "<ParameterValueStruct><Name>Device.ManagementServer.Password</Name><Value xsi:type=\"xsd:string\">s3cret</Value></ParameterValueStruct>"
                + "</ParameterList><ParameterKey>prov-1</ParameterKey></cwmp:SetParameterValues>");
        SimulatedDevice d = start(ont());
        assertThat(acs.next("SetParameterValuesResponse").body().requiredText("Status")).isEqualTo("0");
        acs.deny("bootstrap");
        d.inform("6 CONNECTION REQUEST").get(30, TimeUnit.SECONDS);
        assertThat(d.acsUsername()).isEqualTo("dev-1");
        assertThat(acs.next("Inform").rawXml()).contains("prov-1");
    }

    @Test
    void retriesAfter503WithRetryCountAndUndeliveredEvents() throws Exception {
        acs.busyResponses = 1;
        fleet = Fleet.start(ont());
        String inform = acs.next("Inform").rawXml();
        assertThat(inform).contains("<RetryCount>1</RetryCount>", "0 BOOTSTRAP", "1 BOOT");
        assertThat(fleet.awaitAllBooted(Duration.ofSeconds(30))).isTrue();
        assertThat(fleet.devices().get(0).failedSessions()).isEqualTo(1);
    }

    @Test
    void activeAndPassiveNotifications() throws Exception {
        acs.enqueue(ONT, "<cwmp:SetParameterAttributes><ParameterList>"
                + "<SetParameterAttributesStruct><Name>Device.WiFi.SSID.1.SSID</Name><NotificationChange>1</NotificationChange>"
                + "<Notification>2</Notification><AccessListChange>0</AccessListChange><AccessList/></SetParameterAttributesStruct>"
                + "<SetParameterAttributesStruct><Name>Device.WiFi.Radio.1.Channel</Name><NotificationChange>1</NotificationChange>"
                + "<Notification>1</Notification><AccessListChange>0</AccessListChange><AccessList/></SetParameterAttributesStruct>"
                + "</ParameterList></cwmp:SetParameterAttributes>");
        SimulatedDevice d = start(ont());
        acs.next("SetParameterAttributesResponse");
        d.setLocal("Device.WiFi.Radio.1.Channel", "11");
        d.setLocal("Device.WiFi.SSID.1.SSID", "home-net");
        String inform = acs.next("Inform").rawXml();
        assertThat(inform).contains("4 VALUE CHANGE", "home-net", "Device.WiFi.Radio.1.Channel");
    }

    @Test
    void udpConnectionRequestTriggersSession() throws Exception {
        SimulatedDevice d = start(ont().withUdpConnectionRequests(true));
        acs.drain();
        String user = d.value("Device.ManagementServer.ConnectionRequestUsername").orElseThrow();
        String pass = d.value("Device.ManagementServer.ConnectionRequestPassword").orElseThrow();
        assertThat(d.value("Device.ManagementServer.UDPConnectionRequestAddress"))
                .contains("127.0.0.1:" + fleet.udpConnectionRequestPort());
        String ts = Long.toString(System.currentTimeMillis() / 1000);
        String sig = UdpConnectionRequestListener.signature(pass, ts + "id1" + user + "cn1");
        byte[] msg = ("GET http://127.0.0.1:" + fleet.udpConnectionRequestPort() + "?ts=" + ts + "&id=id1&un=" + user
                + "&cn=cn1&sig=" + sig + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        try (DatagramSocket s = new DatagramSocket()) {
            s.send(new DatagramPacket(msg, msg.length, new InetSocketAddress("127.0.0.1", fleet.udpConnectionRequestPort())));
        }
        assertThat(acs.next("Inform").rawXml()).contains("6 CONNECTION REQUEST", "UDPConnectionRequestAddress");
    }

    @Test
    void factoryResetBootstrapsAgainWithFactoryValues() throws Exception {
        acs.enqueue(ONT, "<cwmp:SetParameterValues><ParameterList><ParameterValueStruct><Name>Device.DeviceInfo.ProvisioningCode</Name>"
                + "<Value>PC-1</Value></ParameterValueStruct></ParameterList><ParameterKey>k</ParameterKey></cwmp:SetParameterValues>");
        acs.enqueue(ONT, "<cwmp:FactoryReset/>");
        SimulatedDevice d = start(ont());
        acs.next("FactoryResetResponse");
        String inform = acs.next("Inform").rawXml();
        assertThat(inform).contains("0 BOOTSTRAP", "1 BOOT").doesNotContain("PC-1");
        assertThat(d.value("Device.DeviceInfo.ProvisioningCode")).contains("");
    }

    @Test
    void changeDuStateInstallsAndReportsCompletion() throws Exception {
        acs.enqueue(ONT, "<cwmp:ChangeDUState><Operations xsi:type=\"cwmp:InstallOpStruct\"><URL>" + fileUrl()
                + "</URL><UUID>2f3a1c1e-0b4e-4c38-9a57-3f5b0a2c9d10</UUID><ExecutionEnvRef></ExecutionEnvRef></Operations>"
                + "<Operations xsi:type=\"cwmp:UninstallOpStruct\"><UUID>00000000-0000-4000-8000-000000000000</UUID></Operations>"
                + "<CommandKey>du-1</CommandKey></cwmp:ChangeDUState>");
        SimulatedDevice d = start(ont());
        acs.next("ChangeDUStateResponse");
        assertThat(acs.next("Inform").rawXml()).contains("11 DU STATE CHANGE COMPLETE", "M ChangeDUState", "du-1");
        FakeAcs.Received done = acs.next("DUStateChangeComplete");
        assertThat(done.body().children("Results")).hasSize(2);
        assertThat(done.body().children("Results").get(0).requiredText("CurrentState")).isEqualTo("Installed");
        assertThat(done.body().children("Results").get(1).required("Fault").requiredText("FaultCode")).isEqualTo("9028");
        assertThat(d.value("Device.SoftwareModules.DeploymentUnitNumberOfEntries")).contains("1");
        assertThat(d.value("Device.SoftwareModules.DeploymentUnit.1.Version")).contains("V9.9.9");
    }

    @Test
    void tr098DevicesSpeakCwmp10AndCwmp14DevicesNegotiate() throws Exception {
        acs.enqueue(ONT, "<cwmp:GetRPCMethods/>");
        fleet = Fleet.start(ont().withDevices(5).withTr098Share(1.0));
        assertThat(fleet.awaitAllBooted(Duration.ofSeconds(30))).isTrue();
        SimulatedDevice legacy = fleet.device(ONT);
        assertThat(legacy.tr098()).isTrue();
        assertThat(legacy.root()).isEqualTo("InternetGatewayDevice.");
        FakeAcs.Received methods = acs.next("GetRPCMethodsResponse");
        assertThat(methods.rawXml()).contains("urn:dslforum-org:cwmp-1-0").doesNotContain("ChangeDUState");
        assertThat(fleet.devices()).allMatch(x -> x.deviceId().equals(x.oui() + "-" + x.productClass() + "-" + x.serialNumber()));
    }
}
