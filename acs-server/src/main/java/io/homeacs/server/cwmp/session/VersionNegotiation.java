package io.homeacs.server.cwmp.session;

/**
 * CWMP 1.4 version negotiation: a CPE lists the versions it supports in SupportedCWMPVersions and the
 * ACS names the one the session uses in UseCWMPVersion — the highest both sides implement.
 */
final class VersionNegotiation {
    static final int HIGHEST_MINOR = 4;

    private VersionNegotiation() {
    }

    /** The version to announce ("1.4"), or null when the CPE did not ask or offered nothing usable. */
    static String choose(String supported) {
        if (supported == null || supported.isBlank()) {
            return null;
        }
        int best = -1;
        for (String v : supported.split(",")) {
            String t = v.trim();
            if (t.startsWith("1.")) {
                try {
                    int minor = Integer.parseInt(t.substring(2));
                    if (minor <= HIGHEST_MINOR && minor > best) {
                        best = minor;
                    }
                } catch (NumberFormatException ignored) {
                    // A malformed entry is skipped; the others may still be usable.
                }
            }
        }
        return best < 0 ? null : "1." + best;
    }
}
