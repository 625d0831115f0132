package io.homeacs.sim;

import io.homeacs.sim.cwmp.DigestAuth;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/** HTTP GET/PUT for Download and Upload, answering a 401 challenge once with Basic or Digest credentials. */
public final class FileTransferClient {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private final HttpClient client;

    public FileTransferClient(HttpClient client) {
        this.client = client;
    }

    /** A firmware image that starts with "version=&lt;v&gt;" installs software version v (null: none). */
    public static String firmwareVersion(byte[] image) {
        return Transfers.firmwareVersion(image);
    }

    public CompletableFuture<HttpResponse<byte[]>> send(String method, URI url, byte[] body, String user, String password) {
        return client.sendAsync(request(method, url, body, null), HttpResponse.BodyHandlers.ofByteArray())
                .thenCompose(r -> {
                    if (r.statusCode() != 401 || user == null || user.isEmpty()) {
                        return CompletableFuture.completedFuture(r);
                    }
                    Optional<DigestAuth.Challenge> ch = DigestAuth.select(r.headers().allValues("WWW-Authenticate"));
                    if (ch.isEmpty()) {
                        return CompletableFuture.completedFuture(r);
                    }
                    DigestAuth.ClientAuth auth = new DigestAuth.ClientAuth();
                    auth.accept(ch.get());
                    String uri = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
                    if (url.getRawQuery() != null) {
                        uri = uri + "?" + url.getRawQuery();
                    }
                    String authorization = auth.authorization(method, uri, user, password).orElseThrow();
                    return client.sendAsync(request(method, url, body, authorization), HttpResponse.BodyHandlers.ofByteArray());
                });
    }

    private static HttpRequest request(String method, URI url, byte[] body, String authorization) {
        HttpRequest.Builder b = HttpRequest.newBuilder(url).timeout(TIMEOUT);
        if ("PUT".equals(method)) {
            b.PUT(HttpRequest.BodyPublishers.ofByteArray(body)).header("Content-Type", "text/plain; charset=utf-8");
        } else {
            b.GET();
        }
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return b.build();
    }
}
