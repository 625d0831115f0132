package io.homeacs.server.firmware;

import java.util.Locale;

/** An image is offered and served while active; a withdrawn image is never installed again. */
public enum ImageState {
    ACTIVE, WITHDRAWN;

    public String apiName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
