package io.homeacs.server.task;

import java.time.Instant;
import java.util.Map;

/** A task row. result is the JSON-ready outcome once done; fault fields once faulted. */
public record Task(long id, long deviceId, TaskSpec spec, TaskOrigin origin, TaskState state, Instant createdAt,
                   Instant updatedAt, Instant nextAttemptAt, Instant expiresAt, int attempts, int maxAttempts,
                   Integer faultCode, String faultString, Map<String, Object> result) {

    /** The CommandKey / ParameterKey the device echoes back, which makes re-sending safe after a crash. */
    public String key() {
        return "task-" + id;
    }

    public TaskType type() {
        return spec.type();
    }
}
