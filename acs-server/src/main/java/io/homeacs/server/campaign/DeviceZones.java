package io.homeacs.server.campaign;

import io.homeacs.server.device.ParameterDocument;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A device's time zone for its maintenance window, from what the device reports: TR-181
 * {@code Device.Time.LocalTimeZone} and TR-098 {@code InternetGatewayDevice.Time.LocalTimeZone}
 * carry a POSIX TZ string ("CST-8", "CET-1CEST,M3.5.0,M10.5.0/3"), TR-098's older
 * {@code LocalTimeZoneName} sometimes an IANA name. A POSIX string gives its standard offset only
 * (its daylight-saving rule is not applied: a window is at most an hour off during summer time);
 * an IANA name is used as is. A device that reports nothing usable gets the configured default.
 */
public final class DeviceZones {
    private static final String[] PATHS = {"Device.Time.LocalTimeZone", "InternetGatewayDevice.Time.LocalTimeZone",
        "InternetGatewayDevice.Time.LocalTimeZoneName", "Device.Time.LocalTimeZoneName"};
    /** std name (letters or <...>), then the offset west of UTC: [+-]hh[:mm[:ss]]. */
    private static final Pattern POSIX = Pattern.compile("^(?:[A-Za-z]{3,}|<[^>]+>)([+-]?)(\\d{1,2})(?::(\\d{2}))?(?::(\\d{2}))?.*$");

    private DeviceZones() {
    }

    public static ZoneId of(ParameterDocument params, ZoneId fallback) {
        for (String path : PATHS) {
            ParameterDocument.Entry v = params.get(path);
            if (v != null) {
                Optional<ZoneId> z = parse(v.value());
                if (z.isPresent()) {
                    return z.get();
                }
            }
        }
        return fallback;
    }

    /** A POSIX TZ string or an IANA zone name; empty when it is neither. */
    public static Optional<ZoneId> parse(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        String t = text.trim();
        if (t.contains("/")) {
            try {
                return Optional.of(ZoneId.of(t));
            } catch (DateTimeException e) {
                // Not an IANA name; a POSIX rule may still follow.
            }
        }
        Matcher m = POSIX.matcher(t);
        if (m.matches()) {
            int hours = Integer.parseInt(m.group(2));
            int minutes = m.group(3) == null ? 0 : Integer.parseInt(m.group(3));
            int seconds = m.group(4) == null ? 0 : Integer.parseInt(m.group(4));
            if (hours > 24 || minutes > 59 || seconds > 59) {
                return Optional.empty();
            }
            int west = hours * 3600 + minutes * 60 + seconds;
            // POSIX counts west of Greenwich as positive: "CST-8" is UTC+8.
            int east = "-".equals(m.group(1)) ? west : -west;
            try {
                return Optional.of(ZoneOffset.ofTotalSeconds(east));
            } catch (DateTimeException e) {
                return Optional.empty();
            }
        }
        try {
            return Optional.of(ZoneId.of(t));
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }
}
