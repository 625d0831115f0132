package io.homeacs.server.campaign;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How a campaign proceeds.
 *
 * @param wavePercents      each wave's share of the target in percent; the last wave takes whatever is left
 * @param window            daily hours in the device's local time; null = any time
 * @param notice            how long before a wave touches a device its notice list is published
 * @param concurrency       devices with a download in flight at once, across the campaign
 * @param maxFailurePercent a wave halts the campaign when its failures (failed + timed out) exceed this share of it
 * @param maxTimeouts       ... or when its timeouts exceed this count (-1 = no separate limit)
 * @param successTimeLimit  from the download being queued to the device being back with the new version
 * @param defaultZone       the zone for devices that report none (from the settings, kept with the campaign)
 */
public record CampaignPlan(List<Double> wavePercents, MaintenanceWindow window, Duration notice, int concurrency,
                           double maxFailurePercent, int maxTimeouts, Duration successTimeLimit, ZoneId defaultZone) {

    public static final List<Double> DEFAULT_WAVES = List.of(1.0, 10.0, 25.0);

    public CampaignPlan {
        wavePercents = List.copyOf(wavePercents);
        if (wavePercents.isEmpty() || wavePercents.size() > 20) {
            throw new IllegalArgumentException("waves must list 1 to 20 percentages");
        }
        for (double p : wavePercents) {
            if (!(p > 0 && p <= 100)) {
                throw new IllegalArgumentException("each wave's percentage must be above 0 and at most 100, got " + p);
            }
        }
        if (notice.isNegative()) {
            throw new IllegalArgumentException("notice must not be negative");
        }
        if (concurrency < 1 || concurrency > 100_000) {
            throw new IllegalArgumentException("concurrency must be between 1 and 100000");
        }
        if (!(maxFailurePercent >= 0 && maxFailurePercent <= 100)) {
            throw new IllegalArgumentException("maxFailurePercent must be between 0 and 100");
        }
        if (maxTimeouts < -1) {
            throw new IllegalArgumentException("maxTimeouts must be -1 (no limit of its own) or more");
        }
        if (successTimeLimit.compareTo(Duration.ofSeconds(1)) < 0 || successTimeLimit.compareTo(Duration.ofDays(30)) > 0) {
            throw new IllegalArgumentException("successTimeLimit must be between 1 second and 30 days");
        }
    }

    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        List<Object> waves = new ArrayList<>();
        wavePercents.forEach(p -> waves.add(BigDecimal.valueOf(p)));
        m.put("waves", waves);
        if (window != null) {
            m.put("window", Map.of("start", window.start().toString(), "end", window.end().toString()));
        }
        m.put("notice", notice.toString());
        m.put("concurrency", (long) concurrency);
        m.put("maxFailurePercent", BigDecimal.valueOf(maxFailurePercent));
        m.put("maxTimeouts", (long) maxTimeouts);
        m.put("successTimeLimit", successTimeLimit.toString());
        m.put("defaultZone", defaultZone.getId());
        return m;
    }

    /** Reads a plan as {@link #toJson()} writes it, or as the API gives it with the defaults filling gaps. */
    public static CampaignPlan fromJson(Map<String, Object> m, CampaignPlan defaults) {
        List<Double> waves = defaults.wavePercents;
        if (m.get("waves") != null) {
            if (!(m.get("waves") instanceof List<?> list)) {
                throw new IllegalArgumentException("waves must be an array of percentages");
            }
            waves = new ArrayList<>();
            for (Object o : list) {
                waves.add(number(o, "waves"));
            }
        }
        MaintenanceWindow window = defaults.window;
        if (m.containsKey("window")) {
            if (m.get("window") == null) {
                window = null;
            } else if (m.get("window") instanceof Map<?, ?> w) {
                window = MaintenanceWindow.parse(text(w.get("start")), text(w.get("end")));
            } else {
                throw new IllegalArgumentException("window must be an object {\"start\": \"02:00\", \"end\": \"05:00\"} or null");
            }
        }
        return new CampaignPlan(waves, window, duration(m, "notice", defaults.notice),
            (int) number(m.getOrDefault("concurrency", (double) defaults.concurrency), "concurrency"),
            number(m.getOrDefault("maxFailurePercent", defaults.maxFailurePercent), "maxFailurePercent"),
            (int) number(m.getOrDefault("maxTimeouts", (double) defaults.maxTimeouts), "maxTimeouts"),
            duration(m, "successTimeLimit", defaults.successTimeLimit),
            m.get("defaultZone") == null ? defaults.defaultZone : zone(text(m.get("defaultZone"))));
    }

    private static String text(Object o) {
        return o == null ? null : o.toString();
    }

    private static double number(Object o, String field) {
        if (o instanceof Number n) {
            return n.doubleValue();
        }
        throw new IllegalArgumentException(field + " must be a number");
    }

    private static Duration duration(Map<String, Object> m, String field, Duration fallback) {
        Object o = m.get(field);
        if (o == null) {
            return fallback;
        }
        try {
            return Duration.parse(o.toString());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(field + " must be an ISO-8601 duration such as PT24H or PT30M, got '" + o + "'");
        }
    }

    private static ZoneId zone(String id) {
        try {
            return ZoneId.of(id);
        } catch (java.time.DateTimeException e) {
            throw new IllegalArgumentException("defaultZone must be a time-zone name such as Asia/Shanghai, got '" + id + "'");
        }
    }
}
