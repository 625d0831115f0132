package io.homeacs.server.nbi;

import io.homeacs.server.security.ApiTokens;
import io.homeacs.server.security.Role;
import io.homeacs.server.subscriber.Orders;
import io.homeacs.server.subscriber.ServiceOrder;

/**
 * Installers work only on the orders assigned to them and on the devices bound to those orders
 * while the order is in their hands (not cancelled). Everyone else passes; their role checks
 * are the endpoint's @Allowed.
 */
final class InstallerScope {
    private InstallerScope() {
    }

    static void requireOrder(ApiTokens.Principal p, ServiceOrder o) {
        if (p.role() == Role.INSTALLER && !p.user().equals(o.installer())) {
            throw new ApiException(403, "order " + o.id() + " is not assigned to " + p.user());
        }
    }

    static void requireDevice(ApiTokens.Principal p, long deviceId, Orders orders) {
        if (p.role() != Role.INSTALLER) {
            return;
        }
        for (ServiceOrder o : orders.list(new Orders.Filter(null, p.user(), null, deviceId), 0, 20)) {
            if (o.state() != ServiceOrder.State.CANCELLED && Long.valueOf(deviceId).equals(o.deviceId())) {
                return;
            }
        }
        throw new ApiException(403, "device " + deviceId + " is not on an order assigned to " + p.user());
    }
}
