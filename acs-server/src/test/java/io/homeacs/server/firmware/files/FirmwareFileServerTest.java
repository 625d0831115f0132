package io.homeacs.server.firmware.files;

import static org.assertj.core.api.Assertions.assertThat;

import io.homeacs.firmware.ImageManifest;
import io.homeacs.server.firmware.DownloadLinks;
import io.homeacs.server.firmware.FirmwareFixtures;
import io.homeacs.server.firmware.FirmwareImage;
import io.homeacs.server.firmware.ImageState;
import io.homeacs.server.firmware.store.DiskImageStorage;
import io.homeacs.server.firmware.store.ImageStorage;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The device file server over real HTTP: whole and ranged GETs, resuming a cut download, HEAD,
 * ETag revalidation, If-Range, forged and expired links, withdrawn images, and the concurrency cap.
 */
class FirmwareFileServerTest {

    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newHttpClient();
    private final Map<Long, FirmwareImage> images = new ConcurrentHashMap<>();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final DownloadLinks links = new DownloadLinks("0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII));
    private DiskImageStorage storage;
    private FirmwareFileServer.Shared shared;
    private FirmwareFileServer server;
    private byte[] file;
    private FirmwareImage image;

    @BeforeEach
    void start() throws Exception {
        storage = new DiskImageStorage(dir.resolve("images"));
        shared = new FirmwareFileServer.Shared(meters);
        server = start(2);
        image = add(1, 300_000);
    }

    private FirmwareFileServer start(int maxConcurrent) throws InterruptedException {
        return FirmwareFileServer.start(new FirmwareFileServer.Options("127.0.0.1", 0, maxConcurrent, 7, 60, 2, null), links,
            id -> Optional.ofNullable(images.get(id)), storage, shared, Clock.systemUTC());
    }

    private FirmwareImage add(long id, int size) throws IOException {
        byte[] payload = FirmwareFixtures.payload(size, id);
        ImageManifest m = FirmwareFixtures.manifest("Acme", "GW1", "2.0." + id, payload);
        file = FirmwareFixtures.container(m, payload, FirmwareFixtures.OPERATOR);
        ImageStorage.Stored s = storage.put(new ByteArrayInputStream(file), Long.MAX_VALUE);
        FirmwareImage img = new FirmwareImage(id, m, "sig", "key", s.key(), s.size(), s.sha256(), ImageState.ACTIVE, "admin",
            Instant.now(), null, null, null);
        images.put(id, img);
        return img;
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private String url(FirmwareImage img, long device, Instant expires) {
        return "http://127.0.0.1:" + server.port() + links.path(img.id(), device, expires, img.fileName());
    }

    private String url() {
        return url(image, 42, Instant.now().plusSeconds(600));
    }

    private HttpResponse<byte[]> get(String url, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).GET();
        if (headers.length > 0) {
            b.headers(headers);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    @Test
    void servesTheWholeFileWithItsEtagAndTheRightHeaders() throws Exception {
        HttpResponse<byte[]> r = get(url());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo(file);
        assertThat(r.headers().firstValue("etag")).contains("\"" + image.fileSha256() + "\"");
        assertThat(r.headers().firstValue("accept-ranges")).contains("bytes");
        assertThat(r.headers().firstValueAsLong("content-length")).hasValue(file.length);
        assertThat(FirmwareFixtures.sha256(r.body())).isEqualTo(image.fileSha256());

        HttpResponse<Void> head = http.send(HttpRequest.newBuilder(URI.create(url())).method("HEAD",
            HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.headers().firstValueAsLong("content-length")).hasValue(file.length);

        assertThat(meters.get("acs.firmware.downloads").tag("outcome", "completed").counter().count()).isEqualTo(1.0);
        assertThat(meters.get("acs.firmware.bytes.served").counter().count()).isEqualTo(file.length);
    }

    @Test
    void rangesResumeAndRevalidation() throws Exception {
        HttpResponse<byte[]> middle = get(url(), "Range", "bytes=100-199");
        assertThat(middle.statusCode()).isEqualTo(206);
        assertThat(middle.body()).isEqualTo(Arrays.copyOfRange(file, 100, 200));
        assertThat(middle.headers().firstValue("content-range")).contains("bytes 100-199/" + file.length);

        HttpResponse<byte[]> suffix = get(url(), "Range", "bytes=-10");
        assertThat(suffix.statusCode()).isEqualTo(206);
        assertThat(suffix.body()).isEqualTo(Arrays.copyOfRange(file, file.length - 10, file.length));

        HttpResponse<byte[]> tooFar = get(url(), "Range", "bytes=" + file.length + "-");
        assertThat(tooFar.statusCode()).isEqualTo(416);
        assertThat(tooFar.headers().firstValue("content-range")).contains("bytes */" + file.length);

        HttpResponse<byte[]> multi = get(url(), "Range", "bytes=0-1,5-6");
        assertThat(multi.statusCode()).as("several ranges: the whole file").isEqualTo(200);

        String etag = "\"" + image.fileSha256() + "\"";
        assertThat(get(url(), "If-None-Match", etag).statusCode()).isEqualTo(304);
        assertThat(get(url(), "If-None-Match", "\"other\"").statusCode()).isEqualTo(200);
        HttpResponse<byte[]> stale = get(url(), "Range", "bytes=10-", "If-Range", "\"changed\"");
        assertThat(stale.statusCode()).as("If-Range with another ETag: start over").isEqualTo(200);
        assertThat(stale.body()).isEqualTo(file);
        HttpResponse<byte[]> same = get(url(), "Range", "bytes=10-", "If-Range", etag);
        assertThat(same.statusCode()).isEqualTo(206);
        assertThat(same.body()).isEqualTo(Arrays.copyOfRange(file, 10, file.length));
    }

    @Test
    void aCutDownloadResumesWhereItStopped() throws Exception {
        byte[] head;
        try (Socket s = new Socket("127.0.0.1", server.port())) {
            String path = URI.create(url()).getRawPath();
            s.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: x\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            InputStream in = s.getInputStream();
            String headers = readHeaders(in);
            assertThat(headers).startsWith("HTTP/1.1 200");
            head = in.readNBytes(50_000); // then the line drops
        }
        HttpResponse<byte[]> rest = get(url(), "Range", "bytes=" + head.length + "-", "If-Range", "\"" + image.fileSha256() + "\"");
        assertThat(rest.statusCode()).isEqualTo(206);
        byte[] joined = Arrays.copyOf(head, head.length + rest.body().length);
        System.arraycopy(rest.body(), 0, joined, head.length, rest.body().length);
        assertThat(joined).isEqualTo(file);
    }

    @Test
    void forgedExpiredAndOtherPathsAreRefused() throws Exception {
        String good = url();
        String forgedDevice = good.replace("/fw/1/42/", "/fw/1/43/");
        assertThat(get(forgedDevice).statusCode()).isEqualTo(403);
        String forgedImage = good.replace("/fw/1/42/", "/fw/2/42/");
        assertThat(get(forgedImage).statusCode()).isEqualTo(403);
        long exp = Instant.now().plusSeconds(600).getEpochSecond();
        assertThat(get(good.replaceAll("/\\d{10}/", "/" + (exp + 3600) + "/")).statusCode()).isEqualTo(403);
        HttpResponse<byte[]> expired = get(url(image, 42, Instant.now().minusSeconds(1)));
        assertThat(expired.statusCode()).isEqualTo(403);
        assertThat(new String(expired.body(), StandardCharsets.UTF_8)).contains("expired");
        assertThat(get("http://127.0.0.1:" + server.port() + "/").statusCode()).isEqualTo(403);
        assertThat(get("http://127.0.0.1:" + server.port() + "/fw/").statusCode()).isEqualTo(403);
        assertThat(http.send(HttpRequest.newBuilder(URI.create(good)).POST(HttpRequest.BodyPublishers.ofString("x")).build(),
            HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(405);

        images.put(1L, new FirmwareImage(1, image.manifest(), "sig", "key", image.storageKey(), image.fileSize(),
            image.fileSha256(), ImageState.WITHDRAWN, "admin", Instant.now(), "admin", Instant.now(), "bricks units"));
        assertThat(get(good).statusCode()).isEqualTo(410);
        images.remove(1L);
        assertThat(get(good).statusCode()).isEqualTo(404);
    }

    @Test
    void beyondTheCapDevicesAreToldToComeBackLater() throws Exception {
        server.close();
        server = start(1);
        image = add(7, 48 * 1024 * 1024); // far more than the socket buffers hold, so the first download stays open
        try (Socket slow = new Socket()) {
            slow.setReceiveBufferSize(4096);
            slow.connect(new java.net.InetSocketAddress("127.0.0.1", server.port()));
            OutputStream out = slow.getOutputStream();
            out.write(("GET " + URI.create(url()).getRawPath() + " HTTP/1.1\r\nHost: x\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            InputStream in = slow.getInputStream();
            assertThat(readHeaders(in)).startsWith("HTTP/1.1 200");

            HttpResponse<byte[]> busy = get(url());
            assertThat(busy.statusCode()).isEqualTo(503);
            assertThat(busy.headers().firstValue("retry-after")).contains("7");
            assertThat(shared.active()).isEqualTo(1);
            HttpResponse<Void> head = http.send(HttpRequest.newBuilder(URI.create(url())).method("HEAD",
                HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
            assertThat(head.statusCode()).as("HEAD sends no file and takes no slot").isEqualTo(200);

            assertThat(in.readNBytes(file.length)).hasSize(file.length);
        }
        // The slot is given back when the last byte is written; poll a bounded number of times.
        int status = 0;
        for (int i = 0; i < 200 && status != 200; i++) {
            status = get(url(), "Range", "bytes=0-0").statusCode() == 206 ? 200 : 0;
            if (status != 200) {
                Thread.sleep(20);
            }
        }
        assertThat(status).isEqualTo(200);
        assertThat(meters.get("acs.firmware.requests.refused").tag("reason", "busy").counter().count()).isEqualTo(1.0);
    }

    private static String readHeaders(InputStream in) throws IOException {
        StringBuilder b = new StringBuilder();
        while (!b.toString().endsWith("\r\n\r\n")) {
            int c = in.read();
            if (c < 0) {
                break;
            }
            b.append((char) c);
        }
        return b.toString();
    }

    @Test
    void linksBindImageDeviceAndTime() {
        Instant exp = Instant.now().plus(Duration.ofHours(1));
        String p = links.path(5, 9, exp, "a.bin");
        assertThat(links.verify(p, Instant.now())).hasValueSatisfying(g -> {
            assertThat(g.imageId()).isEqualTo(5);
            assertThat(g.deviceId()).isEqualTo(9);
        });
        assertThat(links.verify(p.replace("a.bin", "other-name"), Instant.now())).isPresent();
        assertThat(links.verify(p, exp)).isEmpty();
        assertThat(links.authenticButExpired(p, exp)).isTrue();
        DownloadLinks other = new DownloadLinks("another-secret-of-32-bytes-xxxxx".getBytes(StandardCharsets.US_ASCII));
        assertThat(other.verify(p, Instant.now())).isEmpty();
        assertThat(links.verify(p + "/extra", Instant.now())).isEmpty();
    }
}
