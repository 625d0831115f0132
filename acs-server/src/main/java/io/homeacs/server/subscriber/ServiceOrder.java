package io.homeacs.server.subscriber;

import java.time.Instant;
import java.util.Locale;

/**
 * An order to put a device into service for a subscriber: a new installation, or a swap that
 * replaces a device. The device is found by the registration ID (LOID) or serial number it
 * reports, or bound by the installer.
 */
public record ServiceOrder(long id, long subscriberId, Kind kind, State state, String registrationId,
                           String serialNumber, String installer, Long replacesDeviceId, Long deviceId, String boundBy,
                           String note, Instant createdAt, String createdBy, Instant boundAt, Instant finishedAt) {

    public enum Kind {
        INSTALL, SWAP;

        public String apiName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** open: waiting for its device; commissioning: bound, configuration being pushed. */
    public enum State {
        OPEN, COMMISSIONING, COMPLETED, FAILED, CANCELLED;

        public String apiName() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static State parse(String text) {
            for (State s : values()) {
                if (s.apiName().equals(text)) {
                    return s;
                }
            }
            throw new IllegalArgumentException("state must be one of open, commissioning, completed, failed, cancelled");
        }
    }

    /** One step of commissioning; detail explains a failure or what was verified. */
    public record Step(int seq, String name, StepState state, Long taskId, String detail, Instant updatedAt) {
    }

    /** waiting: the ACS does not know the device's data model yet (its first full read is pending). */
    public enum StepState {
        PENDING, WAITING, SENT, DONE, SKIPPED, FAILED;

        public String apiName() {
            return name().toLowerCase(Locale.ROOT);
        }

        public boolean finished() {
            return this == DONE || this == SKIPPED || this == FAILED;
        }
    }
}
