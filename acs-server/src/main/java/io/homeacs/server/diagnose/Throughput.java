package io.homeacs.server.diagnose;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Map;

/**
 * TR-143 throughput: the test bytes moved between the beginning (BOMTime) and the end (EOMTime) of
 * the transmission, in decimal Mbit/s as operators sell them. Connection set-up (ROMTime to BOMTime)
 * is left out, as TR-143 intends, so a slow DNS lookup does not count against the line.
 */
public final class Throughput {
    /** TR-069's "unknown time". */
    private static final Instant UNKNOWN = Instant.parse("0001-01-01T00:00:00Z");

    private Throughput() {
    }

    /** One direction's measurement. */
    public record Measurement(long bytes, Instant rom, Instant bom, Instant eom) {
        public double seconds() {
            Duration d = Duration.between(bom, eom);
            return d.getSeconds() + d.getNano() / 1e9;
        }

        public double mbps() {
            return bytes * 8.0 / seconds() / 1e6;
        }
    }

    /** The download object's values (leaf name → value): TestBytesReceived over BOMTime..EOMTime. */
    public static Measurement download(Map<String, String> v) {
        return measure(v, count(v, "TestBytesReceived"));
    }

    /**
     * The upload object's values. TestBytesSent (TR-181 2.9 and later) is what was sent between BOM and
     * EOM; older objects (TR-098, TR-143 issue 1) have only TestFileLength, the payload the device was
     * told to send and reports Complete for. TotalBytesSent is not used: it counts the interface's
     * other traffic too.
     */
    public static Measurement upload(Map<String, String> v, long requestedBytes) {
        Long sent = count(v, "TestBytesSent");
        if (sent == null || sent == 0) {
            sent = count(v, "TestFileLength");
        }
        return measure(v, sent == null || sent == 0 ? requestedBytes : sent);
    }

    private static Measurement measure(Map<String, String> v, Long bytes) {
        Instant bom = time(v.get("BOMTime"), "BOMTime");
        Instant eom = time(v.get("EOMTime"), "EOMTime");
        String rom = v.get("ROMTime");
        if (bytes == null || bytes <= 0) {
            throw new IllegalArgumentException("the device reported no test bytes");
        }
        if (!eom.isAfter(bom)) {
            throw new IllegalArgumentException("the device reported EOMTime " + v.get("EOMTime") + " not after BOMTime "
                + v.get("BOMTime"));
        }
        return new Measurement(bytes, rom == null ? null : parseTime(rom), bom, eom);
    }

    private static Instant time(String text, String name) {
        Instant t = text == null ? null : parseTime(text);
        if (t == null || t.equals(UNKNOWN)) {
            throw new IllegalArgumentException("the device reported no " + name);
        }
        return t;
    }

    /**
     * A TR-069 dateTime: UTC with "Z", an offset, or (as some firmware sends it) no zone at all, which
     * is read as UTC; fractions down to microseconds, which TR-143 asks for. Null when unreadable.
     */
    public static Instant parseTime(String text) {
        String t = text.trim();
        try {
            return OffsetDateTime.parse(t).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return LocalDateTime.parse(t).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException e2) {
                return null;
            }
        }
    }

    private static Long count(Map<String, String> v, String name) {
        String s = v.get(name);
        if (s == null || s.isBlank()) {
            return null;
        }
        try {
            return Long.parseLong(s.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("the device reported " + name + " '" + s + "', not a number");
        }
    }
}
