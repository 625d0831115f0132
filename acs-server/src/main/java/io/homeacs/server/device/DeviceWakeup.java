package io.homeacs.server.device;

import java.util.concurrent.CompletableFuture;

/** Asks a device to contact the ACS now (a CWMP connection request, a USP wake-up). */
@FunctionalInterface
public interface DeviceWakeup {
    /** Completes with how the request went; never completes exceptionally. */
    CompletableFuture<WakeupResult> wake(Device device);

    /** Whether the device acknowledged the request, and how it was reached. */
    record WakeupResult(boolean delivered, String via, String detail) {
    }
}
