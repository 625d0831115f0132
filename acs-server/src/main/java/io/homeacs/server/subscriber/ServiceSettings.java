package io.homeacs.server.subscriber;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The service settings a subscriber (or, for the shared ones, a plan) carries, validated on the way
 * in so a bad value is refused at the API rather than by the device during commissioning.
 */
public final class ServiceSettings {
    /** Settings a plan may default for all its subscribers. */
    public static final Set<String> PLAN_KEYS = Set.of("wanVlan", "iptvVlan", "iptvMulticastVlan", "sipProxy");
    public static final Set<String> SUBSCRIBER_KEYS = Set.of("pppoeUsername", "pppoePassword", "wanVlan", "iptvVlan",
        "iptvMulticastVlan", "sipUsername", "sipPassword", "sipNumber", "sipProxy", "wifiSsid", "wifiSsid5g",
        "wifiPassphrase");
    public static final Set<String> SECRET_KEYS = Set.of("pppoePassword", "sipPassword", "wifiPassphrase");
    private static final List<String> VLANS = List.of("wanVlan", "iptvVlan", "iptvMulticastVlan");

    private ServiceSettings() {
    }

    /** Checks and normalises (text values, trimmed) a settings object; null values remove a key. */
    public static Map<String, String> validate(Map<String, Object> in, Set<String> allowed) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : in.entrySet()) {
            String key = e.getKey();
            if (!allowed.contains(key)) {
                throw new IllegalArgumentException("unknown setting '" + key + "' (allowed: " + String.join(", ",
                    allowed.stream().sorted().toList()) + ")");
            }
            Object v = e.getValue();
            if (v == null) {
                out.put(key, null);
                continue;
            }
            if (!(v instanceof String) && !(v instanceof Number)) {
                throw new IllegalArgumentException("setting '" + key + "' must be a string or a number");
            }
            String text = v instanceof Number n ? String.valueOf(n.longValue()) : ((String) v).trim();
            check(key, text);
            out.put(key, text);
        }
        return out;
    }

    private static void check(String key, String v) {
        if (VLANS.contains(key)) {
            int vlan;
            try {
                vlan = Integer.parseInt(v);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(key + " must be a VLAN ID (1-4094)");
            }
            if (vlan < 1 || vlan > 4094) {
                throw new IllegalArgumentException(key + " must be a VLAN ID (1-4094)");
            }
        } else if (key.equals("wifiPassphrase") && (v.length() < 8 || v.length() > 63)) {
            throw new IllegalArgumentException("wifiPassphrase must be 8-63 characters (WPA2)");
        } else if (key.startsWith("wifiSsid") && (v.isEmpty() || v.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > 32)) {
            throw new IllegalArgumentException(key + " must be 1-32 bytes");
        } else if (v.isEmpty() || v.length() > 256) {
            throw new IllegalArgumentException(key + " must be 1-256 characters");
        }
    }
}
