package io.homeacs.server.bulk;

import io.homeacs.server.task.TaskSpec;
import java.time.Instant;
import java.util.Map;

/** A bulk run as stored: the task it queues, for how many devices, how fast, and where it stands. */
public record BulkRun(long id, Instant createdAt, String createdBy, Map<String, Object> query, TaskSpec spec,
                      int ratePerMinute, boolean connectionRequest, State state, int total, Instant finishedAt) {

    /** dispatching → dispatched (every device has its task) | cancelled. */
    public enum State { DISPATCHING, DISPATCHED, CANCELLED }

    /** The run plus how far it got: tasks queued so far and their states. */
    public record Progress(BulkRun run, int dispatched, Map<String, Long> tasksByState) {
    }
}
