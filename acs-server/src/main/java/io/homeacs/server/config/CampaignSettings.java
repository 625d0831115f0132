package io.homeacs.server.config;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * Firmware campaigns: the notice rules of the service agreements and the defaults of a campaign's plan.
 *
 * @param minNotice        shortest notice a campaign may give (agreements: 24 h)
 * @param enterpriseNotice shortest notice for devices of enterprise accounts (agreements: 48 h)
 * @param defaultNotice    notice of a campaign that names none
 * @param defaultWindow    "HH:MM-HH:MM" in the device's local time, or empty for any time
 * @param tick             how often the campaign driver runs
 */
public record CampaignSettings(Duration minNotice, Duration enterpriseNotice, Duration defaultNotice, ZoneId defaultZone,
                               List<Double> defaultWaves, String defaultWindow, int defaultConcurrency,
                               double defaultMaxFailurePercent, int defaultMaxTimeouts, Duration defaultSuccessTimeLimit,
                               int maxDevices, Duration tick) {

    static CampaignSettings from(SettingValues v) {
        ZoneId zone;
        try {
            zone = ZoneId.of(v.string("campaign.default-zone").trim());
        } catch (DateTimeException e) {
            throw new ConfigException("campaign.default-zone must be a time-zone name such as Asia/Shanghai or UTC");
        }
        List<Double> waves = new ArrayList<>();
        for (String p : v.string("campaign.default-waves").split(",")) {
            try {
                double d = Double.parseDouble(p.trim());
                if (!(d > 0 && d <= 100)) {
                    throw new NumberFormatException();
                }
                waves.add(d);
            } catch (NumberFormatException e) {
                throw new ConfigException("campaign.default-waves must be percentages above 0 and at most 100, "
                    + "separated by commas, e.g. 1,10,25");
            }
        }
        String window = v.string("campaign.default-window").trim();
        if (!window.isEmpty()) {
            String[] p = window.split("-");
            try {
                if (p.length != 2 || LocalTime.parse(p[0].trim()).equals(LocalTime.parse(p[1].trim()))) {
                    throw new DateTimeException(window);
                }
            } catch (DateTimeException e) {
                throw new ConfigException("campaign.default-window must look like 02:00-05:00 (start and end differ) or be empty");
            }
        }
        return new CampaignSettings(hours(v.decimal("campaign.min-notice-hours", 0, 24 * 30)),
            hours(v.decimal("campaign.enterprise-notice-hours", 0, 24 * 30)),
            hours(v.decimal("campaign.default-notice-hours", 0, 24 * 30)), zone, List.copyOf(waves), window,
            v.integer("campaign.default-concurrency", 1, 100_000),
            v.decimal("campaign.default-max-failure-percent", 0, 100),
            v.integer("campaign.default-max-timeouts", -1, 1_000_000),
            Duration.ofSeconds(v.integer("campaign.default-success-seconds", 1, 30 * 86400)),
            v.integer("campaign.max-devices", 1, 10_000_000), Duration.ofMillis(v.integer("campaign.tick-ms", 50, 60_000)));
    }

    private static Duration hours(double h) {
        return Duration.ofMillis(Math.round(h * 3_600_000));
    }
}
