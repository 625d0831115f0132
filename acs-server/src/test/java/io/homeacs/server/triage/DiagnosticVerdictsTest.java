package io.homeacs.server.triage;

import static org.assertj.core.api.Assertions.assertThat;

import io.homeacs.server.diagnose.DiagnosticObject;
import io.homeacs.server.diagnose.DiagnosticRequest;
import io.homeacs.server.diagnose.DiagnosticRun;
import io.homeacs.server.diagnose.DiagnosticType;
import io.homeacs.server.diagnose.RunState;
import io.homeacs.server.health.HealthSnapshot;
import io.homeacs.server.subscriber.ServicePlan;
import io.homeacs.server.subscriber.Subscriber;
import io.homeacs.server.triage.FaultReport.Category;
import io.homeacs.server.triage.FaultReport.Responsible;
import io.homeacs.server.triage.FaultReport.Symptom;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The rules that weigh the triage's own diagnostic and the Wi-Fi figures. */
class DiagnosticVerdictsTest {
    private static final Instant NOW = Instant.parse("2026-11-21T10:00:00Z");
    private static final ServicePlan FIBRE = new ServicePlan(1, "F300", "Fibre", 300, 50, false, false, false, Map.of(), NOW);
    private static final Subscriber SUB = new Subscriber(1, "GD-1", "Li", "Rd 1", null, Subscriber.AccountType.RESIDENTIAL,
        Map.of("pppoeUsername", "gd1@isp"), Set.of(), List.of(FIBRE), NOW, NOW);

    private static HealthSnapshot health(HealthSnapshot.Wifi wifi, boolean radioInterference) {
        return new HealthSnapshot(1, NOW, true, NOW.minusSeconds(60), -19.0, 2.1, HealthSnapshot.Level.OK, "Connected",
            "ERROR_NONE", 3600L, NOW, 0, List.of(new HealthSnapshot.Radio("2.4GHz", "Home", "6", true,
            radioInterference ? -62 : -92, radioInterference ? 88 : 20, radioInterference)), wifi, 3, 10, List.of());
    }

    private static final HealthSnapshot CLEAN = health(new HealthSnapshot.Wifi(3, 0, -55, false, false), false);

    private static DiagnosticRun speed(Boolean compliant) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("compliance", Map.of("compliant", compliant, "thresholdPercent", 90));
        return new DiagnosticRun(7, 1, DiagnosticType.SPEED_TEST, RunState.COMPLETED, DiagnosticObject.UPLOAD,
            null, 11L, DiagnosticRequest.speedTest(1_000_000), result, compliant ? 290.0 : 150.0, 48.0, compliant,
            "done", "triage", NOW, NOW, NOW, NOW);
    }

    private static DiagnosticRun ping(long ok, long lost) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("host", "acs.isp.example");
        result.put("successCount", ok);
        result.put("failureCount", lost);
        return new DiagnosticRun(8, 1, DiagnosticType.IP_PING, RunState.COMPLETED, DiagnosticObject.PING, null, 12L,
            DiagnosticRequest.ping("acs.isp.example", 4), result, null, null, null, "done", "triage", NOW, NOW, NOW, NOW);
    }

    private static FaultReport.Verdict judge(Symptom s, HealthSnapshot h, DiagnosticRun run) {
        return Verdicts.judge(new Verdicts.Facts(s, SUB, h, "true", "gd1@isp", "true", null, true, NOW, run, null));
    }

    @Test
    @SuppressWarnings("unchecked")
    void aSlowLineBelowTheContractWithAHealthyDeviceIsTheOperatorsLine() {
        var v = judge(Symptom.SLOW, CLEAN, speed(false));
        assertThat(v.category()).isEqualTo(Category.ACCESS_LINE);
        assertThat(v.responsible()).isEqualTo(Responsible.OPERATOR);
        Map<String, Object> d = (Map<String, Object>) v.evidence().get("diagnostic");
        assertThat(d).containsEntry("runId", 7L).containsEntry("href", "/api/v1/diagnostics/7")
            .containsEntry("compliant", false).containsEntry("downMbps", 150.0);
    }

    @Test
    void aCompliantLineWithSoundWifiLeavesTheSubscribersOwnEquipment() {
        var v = judge(Symptom.SLOW, CLEAN, speed(true));
        assertThat(v.category()).isEqualTo(Category.SUBSCRIBER_EQUIPMENT);
        assertThat(v.responsible()).isEqualTo(Responsible.SUBSCRIBER);
    }

    @Test
    void interferenceAndWeakCoverageAreToldApart() {
        var noisy = judge(Symptom.SLOW, health(new HealthSnapshot.Wifi(3, 0, -55, true, false), true), speed(true));
        assertThat(noisy.category()).isEqualTo(Category.IN_HOME_WIFI);
        assertThat(noisy.recommendation()).contains("interference").contains("channel");
        assertThat(noisy.evidence()).containsEntry("wifiInterference", true);

        var far = judge(Symptom.WIFI, health(new HealthSnapshot.Wifi(4, 2, -84, false, true), false), null);
        assertThat(far.category()).isEqualTo(Category.IN_HOME_WIFI);
        assertThat(far.recommendation()).contains("weak Wi-Fi coverage");
        assertThat(far.evidence()).containsEntry("weakWifiClients", 2).containsEntry("weakestWifiSignalDbm", -84);
    }

    @Test
    void anUnansweredPingWithTheWanUpPointsPastTheHome() {
        assertThat(judge(Symptom.NO_INTERNET, CLEAN, ping(0, 4)).category()).isEqualTo(Category.ACCESS_LINE);
        assertThat(judge(Symptom.INTERMITTENT, CLEAN, ping(2, 2)).category()).isEqualTo(Category.ACCESS_LINE);
        assertThat(judge(Symptom.NO_INTERNET, CLEAN, ping(4, 0)).category()).isEqualTo(Category.NO_FAULT_FOUND);
    }

    @Test
    void aDiagnosticThatCouldNotRunIsNoted() {
        var v = Verdicts.judge(new Verdicts.Facts(Symptom.SLOW, SUB, CLEAN, "true", "gd1@isp", "true", null, true, NOW,
            null, "no speed test run: device busy"));
        assertThat(v.evidence().get("diagnostic")).isEqualTo(Map.of("note", "no speed test run: device busy"));
        assertThat(v.category()).isEqualTo(Category.IN_HOME_WIFI);
    }
}
