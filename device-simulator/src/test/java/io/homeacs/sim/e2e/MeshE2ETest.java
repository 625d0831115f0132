package io.homeacs.sim.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.homeacs.server.json.Json;
import io.homeacs.sim.DeviceKind;
import io.homeacs.sim.Fleet;
import io.homeacs.sim.SimulatedDevice;
import io.homeacs.sim.SimulatorConfig;
import io.homeacs.sim.model.MeshSpec;
import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Wi-Fi mesh homes over CWMP: three simulated homes (gateway plus satellites), their topology read
 * from the gateway's Data Elements and drawn as SVG; a layout pushed to a 3-node home and verified on
 * every node; a satellite that does not take the layout rolled back; a home with a weak backhaul
 * recommended a fix; the installer's commissioning report with the picture and the figures; a Wi-Fi fault
 * report from the weak-backhaul home judged in-home Wi-Fi coverage, naming the backhaul.
 */
class MeshE2ETest {
    @TempDir
    Path dataDir;

    @Test
    void topologyLayoutsRollbackAndCommissioningReport() throws Exception {
        try (RunningAcs acs = RunningAcs.start(dataDir, "--diagnostics-timeout-seconds", "60")) {
            ok(acs.call("POST", "/api/v1/plans", "{\"code\":\"WIFI-88\",\"name\":\"Whole-home Wi-Fi\","
                + "\"mesh\":true}"), 201);
            for (String a : List.of("3001", "3002", "3003")) {
                ok(acs.call("POST", "/api/v1/subscribers", "{\"account\":\"" + a + "\",\"name\":\"Family " + a
                    + "\",\"address\":\"" + a + " Garden Rd\",\"plans\":[\"WIFI-88\"]}"), 201);
            }
            // Home 1 and 2: three nodes, satellites managed as their own devices; home 2's last satellite fails.
            // Home 3: two nodes known only through the gateway's Data Elements, with a weak backhaul.
            List<String> home1 = List.of("MHAM000001", "MHAM000001-S1", "MHAM000001-S2");
            List<String> home2 = List.of("MHBM000001", "MHBM000001-S1", "MHBM000001-S2");
            order(acs, 1, home1);
            order(acs, 2, home2);
            order(acs, 3, List.of("MHCM000001"));
            try (Fleet f1 = Fleet.start(config(acs, "MHA"), new MeshSpec(3, "good", 2, MeshSpec.Scenario.NONE, true));
                 Fleet f2 = Fleet.start(config(acs, "MHB"), new MeshSpec(3, "good", 1, MeshSpec.Scenario.FAILING_SATELLITE, true));
                 Fleet f3 = Fleet.start(config(acs, "MHC"), new MeshSpec(2, "good", 2, MeshSpec.Scenario.WEAK_BACKHAUL, false))) {
                assertThat(f1.devices()).hasSize(3);
                assertThat(f3.devices()).hasSize(1);
                for (int o = 1; o <= 7; o++) {
                    await(acs, "/api/v1/orders/" + o, r -> "completed".equals(r.get("state")));
                }

                // Topology of home 1: three nodes, the satellites tied to their own devices, two backhaul links.
                Map<String, Object> t1 = await(acs, "/api/v1/subscribers/1/mesh", r -> list(r.get("nodes")).size() == 3);
                List<Object> nodes = list(t1.get("nodes"));
                assertThat(nodes).extracting(n -> obj(n).get("serialNumber")).containsExactlyElementsOf(home1);
                assertThat(nodes).allSatisfy(n -> assertThat(obj(n).get("deviceId")).isNotNull());
                assertThat(obj(nodes.get(0))).containsEntry("role", "controller");
                assertThat(list(t1.get("links"))).hasSize(2).extracting(l -> obj(l).get("linkType"))
                    .containsExactly("Wi-Fi", "Ethernet");
                assertThat(obj(list(t1.get("links")).get(0))).containsEntry("quality", "good").containsEntry("signalDbm", -40L);
                assertThat(list(obj(nodes.get(1)).get("clients"))).hasSize(2);
                assertThat(list(t1.get("recommendations"))).isEmpty();

                HttpResponse<String> svg = acs.call("GET", "/api/v1/subscribers/1/mesh.svg", null);
                ok(svg, 200);
                assertThat(svg.headers().firstValue("Content-Type").orElse("")).startsWith("image/svg+xml");
                assertThat(wellFormed(svg.body()).getElementsByTagName("g").getLength()).isEqualTo(3);
                assertThat(svg.body()).contains("Satellite MHAM000001-S2").contains("Ethernet");

                // Home 3: the weak backhaul is seen and a fix recommended; its satellite has no device of its own.
                Map<String, Object> t3 = acs.get("/api/v1/subscribers/3/mesh");
                assertThat(list(t3.get("nodes"))).hasSize(2);
                assertThat(obj(list(t3.get("nodes")).get(1)).get("deviceId")).isNull();
                assertThat(obj(list(t3.get("links")).get(0))).containsEntry("quality", "weak").containsEntry("signalDbm", -85L);
                assertThat(list(t3.get("recommendations"))).extracting(r -> obj(r).get("code")).contains("backhaul-weak");

                // A layout pushed to home 1: every node verified, and every simulated node broadcasts it.
                String layout = "{\"ssid\":\"Family-3001\",\"passphrase\":\"correct horse 3001\",\"bandSteering\":true,"
                    + "\"channel2g\":6,\"channel5g\":44,\"transmitPower\":80,\"preferredBackhaul\":\"auto\"}";
                HttpResponse<String> put = acs.call("PUT", "/api/v1/subscribers/1/mesh/layout", layout);
                ok(put, 200);
                assertThat(obj(json(put).get("layout"))).containsEntry("passphrase", "********");
                Map<String, Object> p1 = push(acs, 1);
                assertThat(p1.get("state")).as(p1.toString()).isEqualTo("verified");
                assertThat(list(p1.get("nodes"))).hasSize(3).allSatisfy(n -> assertThat(obj(n)).containsEntry("state", "verified"));
                for (SimulatedDevice d : f1.devices()) {
                    assertThat(d.value("Device.WiFi.SSID.1.SSID")).as(d.serialNumber()).contains("Family-3001");
                    assertThat(d.value("Device.WiFi.SSID.2.SSID")).as("band steering: one name").contains("Family-3001");
                    assertThat(d.value("Device.WiFi.Radio.2.Channel")).contains("44");
                    assertThat(d.value("Device.WiFi.Radio.1.TransmitPower")).contains("80");
                    assertThat(d.value("Device.WiFi.AccessPoint.1.Security.KeyPassphrase")).contains("correct horse 3001");
                }
                SimulatedDevice gw1 = f1.device("MHAM000001");
                assertThat(gw1.value("Device.WiFi.DataElements.Network.Device.3.Radio.1.BSS.1.SSID")).contains("Family-3001");

                // Home 2: the failing satellite takes the set but not the names; it is put back as it was.
                String before = f2.device("MHBM000001-S2").value("Device.WiFi.SSID.1.SSID").orElseThrow();
                String channelBefore = f2.device("MHBM000001-S2").value("Device.WiFi.Radio.1.Channel").orElseThrow();
                ok(acs.call("PUT", "/api/v1/subscribers/2/mesh/layout", "{\"ssid\":\"Family-3002\",\"passphrase\":"
                    + "\"correct horse 3002\",\"channel2g\":11}"), 200);
                Map<String, Object> p2 = push(acs, 2);
                assertThat(p2.get("state")).as(p2.toString()).isEqualTo("partial");
                Map<String, Object> failed = obj(list(p2.get("nodes")).get(2));
                assertThat(failed).containsEntry("state", "rolledBack");
                assertThat(failed.get("detail").toString()).contains("Device.WiFi.SSID.1.SSID").contains("rolled back");
                assertThat(obj(list(p2.get("nodes")).get(0))).containsEntry("state", "verified");
                assertThat(obj(list(p2.get("nodes")).get(1))).containsEntry("state", "verified");
                SimulatedDevice bad = f2.device("MHBM000001-S2");
                assertThat(bad.value("Device.WiFi.SSID.1.SSID")).contains(before);
                assertThat(bad.value("Device.WiFi.Radio.1.Channel")).as("rolled back").contains(channelBefore);
                assertThat(f2.device("MHBM000001-S1").value("Device.WiFi.SSID.1.SSID")).contains("Family-3002");

                // Home 3: the layout reaches the Data-Elements-only satellite through its controller.
                ok(acs.call("PUT", "/api/v1/subscribers/3/mesh/layout", "{\"ssid\":\"Family-3003\",\"bandSteering\":true}"), 200);
                Map<String, Object> p3 = push(acs, 3);
                assertThat(p3.get("state")).as(p3.toString()).isEqualTo("verified");
                assertThat(obj(list(p3.get("nodes")).get(1))).containsEntry("deviceId", null).containsEntry("state", "verified");

                // The installer's commissioning of home 3: figures, recommendations, speed test, printable report.
                HttpResponse<String> c = acs.call("POST", "/api/v1/subscribers/3/mesh/commissioning", "{\"testBytes\":2000000}");
                ok(c, 201);
                long cid = ((Number) json(c).get("id")).longValue();
                assertThat(list(json(c).get("recommendations"))).extracting(r -> obj(r).get("code")).contains("backhaul-weak");
                await(acs, "/api/v1/subscribers/3/mesh/commissioning/" + cid,
                    r -> "completed".equals(obj(r.get("speedTest")).get("state")));
                HttpResponse<String> report = acs.call("GET", "/api/v1/subscribers/3/mesh/commissioning/" + cid + "/report", null);
                ok(report, 200);
                assertThat(report.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
                assertThat(report.body()).contains("<svg").contains("Family 3003").contains("-85 dBm")
                    .contains("download").contains("Mbit/s").contains("Move satellite MHCM000001-S1 closer");
                String svgPart = report.body().substring(report.body().indexOf("<svg"), report.body().indexOf("</svg>") + 6);
                wellFormed(svgPart);

                // A Wi-Fi fault report from home 3: the line is sound, so the triage names the weak backhaul.
                HttpResponse<String> fault = acs.call("POST", "/api/v1/fault-reports", "{\"subscriberId\":3,"
                    + "\"symptom\":\"wifi\",\"description\":\"no Wi-Fi upstairs\"}");
                ok(fault, 201);
                Map<String, Object> triaged = await(acs, "/api/v1/fault-reports/" + json(fault).get("id"),
                    r -> "triaged".equals(r.get("state")));
                Map<String, Object> verdict = obj(triaged.get("verdict"));
                assertThat(verdict).as(triaged.toString()).containsEntry("category", "in-home-wifi")
                    .containsEntry("responsible", "operator");
                assertThat(verdict.get("recommendation").toString()).contains("backhaul").contains("is weak")
                    .contains("Move satellite MHCM000001-S1 closer");
                assertThat(list(obj(verdict.get("evidence")).get("meshFindings"))).extracting(m -> obj(m).get("code"))
                    .contains("backhaul-weak");
            }
        }
    }

    private static Map<String, Object> push(RunningAcs acs, long subscriber) {
        HttpResponse<String> r = acs.call("POST", "/api/v1/subscribers/" + subscriber + "/mesh/layout/push", null);
        ok(r, 202);
        long id = ((Number) json(r).get("id")).longValue();
        return await(acs, "/api/v1/subscribers/" + subscriber + "/mesh/pushes/" + id, p -> !"running".equals(p.get("state")));
    }

    private static void order(RunningAcs acs, long subscriber, List<String> serials) {
        for (String s : serials) {
            ok(acs.call("POST", "/api/v1/orders", "{\"subscriberId\":" + subscriber + ",\"serialNumber\":\"" + s + "\"}"), 201);
        }
    }

    private static SimulatorConfig config(RunningAcs acs, String prefix) {
        return SimulatorConfig.defaults(acs.cwmpUrl()).withDevices(1).withKind(DeviceKind.MESH).withSerialPrefix(prefix)
            .withInformInterval(300).withRetryMinWaitSeconds(1);
    }

    static org.w3c.dom.Document wellFormed(String xml) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

    private static Map<String, Object> await(RunningAcs acs, String path, Predicate<Map<String, Object>> done) {
        Instant end = Instant.now().plus(Duration.ofSeconds(120));
        while (true) {
            HttpResponse<String> r = acs.call("GET", path, null);
            if (r.statusCode() == 200) {
                Map<String, Object> m = json(r);
                if (done.test(m)) {
                    return m;
                }
                if (Instant.now().isAfter(end)) {
                    throw new AssertionError(path + " did not reach the expected state: " + m);
                }
            } else if (Instant.now().isAfter(end)) {
                throw new AssertionError(path + " answered " + r.statusCode() + " " + r.body());
            }
            RunningAcs.sleep(200);
        }
    }

    private static void ok(HttpResponse<String> r, int status) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
    }

    private static Map<String, Object> json(HttpResponse<String> r) {
        return Json.parseObject(r.body());
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
