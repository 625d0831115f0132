package io.homeacs.server.campaign;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;

/**
 * The daily hours, in the device's own local time, in which a campaign may touch it. A window whose
 * end is before its start runs over midnight (22:00–04:00). Start equal to end is refused: "always"
 * is said by giving no window.
 */
public record MaintenanceWindow(LocalTime start, LocalTime end) {

    public MaintenanceWindow {
        if (start.equals(end)) {
            throw new IllegalArgumentException("a maintenance window's start and end must differ (omit the window for any time)");
        }
    }

    /** "HH:MM" strings, as the API takes them. */
    public static MaintenanceWindow parse(String start, String end) {
        try {
            return new MaintenanceWindow(LocalTime.parse(start), LocalTime.parse(end));
        } catch (DateTimeParseException | NullPointerException e) {
            throw new IllegalArgumentException("window.start and window.end must be times like 02:00, got '" + start
                + "' and '" + end + "'");
        }
    }

    public boolean contains(Instant at, ZoneId zone) {
        LocalTime t = at.atZone(zone).toLocalTime();
        if (start.isBefore(end)) {
            return !t.isBefore(start) && t.isBefore(end);
        }
        return !t.isBefore(start) || t.isBefore(end);
    }

    /** The first instant at or after {@code from} inside the window, in that zone: what a notice announces. */
    public Instant nextOpening(Instant from, ZoneId zone) {
        if (contains(from, zone)) {
            return from;
        }
        ZonedDateTime z = from.atZone(zone);
        ZonedDateTime candidate = z.with(start).withSecond(0).withNano(0);
        if (!candidate.toInstant().isAfter(from)) {
            candidate = candidate.plusDays(1).with(start);
        }
        return candidate.toInstant();
    }

    /** When the window that is open at {@code opening} closes again. */
    public Instant closingAfter(Instant opening, ZoneId zone) {
        ZonedDateTime z = opening.atZone(zone);
        ZonedDateTime close = z.with(end).withSecond(0).withNano(0);
        if (!close.toInstant().isAfter(opening)) {
            close = close.plusDays(1).with(end);
        }
        return close.toInstant();
    }
}
