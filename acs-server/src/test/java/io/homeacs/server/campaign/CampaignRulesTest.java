package io.homeacs.server.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.homeacs.server.device.ParamValue;
import io.homeacs.server.device.ParameterDocument;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** The pure rules: wave planning, windows in the device's time, device zones, halt thresholds, plan parsing. */
class CampaignRulesTest {
    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    private static CampaignPlan plan(double maxFailurePercent, int maxTimeouts) {
        return new CampaignPlan(List.of(1.0, 10.0, 25.0), null, Duration.ofHours(24), 10, maxFailurePercent, maxTimeouts,
            Duration.ofHours(2), SHANGHAI);
    }

    @Test
    void wavesAreCanaryThenGrowingBatchesThenTheRestAndEveryDeviceOnce() {
        List<Long> ids = LongStream.rangeClosed(1, 1000).boxed().toList();
        List<List<Long>> waves = WavePlanner.plan(7, ids, List.of(1.0, 10.0, 25.0));
        assertThat(waves).extracting(List::size).containsExactly(10, 100, 250, 640);
        Set<Long> all = new HashSet<>();
        waves.forEach(all::addAll);
        assertThat(all).hasSize(1000);
        assertThat(WavePlanner.plan(7, ids, List.of(1.0, 10.0, 25.0))).as("deterministic").isEqualTo(waves);
        assertThat(waves.get(0)).as("the canary is spread over the fleet, not its first ids")
            .anySatisfy(id -> assertThat(id).isGreaterThan(500));
        assertThat(WavePlanner.plan(8, ids, List.of(1.0, 10.0, 25.0)).get(0)).as("another campaign, another canary")
            .isNotEqualTo(waves.get(0));
    }

    @Test
    void smallFleetsStillGetACanaryAndNoEmptyWaves() {
        List<List<Long>> waves = WavePlanner.plan(1, List.of(5L, 6L, 7L), List.of(1.0, 10.0, 25.0));
        assertThat(waves).extracting(List::size).containsExactly(1, 1, 1);
        assertThat(WavePlanner.plan(1, List.of(5L), List.of(1.0, 10.0))).extracting(List::size).containsExactly(1);
        assertThat(WavePlanner.plan(1, LongStream.range(0, 10).boxed().toList(), List.of(50.0, 50.0)))
            .extracting(List::size).containsExactly(5, 5);
        assertThat(WavePlanner.plan(1, LongStream.range(0, 10).boxed().toList(), List.of(100.0)))
            .extracting(List::size).containsExactly(10);
    }

    @Test
    void windowIsReadInTheDevicesLocalTimeAndMayRunOverMidnight() {
        MaintenanceWindow night = MaintenanceWindow.parse("02:00", "05:00");
        Instant t = Instant.parse("2026-11-21T19:30:00Z"); // 03:30 in Shanghai, 19:30 in UTC
        assertThat(night.contains(t, SHANGHAI)).isTrue();
        assertThat(night.contains(t, ZoneOffset.UTC)).isFalse();
        MaintenanceWindow late = MaintenanceWindow.parse("22:00", "04:00");
        assertThat(late.contains(Instant.parse("2026-11-21T23:00:00Z"), ZoneOffset.UTC)).isTrue();
        assertThat(late.contains(Instant.parse("2026-11-21T03:59:00Z"), ZoneOffset.UTC)).isTrue();
        assertThat(late.contains(Instant.parse("2026-11-21T04:00:00Z"), ZoneOffset.UTC)).isFalse();
        assertThat(late.contains(Instant.parse("2026-11-21T12:00:00Z"), ZoneOffset.UTC)).isFalse();
        assertThat(night.nextOpening(Instant.parse("2026-11-21T10:00:00Z"), SHANGHAI))
            .isEqualTo(Instant.parse("2026-11-21T18:00:00Z"));
        assertThat(night.nextOpening(t, SHANGHAI)).isEqualTo(t);
        assertThat(night.closingAfter(Instant.parse("2026-11-21T18:00:00Z"), SHANGHAI))
            .isEqualTo(Instant.parse("2026-11-21T21:00:00Z"));
        assertThatThrownBy(() -> MaintenanceWindow.parse("02:00", "02:00")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MaintenanceWindow.parse("2am", "05:00")).hasMessageContaining("window.start");
    }

    @Test
    void deviceZoneComesFromPosixOrIanaParametersElseTheDefault() {
        assertThat(DeviceZones.parse("CST-8")).contains(ZoneOffset.ofHours(8));
        assertThat(DeviceZones.parse("EST5EDT,M3.2.0,M11.1.0")).contains(ZoneOffset.ofHours(-5));
        assertThat(DeviceZones.parse("<+0530>-5:30")).contains(ZoneOffset.ofHoursMinutes(5, 30));
        assertThat(DeviceZones.parse("Europe/Berlin")).contains(ZoneId.of("Europe/Berlin"));
        assertThat(DeviceZones.parse("not a zone")).isEmpty();
        assertThat(DeviceZones.parse("")).isEmpty();
        ParameterDocument doc = ParameterDocument.empty();
        Instant now = Instant.parse("2026-11-21T10:00:00Z");
        assertThat(DeviceZones.of(doc, SHANGHAI)).isEqualTo(SHANGHAI);
        doc.merge(List.of(new ParamValue("InternetGatewayDevice.Time.LocalTimeZoneName", "Asia/Tokyo", "xsd:string")), now);
        assertThat(DeviceZones.of(doc, SHANGHAI)).isEqualTo(ZoneId.of("Asia/Tokyo"));
        doc.merge(List.of(new ParamValue("Device.Time.LocalTimeZone", "GMT0", "xsd:string")), now);
        assertThat(DeviceZones.of(doc, SHANGHAI)).isEqualTo(ZoneOffset.UTC);
    }

    private static Map<DeviceState, Integer> counts(Object... pairs) {
        Map<DeviceState, Integer> m = new EnumMap<>(DeviceState.class);
        for (int i = 0; i < pairs.length; i += 2) {
            m.put((DeviceState) pairs[i], (Integer) pairs[i + 1]);
        }
        return m;
    }

    @Test
    void haltWhenTheWavesFailureShareExceedsTheThresholdOverTheWholeWave() {
        CampaignPlan p = plan(10, -1);
        assertThat(HaltRule.check(counts(DeviceState.FAILED, 10, DeviceState.SENT, 90), p)).as("10 of 100 is not above 10%")
            .isEmpty();
        assertThat(HaltRule.check(counts(DeviceState.FAILED, 8, DeviceState.TIMED_OUT, 3, DeviceState.NOTIFIED, 89), p))
            .hasValueSatisfying(r -> assertThat(r).contains("11 of 100").contains("8 failed, 3 timed out"));
        assertThat(HaltRule.check(counts(DeviceState.FAILED, 10, DeviceState.SKIPPED, 50, DeviceState.SUCCEEDED, 40), p))
            .as("skipped devices do not dilute the rate").isPresent();
        assertThat(HaltRule.check(counts(DeviceState.FAILED, 11, DeviceState.SUCCEEDED, 89), p, 11))
            .as("failures accepted on resume do not halt again").isEmpty();
        assertThat(HaltRule.check(counts(DeviceState.FAILED, 23, DeviceState.SUCCEEDED, 77), p, 11)).isPresent();
        assertThat(HaltRule.check(counts(DeviceState.SKIPPED, 3), p)).isEmpty();
    }

    @Test
    void haltOnTimeoutsBeyondTheirOwnCount() {
        CampaignPlan p = plan(50, 2);
        assertThat(HaltRule.check(counts(DeviceState.TIMED_OUT, 2, DeviceState.SUCCEEDED, 98), p)).isEmpty();
        assertThat(HaltRule.check(counts(DeviceState.TIMED_OUT, 3, DeviceState.SUCCEEDED, 97), p))
            .hasValueSatisfying(r -> assertThat(r).contains("more than 2 timeouts"));
    }

    @Test
    void aWaveIsDoneWhenNoDeviceIsWaitingOrInFlight() {
        assertThat(HaltRule.done(counts(DeviceState.SUCCEEDED, 5, DeviceState.FAILED, 1, DeviceState.SKIPPED, 2))).isTrue();
        for (DeviceState open : List.of(DeviceState.PENDING, DeviceState.NOTIFIED, DeviceState.SCHEDULED, DeviceState.SENT,
            DeviceState.INSTALLED)) {
            assertThat(HaltRule.done(counts(DeviceState.SUCCEEDED, 5, open, 1))).as(open.name()).isFalse();
        }
    }

    @Test
    void planReadsDurationsAndDefaultsAndRoundTrips() {
        CampaignPlan defaults = plan(5, -1);
        Map<String, Object> in = new java.util.HashMap<>();
        in.put("waves", List.of(new java.math.BigDecimal("5"), 50L));
        in.put("window", Map.of("start", "01:00", "end", "04:30"));
        in.put("notice", "PT48H");
        in.put("concurrency", 25L);
        in.put("successTimeLimit", "PT30M");
        CampaignPlan p = CampaignPlan.fromJson(in, defaults);
        assertThat(p.wavePercents()).containsExactly(5.0, 50.0);
        assertThat(p.window()).isEqualTo(MaintenanceWindow.parse("01:00", "04:30"));
        assertThat(p.notice()).isEqualTo(Duration.ofHours(48));
        assertThat(p.concurrency()).isEqualTo(25);
        assertThat(p.maxFailurePercent()).isEqualTo(5);
        assertThat(CampaignPlan.fromJson(p.toJson(), defaults)).isEqualTo(p);
        assertThatThrownBy(() -> CampaignPlan.fromJson(Map.of("notice", "24h"), defaults)).hasMessageContaining("ISO-8601");
        assertThatThrownBy(() -> CampaignPlan.fromJson(Map.of("waves", List.of(0L)), defaults)).hasMessageContaining("above 0");
        assertThatThrownBy(() -> CampaignPlan.fromJson(Map.of("concurrency", 0L), defaults)).hasMessageContaining("concurrency");
        List<Object> many = new ArrayList<>();
        for (int i = 0; i < 21; i++) {
            many.add(1L);
        }
        assertThatThrownBy(() -> CampaignPlan.fromJson(Map.of("waves", many), defaults)).hasMessageContaining("1 to 20");
    }
}
