package io.homeacs.server.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.homeacs.server.device.DeviceKind;
import io.homeacs.server.device.ParamValue;
import io.homeacs.server.task.Task;
import io.homeacs.server.task.TaskOrigin;
import io.homeacs.server.task.TaskSpec;
import io.homeacs.server.task.TaskState;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The return rules and the out-of-ACS change rule, case by case, without a server. */
class VerdictTest {
    private static final Map<DeviceKind, BigDecimal> VALUES = Map.of(DeviceKind.GATEWAY, new BigDecimal("150"),
        DeviceKind.SET_TOP_BOX, new BigDecimal("180"), DeviceKind.MESH_ROUTER, new BigDecimal("180"));
    private static final Verdict.Findings RETURNED_OK = new Verdict.Findings(true, false, true, true);
    private static final Verdict.Findings NOT_RETURNED = new Verdict.Findings(false, false, null, null);

    @Test
    void valueTablePerKindAndPurchasePriceForUnreturnableUnits() {
        assertThat(decide(RETURNED_OK, Ownership.LEASED, DeviceKind.SET_TOP_BOX, null).compensation()).isEqualByComparingTo("0");
        assertThat(decide(NOT_RETURNED, Ownership.LEASED, DeviceKind.SET_TOP_BOX, null).compensation()).isEqualByComparingTo("180");
        assertThat(decide(new Verdict.Findings(true, false, true, false), Ownership.FREE, DeviceKind.MESH_ROUTER, null)
            .reasons()).containsExactly("not working");
        Verdict unreturnable = decide(new Verdict.Findings(false, true, null, null), Ownership.LEASED, DeviceKind.GATEWAY,
            new BigDecimal("412.5"));
        assertThat(unreturnable.compensation()).isEqualByComparingTo("412.50");
        assertThat(unreturnable.compensation().scale()).isEqualTo(2);
        assertThat(decide(NOT_RETURNED, Ownership.PURCHASED, DeviceKind.GATEWAY, new BigDecimal("300")).compensation())
            .isEqualByComparingTo("0");
        Verdict unknownKind = decide(NOT_RETURNED, Ownership.LEASED, DeviceKind.UNKNOWN, null);
        assertThat(unknownKind.compensation()).isNull();
        assertThat(unknownKind.basis()).contains("set the device's kind");
    }

    @Test
    void onlyEvidenceThatAltersTheUnitBreaksTheReleaseCondition() {
        Evidence reset = evidence(EvidenceKind.FACTORY_RESET);
        Evidence firmware = evidence(EvidenceKind.SOFTWARE_NOT_APPROVED);
        assertThat(Verdict.decide(RETURNED_OK, Ownership.LEASED, DeviceKind.GATEWAY, null, VALUES, List.of(reset))
            .meetsCondition()).isTrue();
        Verdict altered = Verdict.decide(RETURNED_OK, Ownership.LEASED, DeviceKind.GATEWAY, null, VALUES, List.of(firmware));
        assertThat(altered.meetsCondition()).isFalse();
        assertThat(altered.compensation()).isEqualByComparingTo("150");
    }

    @Test
    void findingsMustFitWhetherTheUnitCameBack() {
        assertThatThrownBy(() -> new Verdict.Findings(true, false, null, true)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Verdict.Findings(true, true, true, true)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Verdict.Findings(false, false, false, null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void configDriftComparesWithTheNewestValueTheAcsSetAndKnowsBooleanSpellings() {
        List<Task> tasks = List.of(
            spv(3, TaskState.SENT, "Device.WiFi.SSID.1.SSID", "Pending"),
            spv(2, TaskState.DONE, "Device.WiFi.SSID.1.SSID", "LiHome"),
            spv(1, TaskState.DONE, "Device.WiFi.SSID.1.SSID", "Old"),
            spv(4, TaskState.DONE, "Device.WiFi.Radio.1.Enable", "true"),
            spv(5, TaskState.DONE, "Device.WiFi.AccessPoint.1.Security.KeyPassphrase", "********"));
        assertThat(ConfigDrift.find(List.of(new ParamValue("Device.WiFi.SSID.1.SSID", "LiHome", "xsd:string"),
            new ParamValue("Device.WiFi.Radio.1.Enable", "1", "xsd:boolean"),
            new ParamValue("Device.WiFi.AccessPoint.1.Security.KeyPassphrase", "guess", "xsd:string"),
            new ParamValue("Device.DeviceInfo.SoftwareVersion", "9", "xsd:string")), tasks)).isEmpty();
        assertThat(ConfigDrift.find(List.of(new ParamValue("Device.WiFi.SSID.1.SSID", "Pending", "xsd:string")), tasks))
            .as("a value still being set by the ACS").isEmpty();
        List<ConfigDrift.Drift> drift = ConfigDrift.find(List.of(new ParamValue("Device.WiFi.SSID.1.SSID", "Old", "xsd:string"),
            new ParamValue("Device.WiFi.Radio.1.Enable", "0", "xsd:boolean")), tasks);
        assertThat(drift).extracting(d -> d.path() + ":" + d.acsValue() + "->" + d.reported() + "@" + d.taskId())
            .containsExactly("Device.WiFi.SSID.1.SSID:LiHome->Old@2", "Device.WiFi.Radio.1.Enable:true->0@4");
    }

    private static Task spv(long id, TaskState state, String name, String value) {
        Instant t = Instant.parse("2026-11-21T10:00:00Z");
        return new Task(id, 1, new TaskSpec.SetParameterValues(List.of(new ParamValue(name, value, "xsd:string"))),
            TaskOrigin.API, state, t, t, t, null, 1, 5, null, null, Map.of());
    }

    private static Verdict decide(Verdict.Findings f, Ownership o, DeviceKind k, BigDecimal price) {
        return Verdict.decide(f, o, k, price, VALUES, List.of());
    }

    private static Evidence evidence(EvidenceKind kind) {
        Instant t = Instant.parse("2026-11-21T10:00:00Z");
        return new Evidence(7, 1, kind, "s", "a", "b", 1L, Map.of(), t, t, 1, null, null, null);
    }
}
