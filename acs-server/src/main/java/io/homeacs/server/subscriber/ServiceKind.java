package io.homeacs.server.subscriber;

import java.util.Locale;

/** The services a plan can include; each maps to configuration on the devices of the home. */
public enum ServiceKind {
    BROADBAND, IPTV, VOIP, MESH;

    public String apiName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ServiceKind parse(String text) {
        for (ServiceKind k : values()) {
            if (k.apiName().equals(text)) {
                return k;
            }
        }
        throw new IllegalArgumentException("unknown service '" + text + "' (broadband, iptv, voip, mesh)");
    }
}
