package io.homeacs.server.provision;

import io.homeacs.server.device.Device;
import io.homeacs.server.device.ParamValue;
import io.homeacs.server.events.EventType;
import io.homeacs.server.subscriber.Limits;
import io.homeacs.server.subscriber.NotFound;
import io.homeacs.server.subscriber.ServiceKind;
import io.homeacs.server.subscriber.Subscriber;
import io.homeacs.server.subscriber.Subscribers;
import io.homeacs.server.task.Task;
import io.homeacs.server.task.TaskOrigin;
import io.homeacs.server.task.TaskOutcome;
import io.homeacs.server.task.TaskSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Service state follows the account: suspending or resuming a subscriber's services flips the
 * matching switches on every device the subscriber holds, and records per device when it took
 * effect — at once when the device answers a connection request, else at its next contact.
 * The switch is always sent, never skipped because the stored value already matches: a
 * commissioning step still queued may carry the opposite value, and only the order of the tasks
 * on the device decides what the device ends up with.
 */
final class ServiceStates {
    private static final String WAITING = "waiting for the device's first full parameter read";
    private final Subscribers subscribers;
    private final ServiceActions actions;
    private final Provisioning env;

    ServiceStates(Subscribers subscribers, ServiceActions actions, Provisioning env) {
        this.subscribers = subscribers;
        this.actions = actions;
        this.env = env;
    }

    synchronized List<ServiceActions.Action> change(long subscriberId, Set<ServiceKind> requested, boolean suspend,
                                                    String reason, String by, Instant now) {
        Limits.check("reason", reason, 200);
        // Read under the lock: two concurrent changes must not each write back a stale set.
        Subscriber s = subscribers.find(subscriberId).orElseThrow(() -> new NotFound("subscriber " + subscriberId));
        Set<ServiceKind> services = requested.isEmpty() ? s.services() : requested;
        for (ServiceKind k : services) {
            if (!s.services().contains(k)) {
                throw new IllegalArgumentException("subscriber " + s.account() + " has no " + k.apiName() + " service");
            }
        }
        Set<ServiceKind> suspended = s.suspended().isEmpty() ? EnumSet.noneOf(ServiceKind.class) : EnumSet.copyOf(s.suspended());
        if (suspend) {
            suspended.addAll(services);
        } else {
            suspended.removeAll(services);
        }
        subscribers.setSuspended(s.id(), suspended, now);
        List<ServiceActions.Action> out = new ArrayList<>();
        for (long deviceId : env.assignments().devicesOf(s.id())) {
            Device device = env.registry().find(deviceId).orElse(null);
            if (device == null) {
                continue;
            }
            boolean queued = false;
            for (ServiceKind k : services) {
                List<ServiceConfig.Item> items = ServiceConfig.switches(k, device.kind(), !suspend);
                if (!items.isEmpty()) {
                    ServiceActions.Action a = apply(s, device, k, items, suspend, reason, by, now);
                    queued |= a.taskId() != null;
                    out.add(a);
                }
            }
            if (queued) {
                env.wakeup().wake(device);
            }
        }
        return out;
    }

    private ServiceActions.Action apply(Subscriber s, Device device, ServiceKind k, List<ServiceConfig.Item> items,
                                        boolean suspend, String reason, String by, Instant now) {
        supersede(device.id(), k, "superseded by a later " + (suspend ? "suspend" : "resume"), now);
        ServiceActions.Action a = actions.insert(new ServiceActions.Action(0, s.id(), device.id(), k, suspend, reason, now,
            by, null, ServiceActions.State.PENDING, null, null));
        return send(a, device, items, now);
    }

    /** Queues the action's switches, or records why it cannot (yet). */
    private ServiceActions.Action send(ServiceActions.Action a, Device device, List<ServiceConfig.Item> items, Instant now) {
        Resolved r = Resolved.of(items, env.normalization(), device, env.registry().parameters(device.id()));
        if (!r.missingRequired().isEmpty()) {
            if (env.firstReadPending(device.id())) {
                actions.attachTask(a.id(), null, WAITING);
                return with(a, null, ServiceActions.State.PENDING, null, WAITING);
            }
            String why = "the device has no parameter for " + String.join(", ", r.missingRequired());
            actions.settle(a.id(), ServiceActions.State.FAILED, null, why);
            return with(a, null, ServiceActions.State.FAILED, null, why);
        }
        List<ParamValue> values = new ArrayList<>(r.verifiable());
        Task t = env.tasks().enqueue(device.id(), new TaskSpec.SetParameterValues(values), TaskOrigin.PROVISIONING,
            env.taskExpiry(), now);
        actions.attachTask(a.id(), t.id(), "queued as task " + t.id());
        return with(a, t.id(), ServiceActions.State.PENDING, null, "queued as task " + t.id());
    }

    /** Earlier actions on this device and service that have not taken effect give way to the new one. */
    private void supersede(long deviceId, ServiceKind k, String why, Instant now) {
        for (ServiceActions.Action old : actions.pending(deviceId, k)) {
            // Settled first: cancelling fires the task listener, which must find it no longer pending.
            actions.settle(old.id(), ServiceActions.State.SUPERSEDED, null, why);
            if (old.taskId() != null) {
                env.tasks().cancel(old.taskId(), now);
            }
        }
    }

    /** The device's parameters became known (or its first read failed): waiting actions go out or fail now. */
    synchronized void deviceRead(Device device, Instant now) {
        for (ServiceActions.Action a : actions.waiting(device.id())) {
            send(a, device, ServiceConfig.switches(a.service(), device.kind(), !a.suspend()), now);
        }
    }

    /** Nothing of the former subscriber's service state may still reach a released device. */
    synchronized void deviceReleased(long deviceId, Instant now) {
        for (ServiceKind k : ServiceKind.values()) {
            supersede(deviceId, k, "the device was released", now);
        }
    }

    synchronized void taskFinished(Task task, TaskOutcome outcome, Instant now) {
        actions.byTask(task.id()).ifPresent(a -> {
            boolean ok = outcome instanceof TaskOutcome.Done;
            if (a.state() == ServiceActions.State.SUPERSEDED) {
                if (ok) {
                    reassert(a, now);
                }
                return;
            }
            String detail = ok ? "applied by task " + task.id() : outcome instanceof TaskOutcome.Failed f
                ? Faults.describe(f) : "task " + task.state().name().toLowerCase(java.util.Locale.ROOT);
            if (actions.settle(a.id(), ok ? ServiceActions.State.APPLIED : ServiceActions.State.FAILED, ok ? now : null,
                detail) && ok) {
                announce(with(a, a.taskId(), ServiceActions.State.APPLIED, now, detail));
            }
        });
    }

    /**
     * A superseded switch reached the device after all (it was already on its way, or came back from a
     * retry): the newest request for that service is sent again so it has the last word.
     */
    private void reassert(ServiceActions.Action stale, Instant now) {
        ServiceActions.Action newest = actions.newest(stale.deviceId(), stale.service()).orElse(null);
        Device device = env.registry().find(stale.deviceId()).orElse(null);
        if (newest == null || newest.id() == stale.id() || device == null
            || newest.state() == ServiceActions.State.SUPERSEDED) {
            return;
        }
        actions.reopen(newest.id());
        send(newest, device, ServiceConfig.switches(newest.service(), device.kind(), !newest.suspend()), now);
    }

    /** Pending actions whose task finished while no listener heard it (a crash). */
    synchronized void reconcile(Instant now) {
        for (ServiceActions.Action a : actions.list(null, true, 10_000)) {
            if (a.taskId() != null) {
                env.tasks().find(a.taskId()).filter(t -> t.state().terminal())
                    .ifPresent(t -> taskFinished(t, Commissioning.outcomeOf(t), now));
            }
        }
    }

    List<ServiceActions.Action> list(Long subscriberId, boolean pendingOnly, int limit) {
        return actions.list(subscriberId, pendingOnly, limit);
    }

    /** Resumes not in effect by the deadline the agreements promise (24 hours by default), oldest first. */
    List<ServiceActions.Action> overdue(Duration deadline, Instant now, int limit) {
        return actions.overdueResumes(now.minus(deadline), limit);
    }

    private void announce(ServiceActions.Action a) {
        env.webhooks().publish(EventType.SERVICE_STATE_APPLIED, new LinkedHashMap<>(view(a)), a.effectiveAt());
    }

    static Map<String, Object> view(ServiceActions.Action a) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", a.id());
        m.put("subscriberId", a.subscriberId());
        m.put("deviceId", a.deviceId());
        m.put("service", a.service().apiName());
        m.put("action", a.actionName());
        m.put("reason", a.reason());
        m.put("requestedAt", a.requestedAt().toString());
        m.put("requestedBy", a.requestedBy());
        m.put("taskId", a.taskId());
        m.put("state", a.state().apiName());
        m.put("effectiveAt", a.effectiveAt() == null ? null : a.effectiveAt().toString());
        m.put("delaySeconds", a.effectiveAt() == null ? null
            : Duration.between(a.requestedAt(), a.effectiveAt()).toSeconds());
        m.put("detail", a.detail());
        return m;
    }

    private static ServiceActions.Action with(ServiceActions.Action a, Long taskId, ServiceActions.State state,
                                              Instant effective, String detail) {
        return new ServiceActions.Action(a.id(), a.subscriberId(), a.deviceId(), a.service(), a.suspend(), a.reason(),
            a.requestedAt(), a.requestedBy(), taskId, state, effective, detail);
    }
}
