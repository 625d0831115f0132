package io.homeacs.sim.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.homeacs.sim.DeviceKind;
import io.homeacs.sim.Fleet;
import io.homeacs.sim.SimulatedDevice;
import io.homeacs.sim.SimulatorConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every ACS-initiated RPC, queued through the REST API, delivered by connection request to a
 * simulated ONT and answered as a real CPE would — including its faults.
 */
class EveryRpcE2ETest {
    @TempDir
    static Path dataDir;
    static RunningAcs acs;
    static Fleet fleet;
    static FileServer files;
    static SimulatedDevice ont;

    @BeforeAll
    static void start() {
        acs = RunningAcs.start(dataDir);
        files = new FileServer();
        fleet = Fleet.start(SimulatorConfig.defaults(acs.cwmpUrl()).withDevices(1).withKind(DeviceKind.ONT)
            .withTr098Share(0).withRetryMinWaitSeconds(1).withSerialPrefix("RPC"));
        assertThat(fleet.awaitAllBooted(Duration.ofSeconds(60))).isTrue();
        ont = fleet.devices().get(0);
        awaitIdle();
    }

    @AfterAll
    static void stop() {
        fleet.close();
        files.close();
        acs.close();
    }

    private static Map<String, Object> run(String json) {
        awaitIdle();
        String body = json.substring(0, json.length() - 1) + ",\"connectionRequest\":true,\"waitSeconds\":30}";
        Map<String, Object> t = acs.task(ont.deviceId(), body);
        assertThat(t.get("connectionRequest").toString()).contains("delivered=true");
        return t;
    }

    private static Map<String, Object> finished(String json) {
        Map<String, Object> t = run(json);
        long id = ((Number) t.get("id")).longValue();
        return acs.awaitTask(id, x -> !x.get("state").equals("queued") && !x.get("state").equals("sent")
            && !x.get("state").equals("accepted"), Duration.ofSeconds(60));
    }

    /** The device must be out of session and have no unfinished system tasks before a step starts. */
    private static void awaitIdle() {
        Instant end = Instant.now().plusSeconds(30);
        while (ont.inSession() || acs.get("/api/v1/devices/" + ont.deviceId() + "/tasks").toString()
            .matches("(?s).*state=(queued|sent|accepted).*")) {
            if (Instant.now().isAfter(end)) {
                throw new AssertionError("device never became idle");
            }
            RunningAcs.sleep(50);
        }
    }

    @Test
    void readOnlyRpcs() {
        assertThat(finished("{\"type\":\"getRpcMethods\"}").get("result").toString()).contains("GetParameterValues");
        assertThat(finished("{\"type\":\"getParameterNames\",\"parameterPath\":\"Device.WiFi.\",\"nextLevel\":true}")
            .get("result").toString()).contains("Device.WiFi.SSID.");
        Map<String, Object> gpv = finished("{\"type\":\"getParameterValues\",\"parameterNames\":[\"Device.DeviceInfo.\"]}");
        assertThat(gpv.get("state")).isEqualTo("done");
        assertThat(gpv.get("result").toString()).contains(ont.serialNumber());
        assertThat(finished("{\"type\":\"getParameterAttributes\",\"parameterNames\":[\"Device.WiFi.SSID.1.SSID\"]}")
            .get("result").toString()).contains("notification");
        assertThat(finished("{\"type\":\"getAllQueuedTransfers\"}").get("state")).isEqualTo("done");
    }

    @Test
    void setValuesAndTheirFaults() {
        Map<String, Object> ok = finished("{\"type\":\"setParameterValues\",\"parameterValues\":[{\"name\":"
            + "\"Device.WiFi.SSID.1.SSID\",\"value\":\"E2E-Home\"}]}");
        assertThat(ok.get("state")).isEqualTo("done");
        assertThat(ont.value("Device.WiFi.SSID.1.SSID")).contains("E2E-Home");
        assertThat(acs.get("/api/v1/devices/" + ont.deviceId() + "?parameters=Device.WiFi.SSID.1.").toString()).contains("E2E-Home");

        Map<String, Object> readOnly = finished("{\"type\":\"setParameterValues\",\"parameterValues\":[{\"name\":"
            + "\"Device.DeviceInfo.SerialNumber\",\"value\":\"X\"}]}");
        assertThat(readOnly.get("state")).isEqualTo("fault");
        assertThat(readOnly.get("fault").toString()).contains("9003");
        assertThat(readOnly.get("result").toString()).contains("9008");
        assertThat(ont.value("Device.DeviceInfo.SerialNumber")).contains(ont.serialNumber());

        Map<String, Object> missing = finished("{\"type\":\"getParameterValues\",\"parameterNames\":[\"Device.NoSuch.\"]}");
        assertThat(missing.get("fault").toString()).contains("9005");
    }

    @Test
    void objectsAreAddedAndDeleted() {
        Map<String, Object> added = finished("{\"type\":\"addObject\",\"objectName\":\"Device.NAT.PortMapping.\"}");
        assertThat(added.get("state")).isEqualTo("done");
        long instance = ((Number) ((Map<?, ?>) added.get("result")).get("instanceNumber")).longValue();
        assertThat(ont.value("Device.NAT.PortMapping." + instance + ".Enable")).isPresent();
        Map<String, Object> deleted = finished("{\"type\":\"deleteObject\",\"objectName\":\"Device.NAT.PortMapping."
            + instance + ".\"}");
        assertThat(deleted.get("state")).isEqualTo("done");
        assertThat(ont.value("Device.NAT.PortMapping." + instance + ".Enable")).isEmpty();
    }

    @Test
    void activeNotificationBringsLocalChangesToTheRegistry() {
        assertThat(finished("{\"type\":\"setParameterAttributes\",\"attributes\":[{\"name\":\"Device.WiFi.SSID.2.SSID\","
            + "\"notification\":2}]}").get("state")).isEqualTo("done");
        awaitIdle();
        ont.setLocal("Device.WiFi.SSID.2.SSID", "Changed-On-Device");
        Instant end = Instant.now().plusSeconds(30);
        while (!acs.get("/api/v1/devices/" + ont.deviceId() + "?parameters=Device.WiFi.SSID.2.").toString()
            .contains("Changed-On-Device")) {
            assertThat(Instant.now()).isBefore(end);
            RunningAcs.sleep(100);
        }
        assertThat(acs.get("/api/v1/devices/" + ont.deviceId()).get("recentEvents").toString()).contains("4 VALUE CHANGE");
    }

    @Test
    void transfersCompleteThroughTransferComplete() {
        String fw = files.put("/fw/2.0.0.bin", "version=9.9.9-e2e\nfirmware payload\n");
        Map<String, Object> download = finished("{\"type\":\"download\",\"fileType\":\"1 Firmware Upgrade Image\","
            + "\"url\":\"" + fw + "\"}");
        assertThat(download.get("state")).as(download.toString()).isEqualTo("done");
        assertThat(acs.get("/api/v1/devices/" + ont.deviceId()).get("softwareVersion")).isEqualTo("9.9.9-e2e");

        Map<String, Object> broken = finished("{\"type\":\"download\",\"fileType\":\"1 Firmware Upgrade Image\","
            + "\"url\":\"" + files.url("/missing.bin") + "\"}");
        assertThat(broken.get("state")).isEqualTo("fault");
        assertThat(broken.get("fault").toString()).contains("9010");

        Map<String, Object> upload = finished("{\"type\":\"upload\",\"fileType\":\"1 Vendor Configuration File\","
            + "\"url\":\"" + files.url("/upload/" + ont.serialNumber()) + "\"}");
        assertThat(upload.get("state")).isEqualTo("done");
        assertThat(files.uploads).anyMatch(u -> u.startsWith("/upload/" + ont.serialNumber()));

        String fw2 = files.put("/fw/2.1.bin", "version=9.9.10-e2e\n");
        Map<String, Object> scheduled = finished("{\"type\":\"scheduleDownload\",\"fileType\":\"1 Firmware Upgrade Image\","
            + "\"url\":\"" + fw2 + "\",\"timeWindows\":[{\"start\":0,\"end\":3600}]}");
        assertThat(scheduled.get("state")).isEqualTo("done");

        Map<String, Object> cancel = finished("{\"type\":\"cancelTransfer\",\"commandKey\":\"no-such-transfer\"}");
        assertThat(cancel.get("fault").toString()).contains("9021");
    }

    @Test
    void softwareModulesAreInstalled() {
        String du = files.put("/du/app.ipk", "deployment unit\n");
        Map<String, Object> t = finished("{\"type\":\"changeDuState\",\"operations\":[{\"operation\":\"install\","
            + "\"url\":\"" + du + "\",\"uuid\":\"6f1a2b3c-0000-4000-8000-00000000e2e0\"}]}");
        assertThat(t.get("state")).as(t.toString()).isEqualTo("done");
        assertThat(t.get("result").toString()).contains("6f1a2b3c-0000-4000-8000-00000000e2e0");
    }

    @Test
    void scheduleInformRebootAndFactoryReset() {
        assertThat(finished("{\"type\":\"scheduleInform\",\"delaySeconds\":1}").get("state")).isEqualTo("done");
        awaitEvent("3 SCHEDULED");
        assertThat(finished("{\"type\":\"reboot\"}").get("state")).isEqualTo("done");
        awaitEvent("M Reboot");
        assertThat(finished("{\"type\":\"factoryReset\"}").get("state")).isEqualTo("done");
        awaitEvent("0 BOOTSTRAP");
        awaitIdle();
        assertThat(finished("{\"type\":\"getRpcMethods\"}").get("state")).as("reachable with re-provisioned credentials")
            .isEqualTo("done");
    }

    private static void awaitEvent(String code) {
        Instant end = Instant.now().plusSeconds(30);
        while (!acs.get("/api/v1/devices/" + ont.deviceId()).get("recentEvents").toString().contains(code)) {
            if (Instant.now().isAfter(end)) {
                throw new AssertionError("no " + code + " event");
            }
            RunningAcs.sleep(100);
        }
    }
}
