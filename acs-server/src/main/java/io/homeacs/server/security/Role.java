package io.homeacs.server.security;

import java.util.Locale;

/**
 * What an API user may do. admin: everything; support: read devices, diagnose, reboot,
 * re-provision; installer: commission the devices of the order they work on; viewer: read-only.
 */
public enum Role {
    ADMIN, SUPPORT, INSTALLER, VIEWER;

    public static Role parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown role '" + text + "' (admin, support, installer, viewer)");
        }
    }

    public String apiName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
