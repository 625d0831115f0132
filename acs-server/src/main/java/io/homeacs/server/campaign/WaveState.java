package io.homeacs.server.campaign;

import java.util.Locale;

/** waiting → noticed (notice list published) → open (devices may be touched) → closed; halted when its thresholds tripped. */
public enum WaveState {
    WAITING, NOTICED, OPEN, CLOSED, HALTED;

    public String apiName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
