package io.homeacs.server.nbi;

import io.homeacs.server.security.Role;
import io.homeacs.server.task.Task;
import io.homeacs.server.task.TaskQueue;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/** /api/v1/tasks/{id}: read a task's state and outcome, cancel it while it is still queued. */
@Path("/api/v1/tasks")
@Produces(MediaType.APPLICATION_JSON)
public final class TasksResource {
    private final TaskQueue tasks;
    private final Clock clock;

    TasksResource(TaskQueue tasks, Clock clock) {
        this.tasks = tasks;
        this.clock = clock;
    }

    @GET
    @Path("/{id}")
    @Allowed({Role.ADMIN, Role.SUPPORT, Role.VIEWER})
    public Map<String, Object> get(@PathParam("id") long id) {
        return Views.task(find(id));
    }

    @DELETE
    @Path("/{id}")
    @Allowed({Role.ADMIN, Role.SUPPORT})
    public Map<String, Object> cancel(@PathParam("id") long id) {
        Task t = find(id);
        Audit.record(List.of(t.deviceId()), Map.of("taskId", id));
        if (!tasks.cancel(id, clock.instant())) {
            throw new ApiException(409, "task " + id + " is " + t.state().name().toLowerCase(java.util.Locale.ROOT)
                + "; only queued tasks can be cancelled");
        }
        return Views.task(find(id));
    }

    private Task find(long id) {
        return tasks.find(id).orElseThrow(() -> ApiException.notFound("task " + id));
    }
}
