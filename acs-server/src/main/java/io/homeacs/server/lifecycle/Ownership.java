package io.homeacs.server.lifecycle;

import java.util.Locale;

/**
 * Who owns a device. The operator owns leased and free units and takes them back at the end of
 * service; a subscriber-purchased unit is the subscriber's, so nothing is owed for it.
 */
public enum Ownership {
    LEASED, FREE, PURCHASED;

    public String apiName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean operatorOwned() {
        return this != PURCHASED;
    }

    public static Ownership parse(String text) {
        String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        return switch (t) {
            case "leased", "operator-leased" -> LEASED;
            case "free", "provided-free", "operator-free" -> FREE;
            case "purchased", "subscriber-purchased" -> PURCHASED;
            default -> throw new IllegalArgumentException("unknown ownership '" + text + "' (leased, free, purchased)");
        };
    }
}
