package io.homeacs.server.nbi;

import io.homeacs.server.campaign.Campaign;
import io.homeacs.server.campaign.Campaigns;
import io.homeacs.server.campaign.DeviceState;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** JSON and CSV shapes of campaigns for the API. */
final class CampaignViews {

    private CampaignViews() {
    }

    static Map<String, Object> progress(Campaigns.Progress p) {
        Campaign c = p.campaign();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", c.id());
        m.put("name", c.name());
        m.put("imageId", c.imageId());
        m.put("targetVersion", c.targetVersion());
        m.put("state", c.state().apiName());
        m.put("stateReason", c.stateReason());
        m.put("currentWave", (long) c.currentWave());
        m.put("query", c.query());
        m.put("plan", c.plan().toJson());
        m.put("createdBy", c.createdBy());
        m.put("createdAt", c.createdAt().toString());
        m.put("finishedAt", time(c.finishedAt()));
        Map<String, Object> totals = new LinkedHashMap<>();
        long total = 0;
        for (DeviceState s : DeviceState.values()) {
            long n = 0;
            for (Campaigns.WaveProgress w : p.waves()) {
                n += w.counts().getOrDefault(s, 0);
            }
            totals.put(s.apiName(), n);
            total += n;
        }
        m.put("devices", total);
        m.put("counts", totals);
        m.put("waves", p.waves().stream().map(CampaignViews::wave).toList());
        return m;
    }

    private static Map<String, Object> wave(Campaigns.WaveProgress w) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("wave", (long) w.wave().wave());
        m.put("size", (long) w.wave().size());
        m.put("state", w.wave().state().apiName());
        m.put("noticeAt", time(w.wave().noticeAt()));
        m.put("openedAt", time(w.wave().openedAt()));
        m.put("closedAt", time(w.wave().closedAt()));
        Map<String, Object> counts = new LinkedHashMap<>();
        for (DeviceState s : DeviceState.values()) {
            counts.put(s.apiName(), (long) w.counts().getOrDefault(s, 0));
        }
        m.put("counts", counts);
        List<Map<String, Object>> reasons = w.reasons().entrySet().stream()
            .map(e -> Map.<String, Object>of("reason", e.getKey(), "devices", (long) e.getValue())).toList();
        m.put("reasons", reasons);
        m.put("acceptedFailures", (long) w.wave().acceptedFailures());
        return m;
    }

    static Map<String, Object> device(Campaign.Device d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("deviceId", d.deviceId());
        m.put("wave", (long) d.wave());
        m.put("step", (long) d.step());
        m.put("state", d.state().apiName());
        m.put("reason", d.reason());
        m.put("faultCode", d.faultCode() == null ? null : (long) d.faultCode());
        m.put("imageId", d.imageId());
        m.put("targetVersion", d.targetVersion());
        m.put("previousVersion", d.previousVersion());
        m.put("previousImageId", d.previousImageId());
        m.put("zone", d.zone());
        m.put("notBefore", time(d.notBefore()));
        m.put("taskId", d.taskId());
        m.put("deadlineAt", time(d.deadlineAt()));
        m.put("installedAt", time(d.installedAt()));
        m.put("versionSeenAt", time(d.versionSeenAt()));
        m.put("updatedAt", time(d.updatedAt()));
        return m;
    }

    static Map<String, Object> notice(io.homeacs.server.campaign.NoticeLine l) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("deviceId", l.deviceId());
        m.put("serialNumber", l.serialNumber());
        m.put("deviceKey", l.deviceKey());
        m.put("subscriberAccount", l.subscriberAccount());
        m.put("subscriberName", l.subscriberName());
        m.put("address", l.address());
        m.put("phone", l.phone());
        m.put("zone", l.zone());
        m.put("notBefore", time(l.notBefore()));
        m.put("windowStart", time(l.windowStart()));
        m.put("windowEnd", time(l.windowEnd()));
        return m;
    }

    static String noticeCsv(List<io.homeacs.server.campaign.NoticeLine> lines) {
        StringBuilder sb = new StringBuilder("deviceId,serialNumber,deviceKey,subscriberAccount,subscriberName,address,phone,"
            + "zone,notBefore,windowStart,windowEnd\r\n");
        for (var l : lines) {
            DeviceCsv.field(sb, Long.toString(l.deviceId()));
            DeviceCsv.field(sb, l.serialNumber());
            DeviceCsv.field(sb, l.deviceKey());
            DeviceCsv.field(sb, l.subscriberAccount());
            DeviceCsv.field(sb, l.subscriberName());
            DeviceCsv.field(sb, l.address());
            DeviceCsv.field(sb, l.phone());
            DeviceCsv.field(sb, l.zone());
            DeviceCsv.field(sb, time(l.notBefore()));
            DeviceCsv.field(sb, time(l.windowStart()));
            DeviceCsv.field(sb, time(l.windowEnd()));
            sb.setLength(sb.length() - 1);
            sb.append("\r\n");
        }
        return sb.toString();
    }

    private static String time(Instant t) {
        return t == null ? null : t.toString();
    }
}
