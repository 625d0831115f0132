package io.homeacs.server.speedtest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The ACS's test server sends and takes exactly what it is asked, within its cap. */
class SpeedTestServerTest {
    private final HttpClient http = HttpClient.newHttpClient();
    private SpeedTestServer server;

    @BeforeEach
    void start() {
        server = SpeedTestServer.start(new SpeedTestServer.Options("127.0.0.1", 0, 100_000, 2));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void downloadsServeTheRequestedBytesUpToTheCap() throws Exception {
        HttpResponse<byte[]> ok = send(HttpRequest.newBuilder(uri("/download/70000")).GET());
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.body()).hasSize(70_000);
        assertThat(ok.headers().firstValue("Cache-Control")).contains("no-store");
        assertThat(send(HttpRequest.newBuilder(uri("/download/100001")).GET()).statusCode()).isEqualTo(413);
        assertThat(send(HttpRequest.newBuilder(uri("/download/0")).GET()).statusCode()).isEqualTo(400);
        assertThat(send(HttpRequest.newBuilder(uri("/download/lots")).GET()).statusCode()).isEqualTo(400);
    }

    @Test
    void uploadsAreCountedAndDiscardedUpToTheCap() throws Exception {
        HttpResponse<byte[]> ok = send(HttpRequest.newBuilder(uri("/upload"))
            .PUT(HttpRequest.BodyPublishers.ofByteArray(new byte[60_000])));
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(new String(ok.body())).isEqualTo("{\"received\":60000}");
        assertThat(send(HttpRequest.newBuilder(uri("/upload"))
            .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[100_001]))).statusCode()).isEqualTo(413);
    }

    @Test
    void otherPathsAndMethodsAreRefused() throws Exception {
        assertThat(send(HttpRequest.newBuilder(uri("/upload")).GET()).statusCode()).isEqualTo(405);
        assertThat(send(HttpRequest.newBuilder(uri("/download/10")).DELETE()).statusCode()).isEqualTo(405);
        assertThat(send(HttpRequest.newBuilder(uri("/etc/passwd")).GET()).statusCode()).isEqualTo(404);
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }

    private HttpResponse<byte[]> send(HttpRequest.Builder b) throws IOException, InterruptedException {
        return http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }
}
