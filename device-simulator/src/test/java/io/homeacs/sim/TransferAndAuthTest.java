package io.homeacs.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.homeacs.sim.cwmp.XmlNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TransferAndAuthTest {
    private static final String ONT = "SIMO000001";
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

    private SimulatedDevice start() {
        fleet = Fleet.start(SimulatorConfig.defaults(acs.url()).withKind(DeviceKind.ONT).withTr098Share(0));
        assertThat(fleet.awaitAllBooted(Duration.ofSeconds(30))).isTrue();
        return fleet.devices().get(0);
    }

    private static String download(String key, long delay) {
        return "<cwmp:Download><CommandKey>" + key + "</CommandKey><FileType>1 Firmware Upgrade Image</FileType>"
                + "<URL>http://127.0.0.1:9/fw.bin</URL><Username/><Password/><FileSize>0</FileSize><TargetFileName>fw.bin</TargetFileName>"
                + "<DelaySeconds>" + delay + "</DelaySeconds><SuccessURL/><FailureURL/></cwmp:Download>";
    }

    @Test
    void queuedTransfersCanBeListedAndCancelledOnce() throws Exception {
        acs.enqueue(ONT, download("late", 3600));
        acs.enqueue(ONT, "<cwmp:GetAllQueuedTransfers/>");
        acs.enqueue(ONT, "<cwmp:CancelTransfer><CommandKey>late</CommandKey></cwmp:CancelTransfer>");
        acs.enqueue(ONT, "<cwmp:CancelTransfer><CommandKey>late</CommandKey></cwmp:CancelTransfer>");
        acs.enqueue(ONT, "<cwmp:Download><CommandKey>x</CommandKey><FileType>2 Web Content</FileType><URL>http://h/x</URL>"
                + "<Username/><Password/><FileSize>0</FileSize><TargetFileName/><DelaySeconds>0</DelaySeconds>"
                + "<SuccessURL/><FailureURL/></cwmp:Download>");
        acs.enqueue(ONT, "<cwmp:Upload><CommandKey>u</CommandKey><FileType>1 Vendor Configuration File</FileType>"
                + "<URL>ftp://h/x</URL><Username/><Password/><DelaySeconds>0</DelaySeconds></cwmp:Upload>");
        acs.enqueue(ONT, "<cwmp:ScheduleInform><DelaySeconds>0</DelaySeconds><CommandKey>s</CommandKey></cwmp:ScheduleInform>");
        start();
        XmlNode list = acs.next("GetAllQueuedTransfersResponse").body().required("TransferList");
        XmlNode t = list.required("AllQueuedTransferStruct");
        assertThat(t.requiredText("CommandKey")).isEqualTo("late");
        assertThat(t.requiredText("State")).isEqualTo("1");
        assertThat(t.requiredText("IsDownload")).isEqualTo("1");
        assertThat(acs.next("CancelTransferResponse")).isNotNull();
        assertThat(acs.next("Fault").rawXml()).contains("<FaultCode>9021</FaultCode>");
        assertThat(acs.next("Fault").rawXml()).contains("<FaultCode>9003</FaultCode>");
        assertThat(acs.next("Fault").rawXml()).contains("<FaultCode>9013</FaultCode>");
        assertThat(acs.next("Fault").rawXml()).contains("<FaultCode>9003</FaultCode>");
    }

    @Test
    void scheduleInformAndUpload() throws Exception {
        String url = acs.url().resolve("/upload/cfg.txt").toString();
        acs.enqueue(ONT, "<cwmp:Upload><CommandKey>up-1</CommandKey><FileType>1 Vendor Configuration File</FileType>"
                + "<URL>" + url + "</URL><Username/><Password/><DelaySeconds>0</DelaySeconds></cwmp:Upload>");
        acs.enqueue(ONT, "<cwmp:ScheduleInform><DelaySeconds>1</DelaySeconds><CommandKey>si-1</CommandKey></cwmp:ScheduleInform>");
        start();
        FakeAcs.Received tc = acs.next("TransferComplete");
        assertThat(tc.body().requiredText("CommandKey")).isEqualTo("up-1");
        assertThat(tc.body().required("FaultStruct").requiredText("FaultCode")).isEqualTo("0");
        assertThat(new String(acs.uploads.get("/upload/cfg.txt"), StandardCharsets.UTF_8))
                .contains("Device.ManagementServer.PeriodicInformInterval=300");
        String scheduled = null;
        while (scheduled == null) {
            String raw = acs.next("Inform").rawXml();
            scheduled = raw.contains("3 SCHEDULED") ? raw : null;
        }
        assertThat(scheduled).contains("M ScheduleInform", "si-1");
    }

    @Test
    void staleNonceIsAnsweredSilentlyAndChallengesAreReused() throws Exception {
        SimulatedDevice d = start();
        int afterBoot = acs.challenges.get();
        d.inform("6 CONNECTION REQUEST").get(30, TimeUnit.SECONDS);
        assertThat(acs.challenges.get()).isEqualTo(afterBoot);
        acs.staleNext = true;
        d.inform("6 CONNECTION REQUEST").get(30, TimeUnit.SECONDS);
        assertThat(acs.challenges.get()).isEqualTo(afterBoot + 1);
        assertThat(d.failedSessions()).isZero();
    }

    @Test
    void wrongCredentialsFailTheSession() throws Exception {
        acs.deny("bootstrap");
        fleet = Fleet.start(SimulatorConfig.defaults(acs.url()).withKind(DeviceKind.STB));
        SimulatedDevice d = fleet.devices().get(0);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (d.failedSessions() == 0 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(d.lastError()).contains("Authentication failed");
    }
}
