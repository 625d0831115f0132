package io.homeacs.server.device;

import java.time.Instant;

/** Filters for listing devices; null means "any". Text filters match exactly except {@code search}. */
public record DeviceQuery(DeviceKind kind, String modelName, String productClass, String softwareVersion,
                          String oui, String search, Instant contactedAfter, Instant contactedBefore,
                          int offset, int limit) {
    public static final int MAX_LIMIT = 1000;

    public DeviceQuery {
        if (offset < 0) {
            throw new IllegalArgumentException("offset must be >= 0");
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT);
        }
    }

    public static DeviceQuery all(int limit) {
        return new DeviceQuery(null, null, null, null, null, null, null, null, 0, limit);
    }
}
