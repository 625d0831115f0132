package io.homeacs.server.mesh;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One push of a layout version to a home's nodes. state: running, verified (every node), partial, failed.
 * nodes: per node its state (see {@link LayoutPush}), values expected and to roll back to, and detail.
 */
public record MeshPush(long id, long subscriberId, int layoutVersion, String state, List<Map<String, Object>> nodes,
                       String requestedBy, Instant createdAt, Instant updatedAt, Instant finishedAt) {
}
