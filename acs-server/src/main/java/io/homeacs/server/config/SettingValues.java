package io.homeacs.server.config;

import java.util.Locale;
import java.util.Map;

/** Typed, validated access to raw setting strings; every error names the offending key. */
final class SettingValues {
    private final Map<String, String> raw;

    SettingValues(Map<String, String> raw) {
        this.raw = raw;
    }

    String string(String key) {
        String v = raw.get(key);
        if (v == null) {
            throw new ConfigException("missing setting " + key);
        }
        return v;
    }

    double decimal(String key, double min, double max) {
        String v = string(key);
        try {
            double n = Double.parseDouble(v.trim());
            if (!(n >= min && n <= max)) {
                throw new ConfigException(key + " must be between " + min + " and " + max + ", got " + v.trim());
            }
            return n;
        } catch (NumberFormatException e) {
            throw new ConfigException(key + " must be a number, got '" + v + "'");
        }
    }

    int integer(String key, int min, int max) {
        String v = string(key);
        try {
            int n = Integer.parseInt(v.trim());
            if (n < min || n > max) {
                throw new ConfigException(key + " must be between " + min + " and " + max + ", got " + n);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new ConfigException(key + " must be a whole number, got '" + v + "'");
        }
    }

    /** A decimal number with at most two places (money, dBm), within [min, max]. */
    java.math.BigDecimal decimal(String key, String min, String max) {
        String v = string(key).trim();
        try {
            java.math.BigDecimal n = new java.math.BigDecimal(v);
            if (n.scale() > 2 || n.compareTo(new java.math.BigDecimal(min)) < 0 || n.compareTo(new java.math.BigDecimal(max)) > 0) {
                throw new ConfigException(key + " must be between " + min + " and " + max + " with at most two decimals, got " + v);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new ConfigException(key + " must be a number, got '" + v + "'");
        }
    }

    boolean bool(String key) {
        String v = string(key).trim().toLowerCase(Locale.ROOT);
        return switch (v) {
            case "true", "yes", "1", "on" -> true;
            case "false", "no", "0", "off" -> false;
            default -> throw new ConfigException(key + " must be true or false, got '" + v + "'");
        };
    }

    <E extends Enum<E>> E enumValue(String key, Class<E> type) {
        String v = string(key).trim().toUpperCase(Locale.ROOT).replace('-', '_');
        try {
            return Enum.valueOf(type, v);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(key + " has no option '" + string(key) + "'");
        }
    }
}
