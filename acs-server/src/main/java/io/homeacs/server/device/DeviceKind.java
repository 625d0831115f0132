package io.homeacs.server.device;

import java.util.Locale;

/** What a device is for; decides which domain features apply to it. */
public enum DeviceKind {
    GATEWAY("gateway"), MESH_ROUTER("mesh"), SET_TOP_BOX("stb"), UNKNOWN("unknown");

    private final String apiName;

    DeviceKind(String apiName) {
        this.apiName = apiName;
    }

    public String apiName() {
        return apiName;
    }

    /** Accepts the API names plus the installers' words ("ont", "router", "settopbox"). */
    public static DeviceKind parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        return switch (t) {
            case "gateway", "ont", "onu", "modem" -> GATEWAY;
            case "mesh", "mesh_router", "router" -> MESH_ROUTER;
            case "stb", "set_top_box", "settopbox" -> SET_TOP_BOX;
            case "unknown" -> UNKNOWN;
            default -> throw new IllegalArgumentException("unknown device kind '" + text + "' (gateway, mesh, stb)");
        };
    }
}
