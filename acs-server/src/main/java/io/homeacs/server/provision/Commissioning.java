package io.homeacs.server.provision;

import io.homeacs.server.device.Device;
import io.homeacs.server.device.Normalization;
import io.homeacs.server.device.ParamValue;
import io.homeacs.server.device.ParameterDocument;
import io.homeacs.server.events.EventType;
import io.homeacs.server.subscriber.Orders;
import io.homeacs.server.subscriber.ServiceOrder;
import io.homeacs.server.subscriber.ServiceOrder.Step;
import io.homeacs.server.subscriber.ServiceOrder.StepState;
import io.homeacs.server.subscriber.Subscriber;
import io.homeacs.server.subscriber.Subscribers;
import io.homeacs.server.task.Task;
import io.homeacs.server.task.TaskOrigin;
import io.homeacs.server.task.TaskOutcome;
import io.homeacs.server.task.TaskSpec;
import io.homeacs.server.task.TaskState;
import io.homeacs.server.task.TaskType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pushes a subscriber's service to an order's device, one step per service, each carried by its own
 * task so a failure is reported against the service it broke; then reads the values back to verify
 * them. Steps advance when their tasks finish; a step whose parameters the ACS cannot place yet
 * waits for the device's first full read.
 */
public final class Commissioning {
    private static final Logger LOG = LoggerFactory.getLogger(Commissioning.class);
    static final String BIND = "bind";
    static final String VERIFY = "verify";
    /** Read-backs before a line that is not up yet counts as failed; each waits for the device's next contact. */
    static final int VERIFY_ATTEMPTS = 3;
    /** How soon a device asked to call back for a re-check should do so. */
    private static final int RECHECK_DELAY_SECONDS = 60;

    private final Orders orders;
    private final Subscribers subscribers;
    private final Provisioning env;
    /** Devices whose order waits to verify again at their next contact: device id → order id. */
    private final Map<Long, Long> recheck = new ConcurrentHashMap<>();
    private final Map<Long, Integer> verifyAttempts = new ConcurrentHashMap<>();

    Commissioning(Orders orders, Subscribers subscribers, Provisioning env) {
        this.orders = orders;
        this.subscribers = subscribers;
        this.env = env;
    }

    /** Lays out the steps for a freshly bound (or re-run) order and starts them. */
    synchronized void start(ServiceOrder order, Device device, String boundBy, Instant now) {
        Subscriber s = subscribers.find(order.subscriberId()).orElseThrow();
        List<Step> steps = new ArrayList<>();
        steps.add(new Step(1, BIND, StepState.DONE, null, "device " + device.key() + " bound to subscriber "
            + s.account() + " (" + boundBy + ")", now));
        for (ServiceConfig.StepPlan p : ServiceConfig.forDevice(s, device.kind(), subscribers::plainSetting)) {
            steps.add(new Step(steps.size() + 1, p.name(), StepState.PENDING, null, null, now));
        }
        steps.add(new Step(steps.size() + 1, VERIFY, StepState.PENDING, null, null, now));
        cancelQueued(orders.steps(order.id()), now);
        orders.replaceSteps(order.id(), steps);
        verifyAttempts.remove(order.id());
        advance(order.id(), now);
    }

    /** Moves every step that can move; serialised per order so two task outcomes cannot race. */
    synchronized void advance(long orderId, Instant now) {
        ServiceOrder order = orders.find(orderId).orElseThrow();
        if (order.state() != ServiceOrder.State.COMMISSIONING || order.deviceId() == null) {
            return;
        }
        if (!Long.valueOf(order.subscriberId()).equals(env.assignments().holderOf(order.deviceId()).orElse(null))) {
            fail(order, "device " + order.deviceId() + " is no longer held by the subscriber", now);
            return;
        }
        Device device = env.registry().find(order.deviceId()).orElseThrow();
        Subscriber s = subscribers.find(order.subscriberId()).orElseThrow();
        ParameterDocument doc = env.registry().parameters(device.id());
        Map<String, ServiceConfig.StepPlan> plans = new LinkedHashMap<>();
        ServiceConfig.forDevice(s, device.kind(), subscribers::plainSetting).forEach(p -> plans.put(p.name(), p));
        List<Step> steps = orders.steps(orderId);
        if (steps.isEmpty()) {
            start(order, device, "recovered after a restart", now);
            return;
        }
        boolean configFinished = true;
        boolean anyFailed = false;
        for (Step step : steps) {
            if (step.name().equals(BIND) || step.name().equals(VERIFY)) {
                continue;
            }
            Step next = step.state() == StepState.PENDING || step.state() == StepState.WAITING
                ? configure(step, plans.get(step.name()), device, doc, now) : step;
            if (next != step) {
                orders.updateStep(orderId, next);
            }
            configFinished &= next.state().finished();
            anyFailed |= next.state() == StepState.FAILED;
        }
        Step verify = steps.get(steps.size() - 1);
        if (!configFinished) {
            return;
        }
        if (verify.state() == StepState.PENDING) {
            if (anyFailed) {
                orders.updateStep(orderId, new Step(verify.seq(), VERIFY, StepState.SKIPPED, null,
                    "not verified: an earlier step failed", now));
                finish(order, false, now);
            } else {
                startVerify(order, verify, plans, device, doc, now);
            }
        } else if (verify.state().finished()) {
            finish(order, verify.state() != StepState.FAILED && !anyFailed, now);
        }
    }

    private Step configure(Step step, ServiceConfig.StepPlan plan, Device device, ParameterDocument doc, Instant now) {
        if (plan == null) {
            return new Step(step.seq(), step.name(), StepState.SKIPPED, null, "the subscriber no longer has this service", now);
        }
        if (plan.problem() != null) {
            return new Step(step.seq(), step.name(), StepState.FAILED, null, plan.problem(), now);
        }
        Resolved r = Resolved.of(plan.items(), env.normalization(), device, doc);
        if (!r.missingRequired().isEmpty()) {
            if (env.firstReadPending(device.id())) {
                return new Step(step.seq(), step.name(), StepState.WAITING, null,
                    "waiting for the device's first full parameter read", now);
            }
            return new Step(step.seq(), step.name(), StepState.FAILED, null, "the device has no parameter for "
                + String.join(", ", r.missingRequired()) + " (data model " + device.dataModel().root()
                + "; add a mapping in the normalisation file if this model uses other names)", now);
        }
        String note = r.missingOptional().isEmpty() ? "" : "; not on this device: " + String.join(", ", r.missingOptional());
        if (r.toSet().isEmpty()) {
            return new Step(step.seq(), step.name(), StepState.DONE, null, "already configured" + note, now);
        }
        Task t = env.tasks().enqueue(device.id(), new TaskSpec.SetParameterValues(r.toSet()), TaskOrigin.PROVISIONING,
            env.taskExpiry(), now);
        return new Step(step.seq(), step.name(), StepState.SENT, t.id(), "setting " + names(r.toSet()) + note, now);
    }

    private void startVerify(ServiceOrder order, Step verify, Map<String, ServiceConfig.StepPlan> plans, Device device,
                             ParameterDocument doc, Instant now) {
        List<String> paths = new ArrayList<>();
        for (ParamValue p : expected(plans, device, doc)) {
            paths.add(p.name());
        }
        env.normalization().resolve("wanConnectionStatus", device, doc).ifPresent(v -> paths.add(v.path()));
        if (paths.isEmpty()) {
            orders.updateStep(order.id(), new Step(verify.seq(), VERIFY, StepState.DONE, null, "nothing to verify", now));
            finish(order, true, now);
            return;
        }
        Task t = env.tasks().enqueue(device.id(), new TaskSpec.GetParameterValues(paths), TaskOrigin.PROVISIONING,
            env.taskExpiry(), now);
        orders.updateStep(order.id(), new Step(verify.seq(), VERIFY, StepState.SENT, t.id(),
            "reading back " + paths.size() + " values", now));
    }

    private List<ParamValue> expected(Map<String, ServiceConfig.StepPlan> plans, Device device, ParameterDocument doc) {
        List<ParamValue> out = new ArrayList<>();
        for (ServiceConfig.StepPlan p : plans.values()) {
            if (p.problem() == null) {
                out.addAll(Resolved.of(p.items(), env.normalization(), device, doc).verifiable());
            }
        }
        return out;
    }

    /** A provisioning task of one of our steps reached an outcome. */
    void taskFinished(Task task, TaskOutcome outcome, Instant now) {
        orders.orderOfTask(task.id()).ifPresent(orderId -> {
            synchronized (this) {
                Step step = orders.steps(orderId).stream().filter(s -> Long.valueOf(task.id()).equals(s.taskId()))
                    .findFirst().orElse(null);
                if (step == null || step.state().finished() || step.state() == StepState.WAITING) {
                    return;
                }
                orders.updateStep(orderId, settle(orderId, step, task, outcome, now));
            }
            advance(orderId, now);
        });
    }

    private Step settle(long orderId, Step step, Task task, TaskOutcome outcome, Instant now) {
        if (!(outcome instanceof TaskOutcome.Done)) {
            String why = outcome instanceof TaskOutcome.Failed f ? Faults.describe(f)
                : "task ended " + task.state().name().toLowerCase(java.util.Locale.ROOT);
            if (task.state() == TaskState.EXPIRED || task.state() == TaskState.CANCELLED) {
                why = "task " + task.id() + " " + task.state().name().toLowerCase(java.util.Locale.ROOT)
                    + " before the device took it";
            }
            return new Step(step.seq(), step.name(), StepState.FAILED, task.id(), why, now);
        }
        if (!step.name().equals(VERIFY)) {
            return new Step(step.seq(), step.name(), StepState.DONE, task.id(), step.detail(), now);
        }
        ServiceOrder order = orders.find(orderId).orElseThrow();
        Device device = env.registry().find(order.deviceId()).orElseThrow();
        Step judged = Verification.judge(step, task, device, subscribers.find(order.subscriberId()).orElseThrow(), env,
            subscribers, now);
        if (judged.state() != StepState.WAITING) {
            return judged;
        }
        int attempt = verifyAttempts.merge(orderId, 1, Integer::sum);
        if (attempt >= VERIFY_ATTEMPTS) {
            return new Step(judged.seq(), judged.name(), StepState.FAILED, task.id(), judged.detail() + " (after "
                + attempt + " read-backs)", now);
        }
        // Devices may apply values when the session ends and a PPP session takes a while to come up:
        // ask the device to call back soon and read again then.
        env.tasks().enqueue(device.id(), new TaskSpec.ScheduleInform(RECHECK_DELAY_SECONDS), TaskOrigin.PROVISIONING,
            env.taskExpiry(), now);
        recheck.put(device.id(), orderId);
        return new Step(judged.seq(), judged.name(), StepState.WAITING, task.id(), judged.detail()
            + "; reading again at the device's next contact (attempt " + (attempt + 1) + " of " + VERIFY_ATTEMPTS + ")", now);
    }

    /** The device called in: a verification that waited for it runs again. */
    void checkedIn(Device device, Instant now) {
        if (recheck.isEmpty()) {
            return;
        }
        Long orderId = recheck.remove(device.id());
        if (orderId != null) {
            synchronized (this) {
                List<Step> steps = orders.steps(orderId);
                Step verify = steps.isEmpty() ? null : steps.get(steps.size() - 1);
                if (verify != null && verify.name().equals(VERIFY) && verify.state() == StepState.WAITING) {
                    orders.updateStep(orderId, new Step(verify.seq(), VERIFY, StepState.PENDING, null, verify.detail(), now));
                }
            }
            advance(orderId, now);
        }
    }

    /** Steps whose task finished while no listener heard it (a crash), orders left without steps. */
    void reconcile(Instant now) {
        for (ServiceOrder o : orders.inState(ServiceOrder.State.COMMISSIONING, 10_000)) {
            for (Step step : orders.steps(o.id())) {
                if (step.taskId() == null || step.state() != StepState.SENT) {
                    if (step.name().equals(VERIFY) && step.state() == StepState.WAITING && o.deviceId() != null) {
                        recheck.putIfAbsent(o.deviceId(), o.id());
                    }
                    continue;
                }
                env.tasks().find(step.taskId()).filter(t -> t.state().terminal())
                    .ifPresent(t -> taskFinished(t, outcomeOf(t), now));
            }
            advance(o.id(), now);
        }
    }

    static TaskOutcome outcomeOf(Task t) {
        if (t.state() == TaskState.DONE) {
            return TaskOutcome.Done.of(t.result() == null ? Map.of() : t.result());
        }
        return new TaskOutcome.Failed(t.faultCode() == null ? 0 : t.faultCode(),
            t.faultString() == null ? t.state().name().toLowerCase(java.util.Locale.ROOT) : t.faultString(), false, Map.of());
    }

    /** The order was cancelled while commissioning: its queued tasks are withdrawn. */
    synchronized void cancelled(long orderId, Instant now) {
        cancelQueued(orders.steps(orderId), now);
        recheck.values().remove(orderId);
    }

    /** A device left its subscriber mid-commissioning: the subscriber's settings must not follow it. */
    synchronized void deviceReleased(long deviceId, long subscriberId, Instant now) {
        for (ServiceOrder o : orders.list(new Orders.Filter(ServiceOrder.State.COMMISSIONING, null, subscriberId, deviceId),
            0, 20)) {
            if (Long.valueOf(deviceId).equals(o.deviceId())) {
                fail(o, "device " + deviceId + " was released before commissioning finished", now);
            }
        }
    }

    private void fail(ServiceOrder order, String why, Instant now) {
        List<Step> steps = orders.steps(order.id());
        cancelQueued(steps, now);
        for (Step st : steps) {
            if (!st.state().finished()) {
                orders.updateStep(order.id(), new Step(st.seq(), st.name(), StepState.FAILED, st.taskId(), why, now));
            }
        }
        recheck.remove(order.deviceId());
        finish(order, false, now);
    }

    private void cancelQueued(List<Step> steps, Instant now) {
        for (Step st : steps) {
            if (st.taskId() != null && !st.state().finished()) {
                env.tasks().cancel(st.taskId(), now);
            }
        }
    }

    private void finish(ServiceOrder order, boolean ok, Instant now) {
        ServiceOrder.State to = ok ? ServiceOrder.State.COMPLETED : ServiceOrder.State.FAILED;
        if (!orders.transition(order.id(), ServiceOrder.State.COMMISSIONING, to, null, now)) {
            return;
        }
        LOG.info("order {} commissioning {}", order.id(), to.apiName());
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("orderId", order.id());
        data.put("subscriberId", order.subscriberId());
        data.put("deviceId", order.deviceId());
        data.put("result", to.apiName());
        data.put("steps", orders.steps(order.id()).stream().map(Commissioning::stepView).toList());
        env.webhooks().publish(EventType.COMMISSIONING_FINISHED, data, now);
    }

    static Map<String, Object> stepView(Step s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("step", s.name());
        m.put("state", s.state().apiName());
        m.put("taskId", s.taskId());
        m.put("detail", s.detail());
        m.put("updatedAt", s.updatedAt().toString());
        return m;
    }

    private static String names(List<ParamValue> values) {
        List<String> n = new ArrayList<>();
        values.forEach(v -> n.add(v.name()));
        return String.join(", ", n);
    }

    /** Re-evaluates commissioning orders of a device whose data model just became known. */
    void deviceRead(long deviceId, Instant now) {
        for (ServiceOrder o : orders.list(new Orders.Filter(ServiceOrder.State.COMMISSIONING, null, null, deviceId), 0, 10)) {
            if (deviceId == o.deviceId()) {
                advance(o.id(), now);
            }
        }
    }

    static boolean isFirstRead(Task t) {
        return t.type() == TaskType.REFRESH && t.state() == TaskState.DONE;
    }
}
