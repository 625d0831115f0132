package io.homeacs.firmware;

import static org.assertj.core.api.Assertions.assertThat;

import io.homeacs.firmware.Compatibility.Decision;
import io.homeacs.firmware.Compatibility.Intent;
import io.homeacs.firmware.Compatibility.Reason;
import java.util.List;
import org.junit.jupiter.api.Test;

class CompatibilityTest {

    private static final String SHA = "c".repeat(64);

    private static ImageManifest image(String oui, List<String> models, List<String> hw, String version, String... from) {
        List<VersionRange> ranges = new java.util.ArrayList<>();
        for (String f : from) {
            ranges.add(VersionRange.parse(f));
        }
        return new ImageManifest("Huawei", oui, models, hw, version, 100, SHA, "", ranges, null, null);
    }

    private static DeviceFacts device(String version) {
        return new DeviceFacts("Huawei", "00259E", "HG8145V5", "HG8145V5-20", "HW1", version);
    }

    @Test
    void upgradeOnAPathIsAllowedWithThePathNamed() {
        Decision d = Compatibility.check(image("00259E", List.of("HG8145V5"), List.of("HW1"), "V3R017C10S200", "[V3R017C10S100,V3R017C10S200)"),
                device("V3R017C10S120"));
        assertThat(d.allowed()).isTrue();
        assertThat(d.reason()).isNull();
        assertThat(d.detail()).contains("V3R017C10S120").contains("[V3R017C10S100,V3R017C10S200)");
    }

    @Test
    void eachRefusalHasItsReason() {
        ImageManifest img = image("00259E", List.of("HG8145V5"), List.of("HW1"), "V3R017C10S200", "[V3R017C10S100,V3R017C10S200)");
        assertThat(Compatibility.check(img, device("V3R017C10S120"), Intent.UPGRADE, true).reason()).isEqualTo(Reason.WITHDRAWN);
        assertThat(Compatibility.check(img, new DeviceFacts("Huawei", "00E0FC", "HG8145V5", null, "HW1", "V3R017C10S120")).reason())
                .isEqualTo(Reason.WRONG_VENDOR);
        assertThat(Compatibility.check(img, new DeviceFacts("Huawei", "00259E", "HG8245H", "HG8245H", "HW1", "V3R017C10S120")).reason())
                .isEqualTo(Reason.WRONG_MODEL);
        assertThat(Compatibility.check(img, new DeviceFacts("Huawei", "00259E", "HG8145V5", null, "HW9", "V3R017C10S120")).reason())
                .isEqualTo(Reason.WRONG_HARDWARE);
        assertThat(Compatibility.check(img, device(null)).reason()).isEqualTo(Reason.UNKNOWN_VERSION);
        assertThat(Compatibility.check(img, device("V3R017C10S200")).reason()).isEqualTo(Reason.SAME_VERSION);
        Decision down = Compatibility.check(img, device("V3R017C10S300"));
        assertThat(down.reason()).isEqualTo(Reason.DOWNGRADE);
        assertThat(down.detail()).contains("rollback");
        Decision noPath = Compatibility.check(img, device("V3R017C10S050"));
        assertThat(noPath.reason()).isEqualTo(Reason.NO_UPGRADE_PATH);
        assertThat(noPath.detail()).contains("V3R017C10S050");
    }

    @Test
    void rollbackMayGoDownButNotOntoAWithdrawnOrForeignImage() {
        ImageManifest old = image("00259E", List.of("HG8145V5"), List.of(), "V3R017C10S120", "[V3R017C10S100,V3R017C10S120)");
        assertThat(Compatibility.check(old, device("V3R017C10S200"), Intent.ROLLBACK, false).allowed()).isTrue();
        assertThat(Compatibility.check(old, device("V3R017C10S200"), Intent.ROLLBACK, true).reason()).isEqualTo(Reason.WITHDRAWN);
        assertThat(Compatibility.check(old, new DeviceFacts("ZTE", "00D0D0", "F660", null, null, "V3R017C10S200"), Intent.ROLLBACK, false)
                .reason()).isEqualTo(Reason.WRONG_VENDOR);
    }

    @Test
    void matchingRulesForNamesModelsAndOpenLists() {
        ImageManifest byName = image("", List.of("hg8145v5-20"), List.of(), "2.0");
        assertThat(Compatibility.check(byName, new DeviceFacts("HUAWEI", null, "Other", "HG8145V5-20", null, "1.0")).allowed()).isTrue();
        assertThat(Compatibility.check(byName, new DeviceFacts("Huawei Technologies", null, "Other", "HG8145V5-20", null, "1.0")).reason())
                .isEqualTo(Reason.WRONG_VENDOR);
        ImageManifest any = image("", List.of(), List.of(), "2.0");
        assertThat(Compatibility.check(any, new DeviceFacts("huawei", null, null, null, null, "1.9.9")).allowed()).isTrue();
        assertThat(Compatibility.check(any, new DeviceFacts("huawei", null, null, null, null, "")).allowed()).isTrue();
        assertThat(Compatibility.check(any, new DeviceFacts(null, null, null, null, null, "1.0")).reason()).isEqualTo(Reason.WRONG_VENDOR);
    }
}
