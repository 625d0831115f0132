package io.homeacs.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.homeacs.sim.cwmp.XmlNode;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LockstepSessionTest {
    private FakeAcs acs;
    private Fleet fleet;

    @BeforeEach
    void setUp() throws Exception {
        acs = new FakeAcs();
        acs.allow("bootstrap", "bootstrap");
    }

    @AfterEach
    void tearDown() {
        if (fleet != null) {
            fleet.close();
        }
        acs.close();
    }

    private SimulatedDevice startOne(DeviceKind kind) {
        fleet = Fleet.start(SimulatorConfig.defaults(acs.url()).withKind(kind).withTr098Share(0));
        return fleet.devices().get(0);
    }

    @Test
    void bootstrapSessionThenGetParameterValues() throws Exception {
        String serial = "SIMO000001";
        acs.enqueue(serial, "<cwmp:GetParameterValues><ParameterNames soap-enc:arrayType=\"xsd:string[2]\">"
                + "<string>Device.DeviceInfo.SerialNumber</string><string>Device.WiFi.SSID.1.</string>"
                + "</ParameterNames></cwmp:GetParameterValues>");
        SimulatedDevice d = startOne(DeviceKind.ONT);

        FakeAcs.Received inform = acs.next("Inform");
        assertThat(inform.serial()).isEqualTo(serial);
        assertThat(inform.rawXml()).contains("<EventCode>0 BOOTSTRAP</EventCode>", "<EventCode>1 BOOT</EventCode>",
                "Device.ManagementServer.ConnectionRequestURL", "urn:dslforum-org:cwmp-1-2");
        FakeAcs.Received gpv = acs.next("GetParameterValuesResponse");
        XmlNode list = gpv.body().child("ParameterList").orElseThrow();
        assertThat(list.children()).extracting(n -> n.child("Name").orElseThrow().text())
                .contains("Device.DeviceInfo.SerialNumber", "Device.WiFi.SSID.1.SSID");
        assertThat(fleet.awaitAllBooted(Duration.ofSeconds(30))).isTrue();
        assertThat(d.executedRpcs()).containsExactly("GetParameterValues");
        assertThat(d.failedSessions()).isZero();
        java.util.Map<String, String> informPost = acs.posts.get(0);
        assertThat(informPost).containsEntry("SOAPAction", "\"\"").containsEntry("Content-Type", "text/xml; charset=\"utf-8\"")
                .containsEntry("Cookie", "null");
        java.util.Map<String, String> empty = acs.posts.get(1);
        assertThat(empty).containsEntry("kind", "empty").containsEntry("SOAPAction", "null")
                .containsEntry("Content-Length", "0").containsEntry("Cookie", "sid=s1");
        assertThat(acs.posts.get(2)).containsEntry("kind", "xml").containsEntry("Cookie", "sid=s1");
    }

    @Test
    void faultForUnknownParameterAndNextInformHasNoBootstrap() throws Exception {
        String serial = "SIMO000001";
        acs.enqueue(serial, "<cwmp:GetParameterValues><ParameterNames soap-enc:arrayType=\"xsd:string[1]\">"
                + "<string>Device.Nope</string></ParameterNames></cwmp:GetParameterValues>");
        SimulatedDevice d = startOne(DeviceKind.ONT);
        FakeAcs.Received fault = acs.next("Fault");
        assertThat(fault.rawXml()).contains("<FaultCode>9005</FaultCode>");
        assertThat(fleet.awaitAllBooted(Duration.ofSeconds(30))).isTrue();

        d.inform("6 CONNECTION REQUEST").get(30, TimeUnit.SECONDS);
        FakeAcs.Received second = acs.next("Inform");
        assertThat(second.rawXml()).contains("6 CONNECTION REQUEST").doesNotContain("0 BOOTSTRAP");
    }

    @Test
    void wrongNamespaceInInformResponseIsASessionError() throws Exception {
        acs.wrongNamespace = "urn:dslforum-org:cwmp-1-0";
        SimulatedDevice d = startOne(DeviceKind.ONT);
        acs.next("Inform");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (d.failedSessions() == 0 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(d.failedSessions()).isPositive();
        assertThat(d.lastError()).contains("namespace");
        assertThat(d.completedSessions()).isZero();
    }
}
