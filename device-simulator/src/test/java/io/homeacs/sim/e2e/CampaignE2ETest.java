package io.homeacs.sim.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.homeacs.firmware.Ed25519Keys;
import io.homeacs.firmware.ImageContainer;
import io.homeacs.firmware.ImageManifest;
import io.homeacs.firmware.ManifestSigner;
import io.homeacs.firmware.VersionRange;
import io.homeacs.server.json.Json;
import io.homeacs.server.testsupport.PostgresDatabase;
import io.homeacs.sim.DeviceKind;
import io.homeacs.sim.FirmwareBehaviour;
import io.homeacs.sim.Fleet;
import io.homeacs.sim.SimulatedDevice;
import io.homeacs.sim.SimulatorConfig;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Firmware campaigns against simulated ONTs with nothing faked: signed images uploaded over REST,
 * the campaign created over REST, every download fetched from the ACS's file server with its signed
 * URL, verified, flashed, and the device back with the new version. A thousand devices through a
 * canary and growing waves; injected refusals halting the campaign at its threshold with the
 * failures explained, then a rollback of the wave; a SIGKILL of the ACS mid-campaign.
 */
class CampaignE2ETest {
    private static final String OLD = "V5R020C10S115";
    private static final String NEW = "V5R020C10S200";
    private static final KeyPair OPERATOR = Ed25519Keys.generate();
    // The tests read every device's tasks over the API in a burst; the per-token limit (50/s) would answer 429.
    private static final String[] FAST = {"--campaign-min-notice-hours", "0", "--campaign-enterprise-notice-hours", "0",
        "--campaign-tick-ms", "200", "--api-rate-limit", "100000"};

    @TempDir
    Path dataDir;

    private static byte[] image(String version, int size, String... from) throws Exception {
        byte[] payload = new byte[size];
        new Random(version.hashCode()).nextBytes(payload);
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(payload));
        ImageManifest m = new ImageManifest("OptiLink", "A4C3F0", List.of("HG8245Q2"), List.of(), version, payload.length, sha,
            "campaign test " + version, Arrays.stream(from).map(VersionRange::parse).toList(), null, null);
        byte[] header = ImageContainer.header(m, new ManifestSigner(OPERATOR.getPrivate()).sign(m));
        byte[] all = Arrays.copyOf(header, header.length + payload.length);
        System.arraycopy(payload, 0, all, header.length, payload.length);
        return all;
    }

    /** Trusts the operator's key and uploads the old and the new image; returns {old, new} image ids. */
    private static long[] catalogue(Api api) throws Exception {
        assertThat(api.call("POST", "/api/v1/firmware/keys", Json.write(Map.of("name", "ops",
            "publicKey", Ed25519Keys.publicPem(OPERATOR.getPublic())))).statusCode()).isEqualTo(201);
        long old = upload(api, image(OLD, 2048));
        long fresh = upload(api, image(NEW, 4096, "[V5R020C10S100,V5R020C10S200)"));
        return new long[] {old, fresh};
    }

    private static long upload(Api api, byte[] image) {
        HttpResponse<String> r = api.binary("/api/v1/firmware/images", image);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return ((Number) ((Map<?, ?>) Json.parse(r.body())).get("id")).longValue();
    }

    private static FirmwareBehaviour behaviour(FirmwareBehaviour.Selector refuse) {
        return FirmwareBehaviour.DEFAULT.withTrustKeys(List.of(OPERATOR.getPublic())).withFlashMillis(20)
            .withFailures(FirmwareBehaviour.Selector.NONE, refuse, FirmwareBehaviour.Selector.NONE, FirmwareBehaviour.Selector.NONE);
    }

    private static long create(Api api, String prefix, long imageId, List<Double> waves, double maxFailurePercent,
                               int concurrency) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", "E2E " + prefix);
        body.put("imageId", imageId);
        body.put("query", Map.of("q", prefix));
        body.put("waves", waves);
        body.put("notice", "PT1S");
        body.put("concurrency", concurrency);
        body.put("maxFailurePercent", maxFailurePercent);
        body.put("successTimeLimit", "PT5M");
        HttpResponse<String> r = api.call("POST", "/api/v1/campaigns", Json.write(body));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return ((Number) ((Map<?, ?>) Json.parse(r.body())).get("id")).longValue();
    }

    private static Map<?, ?> await(Api api, long id, List<String> states, Duration timeout) {
        Instant end = Instant.now().plus(timeout);
        while (true) {
            Map<?, ?> c = (Map<?, ?>) Json.parse(api.call("GET", "/api/v1/campaigns/" + id, null).body());
            if (states.contains(c.get("state"))) {
                return c;
            }
            assertThat(Instant.now()).as("campaign %d stuck: %s", id, c).isBefore(end);
            RunningAcs.sleep(250);
        }
    }

    /** The ACS knows how each device reaches it (its first full read is done), so its download URL can be made. */
    private static void awaitOnboarded(Api api, Fleet fleet) {
        Instant end = Instant.now().plusSeconds(120);
        for (SimulatedDevice d : fleet.devices()) {
            while (!api.call("GET", "/api/v1/devices/" + d.deviceId() + "?parameters=Device.ManagementServer.URL", null).body()
                .contains("Device.ManagementServer.URL")) {
                assertThat(Instant.now()).as("onboarding of %s", d.serialNumber()).isBefore(end);
                RunningAcs.sleep(100);
            }
        }
    }

    private static long downloads(Api api, SimulatedDevice d) {
        String body = api.call("GET", "/api/v1/devices/" + d.deviceId() + "/tasks?limit=50", null).body();
        List<?> tasks = (List<?>) ((Map<?, ?>) Json.parse(body)).get("tasks");
        return tasks.stream().filter(t -> "download".equals(((Map<?, ?>) t).get("type"))).count();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Number> counts(Map<?, ?> campaign) {
        return (Map<String, Number>) campaign.get("counts");
    }

    @Test
    void aThousandDevicesGoThroughCanaryAndWavesAndAllComeBackOnTheNewVersion() throws Exception {
        try (RunningAcs acs = RunningAcs.start(dataDir, FAST)) {
            Api api = Api.of(acs);
            long[] images = catalogue(api);
            SimulatorConfig c = SimulatorConfig.defaults(acs.cwmpUrl()).withDevices(1000).withKind(DeviceKind.ONT)
                .withTr098Share(0).withRetryMinWaitSeconds(1).withSerialPrefix("CMPA");
            try (Fleet fleet = Fleet.start(c, behaviour(FirmwareBehaviour.Selector.NONE))) {
                assertThat(fleet.awaitAllBooted(Duration.ofSeconds(180))).isTrue();
                awaitOnboarded(api, fleet);
                long id = create(api, "CMPA", images[1], List.of(1.0, 10.0, 25.0), 1, 200);
                Map<?, ?> done = await(api, id, List.of("finished", "halted", "cancelled"), Duration.ofMinutes(10));
                assertThat(done.get("state")).as(done.toString()).isEqualTo("finished");
                assertThat(counts(done).get("succeeded").intValue()).isEqualTo(1000);
                List<?> waves = (List<?>) done.get("waves");
                assertThat(waves).extracting(w -> ((Number) ((Map<?, ?>) w).get("size")).intValue())
                    .containsExactly(10, 100, 250, 640);
                for (Object w : waves) {
                    assertThat(((Map<?, ?>) w).get("state")).isEqualTo("closed");
                }
                for (SimulatedDevice d : fleet.devices()) {
                    assertThat(d.value("Device.DeviceInfo.SoftwareVersion")).contains(NEW);
                }
                for (SimulatedDevice d : fleet.devices().subList(0, 100)) {
                    assertThat(downloads(api, d)).as(d.serialNumber()).isEqualTo(1);
                }
                String csv = api.call("GET", "/api/v1/campaigns/" + id + "/waves/0/notice?format=csv", null).body();
                assertThat(csv.split("\r\n")).hasSize(11);
                assertThat(api.call("GET", "/metrics", null).body()).contains("acs_campaign_downloads_total 1000.0");
            }
        }
    }

    @Test
    void injectedRefusalsHaltTheCampaignAtItsThresholdExplainedAndTheWaveRollsBack() throws Exception {
        try (RunningAcs acs = RunningAcs.start(dataDir, FAST)) {
            Api api = Api.of(acs);
            long[] images = catalogue(api);
            SimulatorConfig c = SimulatorConfig.defaults(acs.cwmpUrl()).withDevices(100).withKind(DeviceKind.ONT)
                .withTr098Share(0).withRetryMinWaitSeconds(1).withSerialPrefix("CMPH");
            try (Fleet fleet = Fleet.start(c, behaviour(new FirmwareBehaviour.Selector(0.3, java.util.Set.of())))) {
                assertThat(fleet.awaitAllBooted(Duration.ofSeconds(60))).isTrue();
                awaitOnboarded(api, fleet);
                long id = create(api, "CMPH", images[1], List.of(20.0), 10, 50);
                Map<?, ?> halted = await(api, id, List.of("finished", "halted", "cancelled"), Duration.ofMinutes(5));
                assertThat(halted.get("state")).as(halted.toString()).isEqualTo("halted");
                assertThat((String) halted.get("stateReason")).contains("wave 0").contains("failure rate above 10%");
                Map<?, ?> wave0 = (Map<?, ?>) ((List<?>) halted.get("waves")).get(0);
                assertThat(wave0.get("state")).isEqualTo("halted");
                assertThat(wave0.get("reasons").toString()).contains("download fault 9010");
                Map<?, ?> wave1 = (Map<?, ?>) ((List<?>) halted.get("waves")).get(1);
                assertThat(((Map<?, ?>) wave1.get("counts")).get("scheduled")).isEqualTo(0L);
                String failed = api.call("GET", "/api/v1/campaigns/" + id + "/devices?state=failed", null).body();
                assertThat(failed).contains("\"faultCode\":9010");

                // A halt queues nothing more, but downloads already under way finish and are reported.
                Instant settled = Instant.now().plusSeconds(120);
                while (true) {
                    Map<?, ?> w0 = (Map<?, ?>) ((List<?>) ((Map<?, ?>) Json.parse(api.call("GET", "/api/v1/campaigns/" + id,
                        null).body())).get("waves")).get(0);
                    Map<?, ?> c0 = (Map<?, ?>) w0.get("counts");
                    if (((Number) c0.get("scheduled")).longValue() + ((Number) c0.get("sent")).longValue()
                        + ((Number) c0.get("installed")).longValue() == 0) {
                        break;
                    }
                    assertThat(Instant.now()).as("wave 0 in flight: %s", w0).isBefore(settled);
                    RunningAcs.sleep(250);
                }
                HttpResponse<String> rb = api.call("POST", "/api/v1/campaigns/" + id + "/rollback", "{\"wave\":0}");
                assertThat(rb.statusCode()).as(rb.body()).isEqualTo(200);
                long started = ((Number) ((Map<?, ?>) Json.parse(rb.body())).get("started")).longValue();
                assertThat(started).isPositive();
                Instant end = Instant.now().plusSeconds(120);
                while (true) {
                    Map<?, ?> now = (Map<?, ?>) Json.parse(api.call("GET", "/api/v1/campaigns/" + id, null).body());
                    if (counts(now).get("rolled_back").longValue() == started) {
                        break;
                    }
                    assertThat(Instant.now()).as("rollback stuck: %s", now).isBefore(end);
                    RunningAcs.sleep(250);
                }
                String rolled = api.call("GET", "/api/v1/campaigns/" + id + "/devices?state=rolled_back&limit=1000", null).body();
                for (SimulatedDevice d : fleet.devices()) {
                    if (rolled.contains("\"deviceId\":" + acs.server.registry().findByKey(d.deviceId()).orElseThrow().id() + ",")) {
                        assertThat(d.value("Device.DeviceInfo.SoftwareVersion")).contains(OLD);
                    }
                }
            }
        }
    }

    @Test
    void killingTheAcsMidCampaignLosesAndRepeatsNothing() throws Exception {
        int fwPort;
        try (ServerSocket s = new ServerSocket(0)) {
            fwPort = s.getLocalPort();
        }
        try (PostgresDatabase pg = PostgresDatabase.create()) {
            String[] args = {"--db-url", pg.url(), "--db-user", pg.user(), "--db-password", PostgresDatabase.password(),
                "--firmware-server-port", Integer.toString(fwPort), "--campaign-min-notice-hours", "0",
                "--campaign-enterprise-notice-hours", "0", "--campaign-tick-ms", "200", "--api-rate-limit", "100000"};
            AcsProcess first = new AcsProcess(dataDir, args);
            first.start();
            Api api = Api.of(first);
            long[] images = catalogue(api);
            SimulatorConfig c = SimulatorConfig.defaults(first.cwmpUrl()).withDevices(300).withKind(DeviceKind.ONT)
                .withTr098Share(0).withRetryMinWaitSeconds(1).withInformInterval(30).withSerialPrefix("CMPK");
            try (Fleet fleet = Fleet.start(c, behaviour(FirmwareBehaviour.Selector.NONE))) {
                assertThat(fleet.awaitAllBooted(Duration.ofSeconds(90))).isTrue();
                awaitOnboarded(api, fleet);
                // A download cut by the kill is a real transfer failure, not a halt: the threshold is wide here.
                long id = create(api, "CMPK", images[1], List.of(10.0, 30.0), 50, 20);
                Instant end = Instant.now().plusSeconds(120);
                while (counts((Map<?, ?>) Json.parse(api.call("GET", "/api/v1/campaigns/" + id, null).body()))
                    .get("succeeded").intValue() < 60) {
                    assertThat(Instant.now()).isBefore(end);
                    RunningAcs.sleep(50);
                }
                first.kill();
                // The same ports again: the fleet knows the ACS by its address.
                first.start();
                Map<?, ?> done = await(api, id, List.of("finished", "halted", "cancelled"), Duration.ofMinutes(6));
                assertThat(done.get("state")).as(done.toString()).isEqualTo("finished");
                int succeeded = counts(done).get("succeeded").intValue();
                int failed = counts(done).get("failed").intValue();
                assertThat(succeeded + failed).as("every device settled: %s", done).isEqualTo(300);
                // Only a transfer the kill cut off may fail, and it says so; the ACS does not resend it.
                assertThat(failed).as("%s", done).isLessThanOrEqualTo(20);
                String failedRows = api.call("GET", "/api/v1/campaigns/" + id + "/devices?state=failed&limit=1000", null).body();
                for (Object row : (List<?>) ((Map<?, ?>) Json.parse(failedRows)).get("devices")) {
                    assertThat((String) ((Map<?, ?>) row).get("reason")).startsWith("download fault");
                }
                for (SimulatedDevice d : fleet.devices()) {
                    assertThat(downloads(api, d)).as("downloads of %s", d.serialNumber()).isEqualTo(1);
                }
                String succeededRows = api.call("GET", "/api/v1/campaigns/" + id + "/devices?state=succeeded&limit=1000", null)
                    .body();
                for (SimulatedDevice d : fleet.devices()) {
                    String dbId = "\"deviceId\":" + ((Number) ((Map<?, ?>) Json.parse(api.call("GET", "/api/v1/devices/"
                        + d.deviceId(), null).body())).get("id")).longValue() + ",";
                    if (succeededRows.contains(dbId)) {
                        assertThat(d.value("Device.DeviceInfo.SoftwareVersion")).contains(NEW);
                    }
                }
            } finally {
                first.close();
            }
        }
    }

    /** REST calls against either kind of running ACS. */
    private record Api(BiFunction<String[], String, HttpResponse<String>> calls, BiFunction<String, byte[], HttpResponse<String>> bin) {
        static Api of(RunningAcs acs) {
            return new Api((mp, json) -> acs.call(mp[0], mp[1], json), (path, bytes) -> binary(acs.server.apiPort(), acs.token, path, bytes));
        }

        static Api of(AcsProcess acs) {
            return new Api((mp, json) -> acs.call(mp[0], mp[1], json), (path, bytes) -> binary(acs.apiPort, acs.token(), path, bytes));
        }

        HttpResponse<String> call(String method, String path, String json) {
            return calls.apply(new String[] {method, path}, json);
        }

        HttpResponse<String> binary(String path, byte[] body) {
            return bin.apply(path, body);
        }

        private static HttpResponse<String> binary(int port, String token, String path, byte[] body) {
            try {
                return java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create("http://127.0.0.1:" + port + path)).header("Authorization", "Bearer " + token)
                    .header("Content-Type", "application/octet-stream")
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
