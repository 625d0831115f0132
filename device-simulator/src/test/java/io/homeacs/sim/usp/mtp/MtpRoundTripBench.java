package io.homeacs.sim.usp.mtp;

import io.homeacs.server.config.MtpConfig;
import io.homeacs.server.metrics.AcsMetrics;
import io.homeacs.server.usp.mtp.MtpBinding;
import io.homeacs.server.usp.mtp.coap.CoapBinding;
import io.homeacs.server.usp.mtp.mqtt.MqttBinding;
import io.homeacs.server.usp.mtp.stomp.StompBinding;
import io.homeacs.sim.usp.mtp.coap.CoapAgentTransport;
import io.homeacs.sim.usp.mtp.mqtt.MqttAgentTransport;
import io.homeacs.sim.usp.mtp.stomp.StompAgentTransport;
import java.util.Arrays;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Round trips of a 200-byte record through each MTP (agent → controller binding → echo → agent), one agent,
 * against the local brokers (MQTT on the port given as the first argument, default 1883): sequential latency (p50, p99) and pipelined records per second. Not a test;
 * see docs/benchmarks.md for the command.
 */
public final class MtpRoundTripBench {
    private static final int WARMUP = 300;
    private static final int MEASURED = 2000;

    public static void main(String[] args) throws Exception {
        String id = UUID.randomUUID().toString().substring(0, 6);
        int mqttPort = args.length > 0 ? Integer.parseInt(args[0]) : 1883;
        String topic = "usp/controller/bench-" + id;
        String dest = "/queue/usp.controller.bench-" + id;
        run("mqtt", new MqttBinding(new MtpConfig.Mqtt(true, "127.0.0.1", mqttPort, false, "", "", "", topic, 30), 1 << 20,
            "proto::bench-" + id, new AcsMetrics()), null, mqttPort);
        run("stomp", new StompBinding(new MtpConfig.Stomp(true, "127.0.0.1", 61613, false, "/", "guest", "guest", dest, 30),
            1 << 20, "proto::bench", new AcsMetrics()), null, mqttPort);
        CoapBinding coap = new CoapBinding(new MtpConfig.Coap(true, "127.0.0.1", 0, "/usp", "127.0.0.1", -1, "", "", null, ""),
            1 << 20, new AcsMetrics());
        run("coap", coap, coap, mqttPort);
        for (String q : new String[] {dest.substring(7), "usp.agent.os::bench-stomp-" + id}) {
            new ProcessBuilder("rabbitmqctl", "-q", "delete_queue", q).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor();
        }
    }

    private static void run(String mtp, MtpBinding binding, CoapBinding coap, int mqttPort) throws Exception {
        binding.start(new EchoSink());
        String id = UUID.randomUUID().toString().substring(0, 6);
        AgentTransport agent = switch (mtp) {
            case "mqtt" -> MqttAgentTransport.of("127.0.0.1", mqttPort, "os::bench-mqtt-" + id,
                ((MqttBinding) binding).topic());
            case "stomp" -> StompAgentTransport.of("127.0.0.1", 61613, "os::bench-stomp-" + id,
                ((StompBinding) binding).destination());
            default -> CoapAgentTransport.of("os::bench-coap", "coap://127.0.0.1:" + coap.port() + "/usp");
        };
        BlockingQueue<byte[]> answers = new LinkedBlockingQueue<>();
        agent.connect(answers::add, () -> { });
        byte[] record = new byte[200];
        long[] nanos = new long[MEASURED];
        for (int i = 0; i < WARMUP + MEASURED; i++) {
            long t0 = System.nanoTime();
            agent.send(record);
            if (answers.poll(30, TimeUnit.SECONDS) == null) {
                throw new IllegalStateException(mtp + ": no echo");
            }
            if (i >= WARMUP) {
                nanos[i - WARMUP] = System.nanoTime() - t0;
            }
        }
        Arrays.sort(nanos);
        long start = System.nanoTime();
        for (int i = 0; i < MEASURED; i++) {
            agent.send(record);
        }
        for (int i = 0; i < MEASURED; i++) {
            if (answers.poll(60, TimeUnit.SECONDS) == null) {
                throw new IllegalStateException(mtp + ": echo " + i + " missing");
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("RESULT mtp=%s round_trip_p50_ms=%.2f p99_ms=%.2f pipelined_records_per_s=%.0f%n", mtp,
            nanos[MEASURED / 2] / 1e6, nanos[MEASURED * 99 / 100] / 1e6, MEASURED / seconds);
        agent.close();
        binding.close();
    }
}
