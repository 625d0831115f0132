package io.homeacs.sim.cr;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * TR-069 Annex G UDP connection requests for the whole fleet. Messages are routed by "un", verified with
 * HMAC-SHA1(ConnectionRequestPassword, ts+id+un+cn); repeated ids and timestamps older than the last
 * accepted one are ignored.
 */
public final class UdpConnectionRequestListener implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(UdpConnectionRequestListener.class);
    private static final int RECENT_IDS = 32;

    private final DatagramSocket socket;
    private final CrRegistry registry;
    private final Thread thread;
    private final Map<String, Replay> replay = new ConcurrentHashMap<>();
    private final AtomicInteger rejected = new AtomicInteger();
    private volatile boolean closed;

    private static final class Replay {
        long lastTs = Long.MIN_VALUE;
        final Deque<String> ids = new ArrayDeque<>();
    }

    public UdpConnectionRequestListener(String host, CrRegistry registry) throws IOException {
        this.registry = registry;
        this.socket = new DatagramSocket(new InetSocketAddress(host, 0));
        this.thread = new Thread(this::loop, "cr-udp");
        thread.setDaemon(true);
        thread.start();
    }

    public int port() {
        return socket.getLocalPort();
    }

    /** Messages dropped for a bad signature or an unknown username. */
    public int rejected() {
        return rejected.get();
    }

    private void loop() {
        byte[] buf = new byte[2048];
        while (!closed) {
            DatagramPacket p = new DatagramPacket(buf, buf.length);
            try {
                socket.receive(p);
                handle(new String(p.getData(), 0, p.getLength(), StandardCharsets.US_ASCII));
            } catch (IOException e) {
                if (!closed) {
                    LOG.warn("UDP connection request listener: {}", e.toString());
                }
            } catch (RuntimeException e) {
                LOG.debug("malformed UDP connection request: {}", e.toString());
            }
        }
    }

    void handle(String message) {
        Map<String, String> q = parse(message);
        if (q == null) {
            return;
        }
        String ts = q.getOrDefault("ts", "");
        String id = q.getOrDefault("id", "");
        String un = q.getOrDefault("un", "");
        String cn = q.getOrDefault("cn", "");
        String sig = q.getOrDefault("sig", "");
        Optional<CrRegistry.Endpoint> target = registry.byUsername(un);
        if (target.isEmpty() || !ts.matches("\\d{1,19}") || id.isEmpty()) {
            rejected.incrementAndGet();
            return;
        }
        CrRegistry.Endpoint e = target.get();
        String expected = signature(e.password(), ts + id + un + cn);
        if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                sig.toLowerCase(java.util.Locale.ROOT).getBytes(StandardCharsets.US_ASCII))) {
            rejected.incrementAndGet();
            e.rejected();
            return;
        }
        if (!fresh(un, Long.parseLong(ts), id)) {
            return;
        }
        e.trigger();
    }

    private boolean fresh(String un, long ts, String id) {
        Replay r = replay.computeIfAbsent(un, k -> new Replay());
        synchronized (r) {
            if (ts < r.lastTs || r.ids.contains(id)) {
                return false;
            }
            r.lastTs = ts;
            r.ids.addLast(id);
            if (r.ids.size() > RECENT_IDS) {
                r.ids.removeFirst();
            }
            return true;
        }
    }

    /** Query parameters of the request line, or null if it is not an HTTP GET request line. */
    static Map<String, String> parse(String message) {
        int eol = message.indexOf("\r\n");
        String line = eol >= 0 ? message.substring(0, eol) : message.strip();
        String[] parts = line.split(" ");
        if (parts.length != 3 || !parts[0].equals("GET") || !parts[2].startsWith("HTTP/1.")) {
            return null;
        }
        int qm = parts[1].indexOf('?');
        if (qm < 0) {
            return null;
        }
        Map<String, String> out = new HashMap<>();
        for (String kv : parts[1].substring(qm + 1).split("&")) {
            int eq = kv.indexOf('=');
            if (eq > 0) {
                out.put(kv.substring(0, eq), URLDecoder.decode(kv.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    public static String signature(String key, String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            byte[] k = key.getBytes(StandardCharsets.UTF_8);
            // HMAC zero-pads keys, so an empty key equals a single zero byte (which SecretKeySpec accepts).
            mac.init(new SecretKeySpec(k.length == 0 ? new byte[1] : k, "HmacSHA1"));
            return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        closed = true;
        socket.close();
    }
}
