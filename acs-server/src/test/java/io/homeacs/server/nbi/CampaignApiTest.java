package io.homeacs.server.nbi;

import static org.assertj.core.api.Assertions.assertThat;

import io.homeacs.firmware.ImageManifest;
import io.homeacs.server.device.DeviceEvent;
import io.homeacs.server.device.DeviceIdentity;
import io.homeacs.server.device.InformFacts;
import io.homeacs.server.device.ParamValue;
import io.homeacs.server.firmware.FirmwareFixtures;
import io.homeacs.server.json.Json;
import io.homeacs.server.testsupport.TestAcs;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** /api/v1/campaigns over HTTP with the default notice rules: validation, notice lists, pause/resume/cancel, rollback errors. */
class CampaignApiTest {
    @TempDir
    Path dataDir;
    TestAcs acs;
    long imageId;

    @BeforeEach
    void start() throws Exception {
        acs = TestAcs.start(dataDir);
        Instant now = Instant.now();
        for (int i = 1; i <= 5; i++) {
            acs.server.registry().checkIn(new InformFacts(new DeviceIdentity("A4C3F0", "HG8245Q2", "CAPI" + i), "OptiLink",
                List.of(new DeviceEvent("0 BOOTSTRAP", ""), new DeviceEvent("1 BOOT", "")),
                List.of(new ParamValue("Device.DeviceInfo.SoftwareVersion", "V5R020C10S115", "xsd:string"),
                    new ParamValue("Device.ManagementServer.URL", "http://127.0.0.1:7547/", "xsd:string"),
                    new ParamValue("Device.Time.LocalTimeZone", "CST-8", "xsd:string")), "10.0.0.9", "CWMP", "cwmp-1-2"), now);
        }
        assertThat(acs.post("/api/v1/firmware/keys", Json.write(Map.of("name", "ops",
            "publicKey", FirmwareFixtures.publicPem(FirmwareFixtures.OPERATOR)))).status()).isEqualTo(201);
        byte[] payload = FirmwareFixtures.payload(1000, 3);
        ImageManifest m = new ImageManifest("OptiLink", "A4C3F0", List.of("HG8245Q2"), List.of(), "V5R020C10S200",
            payload.length, FirmwareFixtures.sha256(payload), "", List.of(), null, null);
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                + acs.server.apiPort() + "/api/v1/firmware/images")).header("Authorization", "Bearer " + acs.token)
            .header("Content-Type", "application/octet-stream")
            .POST(HttpRequest.BodyPublishers.ofByteArray(FirmwareFixtures.container(m, payload, FirmwareFixtures.OPERATOR)))
            .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        imageId = ((Number) ((Map<?, ?>) Json.parse(r.body())).get("id")).longValue();
    }

    @AfterEach
    void stop() {
        acs.close();
    }

    private String body(String notice) {
        return "{\"name\":\"api\",\"imageId\":" + imageId + ",\"query\":{\"q\":\"CAPI\"},\"waves\":[20,40],"
            + "\"window\":{\"start\":\"02:00\",\"end\":\"05:00\"},\"notice\":\"" + notice + "\",\"concurrency\":2}";
    }

    @Test
    void noticeShorterThanTheAgreementsIsRefusedAndTheNoticeListTellsWhenEachDeviceMayBeTouched() {
        TestAcs.ApiReply shortNotice = acs.post("/api/v1/campaigns", body("PT1H"));
        assertThat(shortNotice.status()).isEqualTo(400);
        assertThat(shortNotice.body()).contains("shorter than").contains("campaign.min-notice-hours");
        assertThat(acs.post("/api/v1/campaigns", body("PT24H").replace("\"concurrency\"", "\"concurrence\"")).status())
            .isEqualTo(400);
        assertThat(acs.post("/api/v1/campaigns", body("PT24H").replace("\"imageId\":" + imageId, "\"imageId\":999")).status())
            .isEqualTo(404);
        assertThat(acs.post("/api/v1/campaigns", body("PT24H").replace("CAPI", "NOBODY")).body()).contains("matches no device");
        assertThat(acs.call("POST", "/api/v1/campaigns", body("PT24H"), null).status()).isEqualTo(401);

        Instant before = Instant.now();
        TestAcs.ApiReply created = acs.post("/api/v1/campaigns", body("PT24H"));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        Map<String, Object> c = created.json();
        long id = ((Number) c.get("id")).longValue();
        assertThat(c).containsEntry("state", "running").containsEntry("targetVersion", "V5R020C10S200");
        assertThat(((List<?>) c.get("waves")).stream().map(w -> (Object) ((Map<?, ?>) w).get("size")).toList()).containsExactly(1L, 2L, 2L);

        Map<String, Object> notice = acs.get("/api/v1/campaigns/" + id + "/waves/0/notice").json();
        List<?> lines = (List<?>) notice.get("devices");
        assertThat(lines).hasSize(1);
        Map<?, ?> line = (Map<?, ?>) lines.get(0);
        Instant notBefore = Instant.parse((String) line.get("notBefore"));
        assertThat(notBefore).isAfterOrEqualTo(before.plus(Duration.ofHours(24)));
        assertThat(line.get("zone")).isEqualTo("+08:00");
        Instant windowStart = Instant.parse((String) line.get("windowStart"));
        assertThat(windowStart).isAfterOrEqualTo(notBefore);
        assertThat(windowStart.atZone(java.time.ZoneOffset.ofHours(8)).getHour()).isBetween(2, 4);
        TestAcs.ApiReply csv = acs.get("/api/v1/campaigns/" + id + "/waves/0/notice?format=csv");
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.body()).startsWith("deviceId,serialNumber,").contains("CAPI");
        assertThat(acs.get("/api/v1/campaigns/" + id + "/waves/1/notice").json().get("devices")).asList()
            .as("the next wave's list waits for this wave to open").isEmpty();
        assertThat(acs.get("/api/v1/campaigns/" + id + "/waves/7/notice").status()).isEqualTo(404);
        assertThat(acs.get("/api/v1/campaigns/" + id + "/devices?state=notified").body()).contains("\"state\":\"notified\"");
        assertThat(acs.get("/api/v1/campaigns/" + id + "/devices?state=bogus").status()).isEqualTo(400);
        assertThat(acs.get("/api/v1/campaigns/" + id + "/devices?state=scheduled").json().get("devices")).asList()
            .as("nothing is touched during the notice").isEmpty();
        assertThat(acs.get("/api/v1/campaigns").body()).contains("\"id\":" + id);
    }

    @Test
    void pauseResumeCancelMoveOnlyFromWhereTheyMayAndRollbackNeedsOneScope() {
        long id = ((Number) acs.post("/api/v1/campaigns", body("PT24H")).json().get("id")).longValue();
        assertThat(acs.post("/api/v1/campaigns/" + id + "/pause", null).json()).containsEntry("state", "paused");
        assertThat(acs.post("/api/v1/campaigns/" + id + "/pause", null).status()).isEqualTo(409);
        assertThat(acs.post("/api/v1/campaigns/" + id + "/resume", null).json()).containsEntry("state", "running");
        assertThat(acs.post("/api/v1/campaigns/" + id + "/rollback", "{\"wave\":0,\"deviceId\":1}").status()).isEqualTo(400);
        assertThat(acs.post("/api/v1/campaigns/" + id + "/rollback", "{}").status()).isEqualTo(400);
        assertThat(acs.post("/api/v1/campaigns/" + id + "/rollback", "{\"deviceId\":424242}").status()).isEqualTo(404);
        Map<String, Object> none = acs.post("/api/v1/campaigns/" + id + "/rollback", "{\"wave\":0}").json();
        assertThat(none).containsEntry("started", 0L);
        Map<String, Object> cancelled = acs.post("/api/v1/campaigns/" + id + "/cancel", null).json();
        assertThat(cancelled).containsEntry("state", "cancelled");
        assertThat(((Map<?, ?>) cancelled.get("counts")).get("cancelled")).isEqualTo(5L);
        assertThat(acs.post("/api/v1/campaigns/" + id + "/cancel", null).status()).isEqualTo(409);
        assertThat(acs.post("/api/v1/campaigns/" + id + "/resume", null).status()).isEqualTo(409);
        assertThat(acs.get("/api/v1/campaigns/987654").status()).isEqualTo(404);
        assertThat(acs.get("/metrics").body()).contains("acs_campaigns{state=\"cancelled\"}");
    }
}
