package io.homeacs.server.mesh;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Desired state of a home's Wi-Fi, one network everywhere: the SSID and passphrase (5 GHz gets its own
 * name only without band steering), per-band channel (null = automatic), transmit power in percent
 * (null = leave), the preferred backhaul (auto, ethernet, wifi: judged by the recommendations, since
 * the Data Elements model has no writable backhaul preference) and an optional guest network.
 */
public record MeshLayout(String ssid, String passphrase, String ssid5g, boolean bandSteering, Integer channel2g,
                         Integer channel5g, Integer transmitPower, String preferredBackhaul, Guest guest) {

    /** A guest network; pushed to nodes that have a third SSID/access point. */
    public record Guest(boolean enabled, String ssid, String passphrase) {
    }

    public MeshLayout {
        if (ssid == null || ssid.isBlank() || ssid.length() > 32) {
            throw new IllegalArgumentException("ssid is required (1-32 characters)");
        }
        if (passphrase != null && (passphrase.length() < 8 || passphrase.length() > 63)) {
            throw new IllegalArgumentException("passphrase must have 8-63 characters");
        }
        if (ssid5g != null && (ssid5g.isBlank() || ssid5g.length() > 32)) {
            throw new IllegalArgumentException("ssid5g must have 1-32 characters");
        }
        if (bandSteering && ssid5g != null && !ssid5g.equals(ssid)) {
            throw new IllegalArgumentException("band steering needs one name on both bands: leave ssid5g out");
        }
        if (channel2g != null && (channel2g < 1 || channel2g > 14)) {
            throw new IllegalArgumentException("channel2g must be 1-14 (or null for automatic)");
        }
        if (channel5g != null && (channel5g < 32 || channel5g > 177)) {
            throw new IllegalArgumentException("channel5g must be 32-177 (or null for automatic)");
        }
        if (transmitPower != null && (transmitPower < 1 || transmitPower > 100)) {
            throw new IllegalArgumentException("transmitPower must be 1-100 (percent)");
        }
        preferredBackhaul = preferredBackhaul == null ? "auto" : preferredBackhaul;
        if (!preferredBackhaul.equals("auto") && !preferredBackhaul.equals("ethernet") && !preferredBackhaul.equals("wifi")) {
            throw new IllegalArgumentException("preferredBackhaul must be auto, ethernet or wifi");
        }
        if (guest != null && guest.enabled() && (guest.ssid() == null || guest.ssid().isBlank() || guest.ssid().length() > 32)) {
            throw new IllegalArgumentException("guest.ssid is required (1-32 characters) when the guest network is enabled");
        }
        if (guest != null && guest.passphrase() != null && (guest.passphrase().length() < 8 || guest.passphrase().length() > 63)) {
            throw new IllegalArgumentException("guest.passphrase must have 8-63 characters");
        }
    }

    /** The name on 5 GHz: the same as 2.4 GHz with band steering, else ssid5g or the 2.4 GHz name. */
    public String effectiveSsid5g() {
        return bandSteering || ssid5g == null ? ssid : ssid5g;
    }

    /** Parses the API's JSON object; secrets are in it in clear (the store seals them). */
    public static MeshLayout fromJson(Map<String, Object> m) {
        Object g = m.get("guest");
        Guest guest = null;
        if (g instanceof Map<?, ?> gm) {
            guest = new Guest(Boolean.TRUE.equals(gm.get("enabled")), str(gm.get("ssid")), str(gm.get("passphrase")));
        } else if (g != null) {
            throw new IllegalArgumentException("guest must be an object");
        }
        Object bs = m.get("bandSteering");
        if (bs != null && !(bs instanceof Boolean)) {
            throw new IllegalArgumentException("bandSteering must be true or false");
        }
        return new MeshLayout(str(m.get("ssid")), str(m.get("passphrase")), str(m.get("ssid5g")), !Boolean.FALSE.equals(bs),
            integer(m, "channel2g"), integer(m, "channel5g"), integer(m, "transmitPower"), str(m.get("preferredBackhaul")),
            guest);
    }

    /** JSON form; secrets only when asked (the store writes them sealed, the API masks them). */
    public Map<String, Object> toJson(boolean withSecrets) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("ssid", ssid);
        m.put("passphrase", passphrase == null ? null : withSecrets ? passphrase : "********");
        m.put("ssid5g", ssid5g);
        m.put("bandSteering", bandSteering);
        m.put("channel2g", channel2g);
        m.put("channel5g", channel5g);
        m.put("transmitPower", transmitPower);
        m.put("preferredBackhaul", preferredBackhaul);
        if (guest != null) {
            Map<String, Object> g = new LinkedHashMap<>();
            g.put("enabled", guest.enabled());
            g.put("ssid", guest.ssid());
            g.put("passphrase", guest.passphrase() == null ? null : withSecrets ? guest.passphrase() : "********");
            m.put("guest", g);
        }
        return m;
    }

    private static String str(Object o) {
        if (o == null) {
            return null;
        }
        if (!(o instanceof String s)) {
            throw new IllegalArgumentException("expected a string, got " + o);
        }
        return s;
    }

    private static Integer integer(Map<String, Object> m, String key) {
        Object o = m.get(key);
        if (o == null) {
            return null;
        }
        if (!(o instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue())) {
            throw new IllegalArgumentException(key + " must be a whole number");
        }
        return n.intValue();
    }
}
