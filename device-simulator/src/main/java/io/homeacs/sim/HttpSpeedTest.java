package io.homeacs.sim;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.HttpURLConnection;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Instant;

/**
 * A real TR-143 HTTP transfer against the test server, shaped to the line rate: GET for download, PUT
 * of TestFileLength bytes for upload. Times follow TR-143: ROM when the request goes out, BOM at the
 * first payload byte, EOM at the last one (upload: when the server's answer arrives).
 */
final class HttpSpeedTest {
    private static final int CHUNK = 16 * 1024;
    private static final int TIMEOUT_MS = 30_000;
    /** Roughly what HTTP request and response headers add to the payload on the wire. */
    private static final int HEADER_BYTES = 200;

    /** state is "Complete" or the TR-143 error; the figures are meaningful only when complete. */
    record Result(String state, Instant rom, Instant bom, Instant eom, Instant tcpOpenRequest, Instant tcpOpenResponse,
                  long testBytes, long totalReceived, long totalSent) {
        static Result error(String state) {
            return new Result(state, null, null, null, null, null, 0, 0, 0);
        }
    }

    private HttpSpeedTest() {
    }

    static Result download(String url, double mbps) {
        HttpURLConnection c = null;
        try {
            c = open(url);
            Instant rom = Instant.now();
            Instant tcpRequest = Instant.now();
            c.connect();
            Instant tcpResponse = Instant.now();
            if (c.getResponseCode() != 200) {
                return Result.error("Error_TransferFailed");
            }
            byte[] buf = new byte[CHUNK];
            long bytes = 0;
            Instant bom = null;
            long start = 0;
            try (InputStream in = c.getInputStream()) {
                for (int r = in.read(buf); r >= 0; r = in.read(buf)) {
                    if (bom == null) {
                        bom = Instant.now();
                        start = System.nanoTime();
                    }
                    bytes += r;
                    LineRate.pace(start, bytes, mbps);
                }
            }
            Instant eom = Instant.now();
            long expected = c.getContentLengthLong();
            if (bom == null || expected >= 0 && bytes != expected) {
                return Result.error(bom == null ? "Error_NoResponse" : "Error_IncorrectSize");
            }
            return new Result("Complete", rom, bom, eom, tcpRequest, tcpResponse, bytes, bytes + HEADER_BYTES, HEADER_BYTES);
        } catch (IOException | IllegalArgumentException e) {
            return Result.error(errorState(e, "Error_TransferFailed"));
        } finally {
            if (c != null) {
                c.disconnect();
            }
        }
    }

    static Result upload(String url, long length, double mbps) {
        if (length <= 0) {
            return Result.error("Error_Other");
        }
        HttpURLConnection c = null;
        try {
            c = open(url);
            c.setDoOutput(true);
            c.setRequestMethod("PUT");
            c.setRequestProperty("Content-Type", "application/octet-stream");
            c.setFixedLengthStreamingMode(length);
            Instant rom = Instant.now();
            Instant tcpRequest = Instant.now();
            c.connect();
            Instant tcpResponse = Instant.now();
            byte[] buf = new byte[CHUNK];
            Instant bom = Instant.now();
            long start = System.nanoTime();
            long sent = 0;
            try (OutputStream out = c.getOutputStream()) {
                while (sent < length) {
                    int n = (int) Math.min(CHUNK, length - sent);
                    out.write(buf, 0, n);
                    sent += n;
                    LineRate.pace(start, sent, mbps);
                }
            }
            int status = c.getResponseCode();
            Instant eom = Instant.now();
            if (status < 200 || status > 299) {
                return Result.error("Error_NoResponse");
            }
            return new Result("Complete", rom, bom, eom, tcpRequest, tcpResponse, sent, HEADER_BYTES, sent + HEADER_BYTES);
        } catch (IOException | IllegalArgumentException e) {
            return Result.error(errorState(e, "Error_NoResponse"));
        } finally {
            if (c != null) {
                c.disconnect();
            }
        }
    }

    private static HttpURLConnection open(String url) throws IOException {
        URI u = URI.create(url);
        if (!"http".equalsIgnoreCase(u.getScheme()) && !"https".equalsIgnoreCase(u.getScheme())) {
            throw new IllegalArgumentException("only HTTP transports are offered");
        }
        HttpURLConnection c = (HttpURLConnection) u.toURL().openConnection();
        c.setConnectTimeout(TIMEOUT_MS);
        c.setReadTimeout(TIMEOUT_MS);
        c.setUseCaches(false);
        return c;
    }

    private static String errorState(Exception e, String fallback) {
        if (e instanceof UnknownHostException) {
            return "Error_CannotResolveHostName";
        } else if (e instanceof NoRouteToHostException) {
            return "Error_NoRouteToHost";
        } else if (e instanceof ConnectException) {
            return "Error_InitConnectionFailed";
        } else if (e instanceof SocketTimeoutException) {
            return "Error_Timeout";
        } else if (e instanceof IllegalArgumentException) {
            return "Error_InitConnectionFailed";
        }
        return fallback;
    }
}
