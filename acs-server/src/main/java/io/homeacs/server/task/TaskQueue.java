package io.homeacs.server.task;

import io.homeacs.server.config.AcsConfig;
import io.homeacs.server.device.DeviceRegistry;
import io.homeacs.server.store.Database;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The durable, protocol-neutral task queue. A task is written before it is sent and its outcome
 * is written before the device is answered, so a crash loses nothing; tasks carry a key the
 * device echoes (ParameterKey / CommandKey) so a task the device already applied is recognised
 * after a restart instead of being repeated.
 */
public final class TaskQueue {
    private static final Logger LOG = LoggerFactory.getLogger(TaskQueue.class);

    private final TaskRepository repository;
    private final DeviceRegistry registry;
    private final AcsConfig.Tasks config;
    /** Devices with non-terminal tasks, so a check-in with nothing to do never queries the table. */
    private final Set<Long> devicesWithWork = ConcurrentHashMap.newKeySet();
    private final ConcurrentHashMap<Long, CompletableFuture<Task>> waiters = new ConcurrentHashMap<>();
    private final List<TaskListener> listeners = new CopyOnWriteArrayList<>();
    private final List<java.util.function.LongConsumer> enqueueListeners = new CopyOnWriteArrayList<>();

    public TaskQueue(Database db, DeviceRegistry registry, AcsConfig.Tasks config, SecretSealer sealer) {
        this.repository = new TaskRepository(db, sealer);
        this.registry = registry;
        this.config = config;
        devicesWithWork.addAll(repository.devicesWithOpenTasks());
    }

    public void addListener(TaskListener listener) {
        listeners.add(listener);
    }

    /**
     * Told the device id after a task was queued for it, so a protocol whose devices stay connected
     * (USP) can send it at once. Runs on the enqueuing thread: a listener only schedules work.
     */
    public void onEnqueued(java.util.function.LongConsumer listener) {
        enqueueListeners.add(listener);
    }

    public Task enqueue(long deviceId, TaskSpec spec, TaskOrigin origin, Duration expiry, Instant now) {
        return enqueue(deviceId, spec, origin, expiry, now, null);
    }

    /** As above, recording the bulk run the task belongs to (null for none). */
    public Task enqueue(long deviceId, TaskSpec spec, TaskOrigin origin, Duration expiry, Instant now, Long bulkRunId) {
        Duration life = expiry == null ? config.expiry() : expiry;
        Task t = repository.insert(deviceId, spec, origin, now, now.plus(life), config.maxAttempts(), bulkRunId);
        devicesWithWork.add(deviceId);
        for (java.util.function.LongConsumer l : enqueueListeners) {
            l.accept(deviceId);
        }
        LOG.debug("queued task {} {} for device {}", t.id(), spec.type().apiName(), deviceId);
        return t;
    }

    public boolean mayHaveWork(long deviceId) {
        return devicesWithWork.contains(deviceId);
    }

    /** The next task to send in this session, or empty; forgets the device when nothing is open. */
    public Optional<Task> nextToSend(long deviceId, Instant now) {
        if (!devicesWithWork.contains(deviceId)) {
            return Optional.empty();
        }
        for (Task t : repository.sendable(deviceId, now)) {
            if (t.expiresAt().isAfter(now)) {
                return Optional.of(t);
            }
            if (repository.transition(t.id(), TaskState.QUEUED, TaskState.EXPIRED, now, false, null, null,
                "expired before it could be sent", null)) {
                notifyFinished(t.id(), new TaskOutcome.Failed(0, "expired", false, Map.of()), now);
            }
        }
        devicesWithWork.remove(deviceId);
        if (repository.hasOpen(deviceId)) {
            devicesWithWork.add(deviceId);
        }
        return Optional.empty();
    }

    /** Durably marks the task as sent; the RPC may only go out if this returns true. */
    public boolean markSent(Task t, Instant now) {
        return repository.transition(t.id(), TaskState.QUEUED, TaskState.SENT, now, true, null, null, null, null);
    }

    /** Whether a task of this type was sent to (or completed by) the device since the given time. */
    public boolean sentSince(long deviceId, TaskType type, Instant since) {
        return repository.sentSince(deviceId, type, since);
    }

    public List<Task> inState(long deviceId, TaskState state) {
        return repository.withState(deviceId, state);
    }

    /** Records what became of a sent (or accepted) task. */
    public void finish(Task t, TaskOutcome outcome, Instant now) {
        TaskState from = t.state() == TaskState.ACCEPTED ? TaskState.ACCEPTED : TaskState.SENT;
        boolean moved;
        if (outcome instanceof TaskOutcome.Done d) {
            // What the device reported is stored before the task reads as done, so a client that sees
            // "done" and then reads the parameters finds them (the values are the device's own report,
            // true whether or not this transition wins).
            registry.learn(t.deviceId(), d.learned(), now);
            if (d.removedObject() != null) {
                registry.forgetObject(t.deviceId(), d.removedObject(), now);
            }
            moved = repository.transition(t.id(), from, TaskState.DONE, now, false, null, null, null, d.result());
        } else if (outcome instanceof TaskOutcome.Accepted a) {
            moved = repository.transition(t.id(), from, TaskState.ACCEPTED, now, false, null, null, null, a.result());
        } else {
            TaskOutcome.Failed f = (TaskOutcome.Failed) outcome;
            int attempts = t.state() == TaskState.QUEUED ? t.attempts() + 1 : t.attempts();
            if (f.retryable() && attempts < t.maxAttempts()) {
                Instant next = now.plus(backoff(attempts));
                moved = repository.transition(t.id(), from, TaskState.QUEUED, now, false, next, f.code(), f.message(), null);
                LOG.info("task {} failed transiently ({} {}), retry at {}", t.id(), f.code(), f.message(), next);
                return;
            }
            moved = repository.transition(t.id(), from, TaskState.FAULT, now, false, null, f.code(), f.message(),
                f.detail().isEmpty() ? null : f.detail());
        }
        if (moved) {
            notifyFinished(t.id(), outcome, now);
        }
    }

    /**
     * A session ended with this task sent but unanswered (timeout, crash, superseded session).
     * It goes back to the queue: its key lets the device's next check-in show whether it was applied.
     */
    public void returnToQueue(Task t, String reason, Instant now) {
        if (t.attempts() >= t.maxAttempts()) {
            if (repository.transition(t.id(), TaskState.SENT, TaskState.FAULT, now, false, null, null,
                "no response after " + t.attempts() + " attempts: " + reason, null)) {
                notifyFinished(t.id(), TaskOutcome.Failed.permanent(0, reason), now);
            }
            return;
        }
        // No backoff: the device is in session again when this matters, and attempts already cap loops.
        repository.transition(t.id(), TaskState.SENT, TaskState.QUEUED, now, false, now, null, reason, null);
        devicesWithWork.add(t.deviceId());
    }

    Duration backoff(int attempts) {
        long base = config.retryBase().toSeconds();
        long seconds = base << Math.min(Math.max(attempts - 1, 0), 20);
        return Duration.ofSeconds(Math.min(seconds, config.retryMax().toSeconds()));
    }

    public boolean cancel(long taskId, Instant now) {
        Optional<Task> t = repository.find(taskId);
        if (t.isEmpty() || t.get().state() != TaskState.QUEUED) {
            return false;
        }
        boolean moved = repository.transition(taskId, TaskState.QUEUED, TaskState.CANCELLED, now, false, null, null,
            "cancelled", null);
        if (moved) {
            notifyFinished(taskId, TaskOutcome.Failed.permanent(0, "cancelled"), now);
        }
        return moved;
    }

    /**
     * Cancels a bulk run's queued tasks at once: a million-device run must not take a million round
     * trips. No one waits on bulk tasks individually, so no waiter needs waking.
     */
    public int cancelBulkRun(long runId, Instant now) {
        return repository.cancelQueuedOfBulkRun(runId, now);
    }

    public void expireDue(Instant now) {
        for (Task t : repository.expireDue(now)) {
            notifyFinished(t.id(), TaskOutcome.Failed.permanent(0, "expired"), now);
        }
    }

    public Optional<Task> find(long id) {
        return repository.find(id);
    }

    public List<Task> forDevice(long deviceId, int limit) {
        return repository.forDevice(deviceId, limit);
    }

    public long count(TaskState state) {
        return repository.countByState(state);
    }

    /** Completes when the task reaches a terminal state (only for outcomes reached in this process). */
    public CompletableFuture<Task> whenFinished(long taskId) {
        CompletableFuture<Task> f = waiters.computeIfAbsent(taskId, id -> new CompletableFuture<>());
        repository.find(taskId).filter(t -> t.state().terminal()).ifPresent(t -> {
            waiters.remove(taskId);
            f.complete(t);
        });
        return f;
    }

    private void notifyFinished(long taskId, TaskOutcome outcome, Instant now) {
        Task stored = repository.find(taskId).orElse(null);
        if (stored == null) {
            return;
        }
        for (TaskListener l : listeners) {
            try {
                l.finished(stored, outcome, now);
            } catch (RuntimeException e) {
                LOG.warn("task listener failed for task {}", taskId, e);
            }
        }
        if (stored.state().terminal() && TaskSpecCodec.hasSecrets(stored.spec())) {
            repository.scrubSecrets(stored);
        }
        if (stored.state().terminal()) {
            CompletableFuture<Task> f = waiters.remove(taskId);
            if (f != null) {
                f.complete(stored);
            }
        }
    }
}
