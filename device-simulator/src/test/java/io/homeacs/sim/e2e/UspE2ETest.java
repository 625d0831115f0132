package io.homeacs.sim.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.homeacs.server.json.Json;
import io.homeacs.server.testsupport.PostgresDatabase;
import io.homeacs.sim.DeviceKind;
import io.homeacs.sim.SimulatorConfig;
import io.homeacs.sim.UspFleet;
import io.homeacs.sim.usp.UspAgent;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * USP agents of the simulator against a running ACS over real WebSockets, on H2 and PostgreSQL:
 * onboarding makes them devices (protocol usp) with the controller's subscriptions, tasks from the
 * REST API complete as USP messages, a profile converges one, ValueChange reaches the registry, and
 * a disconnected agent is offline, gets its queued tasks when it is back, and reboots with Boot!.
 */
class UspE2ETest {
    static final String SSID1 = "Device.WiFi.SSID.1.SSID";

    @TempDir
    Path dataDir;

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void agentsAreDevicesLikeAnyOther(String store) throws Exception {
        PostgresDatabase pg = store.equals("postgresql") ? PostgresDatabase.create() : null;
        String[] flags = pg == null ? new String[0]
            : new String[] {"--db-url", pg.url(), "--db-user", pg.user(), "--db-password", PostgresDatabase.password()};
        try (RunningAcs acs = RunningAcs.start(dataDir, flags);
             UspFleet fleet = UspFleet.start(SimulatorConfig.defaults(acs.cwmpUrl()).withDevices(3)
                 .withKind(DeviceKind.MIXED).withSerialPrefix("USP"),
                 new UspFleet.Options(acs.uspUrl(), "proto::acs-controller", "websocket"))) {
            List<UspAgent> agents = fleet.agents();
            for (UspAgent a : agents) {
                awaitIdle(acs, key(a));
            }
            UspAgent ont = agents.get(0);
            Map<String, Object> device = acs.get("/api/v1/devices/" + key(ont));
            assertThat(device).containsEntry("protocol", "usp").containsEntry("uspEndpointId", ont.endpointId())
                .containsEntry("online", true).containsEntry("softwareVersion",
                    ont.model().value("Device.DeviceInfo.SoftwareVersion").orElseThrow());
            // The first contact's full read filled the registry; the subscriptions are on the agent.
            assertThat(acs.get("/api/v1/devices/" + key(ont) + "?parameters=Device.WiFi.").toString())
                .contains(SSID1);
            assertThat(ont.model().instances("Device.LocalAgent.Subscription.")).hasSize(6);

            tasks(acs, ont);
            valueChange(acs, agents.get(2));
            profile(acs, agents.get(1));
            offlineAndBack(acs, ont);
            reboot(acs, ont);
        } finally {
            if (pg != null) {
                pg.close();
            }
        }
    }

    private static void tasks(RunningAcs acs, UspAgent ont) {
        Map<String, Object> get = done(acs, ont, "{\"type\":\"getParameterValues\",\"parameterNames\":[\"Device.DeviceInfo.\"]}");
        assertThat(get.get("result").toString()).contains("Device.DeviceInfo.SerialNumber");

        done(acs, ont, "{\"type\":\"setParameterValues\",\"parameterValues\":[{\"name\":\"" + SSID1
            + "\",\"value\":\"usp-e2e\",\"type\":\"xsd:string\"}]}");
        assertThat(ont.model().value(SSID1)).contains("usp-e2e");
        assertThat(acs.get("/api/v1/devices/" + key(ont) + "?parameters=" + SSID1).toString()).contains("usp-e2e");

        Map<String, Object> refused = finished(acs, ont, "{\"type\":\"setParameterValues\",\"parameterValues\":[{\"name\":"
            + "\"Device.DeviceInfo.SerialNumber\",\"value\":\"x\",\"type\":\"xsd:string\"}]}");
        assertThat(refused.get("state")).isEqualTo("fault");
        assertThat(refused.toString()).contains("7004").contains("Device.DeviceInfo.SerialNumber");

        Map<String, Object> add = done(acs, ont, "{\"type\":\"addObject\",\"objectName\":\"Device.NAT.PortMapping.\"}");
        Object n = ((Map<?, ?>) add.get("result")).get("instanceNumber");
        String instance = "Device.NAT.PortMapping." + n + ".";
        assertThat(ont.model().exists(instance)).isTrue();
        done(acs, ont, "{\"type\":\"deleteObject\",\"objectName\":\"" + instance + "\"}");
        assertThat(ont.model().exists(instance)).isFalse();

        assertThat(done(acs, ont, "{\"type\":\"getParameterNames\",\"parameterPath\":\"Device.WiFi.\",\"nextLevel\":false}")
            .get("result").toString()).contains("Device.WiFi.SSID.{i}.SSID");
    }

    private static void valueChange(RunningAcs acs, UspAgent agent) {
        agent.changeLocally("Device.DeviceInfo.SoftwareVersion", "9.9.9-local");
        await(() -> "9.9.9-local".equals(acs.get("/api/v1/devices/" + key(agent)).get("softwareVersion")),
            "ValueChange of SoftwareVersion reaches the registry");
    }

    private static void profile(RunningAcs acs, UspAgent agent) {
        assertThat(acs.call("PUT", "/api/v1/devices/" + key(agent) + "/tags/usp-profile", null).statusCode()).isEqualTo(200);
        HttpResponse<String> r = acs.call("POST", "/api/v1/profiles", "{\"name\":\"usp-ssid\",\"priority\":5,"
            + "\"match\":{\"tags\":[\"usp-profile\"]},\"desired\":{\"parameters\":{\"" + SSID1 + "\":\"From-Profile\"}}}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        long id = ((Number) ((Map<?, ?>) Json.parse(r.body())).get("id")).longValue();
        assertThat(acs.call("POST", "/api/v1/profiles/" + id + "/apply", null).statusCode()).isEqualTo(200);
        await(() -> {
            Map<String, Object> report = acs.get("/api/v1/devices/" + key(agent) + "/profiles");
            return "converged".equals(report.get("status")) && Boolean.TRUE.equals(report.get("inSync"));
        }, "profile converges the USP device");
        assertThat(agent.model().value(SSID1)).contains("From-Profile");
    }

    private static void offlineAndBack(RunningAcs acs, UspAgent ont) {
        ont.dropConnection();
        // The agent reconnects by itself within a second; what was queued while it was away goes out then.
        Map<String, Object> t = acs.task(key(ont), "{\"type\":\"setParameterValues\",\"parameterValues\":[{\"name\":\""
            + SSID1 + "\",\"value\":\"while-away\",\"type\":\"xsd:string\"}]}");
        long id = ((Number) t.get("id")).longValue();
        acs.awaitTask(id, x -> x.get("state").equals("done"), Duration.ofSeconds(60));
        assertThat(ont.model().value(SSID1)).contains("while-away");
        await(() -> Boolean.TRUE.equals(acs.get("/api/v1/devices/" + key(ont)).get("online")), "back online");
    }

    private static void reboot(RunningAcs acs, UspAgent ont) {
        int boots = ont.boots();
        Map<String, Object> t = done(acs, ont, "{\"type\":\"reboot\"}");
        assertThat(t.get("state")).isEqualTo("done");
        await(() -> ont.boots() == boots + 1 && ont.connected(), "agent rebooted and reconnected");
        await(() -> String.valueOf(acs.get("/api/v1/devices/" + key(ont)).get("lastEvents")).contains("1 BOOT"),
            "Boot! recorded as a boot");
        ont.close();
        await(() -> Boolean.FALSE.equals(acs.get("/api/v1/devices/" + key(ont)).get("online")), "closed agent is offline");
    }

    static String key(UspAgent a) {
        var m = a.model();
        return m.value("Device.DeviceInfo.ManufacturerOUI").orElseThrow() + "-"
            + m.value("Device.DeviceInfo.ProductClass").orElseThrow() + "-"
            + m.value("Device.DeviceInfo.SerialNumber").orElseThrow();
    }

    private static Map<String, Object> done(RunningAcs acs, UspAgent a, String json) {
        Map<String, Object> t = finished(acs, a, json);
        assertThat(t.get("state")).as(t.toString()).isEqualTo("done");
        return t;
    }

    private static Map<String, Object> finished(RunningAcs acs, UspAgent a, String json) {
        Map<String, Object> t = acs.task(key(a), json);
        long id = ((Number) t.get("id")).longValue();
        return acs.awaitTask(id, x -> !List.of("queued", "sent", "accepted").contains(x.get("state")),
            Duration.ofSeconds(60));
    }

    private static void await(BooleanSupplier condition, String what) {
        Instant end = Instant.now().plusSeconds(60);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(end)) {
                throw new AssertionError("timed out waiting: " + what);
            }
            RunningAcs.sleep(100);
        }
    }

    private static void awaitIdle(RunningAcs acs, String key) {
        await(() -> {
            HttpResponse<String> r = acs.call("GET", "/api/v1/devices/" + key + "/tasks", null);
            return r.statusCode() == 200 && !r.body().matches("(?s).*\"state\":\"(queued|sent|accepted)\".*");
        }, "device " + key + " registered and idle");
    }
}
