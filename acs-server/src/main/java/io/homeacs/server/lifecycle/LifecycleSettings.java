package io.homeacs.server.lifecycle;

import io.homeacs.server.device.DeviceKind;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;

/**
 * The operator's lifecycle rules (all settings, see docs/configuration.md).
 *
 * @param values       the value table: compensation in CNY per device kind
 * @param offlineAfter how recent a last contact counts as reachable when a connection request fails
 * @param selfTestWait how long the pre-return check waits for the self-test it starts
 */
public record LifecycleSettings(int warrantyMonths, Ownership defaultOwnership, Map<DeviceKind, BigDecimal> values,
                                double opticalWarnDbm, double opticalCriticalDbm, Duration offlineAfter,
                                Duration selfTestWait) {
    public LifecycleSettings {
        // Money is shown and stored with two decimals, whatever precision the setting was written in.
        Map<DeviceKind, BigDecimal> scaled = new java.util.EnumMap<>(DeviceKind.class);
        values.forEach((k, v) -> scaled.put(k, v.setScale(2, java.math.RoundingMode.HALF_UP)));
        values = Map.copyOf(scaled);
    }
}
