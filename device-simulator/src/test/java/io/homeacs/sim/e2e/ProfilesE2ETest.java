package io.homeacs.sim.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.homeacs.server.json.Json;
import io.homeacs.server.testsupport.PostgresDatabase;
import io.homeacs.sim.DeviceKind;
import io.homeacs.sim.Fleet;
import io.homeacs.sim.SimulatedDevice;
import io.homeacs.sim.SimulatorConfig;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Profiles against simulated ONTs, on H2 and PostgreSQL: one SetParameterValues brings a device to
 * its desired state (set partly through normalised names), a device already there gets no RPC, a
 * priority conflict is resolved and reported, and an object instance that must exist is created.
 */
class ProfilesE2ETest {
    static final String SSID1 = "Device.WiFi.SSID.1.SSID";
    static final String SSID2 = "Device.WiFi.SSID.2.SSID";
    static final String PORTS = "Device.NAT.PortMapping.";

    @TempDir
    Path dataDir;

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void profilesConvergeDevicesWithTheFewestRpcs(String store) {
        PostgresDatabase pg = store.equals("postgresql") ? PostgresDatabase.create() : null;
        String[] flags = pg == null ? new String[0]
            : new String[] {"--db-url", pg.url(), "--db-user", pg.user(), "--db-password", PostgresDatabase.password()};
        try (RunningAcs acs = RunningAcs.start(dataDir, flags);
             Fleet fleet = Fleet.start(SimulatorConfig.defaults(acs.cwmpUrl()).withDevices(3).withKind(DeviceKind.ONT)
                 .withTr098Share(0).withRetryMinWaitSeconds(1).withSerialPrefix("PRF"))) {
            assertThat(fleet.awaitAllBooted(Duration.ofSeconds(60))).isTrue();
            List<SimulatedDevice> d = fleet.devices();
            for (SimulatedDevice x : d) {
                awaitIdle(acs, x);
            }
            valuesInOneSetThenNothing(acs, d.get(0));
            conflictResolvedAndReported(acs, d.get(1));
            objectCreatedOnce(acs, d.get(2));
        } finally {
            if (pg != null) {
                pg.close();
            }
        }
    }

    private void valuesInOneSetThenNothing(RunningAcs acs, SimulatedDevice ont) {
        tag(acs, ont, "pf-values");
        long id = create(acs, "{\"name\":\"values\",\"priority\":5,\"match\":{\"kind\":\"gateway\",\"tags\":[\"pf-values\"]},"
            + "\"desired\":{\"parameters\":{\"wifiSsid2g\":\"E2E-Profile\",\"" + SSID2 + "\":\"E2E-Profile-5G\"}}}");
        int rpcs = ont.executedRpcs().size();
        assertThat(apply(acs, id)).containsEntry("matched", 1L).containsEntry("applying", 1L);
        awaitConverged(acs, ont);
        assertThat(ont.executedRpcs().subList(rpcs, ont.executedRpcs().size())).containsExactly("SetParameterValues");
        assertThat(ont.value(SSID1)).contains("E2E-Profile");
        assertThat(ont.value(SSID2)).contains("E2E-Profile-5G");

        // Already in its desired state: applying again and a new session cost no RPC and no task.
        int tasks = taskCount(acs, ont);
        assertThat(apply(acs, id)).containsEntry("inSync", 1L).containsEntry("applying", 0L);
        ont.inform("6 CONNECTION REQUEST").join();
        assertThat(ont.executedRpcs()).hasSize(rpcs + 1);
        assertThat(taskCount(acs, ont)).isEqualTo(tasks);
    }

    private void conflictResolvedAndReported(RunningAcs acs, SimulatedDevice ont) {
        tag(acs, ont, "pf-conflict");
        long low = create(acs, "{\"name\":\"ssid-low\",\"priority\":10,\"match\":{\"tags\":[\"pf-conflict\"]},"
            + "\"desired\":{\"parameters\":{\"" + SSID1 + "\":\"Low\"}}}");
        long high = create(acs, "{\"name\":\"ssid-high\",\"priority\":20,\"match\":{\"tags\":[\"pf-conflict\"]},"
            + "\"desired\":{\"parameters\":{\"wifiSsid2g\":\"High\"}}}");
        int rpcs = ont.executedRpcs().size();
        apply(acs, high);
        Map<String, Object> report = awaitConverged(acs, ont);
        assertThat(ont.executedRpcs().subList(rpcs, ont.executedRpcs().size())).containsExactly("SetParameterValues");
        assertThat(ont.value(SSID1)).contains("High");
        List<?> conflicts = (List<?>) report.get("conflicts");
        assertThat(conflicts).hasSize(1);
        assertThat(conflicts.get(0).toString()).contains(SSID1).contains("name=ssid-high").contains("value=High")
            .contains("name=ssid-low").contains("value=Low");
        Map<?, ?> lostOn = (Map<?, ?>) acs.get("/api/v1/profiles/" + low).get("lostOn");
        assertThat(lostOn.get("devices")).isEqualTo(1L);
        assertThat(lostOn.get("sample").toString()).contains(ont.deviceId());
    }

    private void objectCreatedOnce(RunningAcs acs, SimulatedDevice ont) {
        tag(acs, ont, "pf-object");
        long id = create(acs, "{\"name\":\"voip-port\",\"priority\":10,\"match\":{\"tags\":[\"pf-object\"]},"
            + "\"desired\":{\"objects\":[{\"path\":\"" + PORTS + "\",\"key\":{\"Description\":\"e2e-voip\"},"
            + "\"parameters\":{\"Enable\":true,\"ExternalPort\":5060,\"InternalPort\":5060,\"Protocol\":\"UDP\","
            + "\"InternalClient\":\"192.168.1.20\"}}],\"tags\":[\"voip\"]}}");
        int rpcs = ont.executedRpcs().size();
        apply(acs, id);
        Map<String, Object> report = awaitConverged(acs, ont);
        assertThat(ont.executedRpcs().subList(rpcs, ont.executedRpcs().size()))
            .containsExactly("AddObject", "GetParameterValues", "SetParameterValues");
        String instance = (String) ((Map<?, ?>) ((List<?>) report.get("objects")).get(0)).get("instance");
        assertThat(instance).startsWith(PORTS);
        assertThat(ont.value(instance + "Description")).contains("e2e-voip");
        assertThat(ont.value(instance + "ExternalPort")).contains("5060");
        assertThat(ont.value(instance + "Enable")).contains("true");
        assertThat(acs.get("/api/v1/devices/" + ont.deviceId()).get("tags").toString()).contains("voip");

        int after = ont.executedRpcs().size();
        assertThat(apply(acs, id)).containsEntry("applying", 0L);
        assertThat(ont.executedRpcs()).hasSize(after);
    }

    private static void tag(RunningAcs acs, SimulatedDevice ont, String tag) {
        assertThat(acs.call("PUT", "/api/v1/devices/" + ont.deviceId() + "/tags/" + tag, null).statusCode()).isEqualTo(200);
    }

    private static long create(RunningAcs acs, String json) {
        HttpResponse<String> r = acs.call("POST", "/api/v1/profiles", json);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return ((Number) ((Map<?, ?>) Json.parse(r.body())).get("id")).longValue();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> apply(RunningAcs acs, long id) {
        HttpResponse<String> r = acs.call("POST", "/api/v1/profiles/" + id + "/apply", null);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return (Map<String, Object>) Json.parse(r.body());
    }

    /** Polls the device's profile report until its evaluation has ended converged (or fails with the last report). */
    private static Map<String, Object> awaitConverged(RunningAcs acs, SimulatedDevice ont) {
        Instant end = Instant.now().plusSeconds(60);
        Map<String, Object> report = acs.get("/api/v1/devices/" + ont.deviceId() + "/profiles");
        while (!("converged".equals(report.get("status")) && Boolean.TRUE.equals(report.get("upToDate"))
            && Boolean.TRUE.equals(report.get("inSync"))) || ont.inSession()) {
            if (Instant.now().isAfter(end)) {
                throw new AssertionError("device " + ont.deviceId() + " did not converge: " + report);
            }
            RunningAcs.sleep(100);
            report = acs.get("/api/v1/devices/" + ont.deviceId() + "/profiles");
        }
        return report;
    }

    private static void awaitIdle(RunningAcs acs, SimulatedDevice ont) {
        Instant end = Instant.now().plusSeconds(60);
        while (ont.inSession() || acs.get("/api/v1/devices/" + ont.deviceId() + "/tasks").toString()
            .matches("(?s).*state=(queued|sent|accepted).*")) {
            if (Instant.now().isAfter(end)) {
                throw new AssertionError("device " + ont.deviceId() + " never became idle");
            }
            RunningAcs.sleep(50);
        }
    }

    private static int taskCount(RunningAcs acs, SimulatedDevice ont) {
        return ((List<?>) acs.get("/api/v1/devices/" + ont.deviceId() + "/tasks?limit=500").get("tasks")).size();
    }
}
