package io.homeacs.sim.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.homeacs.server.json.Json;
import io.homeacs.sim.DeviceKind;
import io.homeacs.sim.SimulatorConfig;
import io.homeacs.sim.UspFleet;
import io.homeacs.sim.usp.UspAgent;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A mesh gateway speaking USP (WebSocket MTP): bound to its subscriber by serial number like a CWMP
 * one, its EasyMesh Data Elements read by the first full read give the home's topology and picture.
 */
class UspMeshE2ETest {
    @TempDir
    Path dataDir;

    @Test
    void topologyOfAUspMeshGateway() throws Exception {
        try (RunningAcs acs = RunningAcs.start(dataDir)) {
            ok(acs.call("POST", "/api/v1/plans", "{\"code\":\"WIFI-88\",\"name\":\"Whole-home Wi-Fi\",\"mesh\":true}"), 201);
            ok(acs.call("POST", "/api/v1/subscribers", "{\"account\":\"4001\",\"name\":\"Family 4001\",\"address\":\"4001 Hill Rd\","
                + "\"plans\":[\"WIFI-88\"]}"), 201);
            try (UspFleet fleet = UspFleet.start(SimulatorConfig.defaults(acs.cwmpUrl()).withDevices(1)
                     .withKind(DeviceKind.MESH).withSerialPrefix("UMH"),
                     new UspFleet.Options(acs.uspUrl(), "proto::acs-controller", "websocket"))) {
                UspAgent gw = fleet.agents().get(0);
                String serial = gw.model().value("Device.DeviceInfo.SerialNumber").orElseThrow();
                ok(acs.call("POST", "/api/v1/orders", "{\"subscriberId\":1,\"serialNumber\":\"" + serial + "\"}"), 201);
                int nodes = Integer.parseInt(gw.model().value("Device.WiFi.DataElements.Network.DeviceNumberOfEntries").orElseThrow());

                Map<String, Object> t = await(acs, "/api/v1/subscribers/1/mesh", nodes);
                List<Object> ns = list(t.get("nodes"));
                assertThat(obj(ns.get(0))).containsEntry("role", "controller").containsEntry("serialNumber", serial);
                Map<String, Object> device = acs.get("/api/v1/devices/" + obj(ns.get(0)).get("deviceId"));
                assertThat(device).containsEntry("protocol", "usp");
                assertThat(list(t.get("links"))).hasSize(nodes - 1);
                for (int n = 2; n <= nodes; n++) {
                    assertThat(obj(ns.get(n - 1))).containsEntry("serialNumber", serial + "-S" + (n - 1));
                }
                HttpResponse<String> svg = acs.call("GET", "/api/v1/subscribers/1/mesh.svg", null);
                ok(svg, 200);
                assertThat(MeshE2ETest.wellFormed(svg.body()).getElementsByTagName("g").getLength()).isEqualTo(nodes);
            }
        }
    }

    private static Map<String, Object> await(RunningAcs acs, String path, int nodes) {
        Instant end = Instant.now().plusSeconds(120);
        while (true) {
            HttpResponse<String> r = acs.call("GET", path, null);
            if (r.statusCode() == 200 && list(Json.parseObject(r.body()).get("nodes")).size() == nodes) {
                return Json.parseObject(r.body());
            }
            if (Instant.now().isAfter(end)) {
                throw new AssertionError(path + " answered " + r.statusCode() + " " + r.body());
            }
            RunningAcs.sleep(200);
        }
    }

    private static void ok(HttpResponse<String> r, int status) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> obj(Object o) {
        return (Map<String, Object>) o;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object o) {
        return (List<Object>) o;
    }
}
