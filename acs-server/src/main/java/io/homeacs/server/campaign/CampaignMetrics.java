package io.homeacs.server.campaign;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.Map;

/**
 * Campaign meters: {@code acs_campaigns{state}} (campaigns per state), {@code acs_campaign_devices{state}}
 * (devices of campaigns that are not over, per state; refreshed by each driver tick),
 * {@code acs_campaign_downloads_total} (download tasks queued) and
 * {@code acs_campaign_device_outcomes_total{state}} (rows settled, per final state).
 */
final class CampaignMetrics {
    private final MeterRegistry registry;
    private final Map<CampaignState, Long> campaigns = new EnumMap<>(CampaignState.class);
    private final Map<DeviceState, Long> devices = new EnumMap<>(DeviceState.class);
    private final Counter downloads;

    CampaignMetrics(MeterRegistry registry) {
        this.registry = registry;
        if (registry == null) {
            downloads = null;
            return;
        }
        for (CampaignState s : CampaignState.values()) {
            Gauge.builder("acs.campaigns", () -> get(campaigns, s)).description("Firmware campaigns per state")
                .tag("state", s.apiName()).register(registry);
        }
        for (DeviceState s : DeviceState.values()) {
            Gauge.builder("acs.campaign.devices", () -> get(devices, s))
                .description("Devices of firmware campaigns that are not over, per state").tag("state", s.apiName())
                .register(registry);
        }
        downloads = Counter.builder("acs.campaign.downloads").description("Download tasks queued by firmware campaigns")
            .register(registry);
    }

    private synchronized long get(Map<? extends Enum<?>, Long> m, Enum<?> key) {
        Long v = m.get(key);
        return v == null ? 0 : v;
    }

    synchronized void refresh(Map<CampaignState, Long> byCampaignState, Map<DeviceState, Long> byDeviceState) {
        campaigns.clear();
        campaigns.putAll(byCampaignState);
        devices.clear();
        devices.putAll(byDeviceState);
    }

    void downloadQueued() {
        if (downloads != null) {
            downloads.increment();
        }
    }

    void settled(DeviceState to) {
        if (registry != null) {
            registry.counter("acs.campaign.device.outcomes", "state", to.apiName()).increment();
        }
    }
}
