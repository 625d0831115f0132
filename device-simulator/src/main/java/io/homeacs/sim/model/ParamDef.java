package io.homeacs.sim.model;

import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The immutable part of a parameter, shared by every device built from the same template.
 *
 * @param denyActive          active notification may be refused (TR-181 activeNotify="canDeny"), e.g. UpTime
 * @param forceActive         active notification is always on (activeNotify="forceEnabled")
 * @param hidden              reads return "" (passwords and keys, TR-106 hidden="true")
 * @param defaultNotification the notification attribute a fresh device starts with
 * @param min                 inclusive lower bound for numeric types, or null
 * @param max                 inclusive upper bound for numeric types, or null
 * @param maxLength           maximum string length, 0 for unlimited
 */
public record ParamDef(String path, ParamType type, boolean writable, boolean denyActive, boolean forceActive,
                       boolean hidden, int defaultNotification, List<String> enumeration, Long min, Long max,
                       int maxLength) {
    private static final ConcurrentHashMap<ParamDef, ParamDef> INTERNED = new ConcurrentHashMap<>();

    public ParamDef {
        enumeration = List.copyOf(enumeration);
        if (forceActive) {
            defaultNotification = 2;
        }
    }

    public static ParamDef of(String path, ParamType type, boolean writable) {
        return new ParamDef(path, type, writable, false, false, false, 0, List.of(), null, null, 0);
    }

    /** Canonical instance, so 10,000 devices share one definition (and path string) per parameter. */
    public ParamDef intern() {
        ParamDef existing = INTERNED.putIfAbsent(this, this);
        return existing == null ? this : existing;
    }

    public boolean accepts(String v) {
        if (!type.isValid(v)) {
            return false;
        }
        if (!enumeration.isEmpty() && !enumeration.contains(v)) {
            return false;
        }
        if (maxLength > 0 && v.length() > maxLength) {
            return false;
        }
        if ((min != null || max != null) && type != ParamType.STRING && type != ParamType.UNSIGNED_LONG) {
            long n = Long.parseLong(v.startsWith("+") ? v.substring(1) : v);
            return (min == null || n >= min) && (max == null || n <= max);
        }
        return true;
    }
}
