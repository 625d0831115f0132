package io.homeacs.server.task;

import java.time.Instant;

/** Told when a task reaches an outcome, after it has been written. */
@FunctionalInterface
public interface TaskListener {
    void finished(Task task, TaskOutcome outcome);

    /**
     * With the time the outcome was recorded at: work a listener queues with it is due in the
     * session that is still open with the device.
     */
    default void finished(Task task, TaskOutcome outcome, Instant now) {
        finished(task, outcome);
    }
}
