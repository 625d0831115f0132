package io.homeacs.server.campaign;

import io.homeacs.server.device.DeviceRegistry;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * Advance notice of an upgrade. The service agreements require upgrades that affect service to be
 * announced 24 hours ahead (48 for enterprise accounts); a wave's notice list is published — its
 * rows get the end of their notice period — before the wave may touch any device, and a device is
 * touched only once its own period has run out. The period is the campaign's notice, never less than
 * {@code campaign.min-notice-hours}, and for a device held by an enterprise subscriber never less
 * than {@code campaign.enterprise-notice-hours}.
 */
final class Notices {

    /** @param minNotice the shortest notice a campaign may give; enterpriseNotice the shortest for enterprise accounts */
    record Rules(Duration minNotice, Duration enterpriseNotice) {
    }

    private final DeviceRows rows;
    private final DeviceRegistry registry;
    private final Rules rules;

    Notices(DeviceRows rows, DeviceRegistry registry, Rules rules) {
        this.rows = rows;
        this.registry = registry;
        this.rules = rules;
    }

    Rules rules() {
        return rules;
    }

    /** Publishes the wave's notice list now; false when it was already published. */
    boolean publish(Campaign c, int wave, Instant now) {
        List<DeviceRows.Notice> out = new ArrayList<>();
        for (DeviceRows.Noticed n : rows.pending(c.id(), wave)) {
            ZoneId zone = DeviceZones.of(registry.parameters(n.deviceId()), c.plan().defaultZone());
            Duration notice = c.plan().notice();
            if (notice.compareTo(rules.minNotice()) < 0) {
                notice = rules.minNotice();
            }
            if (n.enterprise() && notice.compareTo(rules.enterpriseNotice()) < 0) {
                notice = rules.enterpriseNotice();
            }
            out.add(new DeviceRows.Notice(n.deviceId(), zone.getId(), now.plus(notice)));
        }
        return rows.publish(c.id(), wave, out, now);
    }

    /** The wave's notice list: every device with its subscriber and the first window it may be upgraded in. */
    List<NoticeLine> list(Campaign c, int wave) {
        List<NoticeLine> out = new ArrayList<>();
        for (DeviceRows.NoticeRow r : rows.notice(c.id(), wave)) {
            ZoneId zone = r.zone() == null ? c.plan().defaultZone() : ZoneId.of(r.zone());
            MaintenanceWindow w = c.plan().window();
            Instant start = w == null ? r.notBefore() : w.nextOpening(r.notBefore(), zone);
            out.add(new NoticeLine(r.deviceId(), r.serialNumber(), r.deviceKey(), r.subscriberAccount(), r.subscriberName(),
                r.address(), r.phone(), zone.getId(), r.notBefore(), start, w == null ? null : w.closingAfter(start, zone)));
        }
        return out;
    }
}
