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

/** The rules that weigh the findings about a home's mesh (backhaul, clients stuck on a weak node, congestion). */
class HomeWifiVerdictsTest {
    private static final Instant NOW = Instant.parse("2026-11-21T10:00:00Z");
    private static final ServicePlan MESH_PLAN = new ServicePlan(1, "F300M", "Fibre + mesh", 300, 50, false, false, true,
        Map.of(), NOW);
    private static final ServicePlan FIBRE = new ServicePlan(2, "F300", "Fibre", 300, 50, false, false, false, Map.of(), NOW);
    private static final Subscriber MESH_HOME = subscriber(MESH_PLAN);
    private static final Subscriber OWN_MESH_HOME = subscriber(FIBRE);

    private static final HomeWifiFindings.Finding WEAK_BACKHAUL = new HomeWifiFindings.Finding("backhaul-weak", "sat-2",
        "warning", "Move satellite SAT2 closer to the gateway GW1: its Wi-Fi backhaul is -82 dBm, weaker than -75 dBm, "
        + "or connect it by cable (wired backhaul)");
    private static final HomeWifiFindings.Finding SLOW_BACKHAUL = new HomeWifiFindings.Finding("backhaul-slow", "sat-3",
        "warning", "Use wired backhaul for satellite SAT3: its Wi-Fi backhaul carries 40 Mbit/s, below 100 Mbit/s");
    private static final HomeWifiFindings.Finding WEAK_CLIENTS = new HomeWifiFindings.Finding("clients-weak", "sat-2",
        "warning", "Add a node: 3 of 4 clients on satellite SAT2 see less than -75 dBm");
    private static final HomeWifiFindings.Finding CONGESTED = new HomeWifiFindings.Finding("channel-congested", "gw",
        "warning", "Channel congestion on the gateway GW1 channel 36: the radio is busy 91% of the time (over 80%); "
        + "choose another channel or automatic channel selection");
    private static final HomeWifiFindings.Finding PREFER_WIRED = new HomeWifiFindings.Finding("prefer-wired", "sat-2",
        "info", "The layout prefers wired backhaul, but satellite SAT2 uses Wi-Fi: connect it by cable where possible");

    private static Subscriber subscriber(ServicePlan plan) {
        return new Subscriber(1, "GD-1", "Li", "Rd 1", null, Subscriber.AccountType.RESIDENTIAL,
            Map.of("pppoeUsername", "gd1@isp"), Set.of(), List.of(plan), NOW, NOW);
    }

    /** A healthy gateway: good optical level, WAN up, a quiet radio with strong clients. */
    private static HealthSnapshot healthy(HealthSnapshot.Level optical) {
        return new HealthSnapshot(1, NOW, true, NOW.minusSeconds(60), -19.0, 2.1, optical, "Connected",
            "ERROR_NONE", 3600L, NOW, 0, List.of(new HealthSnapshot.Radio("5GHz", "Home", "36", true, -92, 20, false)),
            new HealthSnapshot.Wifi(3, 0, -55, false, false), 3, 10, List.of());
    }

    private static DiagnosticRun compliantSpeedTest() {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("compliance", Map.of("compliant", true, "thresholdPercent", 90));
        return new DiagnosticRun(7, 1, DiagnosticType.SPEED_TEST, RunState.COMPLETED, DiagnosticObject.UPLOAD,
            null, 11L, DiagnosticRequest.speedTest(1_000_000), result, 290.0, 48.0, true, "done", "triage", NOW, NOW, NOW,
            NOW);
    }

    private static FaultReport.Verdict judge(Symptom s, Subscriber sub, HealthSnapshot h, DiagnosticRun run,
                                             List<HomeWifiFindings.Finding> findings) {
        return Verdicts.judge(new Verdicts.Facts(s, sub, h, "true", "gd1@isp", "true", null, true, NOW, run, null,
            findings));
    }

    @Test
    @SuppressWarnings("unchecked")
    void aWeakBackhaulIsInHomeCoverageWithTheFindingsAdviceAsNextAction() {
        var v = judge(Symptom.WIFI, MESH_HOME, healthy(HealthSnapshot.Level.OK), null, List.of(CONGESTED, WEAK_BACKHAUL));
        assertThat(v.category()).isEqualTo(Category.IN_HOME_WIFI);
        assertThat(v.responsible()).isEqualTo(Responsible.OPERATOR);
        assertThat(v.recommendation()).contains("backhaul of node sat-2 is weak").contains(WEAK_BACKHAUL.advice())
            .doesNotContain("congestion");
        List<Map<String, Object>> mesh = (List<Map<String, Object>>) v.evidence().get("meshFindings");
        assertThat(mesh).extracting(m -> m.get("code")).containsExactly("channel-congested", "backhaul-weak");
        assertThat(mesh.get(1)).containsEntry("node", "sat-2").containsEntry("severity", "warning")
            .containsEntry("advice", WEAK_BACKHAUL.advice());
    }

    @Test
    void aSlowBackhaulOutranksClientsStuckOnTheSameNode() {
        var v = judge(Symptom.INTERMITTENT, MESH_HOME, healthy(HealthSnapshot.Level.OK), null,
            List.of(WEAK_CLIENTS, SLOW_BACKHAUL));
        assertThat(v.category()).isEqualTo(Category.IN_HOME_WIFI);
        assertThat(v.recommendation()).contains("backhaul of node sat-3 is slow").contains("wired backhaul");
    }

    @Test
    void clientsStuckOnAWeakNodeNeedANodeNearThem() {
        var v = judge(Symptom.WIFI, MESH_HOME, healthy(HealthSnapshot.Level.OK), null, List.of(WEAK_CLIENTS, PREFER_WIRED));
        assertThat(v.category()).isEqualTo(Category.IN_HOME_WIFI);
        assertThat(v.recommendation()).contains("stuck on mesh node sat-2").contains("Add a node");
    }

    @Test
    void channelCongestionIsInterference() {
        var v = judge(Symptom.WIFI, MESH_HOME, healthy(HealthSnapshot.Level.OK), null, List.of(CONGESTED));
        assertThat(v.category()).isEqualTo(Category.IN_HOME_WIFI);
        assertThat(v.recommendation()).contains("interference").contains("channel 36").contains("automatic channel selection");
    }

    @Test
    void aSlowReportWithACompliantLineIsTheMeshNotTheSubscribersPc() {
        var v = judge(Symptom.SLOW, MESH_HOME, healthy(HealthSnapshot.Level.OK), compliantSpeedTest(), List.of(WEAK_BACKHAUL));
        assertThat(v.category()).isEqualTo(Category.IN_HOME_WIFI);
        assertThat(v.responsible()).isEqualTo(Responsible.OPERATOR);
        assertThat(v.recommendation()).contains("Move satellite SAT2 closer");
    }

    @Test
    void aMeshTheSubscriberBoughtIsTheSubscribers() {
        var v = judge(Symptom.WIFI, OWN_MESH_HOME, healthy(HealthSnapshot.Level.OK), null, List.of(WEAK_BACKHAUL));
        assertThat(v.category()).isEqualTo(Category.IN_HOME_WIFI);
        assertThat(v.responsible()).isEqualTo(Responsible.SUBSCRIBER);
        assertThat(v.recommendation()).contains("subscriber's own equipment");
    }

    @Test
    void theLineStillComesFirst() {
        var v = judge(Symptom.SLOW, MESH_HOME, healthy(HealthSnapshot.Level.WARN), null, List.of(WEAK_BACKHAUL));
        assertThat(v.category()).isEqualTo(Category.ACCESS_LINE);
        assertThat(v.evidence()).containsKey("meshFindings");
    }

    @Test
    void informationalFindingsDecideNothingAndOtherSymptomsIgnoreTheMesh() {
        var info = judge(Symptom.WIFI, MESH_HOME, healthy(HealthSnapshot.Level.OK), null, List.of(PREFER_WIRED));
        assertThat(info.category()).isEqualTo(Category.IN_HOME_WIFI);
        assertThat(info.recommendation()).startsWith("the line is healthy");
        var tv = judge(Symptom.IPTV, MESH_HOME, healthy(HealthSnapshot.Level.OK), null, List.of(WEAK_BACKHAUL));
        assertThat(tv.category()).isEqualTo(Category.NO_FAULT_FOUND);
    }

    @Test
    void aHomeWithoutMeshFindingsKeepsItsEvidenceAsBefore() {
        var v = judge(Symptom.WIFI, MESH_HOME, healthy(HealthSnapshot.Level.OK), null, List.of());
        assertThat(v.evidence()).doesNotContainKey("meshFindings");
        assertThat(v.recommendation()).startsWith("the line is healthy");
    }
}
