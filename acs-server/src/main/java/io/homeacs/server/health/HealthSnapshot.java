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
                             Instant lastBoot, int unexpectedReboots, List<Radio> radios, Wifi wifi, Integer hosts,
                             Integer allowedHosts, List<String> findings) {

    public enum Level {
        OK, WARN, CRITICAL, UNKNOWN;

        public String apiName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * A Wi-Fi band as the device reports it. noiseDbm: the noise floor the radio hears; utilisationPercent:
     * how much of the time the channel was busy; interference: either is past the operator's threshold.
     */
    public record Radio(String band, String ssid, String channel, Boolean enabled, Integer noiseDbm,
                        Integer utilisationPercent, boolean interference) {
    }

    /**
     * The Wi-Fi clients the device reported: how many, how many below the weak-signal threshold, the
     * weakest signal. interference: some radio is past its noise or utilisation threshold; weakCoverage:
     * some client's signal is weak. Null counts when the device reports no client table.
     */
    public record Wifi(Integer clients, Integer weakClients, Integer weakestSignalDbm, boolean interference,
                       boolean weakCoverage) {
        public static final Wifi UNKNOWN = new Wifi(null, null, null, false, false);
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
