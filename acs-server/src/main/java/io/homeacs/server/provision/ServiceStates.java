package io.homeacs.server.provision;

import io.homeacs.server.device.Device;
import io.homeacs.server.events.EventType;
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

    synchronized List<ServiceActions.Action> change(Subscriber s, Set<ServiceKind> requested, boolean suspend,
                                                    String reason, String by, Instant now) {
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
                    queued |= a.state() == ServiceActions.State.PENDING;
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
        for (ServiceActions.Action old : actions.pending(device.id(), k)) {
            if (old.taskId() != null) {
                env.tasks().cancel(old.taskId(), now);
            }
            actions.settle(old.id(), ServiceActions.State.SUPERSEDED, null, "superseded by a later "
                + (suspend ? "suspend" : "resume"));
        }
        Resolved r = Resolved.of(items, env.normalization(), device, env.registry().parameters(device.id()));
        ServiceActions.Action draft = new ServiceActions.Action(0, s.id(), device.id(), k, suspend, reason, now, by, null,
            ServiceActions.State.PENDING, null, null);
        if (!r.missingRequired().isEmpty()) {
            return env.firstReadPending(device.id())
                ? actions.insert(with(draft, null, ServiceActions.State.PENDING, null, WAITING))
                : actions.insert(with(draft, null, ServiceActions.State.FAILED, null,
                    "the device has no parameter for " + String.join(", ", r.missingRequired())));
        }
        if (r.toSet().isEmpty()) {
            ServiceActions.Action a = actions.insert(with(draft, null, ServiceActions.State.APPLIED, now,
                "the device was already in that state"));
            announce(a);
            return a;
        }
        Task t = env.tasks().enqueue(device.id(), new TaskSpec.SetParameterValues(r.toSet()), TaskOrigin.PROVISIONING,
            env.taskExpiry(), now);
        return actions.insert(with(draft, t.id(), ServiceActions.State.PENDING, null, "queued as task " + t.id()));
    }

    /** The device's parameters became known: actions that waited for them go out now. */
    synchronized void deviceRead(Device device, Instant now) {
        for (ServiceActions.Action a : actions.waiting(device.id())) {
            List<ServiceConfig.Item> items = ServiceConfig.switches(a.service(), device.kind(), !a.suspend());
            Resolved r = Resolved.of(items, env.normalization(), device, env.registry().parameters(device.id()));
            if (!r.missingRequired().isEmpty()) {
                actions.settle(a.id(), ServiceActions.State.FAILED, null,
                    "the device has no parameter for " + String.join(", ", r.missingRequired()));
            } else if (r.toSet().isEmpty()) {
                if (actions.settle(a.id(), ServiceActions.State.APPLIED, now, "the device was already in that state")) {
                    announce(with(a, null, ServiceActions.State.APPLIED, now, "the device was already in that state"));
                }
            } else {
                Task t = env.tasks().enqueue(device.id(), new TaskSpec.SetParameterValues(r.toSet()),
                    TaskOrigin.PROVISIONING, env.taskExpiry(), now);
                actions.attachTask(a.id(), t.id(), "queued as task " + t.id());
            }
        }
    }

    void taskFinished(Task task, TaskOutcome outcome, Instant now) {
        actions.byTask(task.id()).ifPresent(a -> {
            boolean ok = outcome instanceof TaskOutcome.Done;
            String detail = ok ? "applied by task " + task.id() : outcome instanceof TaskOutcome.Failed f
                ? Faults.describe(f) : "task " + task.state().name().toLowerCase(java.util.Locale.ROOT);
            if (actions.settle(a.id(), ok ? ServiceActions.State.APPLIED : ServiceActions.State.FAILED, ok ? now : null,
                detail) && ok) {
                announce(with(a, a.taskId(), ServiceActions.State.APPLIED, now, detail));
            }
        });
    }

    List<ServiceActions.Action> list(Long subscriberId, boolean pendingOnly, int limit) {
        return actions.list(subscriberId, pendingOnly, limit);
    }

    /** Resumes still not in effect after the deadline the agreements promise (24 hours by default). */
    List<ServiceActions.Action> overdue(Duration deadline, Instant now, int limit) {
        List<ServiceActions.Action> out = new ArrayList<>();
        for (ServiceActions.Action a : actions.list(null, true, 10_000)) {
            if (!a.suspend() && a.requestedAt().plus(deadline).isBefore(now) && out.size() < limit) {
                out.add(a);
            }
        }
        return out;
    }

    private void announce(ServiceActions.Action a) {
        Map<String, Object> data = new LinkedHashMap<>(view(a));
        env.webhooks().publish(EventType.SERVICE_STATE_APPLIED, data, a.effectiveAt());
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
