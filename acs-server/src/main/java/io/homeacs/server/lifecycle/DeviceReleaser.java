package io.homeacs.server.lifecycle;

/**
 * Ends a subscriber's hold on a returned device. Provisioning implements it (it also stops pending
 * commissioning and service actions and tells webhooks); a port keeps lifecycle free of provisioning.
 */
@FunctionalInterface
public interface DeviceReleaser {
    boolean release(long deviceId, long subscriberId, String reason);
}
