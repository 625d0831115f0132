package io.homeacs.server.diagnose;

import io.homeacs.server.json.JsonFields;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What was asked, validated before anything is queued, so a mistake is a 400 at the API rather than a
 * device fault minutes later. URLs left null are filled in with the ACS's own test server when the run
 * starts; {@code contract} is the subscriber's contracted rate at that moment (speed tests only), kept so
 * the verdict can be re-read later even if the plan changes.
 */
public record DiagnosticRequest(DiagnosticType type, String downloadUrl, String uploadUrl, long testBytes, String host,
                                int repetitions, int timeoutMs, int dataBlockSize, int maxHops, int tries,
                                Contract contract) {
    /** TR-098 declares TestFileLength an unsignedInt, so larger files cannot be asked of every device. */
    public static final long MAX_TEST_BYTES = 4_000_000_000L;
    private static final Pattern LABEL = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?");
    private static final Pattern IPV4 = Pattern.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]{2,45}");

    /** The broadband rate the subscriber holding the device has contracted, or null fields when none. */
    public record Contract(Long subscriberId, String account, String planCode, Integer downMbps, Integer upMbps) {
        public boolean known() {
            return downMbps != null && upMbps != null;
        }
    }

    /** Reads an API body. defaultTestBytes and maxTestBytes come from the settings. */
    public static DiagnosticRequest parse(Map<String, Object> body, long defaultTestBytes) {
        JsonFields j = new JsonFields(body);
        DiagnosticType type = DiagnosticType.fromApiName(j.string("type"));
        Set<String> allowed = switch (type) {
            case SPEED_TEST -> Set.of("type", "connectionRequest", "downloadUrl", "uploadUrl", "testBytes");
            case IP_PING -> Set.of("type", "connectionRequest", "host", "repetitions", "timeoutMs", "dataBlockSize");
            case TRACE_ROUTE -> Set.of("type", "connectionRequest", "host", "maxHops", "timeoutMs", "tries", "dataBlockSize");
            case SELF_TEST -> Set.of("type", "connectionRequest");
        };
        for (String key : body.keySet()) {
            if (!allowed.contains(key)) {
                throw new IllegalArgumentException("unknown field '" + key + "' for " + type.apiName() + " (allowed: "
                    + String.join(", ", new java.util.TreeSet<>(allowed)) + ")");
            }
        }
        if (type == DiagnosticType.SPEED_TEST) {
            long bytes = j.number("testBytes", defaultTestBytes);
            if (bytes < 1000 || bytes > MAX_TEST_BYTES) {
                throw new IllegalArgumentException("testBytes must be between 1000 and " + MAX_TEST_BYTES);
            }
            return new DiagnosticRequest(type, url(j.string("downloadUrl", null), "downloadUrl"),
                url(j.string("uploadUrl", null), "uploadUrl"), bytes, null, 0, 0, 0, 0, 0, null);
        }
        if (type == DiagnosticType.SELF_TEST) {
            return selfTest();
        }
        String host = host(j.string("host", null));
        int timeout = bounded(j, "timeoutMs", type == DiagnosticType.IP_PING ? 1000 : 5000, 1, 60_000);
        int block = bounded(j, "dataBlockSize", type == DiagnosticType.IP_PING ? 64 : 38, 1, 65535);
        if (type == DiagnosticType.IP_PING) {
            return new DiagnosticRequest(type, null, null, 0, host, bounded(j, "repetitions", 4, 1, 100), timeout, block,
                0, 0, null);
        }
        return new DiagnosticRequest(type, null, null, 0, host, 0, timeout, block, bounded(j, "maxHops", 30, 1, 64),
            bounded(j, "tries", 3, 1, 3), null);
    }

    /** A speed test against the configured test server, as triage asks for one. */
    public static DiagnosticRequest speedTest(long testBytes) {
        return new DiagnosticRequest(DiagnosticType.SPEED_TEST, null, null, testBytes, null, 0, 0, 0, 0, 0, null);
    }

    /** An IPPing with the API's defaults (1 s timeout, 64-byte blocks). */
    public static DiagnosticRequest ping(String host, int repetitions) {
        return new DiagnosticRequest(DiagnosticType.IP_PING, null, null, 0, host(host), repetitions, 1000, 64, 0, 0, null);
    }

    public static DiagnosticRequest selfTest() {
        return new DiagnosticRequest(DiagnosticType.SELF_TEST, null, null, 0, null, 0, 0, 0, 0, 0, null);
    }

    public DiagnosticRequest withUrls(String download, String upload, Contract c) {
        return new DiagnosticRequest(type, download, upload, testBytes, host, repetitions, timeoutMs, dataBlockSize,
            maxHops, tries, c);
    }

    /** The stored and shown form: only the fields of this type. */
    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", type.apiName());
        if (type == DiagnosticType.SPEED_TEST) {
            m.put("downloadUrl", downloadUrl);
            m.put("uploadUrl", uploadUrl);
            m.put("testBytes", testBytes);
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("subscriberId", contract == null ? null : contract.subscriberId());
            c.put("account", contract == null ? null : contract.account());
            c.put("planCode", contract == null ? null : contract.planCode());
            c.put("downMbps", contract == null ? null : contract.downMbps());
            c.put("upMbps", contract == null ? null : contract.upMbps());
            m.put("contract", c);
            return m;
        }
        if (type == DiagnosticType.SELF_TEST) {
            return m;
        }
        m.put("host", host);
        if (type == DiagnosticType.IP_PING) {
            m.put("repetitions", repetitions);
        } else {
            m.put("maxHops", maxHops);
            m.put("tries", tries);
        }
        m.put("timeoutMs", timeoutMs);
        m.put("dataBlockSize", dataBlockSize);
        return m;
    }

    /** Reads the stored form back (numbers arrive as whatever the JSON reader made of them). */
    static DiagnosticRequest fromJson(Map<String, Object> m) {
        DiagnosticType type = DiagnosticType.fromApiName((String) m.get("type"));
        Contract c = null;
        if (m.get("contract") instanceof Map<?, ?> cm) {
            c = new Contract(num(cm.get("subscriberId")), (String) cm.get("account"), (String) cm.get("planCode"),
                intOrNull(cm.get("downMbps")), intOrNull(cm.get("upMbps")));
        }
        return new DiagnosticRequest(type, (String) m.get("downloadUrl"), (String) m.get("uploadUrl"),
            orZero(m.get("testBytes")), (String) m.get("host"), (int) orZero(m.get("repetitions")),
            (int) orZero(m.get("timeoutMs")), (int) orZero(m.get("dataBlockSize")), (int) orZero(m.get("maxHops")),
            (int) orZero(m.get("tries")), c);
    }

    private static Long num(Object o) {
        return o instanceof Number n ? n.longValue() : null;
    }

    private static Integer intOrNull(Object o) {
        return o instanceof Number n ? n.intValue() : null;
    }

    private static long orZero(Object o) {
        return o instanceof Number n ? n.longValue() : 0;
    }

    /** A host name or IP literal the device can look up; anything else (a URL, spaces) is refused. */
    static String host(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("host is required: a host name or an IP address");
        }
        String h = text.trim();
        if (h.length() > 253 || !(IPV4.matcher(h).matches() || h.contains(":") && IPV6.matcher(h).matches()
            || isHostName(h))) {
            throw new IllegalArgumentException("host must be a host name or an IP address, got '" + text + "'");
        }
        return h;
    }

    private static boolean isHostName(String h) {
        String name = h.endsWith(".") ? h.substring(0, h.length() - 1) : h;
        if (name.isEmpty() || name.chars().allMatch(c -> Character.isDigit(c) || c == '.')) {
            return false; // all digits and dots: a mistyped IPv4 address, not a name
        }
        for (String label : name.split("\\.", -1)) {
            if (!LABEL.matcher(label).matches()) {
                return false;
            }
        }
        return true;
    }

    /** An absolute http(s) URL with a host, or null when not given. */
    static String url(String text, String field) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            URI u = new URI(text.trim());
            String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(java.util.Locale.ROOT);
            if (!(scheme.equals("http") || scheme.equals("https")) || u.getHost() == null || text.length() > 1024) {
                throw new IllegalArgumentException(field + " must be an http:// or https:// URL with a host (at most 1024 characters)");
            }
            if (u.getRawUserInfo() != null) {
                // Runs, tasks and the audit log show URLs in full; credentials have no place in them.
                throw new IllegalArgumentException(field + " must not carry a user name or password");
            }
            return u.toString();
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(field + " is not a valid URL: " + e.getReason());
        }
    }

    private static int bounded(JsonFields j, String name, int fallback, int min, int max) {
        long v = j.number(name, fallback);
        if (v < min || v > max) {
            throw new IllegalArgumentException(name + " must be between " + min + " and " + max);
        }
        return (int) v;
    }
}
