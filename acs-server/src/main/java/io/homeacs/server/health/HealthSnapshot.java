package io.homeacs.server.health;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * What the ACS knows about a device's health at one moment, in normalised terms, with each value's
 * judgement against the operator's thresholds. Null where the device does not report a value.
 */
public record HealthSnapshot(long deviceId, Instant takenAt, boolean online, Instant lastContact, Double opticalRxDbm,
                             Double opticalTxDbm, Level optical, String wanStatus, String wanLastError, Long uptimeSeconds,
                             Instant lastBoot, int unexpectedReboots, List<Radio> radios, Integer hosts,
                             Integer allowedHosts, List<String> findings) {

    public enum Level {
        OK, WARN, CRITICAL, UNKNOWN;

        public String apiName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** A Wi-Fi band as the device reports it. */
    public record Radio(String band, String ssid, String channel, Boolean enabled) {
    }

    public HealthSnapshot {
        radios = List.copyOf(radios);
        findings = List.copyOf(findings);
    }

    public boolean wanUp() {
        return "Connected".equals(wanStatus) || "Up".equals(wanStatus);
    }

    public boolean tooManyHosts() {
        return hosts != null && allowedHosts != null && hosts > allowedHosts;
    }
}
