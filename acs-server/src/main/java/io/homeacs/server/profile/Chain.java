package io.homeacs.server.profile;

import io.homeacs.server.task.Task;
import io.homeacs.server.task.TaskOrigin;
import io.homeacs.server.task.TaskOutcome;
import io.homeacs.server.task.TaskSpec;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One device's evaluation in progress: the tasks it waits for and what the steps so far learned.
 * Mutable, and touched only under the engine's lock for the device.
 */
final class Chain {
    final Trigger trigger;
    final Instant started;
    /**
     * Task ids this evaluation waits for: its own, or a refresh that will bring the values it needs.
     * Concurrent: every finishing task is looked up here before the device's lock is taken.
     */
    final Set<Long> waitingFor = ConcurrentHashMap.newKeySet();
    /** AddObject task id → identity of the rule it creates an instance for. */
    final Map<Long, String> adding = new HashMap<>();
    /** Rule identity → the instance path added for it, before it carries its key. */
    final Map<String, String> created = new LinkedHashMap<>();
    /** Secrets set so far, by path: compared instead of values the device never reads back. */
    final Map<String, String> secrets;
    /** SetParameterValues task id → the secrets it sets, recorded once the device took them. */
    final Map<Long, Map<String, String>> settingSecrets = new HashMap<>();
    final Set<String> fetched = new HashSet<>();
    long fingerprint;
    int steps;

    Chain(Trigger trigger, Instant started, Map<String, String> appliedSecrets, long fingerprint) {
        this.trigger = trigger;
        this.started = started;
        this.secrets = new LinkedHashMap<>(appliedSecrets);
        this.fingerprint = fingerprint;
    }

    /** Keeps what a finished task of ours taught: the instance an AddObject created, the secrets a set applied. */
    void record(Task task, TaskOutcome outcome) {
        if (!(outcome instanceof TaskOutcome.Done d) || task.origin() != TaskOrigin.PROFILE) {
            return;
        }
        String identity = adding.remove(task.id());
        Object instance = d.result().get("instanceNumber");
        if (identity != null && task.spec() instanceof TaskSpec.AddObject a && instance != null) {
            created.put(identity, a.objectName() + instance + ".");
        }
        Map<String, String> applied = settingSecrets.remove(task.id());
        if (applied != null) {
            secrets.putAll(applied);
        }
    }

    static String describeFault(Task t) {
        if (t.faultCode() == null && t.faultString() == null) {
            return "";
        }
        return ": " + (t.faultCode() == null ? "" : t.faultCode() + " ") + (t.faultString() == null ? "" : t.faultString());
    }

    /**
     * Why the evaluation runs: the Inform events (profiles with trigger events apply only on one
     * of them), or an operator's apply, which applies everything.
     */
    record Trigger(Set<String> events, boolean forced) {
        static final Trigger FORCED = new Trigger(Set.of(), true);

        boolean mayApply(Profile p) {
            return forced || p.match().triggeredBy(events);
        }
    }
}
