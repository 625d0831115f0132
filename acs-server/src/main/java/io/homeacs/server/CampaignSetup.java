package io.homeacs.server;

import io.homeacs.server.campaign.CampaignPlan;
import io.homeacs.server.campaign.Campaigns;
import io.homeacs.server.campaign.FirmwareImageSource;
import io.homeacs.server.campaign.MaintenanceWindow;
import io.homeacs.server.config.CampaignSettings;
import io.homeacs.server.device.DeviceRegistry;
import io.homeacs.server.device.DeviceWakeup;
import io.homeacs.server.events.Webhooks;
import io.homeacs.server.firmware.FirmwareImages;
import io.homeacs.server.metrics.AcsMetrics;
import io.homeacs.server.store.Database;
import io.homeacs.server.task.TaskQueue;
import java.time.Clock;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** Firmware campaigns: built from the settings, reconciled before the listeners open, driven by one scheduled loop. */
final class CampaignSetup {

    private CampaignSetup() {
    }

    static Campaigns start(CampaignSettings s, Database db, DeviceRegistry registry, TaskQueue tasks, DeviceWakeup wakeup,
                           FirmwareImages images, Webhooks webhooks, AcsMetrics metrics, Clock clock) {
        MaintenanceWindow window = null;
        if (!s.defaultWindow().isEmpty()) {
            String[] p = s.defaultWindow().split("-");
            window = MaintenanceWindow.parse(p[0].trim(), p[1].trim());
        }
        CampaignPlan defaults = new CampaignPlan(s.defaultWaves(), window, s.defaultNotice().compareTo(s.minNotice()) < 0
            ? s.minNotice() : s.defaultNotice(), s.defaultConcurrency(), s.defaultMaxFailurePercent(), s.defaultMaxTimeouts(),
            s.defaultSuccessTimeLimit(), s.defaultZone());
        Campaigns campaigns = new Campaigns(db, registry, tasks, wakeup, new FirmwareImageSource(images), webhooks,
            metrics.registry(), new Campaigns.Settings(s.minNotice(), s.enterpriseNotice(), defaults, s.maxDevices()), clock);
        campaigns.start();
        return campaigns;
    }

    static void schedule(Campaigns campaigns, CampaignSettings s, ScheduledExecutorService housekeeping, Clock clock,
                         java.util.function.Function<Runnable, Runnable> guard) {
        long ms = s.tick().toMillis();
        housekeeping.scheduleWithFixedDelay(guard.apply(() -> campaigns.driver().tick(clock.instant())), ms, ms,
            TimeUnit.MILLISECONDS);
        // Outcomes a listener missed (a task finished between a crash and its row's update) are caught up.
        housekeeping.scheduleWithFixedDelay(guard.apply(() -> campaigns.driver().reconcile(clock.instant())), 60, 60,
            TimeUnit.SECONDS);
    }
}
