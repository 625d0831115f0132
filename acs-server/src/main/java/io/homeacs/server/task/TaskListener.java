package io.homeacs.server.task;

import java.time.Instant;

/**
 * Told when a task reaches an outcome, after it has been written. now is the time the outcome was
 * recorded at (the device's session's clock reading): work a listener queues with it is due in the
 * session that is still open with the device.
 */
@FunctionalInterface
public interface TaskListener {
    void finished(Task task, TaskOutcome outcome, Instant now);
}
