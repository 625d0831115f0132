package io.homeacs.server.mesh;

import io.homeacs.server.device.Device;
import io.homeacs.server.device.DeviceRegistry;
import io.homeacs.server.device.DeviceWakeup;
import io.homeacs.server.device.ParamValue;
import io.homeacs.server.device.ParameterDocument;
import io.homeacs.server.task.Task;
import io.homeacs.server.task.TaskOrigin;
import io.homeacs.server.task.TaskOutcome;
import io.homeacs.server.task.TaskQueue;
import io.homeacs.server.task.TaskSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings every node of a home to a layout, node by node through the task queue: set the node's
 * parameters, read them back, and when the read-back differs, set the values it had before and read
 * those back (rollback), so a node is left either on the layout or on its previous configuration,
 * never half-configured. Nodes the subscriber does not hold as devices (Data Elements only) are
 * configured by their controller and verified from the controller's Data Elements after the
 * controller's own read-back. Each step's outcome drives the next from the task listener, in the same
 * session; per-node state is stored with the push after every step.
 *
 * Node states: setting → verifying → verified | rollingBack → verifyingRollback → rolledBack | failed;
 * Data-Elements-only nodes: viaController → verified | failed.
 */
final class LayoutPush {
    private static final Logger LOG = LoggerFactory.getLogger(LayoutPush.class);
    static final Set<String> FINAL = Set.of("verified", "rolledBack", "failed");

    private final MeshStore store;
    private final DeviceRegistry registry;
    private final TaskQueue tasks;
    private final DeviceWakeup wakeup;
    private final Duration expiry;
    private final io.homeacs.server.device.Normalization normalization;
    /** Task id → push id for the steps in flight. */
    private final Map<Long, Long> inFlight = new ConcurrentHashMap<>();

    LayoutPush(MeshStore store, DeviceRegistry registry, TaskQueue tasks, DeviceWakeup wakeup,
               io.homeacs.server.device.Normalization normalization, Duration expiry) {
        this.store = store;
        this.registry = registry;
        this.tasks = tasks;
        this.wakeup = wakeup;
        this.normalization = normalization;
        this.expiry = expiry;
        tasks.addListener(this::finished);
        // Steps of pushes an earlier run left open are found again by their task ids.
        for (MeshPush p : store.running()) {
            for (Map<String, Object> n : p.nodes()) {
                if (n.get("taskId") instanceof Number t && !FINAL.contains(String.valueOf(n.get("state")))) {
                    inFlight.put(t.longValue(), p.id());
                }
            }
        }
    }

    /** Starts a push of the layout to the given nodes of the topology (all of them when only is null). */
    synchronized long start(MeshStore.StoredLayout layout, MeshTopology t, Set<Long> only, String by, Instant now) {
        List<Map<String, Object>> nodes = new ArrayList<>();
        List<Device> toWake = new ArrayList<>();
        List<Long> taskIds = new ArrayList<>();
        for (MeshTopology.Node n : t.nodes()) {
            if (only != null && (n.deviceId() == null || !only.contains(n.deviceId()))) {
                continue;
            }
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("node", n.id());
            m.put("path", n.path());
            m.put("controller", n.controller());
            m.put("deviceId", n.deviceId());
            if (n.deviceId() == null) {
                m.put("state", "viaController");
                m.put("expectedSsids", List.of(layout.layout().ssid(), layout.layout().effectiveSsid5g()));
                nodes.add(m);
                continue;
            }
            Device d = registry.find(n.deviceId()).orElse(null);
            ParameterDocument doc = registry.parameters(n.deviceId());
            LayoutPlan plan = d == null ? null : LayoutPlan.of(layout.layout(), d, doc, normalization);
            m.put("unsupported", plan == null ? List.of("device gone") : plan.unsupported());
            if (plan == null || plan.writes().isEmpty()) {
                m.put("state", "failed");
                m.put("detail", "nothing of the layout can be written to this node: " + m.get("unsupported"));
                nodes.add(m);
                continue;
            }
            Map<String, String> types = new LinkedHashMap<>();
            plan.writes().forEach(v -> types.put(v.name(), v.type()));
            m.put("expected", plan.expected());
            m.put("previous", plan.previous());
            m.put("types", types);
            Task task = tasks.enqueue(d.id(), new TaskSpec.SetParameterValues(plan.writes()), TaskOrigin.PROVISIONING,
                expiry, now);
            m.put("state", "setting");
            m.put("taskId", task.id());
            taskIds.add(task.id());
            toWake.add(d);
            nodes.add(m);
        }
        long id = store.insertPush(t.subscriberId(), layout.version(), nodes, by, now);
        taskIds.forEach(tid -> inFlight.put(tid, id));
        settleIfDone(id, nodes, now);
        toWake.forEach(wakeup::wake);
        return id;
    }

    private void finished(Task task, TaskOutcome outcome, Instant now) {
        Long pushId = inFlight.remove(task.id());
        if (pushId == null) {
            return;
        }
        try {
            step(pushId, task, outcome, now);
        } catch (RuntimeException e) {
            LOG.warn("mesh push {}: step after task {} failed", pushId, task.id(), e);
        }
    }

    @SuppressWarnings("unchecked")
    private synchronized void step(long pushId, Task task, TaskOutcome outcome, Instant now) {
        MeshPush push = store.push(pushId).orElse(null);
        if (push == null) {
            return;
        }
        List<Map<String, Object>> nodes = push.nodes();
        for (Map<String, Object> n : nodes) {
            if (!(n.get("taskId") instanceof Number t) || t.longValue() != task.id()) {
                continue;
            }
            String state = String.valueOf(n.get("state"));
            Map<String, String> expected = (Map<String, String>) n.get("expected");
            Map<String, String> previous = (Map<String, String>) n.get("previous");
            if (!(outcome instanceof TaskOutcome.Done)) {
                String why = outcome instanceof TaskOutcome.Failed f ? f.describe() : "no outcome";
                n.put("state", "failed");
                n.put("detail", switch (state) {
                    case "setting" -> "the node refused the layout (" + why + "); nothing was applied";
                    case "rollingBack" -> "the node refused the rollback (" + why + ")";
                    default -> "the read-back failed (" + why + ")";
                });
                n.remove("taskId");
            } else if (state.equals("setting")) {
                List<String> names = new ArrayList<>(expected.keySet());
                if (Boolean.TRUE.equals(n.get("controller"))) {
                    names.add(TopologyBuilder.NETWORK + "Device.");
                }
                follow(pushId, n, "verifying", new TaskSpec.GetParameterValues(names), task.deviceId(), now);
            } else if (state.equals("verifying")) {
                ParameterDocument doc = registry.parameters(task.deviceId());
                List<String> wrong = differences(expected, doc);
                if (Boolean.TRUE.equals(n.get("controller"))) {
                    judgeViaController(nodes, doc);
                }
                if (wrong.isEmpty()) {
                    n.put("state", "verified");
                    n.remove("taskId");
                } else {
                    n.put("detail", "the node did not take " + String.join(", ", wrong) + "; rolled back to its previous values");
                    Map<String, String> types = (Map<String, String>) n.get("types");
                    List<ParamValue> back = new ArrayList<>();
                    previous.forEach((k, v) -> back.add(new ParamValue(k, v, types.getOrDefault(k, "xsd:string"))));
                    if (back.isEmpty()) {
                        n.put("state", "failed");
                        n.remove("taskId");
                    } else {
                        follow(pushId, n, "rollingBack", new TaskSpec.SetParameterValues(back), task.deviceId(), now);
                    }
                }
            } else if (state.equals("rollingBack")) {
                follow(pushId, n, "verifyingRollback", new TaskSpec.GetParameterValues(new ArrayList<>(previous.keySet())),
                    task.deviceId(), now);
            } else if (state.equals("verifyingRollback")) {
                List<String> wrong = differences(previous, registry.parameters(task.deviceId()));
                n.put("state", wrong.isEmpty() ? "rolledBack" : "failed");
                if (!wrong.isEmpty()) {
                    n.put("detail", n.get("detail") + "; but the rollback did not take " + String.join(", ", wrong));
                }
                n.remove("taskId");
            }
            break;
        }
        if (!settleIfDone(pushId, nodes, now)) {
            store.updatePush(pushId, "running", nodes, now, false);
        }
    }

    private void follow(long pushId, Map<String, Object> n, String state, TaskSpec spec, long deviceId, Instant now) {
        Task next = tasks.enqueue(deviceId, spec, TaskOrigin.PROVISIONING, expiry, now);
        n.put("state", state);
        n.put("taskId", next.id());
        inFlight.put(next.id(), pushId);
    }

    /** Data-Elements-only nodes: the controller's fresh tree must show the layout's SSIDs on them. */
    @SuppressWarnings("unchecked")
    private static void judgeViaController(List<Map<String, Object>> nodes, ParameterDocument doc) {
        for (Map<String, Object> n : nodes) {
            if (!"viaController".equals(n.get("state"))) {
                continue;
            }
            String path = String.valueOf(n.get("path"));
            List<String> seen = new ArrayList<>();
            doc.subtree(path + "Radio.").forEach((k, e) -> {
                if (k.endsWith(".SSID") && k.contains(".BSS.")) {
                    seen.add(e.value());
                }
            });
            List<String> want = (List<String>) n.get("expectedSsids");
            boolean ok = !seen.isEmpty() && seen.containsAll(want.stream().distinct().toList());
            n.put("state", ok ? "verified" : "failed");
            if (!ok) {
                n.put("detail", "the controller did not carry the layout to this node (it broadcasts " + seen
                    + "); the node is not managed on its own, so it cannot be rolled back individually");
            }
        }
    }

    private boolean settleIfDone(long pushId, List<Map<String, Object>> nodes, Instant now) {
        boolean controllerDone = nodes.stream().noneMatch(n -> Boolean.TRUE.equals(n.get("controller"))
            && !FINAL.contains(String.valueOf(n.get("state"))));
        if (controllerDone) {
            for (Map<String, Object> n : nodes) {
                // A controller that failed never gave a read-back to judge these by.
                if ("viaController".equals(n.get("state"))) {
                    n.put("state", "failed");
                    n.put("detail", "not verified: the controller's own push failed");
                }
            }
        }
        if (!nodes.stream().allMatch(n -> FINAL.contains(String.valueOf(n.get("state"))))) {
            return false;
        }
        long ok = nodes.stream().filter(n -> "verified".equals(n.get("state"))).count();
        String state = ok == nodes.size() && !nodes.isEmpty() ? "verified" : ok == 0 ? "failed" : "partial";
        store.updatePush(pushId, state, nodes, now, true);
        return true;
    }

    static List<String> differences(Map<String, String> expected, ParameterDocument doc) {
        List<String> wrong = new ArrayList<>();
        expected.forEach((k, v) -> {
            ParameterDocument.Entry e = doc.get(k);
            if (e == null || !same(v, e.value())) {
                wrong.add(k + (e == null ? " (not reported)" : " (reads '" + e.value() + "', wanted '" + v + "')"));
            }
        });
        return wrong;
    }

    private static boolean same(String a, String b) {
        String x = a.trim();
        String y = b.trim();
        if (x.equals(y)) {
            return true;
        }
        return bool(x) != null && bool(x).equals(bool(y));
    }

    private static Boolean bool(String s) {
        return switch (s.toLowerCase(java.util.Locale.ROOT)) {
            case "true", "1" -> Boolean.TRUE;
            case "false", "0" -> Boolean.FALSE;
            default -> null;
        };
    }
}
