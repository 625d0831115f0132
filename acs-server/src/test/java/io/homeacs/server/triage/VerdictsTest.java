package io.homeacs.server.triage;

import static org.assertj.core.api.Assertions.assertThat;

import io.homeacs.server.health.HealthSnapshot;
import io.homeacs.server.subscriber.ServiceKind;
import io.homeacs.server.subscriber.ServicePlan;
import io.homeacs.server.subscriber.Subscriber;
import io.homeacs.server.triage.FaultReport.Category;
import io.homeacs.server.triage.FaultReport.Responsible;
import io.homeacs.server.triage.FaultReport.Symptom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Each triage rule on its own: symptom + account + health in, category and responsibility out. */
class VerdictsTest {
    private static final Instant NOW = Instant.parse("2026-11-21T10:00:00Z");
    private static final ServicePlan FIBRE = new ServicePlan(1, "F300", "Fibre", 300, 50, false, false, false, Map.of(), NOW);
    private static final ServicePlan MESH = new ServicePlan(2, "MESH", "Whole-home Wi-Fi", null, null, false, false, true,
        Map.of(), NOW);

    private static Subscriber subscriber(Set<ServiceKind> suspended, ServicePlan... plans) {
        return new Subscriber(1, "GD-1", "Li", "Rd 1", null, Subscriber.AccountType.RESIDENTIAL,
            Map.of("pppoeUsername", "gd1@isp"), suspended, List.of(plans), NOW, NOW);
    }

    private static HealthSnapshot health(boolean online, Double rx, HealthSnapshot.Level optical, String wan, String error,
                                         int reboots, Integer hosts) {
        return new HealthSnapshot(1, NOW, online, NOW.minusSeconds(60), rx, 2.1, optical, wan, error, 3600L, NOW, reboots,
            List.of(), HealthSnapshot.Wifi.UNKNOWN, hosts, 10, List.of());
    }

    private static FaultReport.Verdict judge(Symptom s, Subscriber sub, HealthSnapshot h, String wanEnable, String ppp,
                                             Instant warrantyEnd) {
        return Verdicts.judge(new Verdicts.Facts(s, sub, h, wanEnable, ppp, "true", warrantyEnd, false, NOW));
    }

    private static final HealthSnapshot HEALTHY = health(true, -19.0, HealthSnapshot.Level.OK, "Connected", "ERROR_NONE", 0, 3);

    @Test
    void suspendedServiceIsTheAccountNotAFault() {
        var v = judge(Symptom.NO_INTERNET, subscriber(Set.of(ServiceKind.BROADBAND), FIBRE), HEALTHY, "false", "gd1@isp", null);
        assertThat(v.category()).isEqualTo(Category.SERVICE_SUSPENDED);
        assertThat(v.responsible()).isEqualTo(Responsible.SUBSCRIBER);
    }

    @Test
    void criticalOpticalLevelIsTheAccessLine() {
        var v = judge(Symptom.NO_INTERNET, subscriber(Set.of(), FIBRE),
            health(true, -29.4, HealthSnapshot.Level.CRITICAL, "Disconnected", "ERROR_NONE", 0, 2), "true", "gd1@isp", null);
        assertThat(v.category()).isEqualTo(Category.ACCESS_LINE);
        assertThat(v.responsible()).isEqualTo(Responsible.OPERATOR);
        assertThat(v.evidence()).containsEntry("opticalRxDbm", -29.4).containsEntry("optical", "critical");
    }

    @Test
    void wrongAccountOnTheDeviceIsFixableRemotely() {
        var v = judge(Symptom.NO_INTERNET, subscriber(Set.of(), FIBRE),
            health(true, -19.0, HealthSnapshot.Level.OK, "Disconnected", "ERROR_AUTHENTICATION_FAILURE", 0, 2), "true",
            "someone-else", null);
        assertThat(v.category()).isEqualTo(Category.SERVICE_CONFIGURATION);
        assertThat(v.recommendation()).contains("re-run commissioning");
    }

    @Test
    void anUnreachableDeviceWithAGoodLineIsTheLeasedDeviceByWarranty() {
        HealthSnapshot gone = health(false, -18.0, HealthSnapshot.Level.OK, "Connected", "ERROR_NONE", 0, 2);
        assertThat(judge(Symptom.NO_INTERNET, subscriber(Set.of(), FIBRE), gone, "true", "gd1@isp", NOW.plus(Duration.ofDays(90)))
            .category()).isEqualTo(Category.LEASED_DEVICE_IN_WARRANTY);
        var out = judge(Symptom.NO_INTERNET, subscriber(Set.of(), FIBRE), gone, "true", "gd1@isp", NOW.minus(Duration.ofDays(1)));
        assertThat(out.category()).isEqualTo(Category.LEASED_DEVICE_OUT_OF_WARRANTY);
        assertThat(out.responsible()).isEqualTo(Responsible.MANUFACTURER);
    }

    @Test
    void aDeviceThatKeepsRestartingIsTheDevice() {
        var v = judge(Symptom.INTERMITTENT, subscriber(Set.of(), FIBRE),
            health(true, -19.0, HealthSnapshot.Level.OK, "Connected", "ERROR_NONE", 4, 2), "true", "gd1@isp",
            NOW.plus(Duration.ofDays(30)));
        assertThat(v.category()).isEqualTo(Category.LEASED_DEVICE_IN_WARRANTY);
    }

    @Test
    void tooManyTerminalsIsTheSubscribersEquipment() {
        var v = judge(Symptom.SLOW, subscriber(Set.of(), FIBRE),
            health(true, -19.0, HealthSnapshot.Level.OK, "Connected", "ERROR_NONE", 0, 25), "true", "gd1@isp", null);
        assertThat(v.category()).isEqualTo(Category.SUBSCRIBER_EQUIPMENT);
    }

    @Test
    void weakWifiOnAHealthyLineIsInHomeAndTheOperatorsWithTheMeshService() {
        assertThat(judge(Symptom.WIFI, subscriber(Set.of(), FIBRE), HEALTHY, "true", "gd1@isp", null).responsible())
            .isEqualTo(Responsible.SUBSCRIBER);
        var mesh = judge(Symptom.WIFI, subscriber(Set.of(), FIBRE, MESH), HEALTHY, "true", "gd1@isp", null);
        assertThat(mesh.category()).isEqualTo(Category.IN_HOME_WIFI);
        assertThat(mesh.responsible()).isEqualTo(Responsible.OPERATOR);
    }

    @Test
    void nothingWrongIsNoFaultFound() {
        assertThat(judge(Symptom.OTHER, subscriber(Set.of(), FIBRE), HEALTHY, "true", "gd1@isp", null).category())
            .isEqualTo(Category.NO_FAULT_FOUND);
    }

    @Test
    void aSuspendedLineExplainsAnySymptomWhileItIsDown() {
        var v = judge(Symptom.WIFI, subscriber(Set.of(ServiceKind.BROADBAND), FIBRE),
            health(true, -19.0, HealthSnapshot.Level.OK, "Disconnected", "ERROR_NONE", 0, 2), "false", "gd1@isp", null);
        assertThat(v.category()).isEqualTo(Category.SERVICE_SUSPENDED);
    }

    @Test
    void anUnknownWanStateIsNotALineFault() {
        var v = judge(Symptom.OTHER, subscriber(Set.of(), FIBRE),
            health(true, -19.0, HealthSnapshot.Level.OK, null, null, 0, 2), null, null, null);
        assertThat(v.category()).isEqualTo(Category.NO_FAULT_FOUND);
        assertThat(v.evidence()).containsEntry("fresh", false);
    }
}
