package io.homeacs.sim.e2e;

import io.homeacs.firmware.Ed25519Keys;
import io.homeacs.firmware.ImageContainer;
import io.homeacs.firmware.ImageManifest;
import io.homeacs.firmware.ManifestSigner;
import io.homeacs.firmware.VersionRange;
import io.homeacs.server.json.Json;
import io.homeacs.sim.DeviceKind;
import io.homeacs.sim.FirmwareBehaviour;
import io.homeacs.sim.Fleet;
import io.homeacs.sim.SimulatorConfig;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A firmware campaign over a simulated fleet, measured: the ACS runs as its own process (so its CPU
 * time is its own), the fleet in this JVM. Prints the campaign's total time from creation to finished,
 * the ACS's CPU time over it, and the downloads the file server completed per second (average over
 * the campaign and the best 5-second window). Not a test: run by hand, figures go to docs/benchmarks.md.
 *
 * <p>Arguments: devices (10000), concurrency (500), image bytes (4096), then optionally a PostgreSQL
 * URL, user and password (default: embedded H2).
 */
public final class CampaignBenchmark {
    private static final Pattern COMPLETED = Pattern.compile("acs_firmware_downloads_total\\{outcome=\"completed\"[^}]*} ([0-9.E]+)");

    private CampaignBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int devices = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int concurrency = args.length > 1 ? Integer.parseInt(args[1]) : 500;
        int imageBytes = args.length > 2 ? Integer.parseInt(args[2]) : 4096;
        int fwPort;
        try (ServerSocket s = new ServerSocket(0)) {
            fwPort = s.getLocalPort();
        }
        List<String> extra = new ArrayList<>(List.of("--firmware-server-port", Integer.toString(fwPort),
            "--firmware-download-url", "http://127.0.0.1:" + fwPort, "--firmware-server-max-concurrent", "1000",
            "--campaign-min-notice-hours", "0", "--campaign-enterprise-notice-hours", "0", "--campaign-tick-ms", "200"));
        if (args.length > 5) {
            extra.addAll(List.of("--db-url", args[3], "--db-user", args[4], "--db-password", args[5]));
        }
        Path dataDir = Files.createTempDirectory("campaign-bench");
        KeyPair operator = Ed25519Keys.generate();
        try (AcsProcess acs = new AcsProcess(dataDir, extra.toArray(String[]::new))) {
            acs.start();
            call(acs, "POST", "/api/v1/firmware/keys", Json.write(Map.of("name", "bench",
                "publicKey", Ed25519Keys.publicPem(operator.getPublic()))));
            long imageId = upload(acs, image(operator, "V5R020C10S200", imageBytes));
            SimulatorConfig c = SimulatorConfig.defaults(acs.cwmpUrl()).withDevices(devices).withKind(DeviceKind.ONT)
                .withTr098Share(0).withRetryMinWaitSeconds(5).withInformInterval(3600).withSerialPrefix("BENCH");
            FirmwareBehaviour b = FirmwareBehaviour.DEFAULT.withTrustKeys(List.of(operator.getPublic())).withFlashMillis(100);
            try (Fleet fleet = Fleet.start(c, b)) {
                long bootStart = System.nanoTime();
                if (!fleet.awaitAllBooted(Duration.ofMinutes(20))) {
                    throw new IllegalStateException("the fleet did not boot");
                }
                System.out.printf("fleet of %d booted in %.1f s%n", devices, (System.nanoTime() - bootStart) / 1e9);
                RunningAcs.sleep(30_000); // let onboarding (credentials, full refresh) settle before measuring
                double downloads0 = completed(acs);
                Duration cpu0 = acs.cpuTime().orElse(Duration.ZERO);
                long t0 = System.nanoTime();
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("name", "bench");
                body.put("imageId", imageId);
                body.put("query", Map.of("q", "BENCH"));
                body.put("waves", List.of(1, 10, 25));
                body.put("notice", "PT1S");
                body.put("concurrency", concurrency);
                body.put("maxFailurePercent", 5);
                body.put("successTimeLimit", "PT30M");
                HttpResponse<String> r = call(acs, "POST", "/api/v1/campaigns", Json.write(body));
                if (r.statusCode() != 201) {
                    throw new IllegalStateException(r.body());
                }
                long id = ((Number) ((Map<?, ?>) Json.parse(r.body())).get("id")).longValue();
                System.out.printf("campaign created in %.1f s%n", (System.nanoTime() - t0) / 1e9);
                double best = 0;
                double[] window = new double[6];
                int tick = 0;
                Map<?, ?> state;
                while (true) {
                    RunningAcs.sleep(1000);
                    double now = completed(acs);
                    window[tick % 6] = now;
                    if (tick >= 5) {
                        best = Math.max(best, (now - window[(tick - 5) % 6]) / 5.0);
                    }
                    tick++;
                    state = (Map<?, ?>) Json.parse(call(acs, "GET", "/api/v1/campaigns/" + id, null).body());
                    if (List.of("finished", "halted", "cancelled").contains(state.get("state"))) {
                        break;
                    }
                    if (tick % 10 == 0) {
                        System.out.printf("%4d s: wave %s, counts %s%n", tick, state.get("currentWave"), state.get("counts"));
                    }
                }
                double seconds = (System.nanoTime() - t0) / 1e9;
                Duration cpu = acs.cpuTime().orElse(Duration.ZERO).minus(cpu0);
                double served = completed(acs) - downloads0;
                System.out.printf("campaign %s: %d devices, counts %s%n", state.get("state"), devices, state.get("counts"));
                System.out.printf("total %.1f s, ACS CPU %.1f s (%.0f %% of one core on average), downloads %.0f: "
                    + "%.1f/s average, %.1f/s best 5 s window%n", seconds, cpu.toMillis() / 1000.0,
                    cpu.toMillis() / 10.0 / seconds, served, served / seconds, best);
            }
        }
    }

    private static double completed(AcsProcess acs) {
        Matcher m = COMPLETED.matcher(call(acs, "GET", "/metrics", null).body());
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }

    private static HttpResponse<String> call(AcsProcess acs, String method, String path, String json) {
        return acs.call(method, path, json);
    }

    private static byte[] image(KeyPair key, String version, int size) throws Exception {
        byte[] payload = new byte[size];
        new Random(1).nextBytes(payload);
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(payload));
        ImageManifest m = new ImageManifest("OptiLink", "A4C3F0", List.of("HG8245Q2"), List.of(), version, payload.length, sha,
            "bench", List.of(VersionRange.parse("[V5R020C10S100,V5R020C10S200)")), null, null);
        byte[] header = ImageContainer.header(m, new ManifestSigner(key.getPrivate()).sign(m));
        byte[] all = Arrays.copyOf(header, header.length + payload.length);
        System.arraycopy(payload, 0, all, header.length, payload.length);
        return all;
    }

    private static long upload(AcsProcess acs, byte[] image) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + acs.apiPort + "/api/v1/firmware/images"))
            .header("Authorization", "Bearer " + acs.token()).header("Content-Type", "application/octet-stream")
            .POST(HttpRequest.BodyPublishers.ofByteArray(image)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 201) {
            throw new IllegalStateException(r.body());
        }
        return ((Number) ((Map<?, ?>) Json.parse(r.body())).get("id")).longValue();
    }
}
