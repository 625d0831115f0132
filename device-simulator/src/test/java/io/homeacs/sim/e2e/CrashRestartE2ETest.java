package io.homeacs.sim.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.homeacs.server.json.Json;
import io.homeacs.server.testsupport.PostgresDatabase;
import io.homeacs.sim.DeviceKind;
import io.homeacs.sim.Fleet;
import io.homeacs.sim.SimulatedDevice;
import io.homeacs.sim.SimulatorConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ACS is killed (SIGKILL) and restarted on the same store. With a fleet in session and tasks
 * in flight (on PostgreSQL, the production store) every task completes and no device executes its
 * task twice. On embedded H2, acknowledged writes survive the kill. The session storm is not run
 * against H2: after a hard kill its MVStore can leave a row locked by a transaction it fails to
 * roll back (a known class of H2 recovery defects), which is one reason production uses PostgreSQL.
 */
class CrashRestartE2ETest {
    @TempDir
    Path dataDir;

    @Test
    void onH2AcknowledgedTasksSurviveAKill() throws Exception {
        try (AcsProcess acs = new AcsProcess(dataDir)) {
            acs.start();
            try (Fleet fleet = Fleet.start(SimulatorConfig.defaults(acs.cwmpUrl()).withDevices(3).withKind(DeviceKind.ONT)
                .withTr098Share(0).withInformInterval(3600).withSerialPrefix("H2K"))) {
                assertThat(fleet.awaitAllBooted(Duration.ofSeconds(60))).isTrue();
                awaitNoOpenTasks(acs);
                acs.kill();
                acs.start();
                List<Long> ids = new ArrayList<>();
                for (SimulatedDevice d : fleet.devices()) {
                    Map<?, ?> t = (Map<?, ?>) Json.parse(acs.call("POST", "/api/v1/devices/" + d.deviceId() + "/tasks",
                        "{\"type\":\"reboot\"}").body());
                    ids.add(((Number) t.get("id")).longValue());
                }
                acs.kill();
                acs.start();
                for (long id : ids) {
                    assertThat(task(acs, id).get("state")).as("task %s acknowledged before the kill", id).isEqualTo("queued");
                }
            }
        }
    }

    @Test
    void onPostgresqlKilledMidSessionLosesNothingAndRepeatsNothing() throws Exception {
        try (PostgresDatabase pg = PostgresDatabase.create();
             AcsProcess acs = new AcsProcess(dataDir, "--db-url", pg.url(), "--db-user", pg.user(),
                 "--db-password", PostgresDatabase.password())) {
            acs.start();
            try (Fleet fleet = Fleet.start(SimulatorConfig.defaults(acs.cwmpUrl()).withDevices(20).withKind(DeviceKind.ONT)
                .withInformInterval(5).withRetryMinWaitSeconds(1).withSerialPrefix("KILL"))) {
                assertThat(fleet.awaitAllBooted(Duration.ofSeconds(60))).isTrue();
                awaitNoOpenTasks(acs);
                Map<SimulatedDevice, Long> tasks = new HashMap<>();
                for (SimulatedDevice d : fleet.devices()) {
                    String json = "{\"type\":\"setParameterValues\",\"parameterValues\":[{\"name\":\"" + ssid(d)
                        + "\",\"value\":\"after-crash-" + d.serialNumber() + "\"}]}";
                    Map<?, ?> t = (Map<?, ?>) Json.parse(acs.call("POST", "/api/v1/devices/" + d.deviceId() + "/tasks", json).body());
                    tasks.put(d, ((Number) t.get("id")).longValue());
                }
                fleet.devices().forEach(d -> d.inform("6 CONNECTION REQUEST"));
                RunningAcs.sleep(60);
                acs.kill();

                acs.start();
                Instant end = Instant.now().plusSeconds(90);
                for (Map.Entry<SimulatedDevice, Long> e : tasks.entrySet()) {
                    Map<?, ?> t = task(acs, e.getValue());
                    while (!"done".equals(t.get("state"))) {
                        SimulatedDevice d = e.getKey();
                        if (!Instant.now().isBefore(end)) {
                            acs.threadDump();
                        }
                        assertThat(Instant.now()).as("task %s still %s; device sessions ok=%s failed=%s inSession=%s last error: %s; ACS log and thread dump: %s",
                            e.getValue(), t, d.completedSessions(), d.failedSessions(), d.inSession(), d.lastError(), acs.logFile()).isBefore(end);
                        RunningAcs.sleep(200);
                        t = task(acs, e.getValue());
                    }
                }
                for (SimulatedDevice d : fleet.devices()) {
                    assertThat(d.value(ssid(d))).contains("after-crash-" + d.serialNumber());
                    long spvs = d.executedRpcs().stream().filter("SetParameterValues"::equals).count();
                    assertThat(spvs).as("credentials once, the task once: %s", d.executedRpcs()).isEqualTo(2);
                }
            }
        }
    }

    private static String ssid(SimulatedDevice d) {
        return d.tr098() ? "InternetGatewayDevice.LANDevice.1.WLANConfiguration.1.SSID" : "Device.WiFi.SSID.1.SSID";
    }

    private static Map<?, ?> task(AcsProcess acs, long id) {
        return (Map<?, ?>) Json.parse(acs.call("GET", "/api/v1/tasks/" + id, null).body());
    }

    private static void awaitNoOpenTasks(AcsProcess acs) {
        Instant end = Instant.now().plusSeconds(60);
        while (true) {
            boolean open = false;
            for (Object o : (Iterable<?>) ((Map<?, ?>) Json.parse(acs.call("GET", "/api/v1/devices?limit=100", null).body()))
                .get("devices")) {
                String key = (String) ((Map<?, ?>) o).get("key");
                String tasks = acs.call("GET", "/api/v1/devices/" + key + "/tasks", null).body();
                open |= tasks.contains("\"state\":\"queued\"") || tasks.contains("\"state\":\"sent\"");
            }
            if (!open) {
                return;
            }
            assertThat(Instant.now()).as("bootstrap tasks never finished").isBefore(end);
            RunningAcs.sleep(200);
        }
    }
}
