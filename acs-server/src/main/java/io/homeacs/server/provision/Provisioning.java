package io.homeacs.server.provision;

import io.homeacs.server.device.Device;
import io.homeacs.server.device.DeviceQuery;
import io.homeacs.server.device.DeviceRegistry;
import io.homeacs.server.device.DeviceWakeup;
import io.homeacs.server.device.Normalization;
import io.homeacs.server.events.EventPayloads;
import io.homeacs.server.events.EventType;
import io.homeacs.server.events.Webhooks;
import io.homeacs.server.store.Database;
import io.homeacs.server.subscriber.Assignments;
import io.homeacs.server.subscriber.Conflict;
import io.homeacs.server.subscriber.Limits;
import io.homeacs.server.subscriber.NotFound;
import io.homeacs.server.subscriber.Orders;
import io.homeacs.server.subscriber.ServiceKind;
import io.homeacs.server.subscriber.ServiceOrder;
import io.homeacs.server.subscriber.Subscriber;
import io.homeacs.server.subscriber.Subscribers;
import io.homeacs.server.task.SecretSealer;
import io.homeacs.server.task.Task;
import io.homeacs.server.task.TaskOrigin;
import io.homeacs.server.task.TaskOutcome;
import io.homeacs.server.task.TaskQueue;
import io.homeacs.server.task.TaskState;
import io.homeacs.server.task.TaskType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Subscriber provisioning: service orders, zero-touch binding, commissioning, device swap, and
 * service state that follows the account. The API calls this; devices reach it through the
 * registry's check-in hook and the task queue's outcomes.
 */
public final class Provisioning {
    private static final Logger LOG = LoggerFactory.getLogger(Provisioning.class);

    private final DeviceRegistry registry;
    private final TaskQueue tasks;
    private final Normalization normalization;
    private final Webhooks webhooks;
    private final DeviceWakeup wakeup;
    private final Settings settings;
    private final Clock clock;
    private final Subscribers subscribers;
    private final Orders orders;
    private final Assignments assignments;
    private final Commissioning commissioning;
    private final Binding binding;
    private final ServiceStates states;

    /** restoreDeadline: how soon a resume must reach the device; taskExpiry: how long its tasks wait for it. */
    public record Settings(Duration restoreDeadline, Duration taskExpiry) {
    }

    public Provisioning(Database db, DeviceRegistry registry, TaskQueue tasks, Normalization normalization,
                        Webhooks webhooks, DeviceWakeup wakeup, SecretSealer sealer, Settings settings, Clock clock) {
        this.registry = registry;
        this.tasks = tasks;
        this.normalization = normalization;
        this.webhooks = webhooks;
        this.wakeup = wakeup;
        this.settings = settings;
        this.clock = clock;
        this.subscribers = new Subscribers(db, sealer);
        this.orders = new Orders(db);
        this.assignments = new Assignments(db, orders);
        this.commissioning = new Commissioning(orders, subscribers, this);
        this.binding = new Binding(orders, this);
        this.states = new ServiceStates(subscribers, new ServiceActions(db), this);
        binding.reindex();
        registry.onCheckIn((device, facts, first, now) -> {
            binding.checkedIn(device, facts, now);
            commissioning.checkedIn(device, now);
        });
        tasks.addListener(this::taskFinished);
    }

    /**
     * Settles what a crash or a lost listener call left behind: steps and actions whose task has
     * already finished, commissioning orders without steps. Run at start and periodically.
     */
    public void reconcile() {
        Instant now = clock.instant();
        commissioning.reconcile(now);
        states.reconcile(now);
    }

    public Subscribers subscribers() {
        return subscribers;
    }

    public Orders orders() {
        return orders;
    }

    public Assignments assignments() {
        return assignments;
    }

    /**
     * Opens an order. A device already registered with the order's serial number or LOID is bound at
     * once; otherwise the first check-in that shows either binds it.
     */
    public ServiceOrder createOrder(long subscriberId, String registrationId, String serialNumber, String installer,
                                    String by) {
        Subscriber s = subscribers.find(subscriberId)
            .orElseThrow(() -> new IllegalArgumentException("unknown subscriber " + subscriberId));
        checkUnclaimed(registrationId, serialNumber);
        ServiceOrder o = orders.create(s.id(), ServiceOrder.Kind.INSTALL, blankToNull(registrationId),
            blankToNull(serialNumber), blankToNull(installer), null, by, clock.instant());
        return afterOpen(o);
    }

    /**
     * Replaces a subscriber's device. The old one is released only when the new one is bound, in the
     * same transaction; the new one gets the subscriber's service and the Wi-Fi the old one had.
     */
    public ServiceOrder swap(long subscriberId, long oldDeviceId, Long newDeviceId, String registrationId,
                             String serialNumber, String installer, String by) {
        Subscriber s = subscribers.find(subscriberId)
            .orElseThrow(() -> new IllegalArgumentException("unknown subscriber " + subscriberId));
        if (!Long.valueOf(s.id()).equals(assignments.holderOf(oldDeviceId).orElse(null))) {
            throw new IllegalArgumentException("device " + oldDeviceId + " is not held by subscriber " + s.account());
        }
        if (newDeviceId == null && blankToNull(registrationId) == null && blankToNull(serialNumber) == null) {
            throw new IllegalArgumentException("name the new device: newDeviceId, serialNumber or registrationId");
        }
        Limits.check("registrationId", registrationId, 64);
        Limits.check("serialNumber", serialNumber, 64);
        Limits.check("installer", installer, 128);
        checkUnclaimed(registrationId, serialNumber);
        if (newDeviceId != null) {
            registry.find(newDeviceId).orElseThrow(() -> new IllegalArgumentException("unknown device " + newDeviceId));
            if (newDeviceId == oldDeviceId) {
                throw new IllegalArgumentException("the new device is the old one");
            }
            if (assignments.holderOf(newDeviceId).filter(h -> h != s.id()).isPresent()) {
                throw new Conflict("device " + newDeviceId + " is held by another subscriber; release it first");
            }
        }
        Device old = registry.find(oldDeviceId).orElseThrow();
        WifiCarryOver.remember(s, old, registry.parameters(oldDeviceId), normalization, subscribers, clock.instant());
        ServiceOrder o = orders.create(s.id(), ServiceOrder.Kind.SWAP, blankToNull(registrationId),
            blankToNull(serialNumber), blankToNull(installer), oldDeviceId, by, clock.instant());
        if (newDeviceId != null) {
            bindByApi(o.id(), newDeviceId, by);
            return orders.find(o.id()).orElseThrow();
        }
        return afterOpen(o);
    }

    private ServiceOrder afterOpen(ServiceOrder o) {
        binding.reindex();
        Device existing = findExisting(o);
        if (existing != null && assignments.holderOf(existing.id()).isEmpty()) {
            bind(o, existing, "zero-touch: device already registered with this order's "
                + (o.serialNumber() != null ? "serial number" : "LOID"), clock.instant());
            wakeup.wake(existing);
        }
        return orders.find(o.id()).orElseThrow();
    }

    /** The installer (or operator) names the device: binds it and starts commissioning. */
    public ServiceOrder bindByApi(long orderId, long deviceId, String by) {
        ServiceOrder o = orders.find(orderId).orElseThrow(() -> new NotFound("order " + orderId));
        Device d = registry.find(deviceId).orElseThrow(() -> new IllegalArgumentException("unknown device " + deviceId));
        if (o.state() != ServiceOrder.State.OPEN) {
            throw new Conflict("order " + orderId + " is " + o.state().apiName() + ", not open");
        }
        Assignments.BindResult r = bind(o, d, "bound by " + by, clock.instant());
        if (r == Assignments.BindResult.DEVICE_HELD_BY_ANOTHER) {
            throw new Conflict("device " + deviceId + " is held by another subscriber; release it or swap");
        }
        if (r == Assignments.BindResult.DEVICE_BEING_COMMISSIONED) {
            throw new Conflict("device " + deviceId + " is being commissioned for another order");
        }
        if (r == Assignments.BindResult.ORDER_NOT_OPEN) {
            throw new Conflict("order " + orderId + " is no longer open");
        }
        wakeup.wake(d);
        return orders.find(orderId).orElseThrow();
    }

    Assignments.BindResult bind(ServiceOrder o, Device d, String via, Instant now) {
        Assignments.Bound bound = assignments.bind(o, d.id(), via, now);
        Assignments.BindResult r = bound.result();
        if (r == Assignments.BindResult.BOUND) {
            binding.reindex();
            LOG.info("order {}: device {} bound to subscriber {} ({})", o.id(), d.key(), o.subscriberId(), via);
            Map<String, Object> data = new java.util.LinkedHashMap<>(EventPayloads.device(d));
            data.put("subscriberId", o.subscriberId());
            data.put("orderId", o.id());
            data.put("via", via);
            webhooks.publish(EventType.DEVICE_BOUND, data, now);
            if (bound.releasedOld()) {
                released(o.replacesDeviceId(), o.subscriberId(), "swapped (order " + o.id() + ")", now);
            }
            commissioning.start(orders.find(o.id()).orElseThrow(), d, via, now);
        } else if (r != Assignments.BindResult.ORDER_NOT_OPEN) {
            LOG.warn("order {}: device {} matched but cannot be bound ({})", o.id(), d.key(), r);
        }
        return r;
    }

    /** Runs commissioning again (after a fix, or to re-check): values already in place cost nothing. */
    public ServiceOrder recommission(long orderId) {
        ServiceOrder o = orders.find(orderId).orElseThrow(() -> new NotFound("order " + orderId));
        if (o.deviceId() == null || o.state() == ServiceOrder.State.OPEN || o.state() == ServiceOrder.State.CANCELLED) {
            throw new Conflict("order " + orderId + " is " + o.state().apiName()
                + "; only an order with a device can be commissioned again");
        }
        if (!Long.valueOf(o.subscriberId()).equals(assignments.holderOf(o.deviceId()).orElse(null))) {
            throw new Conflict("device " + o.deviceId() + " is no longer held by the order's subscriber");
        }
        if (o.state() != ServiceOrder.State.COMMISSIONING
            && !orders.transition(orderId, o.state(), ServiceOrder.State.COMMISSIONING, null, clock.instant())) {
            throw new Conflict("order " + orderId + " changed meanwhile; try again");
        }
        Device d = registry.find(o.deviceId()).orElseThrow();
        commissioning.start(orders.find(orderId).orElseThrow(), d, "re-run", clock.instant());
        wakeup.wake(d);
        return orders.find(orderId).orElseThrow();
    }

    public ServiceOrder cancel(long orderId, String by) {
        ServiceOrder o = orders.find(orderId).orElseThrow(() -> new NotFound("order " + orderId));
        boolean open = o.state() == ServiceOrder.State.OPEN;
        if (!open && o.state() != ServiceOrder.State.COMMISSIONING
            || !orders.transition(orderId, o.state(), ServiceOrder.State.CANCELLED, "cancelled by " + by, clock.instant())) {
            throw new Conflict("order " + orderId + " is " + o.state().apiName()
                + "; only open or commissioning orders can be cancelled");
        }
        if (!open) {
            commissioning.cancelled(orderId, clock.instant());
        }
        binding.reindex();
        return orders.find(orderId).orElseThrow();
    }

    /** Ends a subscriber's hold on a device (lease ended, device returned). */
    public boolean release(long deviceId, long subscriberId, String reason) {
        boolean done = assignments.release(deviceId, subscriberId, reason, clock.instant());
        if (done) {
            released(deviceId, subscriberId, reason, clock.instant());
        }
        return done;
    }

    /** A device left its subscriber: nothing of theirs may still be pushed to it. */
    private void released(long deviceId, long subscriberId, String reason, Instant now) {
        commissioning.deviceReleased(deviceId, subscriberId, now);
        states.deviceReleased(deviceId, now);
        webhooks.publish(EventType.DEVICE_RELEASED, Map.of("deviceId", deviceId, "subscriberId", subscriberId,
            "reason", reason), now);
    }

    public List<Map<String, Object>> changeServices(long subscriberId, Set<ServiceKind> services, boolean suspend,
                                                    String reason, String by) {
        return states.change(subscriberId, services, suspend, reason, by, clock.instant()).stream()
            .map(ServiceStates::view).toList();
    }

    public List<Map<String, Object>> serviceActions(Long subscriberId, boolean pendingOnly, boolean overdueOnly, int limit) {
        List<ServiceActions.Action> list = overdueOnly ? states.overdue(settings.restoreDeadline(), clock.instant(), limit)
            : states.list(subscriberId, pendingOnly, limit);
        return list.stream().filter(a -> subscriberId == null || a.subscriberId() == subscriberId)
            .map(ServiceStates::view).toList();
    }

    public List<Map<String, Object>> steps(long orderId) {
        return orders.steps(orderId).stream().map(Commissioning::stepView).toList();
    }

    public Duration restoreDeadline() {
        return settings.restoreDeadline();
    }

    private void taskFinished(Task task, TaskOutcome outcome, Instant now) {
        if (task.origin() == TaskOrigin.PROVISIONING && task.state().terminal()) {
            commissioning.taskFinished(task, outcome, now);
            states.taskFinished(task, outcome, now);
        } else if (task.type() == TaskType.REFRESH && task.state().terminal()) {
            // Whatever became of the first read, what waited for it can now be decided.
            registry.find(task.deviceId()).ifPresent(d -> {
                if (task.state() == TaskState.DONE) {
                    binding.deviceRead(d, now);
                }
                commissioning.deviceRead(d.id(), now);
                states.deviceRead(d, now);
            });
        }
    }

    /** A full read is still to come: the ACS cannot place a concept on the device before it. */
    boolean firstReadPending(long deviceId) {
        for (TaskState st : List.of(TaskState.QUEUED, TaskState.SENT)) {
            if (tasks.inState(deviceId, st).stream().anyMatch(t -> t.type() == TaskType.REFRESH)) {
                return true;
            }
        }
        return false;
    }

    private void checkUnclaimed(String registrationId, String serialNumber) {
        String loid = blankToNull(registrationId);
        String serial = blankToNull(serialNumber);
        if (loid == null && serial == null) {
            return;
        }
        orders.openClaiming(loid, serial).ifPresent(open -> {
            throw new Conflict("open order " + open.id() + " already waits for that "
                + (loid != null && loid.equals(open.registrationId()) ? "LOID" : "serial number"));
        });
    }

    private Device findExisting(ServiceOrder o) {
        if (o.serialNumber() != null) {
            for (Device d : registry.search(new DeviceQuery(null, null, null, null, null, o.serialNumber(), null, null, 0, 50))) {
                if (d.identity().serialNumber().equals(o.serialNumber())) {
                    return d;
                }
            }
        }
        if (o.registrationId() != null) {
            return RegistrationLookup.find(o.registrationId(), registry, normalization);
        }
        return null;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    DeviceRegistry registry() {
        return registry;
    }

    TaskQueue tasks() {
        return tasks;
    }

    Normalization normalization() {
        return normalization;
    }

    Webhooks webhooks() {
        return webhooks;
    }

    DeviceWakeup wakeup() {
        return wakeup;
    }

    Duration taskExpiry() {
        return settings.taskExpiry();
    }
}
