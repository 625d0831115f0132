package io.homeacs.sim;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.random.RandomGenerator;

/** When the next "2 PERIODIC" Inform is due (TR-069 PeriodicInformInterval / PeriodicInformTime). */
final class PeriodicSchedule {
    private static final String UNKNOWN = "0001-01-01T00:00:00Z";

    private PeriodicSchedule() {
    }

    /**
     * Without a reference time, the first Inform after boot is spread uniformly over one interval so that a
     * fleet booted together does not inform in lock-step; later ones follow at the interval.
     */
    static long nextDelayMillis(String referenceTime, long intervalMillis, boolean initial, RandomGenerator random) {
        Instant ref = parse(referenceTime);
        if (ref == null) {
            return initial ? 1 + (long) (random.nextDouble() * intervalMillis) : intervalMillis;
        }
        long now = System.currentTimeMillis();
        long offset = Math.floorMod(now - ref.toEpochMilli(), intervalMillis);
        long delay = intervalMillis - offset;
        return delay <= 0 ? intervalMillis : delay;
    }

    private static Instant parse(String t) {
        if (t == null || t.isEmpty() || t.equals(UNKNOWN)) {
            return null;
        }
        try {
            return OffsetDateTime.parse(t).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return Instant.parse(t + "Z");
            } catch (DateTimeParseException e2) {
                return null;
            }
        }
    }
}
