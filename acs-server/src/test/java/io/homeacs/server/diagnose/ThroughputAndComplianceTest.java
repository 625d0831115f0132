package io.homeacs.server.diagnose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The arithmetic behind a speed test's figures and the operator's 90 % rule. */
class ThroughputAndComplianceTest {
    private static final DiagnosticRequest.Contract FTTH_300 =
        new DiagnosticRequest.Contract(1L, "GD-0001", "FTTH-300", 300, 50);

    @Test
    void downloadThroughputIsTestBytesOverBomToEom() {
        // 37,500,000 bytes in exactly one second = 300 Mbit/s (decimal, as plans are sold).
        Throughput.Measurement m = Throughput.download(Map.of("TestBytesReceived", "37500000",
            "ROMTime", "2026-11-21T10:00:00.000000Z", "BOMTime", "2026-11-21T10:00:00.250000Z",
            "EOMTime", "2026-11-21T10:00:01.250000Z"));
        assertThat(m.mbps()).isCloseTo(300.0, within(1e-9));
        assertThat(m.seconds()).isCloseTo(1.0, within(1e-12));
        assertThat(m.rom()).isEqualTo(Instant.parse("2026-11-21T10:00:00Z"));
    }

    @Test
    void eightyNinePercentOfThePlanIsNotCompliantNinetyOneIs() {
        // Figures as the device reports them, one second each way: 89 % and 91 % of a 300/50 plan.
        Map<String, String> t = Map.of("BOMTime", "2026-11-21T10:00:00Z", "EOMTime", "2026-11-21T10:00:01Z");
        double down89 = Throughput.download(with(t, "TestBytesReceived", "33375000", "X", "")).mbps();
        double up89 = Throughput.upload(with(t, "TestBytesSent", "5562500", "X", ""), 0).mbps();
        double down91 = Throughput.download(with(t, "TestBytesReceived", "34125000", "X", "")).mbps();
        double up91 = Throughput.upload(with(t, "TestBytesSent", "5687500", "X", ""), 0).mbps();
        assertThat(down89).isCloseTo(267.0, within(1e-9));
        assertThat(up91).isCloseTo(45.5, within(1e-9));
        Compliance.Verdict at89 = Compliance.judge(down89, up89, FTTH_300, 90);
        assertThat(at89.compliant()).isFalse();
        assertThat(at89.reason()).contains("89");
        assertThat(Compliance.judge(down91, up91, FTTH_300, 90).compliant()).isTrue();
        assertThat(Compliance.judge(down91, up89, FTTH_300, 90).compliant()).as("upstream at 89 %").isFalse();
        assertThat(Compliance.judge(down89, up89, FTTH_300, 85).compliant()).as("the threshold is a setting").isTrue();
    }

    @Test
    void connectionSetUpIsNotCountedAgainstTheLine() {
        // A slow TCP open (ROM → BOM = 2 s) leaves the rate untouched.
        Throughput.Measurement m = Throughput.download(Map.of("TestBytesReceived", "1250000",
            "ROMTime", "2026-11-21T10:00:00Z", "BOMTime", "2026-11-21T10:00:02Z", "EOMTime", "2026-11-21T10:00:02.1Z"));
        assertThat(m.mbps()).isCloseTo(100.0, within(1e-6));
    }

    @Test
    void uploadPrefersTestBytesSentThenTestFileLengthThenWhatWasAsked() {
        Map<String, String> times = Map.of("BOMTime", "2026-11-21T10:00:00Z", "EOMTime", "2026-11-21T10:00:02Z");
        assertThat(Throughput.upload(with(times, "TestBytesSent", "5000000", "TestFileLength", "1"), 7).bytes())
            .isEqualTo(5_000_000);
        assertThat(Throughput.upload(with(times, "TestFileLength", "2500000", "TotalBytesSent", "9999999"), 7).mbps())
            .isCloseTo(10.0, within(1e-9));
        assertThat(Throughput.upload(times, 2_500_000).mbps()).isCloseTo(10.0, within(1e-9));
    }

    @Test
    void deviceTimesWithOffsetsOrNoZoneAreRead() {
        assertThat(Throughput.parseTime("2026-11-21T18:00:00.5+08:00")).isEqualTo(Instant.parse("2026-11-21T10:00:00.5Z"));
        assertThat(Throughput.parseTime("2026-11-21T10:00:00.123456")).isEqualTo(Instant.parse("2026-11-21T10:00:00.123456Z"));
        assertThat(Throughput.parseTime("yesterday")).isNull();
    }

    @Test
    void unusableFiguresAreRefusedWithAReason() {
        assertThatThrownBy(() -> Throughput.download(Map.of("TestBytesReceived", "100", "BOMTime", "0001-01-01T00:00:00Z",
            "EOMTime", "2026-11-21T10:00:00Z"))).hasMessageContaining("no BOMTime");
        assertThatThrownBy(() -> Throughput.download(Map.of("TestBytesReceived", "100", "BOMTime", "2026-11-21T10:00:01Z",
            "EOMTime", "2026-11-21T10:00:01Z"))).hasMessageContaining("not after BOMTime");
        assertThatThrownBy(() -> Throughput.download(Map.of("TestBytesReceived", "0", "BOMTime", "2026-11-21T10:00:00Z",
            "EOMTime", "2026-11-21T10:00:01Z"))).hasMessageContaining("no test bytes");
        assertThatThrownBy(() -> Throughput.download(Map.of("TestBytesReceived", "lots", "BOMTime", "2026-11-21T10:00:00Z",
            "EOMTime", "2026-11-21T10:00:01Z"))).hasMessageContaining("not a number");
    }

    @Test
    void compliantWhenBothDirectionsReachTheThreshold() {
        Compliance.Verdict v = Compliance.judge(285.2, 47.9, FTTH_300, 90);
        assertThat(v.compliant()).isTrue();
        assertThat(v.downPercent()).isEqualTo(95.1);
        assertThat(v.upPercent()).isEqualTo(95.8);
        assertThat(v.reason()).contains("both directions reach 90 %");
    }

    @Test
    void exactlyAtTheThresholdIsCompliantAndJustBelowIsNot() {
        assertThat(Compliance.judge(270.0, 45.0, FTTH_300, 90).compliant()).isTrue();
        assertThat(Compliance.judge(269.99, 45.0, FTTH_300, 90).compliant()).isFalse();
        assertThat(Compliance.judge(270.0, 44.99, FTTH_300, 90).compliant()).isFalse();
    }

    @Test
    void eitherDirectionShortMakesItNonCompliantAndTheReasonSaysWhich() {
        Compliance.Verdict slowUp = Compliance.judge(299.0, 30.0, FTTH_300, 90);
        assertThat(slowUp.compliant()).isFalse();
        assertThat(slowUp.reason()).contains("upstream 30.0 Mbit/s is 60.0 % of the contracted 50").doesNotContain("downstream");
        Compliance.Verdict both = Compliance.judge(150.0, 30.0, FTTH_300, 90);
        assertThat(both.reason()).contains("downstream 150.0 Mbit/s is 50.0 %").contains("upstream");
    }

    @Test
    void theThresholdIsTheOperatorsSetting() {
        assertThat(Compliance.judge(250.0, 45.0, FTTH_300, 80).compliant()).isTrue();
        assertThat(Compliance.judge(250.0, 45.0, FTTH_300, 90).compliant()).isFalse();
    }

    @Test
    void nothingToJudgeWithoutAContractedRate() {
        Compliance.Verdict unbound = Compliance.judge(100, 10, new DiagnosticRequest.Contract(null, null, null, null, null), 90);
        assertThat(unbound.compliant()).isNull();
        assertThat(unbound.reason()).contains("not held by a subscriber");
        Compliance.Verdict iptvOnly = Compliance.judge(100, 10,
            new DiagnosticRequest.Contract(2L, "GD-0002", null, null, null), 90);
        assertThat(iptvOnly.compliant()).isNull();
        assertThat(iptvOnly.reason()).contains("GD-0002 has no broadband plan");
    }

    private static Map<String, String> with(Map<String, String> base, String... kv) {
        Map<String, String> m = new java.util.HashMap<>(base);
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }
}
