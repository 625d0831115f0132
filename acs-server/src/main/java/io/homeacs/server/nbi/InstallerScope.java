package io.homeacs.server.nbi;

import io.homeacs.server.security.ApiTokens;
import io.homeacs.server.security.Role;
import io.homeacs.server.subscriber.Assignments;
import io.homeacs.server.subscriber.Orders;
import io.homeacs.server.subscriber.ServiceOrder;
import java.time.Clock;
import java.time.Duration;

/**
 * Installers work only on the orders assigned to them, and on a device only while one of those
 * orders is in their hands: commissioning, or finished less than {@link #AFTER_CARE} ago (a re-check
 * on the way out), and only while the order's subscriber still holds the device. Everyone else
 * passes here; their role checks are the endpoint's @Allowed.
 */
final class InstallerScope {
    /** How long after an order finished its installer may still look at and restart the device. */
    static final Duration AFTER_CARE = Duration.ofDays(2);

    private final Orders orders;
    private final Assignments assignments;
    private final Clock clock;

    InstallerScope(Orders orders, Assignments assignments, Clock clock) {
        this.orders = orders;
        this.assignments = assignments;
        this.clock = clock;
    }

    static void requireOrder(ApiTokens.Principal p, ServiceOrder o) {
        if (p.role() == Role.INSTALLER && !p.user().equals(o.installer())) {
            throw new ApiException(403, "order " + o.id() + " is not assigned to " + p.user());
        }
    }

    void requireDevice(ApiTokens.Principal p, long deviceId) {
        if (p.role() != Role.INSTALLER) {
            return;
        }
        Long holder = assignments.holderOf(deviceId).orElse(null);
        for (ServiceOrder o : orders.list(new Orders.Filter(null, p.user(), null, deviceId), 0, 20)) {
            if (Long.valueOf(deviceId).equals(o.deviceId()) && Long.valueOf(o.subscriberId()).equals(holder) && inHand(o)) {
                return;
            }
        }
        throw new ApiException(403, "device " + deviceId + " is not on an order assigned to " + p.user());
    }

    /** Mesh and other home-wide calls: an installer only for a subscriber of an order in their hands. */
    void requireSubscriber(ApiTokens.Principal p, long subscriberId) {
        if (p.role() != Role.INSTALLER) {
            return;
        }
        for (ServiceOrder o : orders.list(new Orders.Filter(null, p.user(), subscriberId, null), 0, 20)) {
            if (o.subscriberId() == subscriberId && inHand(o)) {
                return;
            }
        }
        throw new ApiException(403, "subscriber " + subscriberId + " has no order assigned to " + p.user());
    }

    private boolean inHand(ServiceOrder o) {
        switch (o.state()) {
            case COMMISSIONING:
                return true;
            case COMPLETED:
            case FAILED:
                return o.finishedAt() != null && o.finishedAt().plus(AFTER_CARE).isAfter(clock.instant());
            default:
                return false;
        }
    }
}
