package io.homeacs.server.diagnose;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Turns the values read back from a diagnostics object into the run's result, one shape per object. */
final class Results {
    private Results() {
    }

    /** The object's values by their name below the object ("TestBytesReceived", "RouteHops.2.Host"). */
    @SuppressWarnings("unchecked")
    static Map<String, String> values(Map<String, Object> taskResult, String objectPath) {
        Map<String, String> out = new TreeMap<>();
        Object list = taskResult == null ? null : taskResult.get("parameterValues");
        if (list instanceof List<?> l) {
            for (Object o : l) {
                if (o instanceof Map<?, ?> p && p.get("name") instanceof String name && name.startsWith(objectPath)) {
                    Object value = ((Map<String, Object>) p).get("value");
                    out.put(name.substring(objectPath.length()), value == null ? "" : value.toString());
                }
            }
        }
        return out;
    }

    static Map<String, Object> speed(Throughput.Measurement m, String url) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("url", url);
        r.put("mbps", Compliance.round2(m.mbps()));
        r.put("testBytes", m.bytes());
        r.put("seconds", Math.round(m.seconds() * 1e6) / 1e6);
        r.put("romTime", m.rom() == null ? null : m.rom().toString());
        r.put("bomTime", m.bom().toString());
        r.put("eomTime", m.eom().toString());
        return r;
    }

    static Map<String, Object> ping(Map<String, String> v, String host) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("host", host);
        r.put("successCount", number(v, "SuccessCount"));
        r.put("failureCount", number(v, "FailureCount"));
        r.put("averageMs", number(v, "AverageResponseTime"));
        r.put("minimumMs", number(v, "MinimumResponseTime"));
        r.put("maximumMs", number(v, "MaximumResponseTime"));
        // TR-181 2.7+ also reports microseconds; TR-098 devices do not, and the field is null then.
        r.put("averageUs", number(v, "AverageResponseTimeDetailed"));
        return r;
    }

    /** TR-181 names hop fields Host/HostAddress/ErrorCode/RTTimes, TR-098 the same with a "Hop" prefix. */
    static Map<String, Object> trace(Map<String, String> v, String host) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("host", host);
        r.put("responseTimeMs", number(v, "ResponseTime"));
        Map<Integer, Map<String, Object>> hops = new TreeMap<>();
        for (Map.Entry<String, String> e : v.entrySet()) {
            String[] parts = e.getKey().split("\\.");
            if (parts.length != 3 || !parts[0].equals("RouteHops") || !parts[1].chars().allMatch(Character::isDigit)) {
                continue;
            }
            Map<String, Object> hop = hops.computeIfAbsent(Integer.parseInt(parts[1]), n -> new LinkedHashMap<>());
            String field = parts[2].startsWith("Hop") ? parts[2].substring(3) : parts[2];
            switch (field) {
                case "Host" -> hop.put("host", e.getValue());
                case "HostAddress" -> hop.put("address", e.getValue());
                case "ErrorCode" -> hop.put("errorCode", parse(e.getValue()));
                case "RTTimes" -> hop.put("rttMs", rtTimes(e.getValue()));
                default -> { }
            }
        }
        List<Map<String, Object>> list = new ArrayList<>();
        hops.forEach((n, hop) -> {
            Map<String, Object> h = new LinkedHashMap<>();
            h.put("hop", n);
            for (String k : List.of("host", "address", "errorCode", "rttMs")) {
                h.put(k, hop.getOrDefault(k, k.equals("rttMs") ? List.of() : null));
            }
            list.add(h);
        });
        r.put("hops", list);
        return r;
    }

    private static List<Long> rtTimes(String s) {
        List<Long> out = new ArrayList<>();
        for (String part : s.split(",")) {
            Long n = parse(part);
            if (n != null) {
                out.add(n);
            }
        }
        return out;
    }

    private static Long number(Map<String, String> v, String name) {
        return parse(v.get(name));
    }

    private static Long parse(String s) {
        if (s == null || s.isBlank()) {
            return null;
        }
        try {
            return Long.parseLong(s.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
