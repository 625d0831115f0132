package io.homeacs.sim.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.homeacs.sim.DeviceKind;
import io.homeacs.sim.SimulatorConfig;
import io.homeacs.sim.UspFleet;
import io.homeacs.sim.usp.UspAgent;
import java.net.DatagramSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Simulated USP agents onboarding over MQTT (Mosquitto), STOMP (RabbitMQ) and CoAP against a running ACS with
 * that binding enabled: the agent becomes a USP device, a Get task completes, and after its connection drops the
 * agent comes back and a task queued meanwhile completes.
 */
class UspMtpE2ETest {
    @TempDir
    Path dataDir;

    @ParameterizedTest
    @ValueSource(strings = {"mqtt", "stomp", "coap"})
    void anAgentOnboardsAnswersTasksAndComesBackOver(String mtp) throws Exception {
        String id = UUID.randomUUID().toString().substring(0, 8);
        String[] flags;
        URI controller;
        switch (mtp) {
            case "mqtt" -> {
                String topic = "usp/controller/e2e-" + id;
                flags = new String[] {"--usp-mqtt-enabled", "true", "--usp-mqtt-topic", topic, "--usp-mqtt-client-id",
                    "acs-e2e-" + id};
                controller = URI.create("mqtt://127.0.0.1:1883/" + topic);
            }
            case "stomp" -> {
                String dest = "/queue/usp.controller.e2e-" + id;
                flags = new String[] {"--usp-stomp-enabled", "true", "--usp-stomp-destination", dest,
                    "--usp-stomp-username", "guest", "--usp-stomp-password", "guest"};
                controller = URI.create("stomp://guest:guest@127.0.0.1:61613" + dest);
            }
            default -> {
                int port;
                try (DatagramSocket s = new DatagramSocket(0)) {
                    port = s.getLocalPort();
                }
                flags = new String[] {"--usp-coap-enabled", "true", "--usp-coap-bind", "127.0.0.1", "--usp-coap-port",
                    Integer.toString(port)};
                controller = URI.create("coap://127.0.0.1:" + port + "/usp");
            }
        }
        try (RunningAcs acs = RunningAcs.start(dataDir, flags);
             UspFleet fleet = UspFleet.start(SimulatorConfig.defaults(acs.cwmpUrl()).withDevices(1)
                 .withKind(DeviceKind.ONT).withSerialPrefix("M" + mtp.charAt(0) + id.substring(0, 4)),
                 new UspFleet.Options(controller, "proto::acs-controller", mtp))) {
            UspAgent agent = fleet.agents().get(0);
            String key = UspE2ETest.key(agent);
            await(() -> acs.call("GET", "/api/v1/devices/" + key, null).statusCode() == 200, "device registered");
            Map<String, Object> device = acs.get("/api/v1/devices/" + key);
            assertThat(device).containsEntry("protocol", "usp").containsEntry("uspEndpointId", agent.endpointId());

            Map<String, Object> get = done(acs, key, "{\"type\":\"getParameterValues\",\"parameterNames\":"
                + "[\"Device.DeviceInfo.SoftwareVersion\"]}");
            assertThat(get.get("result").toString())
                .contains(agent.model().value("Device.DeviceInfo.SoftwareVersion").orElseThrow());

            agent.dropConnection();
            Map<String, Object> set = done(acs, key, "{\"type\":\"setParameterValues\",\"parameterValues\":[{\"name\":\""
                + UspE2ETest.SSID1 + "\",\"value\":\"over-" + mtp + "\",\"type\":\"xsd:string\"}]}");
            assertThat(set.get("state")).isEqualTo("done");
            assertThat(agent.model().value(UspE2ETest.SSID1)).contains("over-" + mtp);
        }
    }

    private static Map<String, Object> done(RunningAcs acs, String key, String json) {
        Map<String, Object> t = acs.task(key, json);
        long id = ((Number) t.get("id")).longValue();
        Map<String, Object> end = acs.awaitTask(id, x -> !List.of("queued", "sent", "accepted").contains(x.get("state")),
            Duration.ofSeconds(90));
        assertThat(end.get("state")).as(end.toString()).isEqualTo("done");
        return end;
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

}
