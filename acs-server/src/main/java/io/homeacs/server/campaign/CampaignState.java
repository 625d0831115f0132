package io.homeacs.server.campaign;

import java.util.Locale;

/** running → finished, or halted (by its thresholds) / paused (by an operator) → running again; cancelled at any time. */
public enum CampaignState {
    RUNNING, PAUSED, HALTED, FINISHED, CANCELLED;

    public boolean over() {
        return this == FINISHED || this == CANCELLED;
    }

    public String apiName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
