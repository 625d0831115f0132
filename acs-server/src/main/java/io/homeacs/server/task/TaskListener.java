package io.homeacs.server.task;

/** Told when a task reaches an outcome, after it has been written. */
@FunctionalInterface
public interface TaskListener {
    void finished(Task task, TaskOutcome outcome);
}
