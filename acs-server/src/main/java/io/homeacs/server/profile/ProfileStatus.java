package io.homeacs.server.profile;

import java.util.Locale;

/**
 * How a device's last evaluation ended. converged: in its desired state; waiting: some values wait
 * for a profile's trigger event; failed: the device refused or lacked something (see the detail).
 * While tasks are in flight the API shows "applying", which is never stored.
 */
public enum ProfileStatus {
    CONVERGED, WAITING, FAILED, APPLYING;

    public String apiName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
