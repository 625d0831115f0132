package io.homeacs.server.cwmp.connreq;

import io.homeacs.server.device.DeviceWakeup.WakeupResult;
import io.homeacs.server.security.Digest;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * UDP connection requests (TR-069 Annex G): an HTTP-formatted GET in one datagram, signed with
 * HMAC-SHA1 keyed by the connection-request password, sent several times because UDP may drop it.
 */
final class UdpConnectionRequester {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final ScheduledExecutorService scheduler;
    private final int repeats;

    UdpConnectionRequester(ScheduledExecutorService scheduler, int repeats) {
        this.scheduler = scheduler;
        this.repeats = repeats;
    }

    WakeupResult send(String address, String username, String password) {
        InetSocketAddress target;
        try {
            target = parse(address);
        } catch (IllegalArgumentException e) {
            return new WakeupResult(false, "udp", e.getMessage());
        }
        byte[] message = message(target, username, password, System.currentTimeMillis() / 1000,
            Long.toHexString(RANDOM.nextLong()), Long.toHexString(RANDOM.nextLong()));
        sendOnce(target, message);
        for (int i = 1; i < repeats; i++) {
            scheduler.schedule(() -> sendOnce(target, message), 200L * i, TimeUnit.MILLISECONDS);
        }
        return new WakeupResult(true, "udp", "sent " + repeats + " datagram(s) to " + address);
    }

    static byte[] message(InetSocketAddress target, String un, String password, long ts, String id, String cn) {
        String sig = sign(password, ts + id + un + cn);
        String text = "GET http://" + target.getHostString() + ":" + target.getPort() + "?ts=" + ts + "&id=" + id
            + "&un=" + un + "&cn=" + cn + "&sig=" + sig + " HTTP/1.1\r\nHost: " + target.getHostString() + ":"
            + target.getPort() + "\r\n\r\n";
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    static String sign(String key, String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return Digest.hex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void sendOnce(InetSocketAddress target, byte[] message) {
        try (DatagramSocket socket = new DatagramSocket()) {
            socket.send(new DatagramPacket(message, message.length, target));
        } catch (IOException e) {
            // A lost datagram is expected with UDP; the repeats cover for it.
        }
    }

    static InetSocketAddress parse(String address) {
        String a = address.trim();
        int colon = a.lastIndexOf(':');
        if (colon <= 0 || colon == a.length() - 1) {
            throw new IllegalArgumentException("bad UDPConnectionRequestAddress '" + address + "'");
        }
        try {
            int port = Integer.parseInt(a.substring(colon + 1));
            String host = a.substring(0, colon).replace("[", "").replace("]", "");
            return new InetSocketAddress(host, port);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad UDPConnectionRequestAddress '" + address + "'");
        }
    }
}
