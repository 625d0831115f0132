package io.homeacs.server.nbi;

import java.time.Instant;
import java.time.format.DateTimeParseException;

/** Parsing of query-parameter values shared by resources, with errors that name the parameter. */
final class ApiParams {
    private static final Instant EARLIEST = Instant.parse("1970-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

    private ApiParams() {
    }

    /** An ISO-8601 instant within a range every store can hold, or null when absent. */
    static Instant instant(String text, String name) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            Instant t = Instant.parse(text);
            if (t.isBefore(EARLIEST) || t.isAfter(LATEST)) {
                throw ApiException.badRequest(name + " must be between 1970 and 9999");
            }
            return t;
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest(name + " must be an ISO-8601 instant such as 2026-11-21T10:00:00Z");
        }
    }

    /** Refuses fields a request body may not carry, so a typo is an error rather than silently ignored. */
    static void onlyFields(java.util.Map<String, Object> body, String... allowed) {
        if (body == null) {
            throw ApiException.badRequest("a JSON object body is required");
        }
        java.util.Set<String> ok = java.util.Set.of(allowed);
        for (String key : body.keySet()) {
            if (!ok.contains(key)) {
                throw ApiException.badRequest("unknown field '" + key + "' (allowed: "
                    + String.join(", ", new java.util.TreeSet<>(ok)) + ")");
            }
        }
    }

    /** An optional id field: absent, or a whole number. */
    static Long optionalId(java.util.Map<String, Object> body, String name) {
        Object v = body.get(name);
        if (v == null) {
            return null;
        }
        if (v instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue()) && n.longValue() > 0) {
            return n.longValue();
        }
        throw ApiException.badRequest(name + " must be a positive whole number");
    }

    /** A device named in a path by numeric id or by device key: an all-digit value shorter than 19 characters is an id. */
    static io.homeacs.server.device.Device device(io.homeacs.server.device.DeviceRegistry registry, String id) {
        if (id.chars().allMatch(Character::isDigit) && id.length() < 19) {
            return registry.find(Long.parseLong(id)).orElseThrow(() -> ApiException.notFound("device " + id));
        }
        return registry.findByKey(id).orElseThrow(() -> ApiException.notFound("device " + id));
    }
}
