package io.homeacs.server.campaign;

import java.time.Instant;
import java.util.Map;

/** A campaign row. query is the device search as given; currentWave the wave being worked on (0-based). */
public record Campaign(long id, String name, long imageId, String targetVersion, Map<String, Object> query,
                       CampaignPlan plan, CampaignState state, String stateReason, int currentWave, String createdBy,
                       Instant createdAt, Instant updatedAt, Instant finishedAt) {

    /** One wave's row. */
    public record Wave(int wave, int size, WaveState state, Instant noticeAt, Instant openedAt, Instant closedAt,
                       int acceptedFailures) {
    }

    /**
     * One device of a campaign: what the current step installs, where it is, and what it had before.
     *
     * @param step 0 the campaign's image, n &gt; 0 the n-th rollback
     */
    public record Device(long campaignId, long deviceId, int wave, int step, DeviceState state, String reason,
                         Integer faultCode, long imageId, String targetVersion, String previousVersion,
                         Long previousImageId, String zone, Instant notBefore, Long taskId, Instant claimedAt,
                         Instant deadlineAt, Instant installedAt, Instant versionSeenAt, Instant updatedAt) {

        public boolean rollback() {
            return step > 0;
        }
    }
}
