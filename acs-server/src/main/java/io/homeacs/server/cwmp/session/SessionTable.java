package io.homeacs.server.cwmp.session;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Open sessions, found by cookie (survives the CPE reopening its TCP connection and proxies) or,
 * for CPEs that ignore cookies, by the connection they arrived on. At most one per device.
 */
final class SessionTable {
    private static final SecureRandom RANDOM = new SecureRandom();
    static final String COOKIE = "ACSSESSIONID";

    private final ConcurrentHashMap<String, CwmpSession> byId = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, CwmpSession> byConnection = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Long, CwmpSession> byDevice = new ConcurrentHashMap<>();

    static String newId() {
        byte[] b = new byte[18];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    /**
     * A request that carries a session cookie belongs to that session or to none. Only a CPE that
     * sends no cookie at all is matched by its TCP connection, and never behind a proxy, which may
     * multiplex several clients onto one upstream connection.
     */
    CwmpSession find(String cookieHeader, String connectionId, boolean connectionFallback) {
        String id = cookieValue(cookieHeader);
        if (id != null) {
            return byId.get(id);
        }
        return connectionFallback && cookieHeader == null ? byConnection.get(connectionId) : null;
    }

    /** Registers a new session; returns the device's previous session if one was still open. */
    CwmpSession open(CwmpSession s) {
        byId.put(s.id, s);
        byConnection.put(s.connectionId, s);
        CwmpSession previous = byDevice.put(s.deviceId(), s);
        return previous == s ? null : previous;
    }

    void close(CwmpSession s) {
        byId.remove(s.id, s);
        byConnection.remove(s.connectionId, s);
        byDevice.remove(s.deviceId(), s);
    }

    void connectionClosed(String connectionId) {
        byConnection.remove(connectionId);
    }

    List<CwmpSession> idleSince(Instant now, Duration timeout) {
        List<CwmpSession> out = new ArrayList<>();
        for (CwmpSession s : byId.values()) {
            if (s.lastActivity.plus(timeout).isBefore(now)) {
                out.add(s);
            }
        }
        return out;
    }

    int size() {
        return byId.size();
    }

    static String cookieValue(String header) {
        if (header == null) {
            return null;
        }
        int i = header.indexOf(COOKIE + "=");
        while (i > 0 && header.charAt(i - 1) != ' ' && header.charAt(i - 1) != ';') {
            i = header.indexOf(COOKIE + "=", i + 1);
        }
        if (i < 0) {
            return null;
        }
        int start = i + COOKIE.length() + 1;
        int end = header.indexOf(';', start);
        return header.substring(start, end < 0 ? header.length() : end).trim();
    }
}
