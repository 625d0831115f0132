package io.homeacs.server.lifecycle;

import java.time.Instant;
import java.util.Map;

/**
 * One fact of tamper evidence with the ACS's proof: what was expected and what the device showed,
 * when first and last, how often, and who held the device when it was first seen (the liable party).
 */
public record Evidence(long id, long deviceId, EvidenceKind kind, String subject, String expected, String observed,
                       Long subscriberId, Map<String, Object> proof, Instant firstSeenAt, Instant lastSeenAt,
                       int occurrences, Instant dismissedAt, String dismissedBy, String dismissReason) {

    public boolean open() {
        return dismissedAt == null;
    }

    /** A sighting to record: the same device, kind, subject and observed value is one fact seen again. */
    public record Sighting(long deviceId, EvidenceKind kind, String subject, String expected, String observed,
                           Long subscriberId, Map<String, Object> proof, Instant at) {
    }

    /** Filters for listing evidence; null = any. since compares with lastSeenAt. */
    public record Query(Long deviceId, EvidenceKind kind, Boolean open, Instant since, int offset, int limit) {
    }
}
