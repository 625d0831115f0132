package io.homeacs.server.provision;

import io.homeacs.server.device.Device;
import io.homeacs.server.device.InformFacts;
import io.homeacs.server.device.ParameterDocument;
import io.homeacs.server.subscriber.Orders;
import io.homeacs.server.subscriber.ServiceOrder;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Zero-touch binding: an ONT that reports an open order's registration ID (LOID), or carries its
 * serial number, is bound to that order when it checks in or once its parameters are first read.
 * Open orders are indexed in memory, so a periodic Inform costs two map lookups at most.
 */
final class Binding {
    private final Orders orders;
    private final Provisioning env;
    private volatile Index index = new Index(Map.of(), Map.of());

    private record Index(Map<String, Long> byRegistrationId, Map<String, Long> bySerial) {
        boolean isEmpty() {
            return byRegistrationId.isEmpty() && bySerial.isEmpty();
        }
    }

    Binding(Orders orders, Provisioning env) {
        this.orders = orders;
        this.env = env;
    }

    /** Rebuilds the index; called at start and whenever an order opens, binds or is cancelled. */
    synchronized void reindex() {
        Map<String, Long> loid = new HashMap<>();
        Map<String, Long> serial = new HashMap<>();
        for (ServiceOrder o : orders.open()) {
            if (o.registrationId() != null) {
                loid.putIfAbsent(o.registrationId(), o.id());
            }
            if (o.serialNumber() != null) {
                serial.putIfAbsent(o.serialNumber(), o.id());
            }
        }
        index = new Index(Map.copyOf(loid), Map.copyOf(serial));
    }

    void checkedIn(Device device, InformFacts facts, Instant now) {
        Index idx = index;
        if (idx.isEmpty()) {
            return;
        }
        Long order = idx.bySerial().get(device.identity().serialNumber());
        String via = "zero-touch: serial number " + device.identity().serialNumber();
        if (order == null && !idx.byRegistrationId().isEmpty()) {
            ParameterDocument reported = ParameterDocument.empty();
            reported.merge(facts.parameters(), now);
            Optional<String> loid = registrationId(device, reported);
            order = loid.map(idx.byRegistrationId()::get).orElse(null);
            via = "zero-touch: LOID " + loid.orElse("") + " reported in Inform";
        }
        if (order != null) {
            tryBind(order, device, via, now);
        }
    }

    /** After the device's parameters were read: the LOID may not be in its Inform. */
    void deviceRead(Device device, Instant now) {
        Index idx = index;
        if (idx.byRegistrationId().isEmpty()) {
            return;
        }
        Optional<String> loid = registrationId(device, env.registry().parameters(device.id()));
        Long order = loid.map(idx.byRegistrationId()::get).orElse(null);
        if (order != null) {
            tryBind(order, device, "zero-touch: LOID " + loid.get() + " read from the device", now);
        }
    }

    private Optional<String> registrationId(Device device, ParameterDocument doc) {
        return env.normalization().resolve("registrationId", device, doc).map(v -> v.raw().trim())
            .filter(v -> !v.isEmpty());
    }

    private void tryBind(long orderId, Device device, String via, Instant now) {
        if (env.assignments().holderOf(device.id()).isPresent()) {
            return;
        }
        orders.find(orderId).ifPresent(o -> env.bind(o, device, via, now));
    }
}
