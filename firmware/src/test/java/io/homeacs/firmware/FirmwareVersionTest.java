package io.homeacs.firmware;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FirmwareVersionTest {

    private static int cmp(String a, String b) {
        return Integer.signum(FirmwareVersion.parse(a).compareTo(FirmwareVersion.parse(b)));
    }

    @ParameterizedTest(name = "{0} < {1}")
    @CsvSource({
            "1.2.9, 1.2.10",
            "V1.2.3, V1.2.4",
            "v1.9, v1.10",
            "1.2, 1.2.1",
            "3.4.1-rc1, 3.4.1",
            "3.4.1-rc1, 3.4.1-rc2",
            "3.4.1-beta2, 3.4.1-rc1",
            "3.4.1-alpha, 3.4.1-beta",
            "3.4.1-SNAPSHOT, 3.4.1-alpha1",
            "3.4.1, 3.4.1-sp1",
            "3.4.1-sp1, 3.4.1.1",
            "3.4.1, 3.4.1a",
            "3.4.1a, 3.4.1b",
            "R1.0.2_build20240301, R1.0.2_build20240415",
            "R1.0.2_build20240301, R1.0.3_build20230101",
            "R1.0.2, R1.0.2_build20240301",
            "V100R003C10, V100R003C10SPC100",
            "V100R003C10SPC100, V100R003C10SPC200",
            "V100R003C10SPC200, V100R003C20",
            "V100R003C20, V100R004C00",
            "V100R003C10B100, V100R003C10",
            "V100R003C10B100, V100R003C10B101",
            "V300R017C10S100, V300R017C10S120",
            "V3R017C10S120, V5R019C00S050",
            "GW_2.1.0.B12, GW_2.1.0.B13",
            "GW_2.1.0.B12, GW_2.1.1.B1",
            "1.0.0-dev, 1.0.0-rc1",
            "2.0.0-rc.1, 2.0.0",
            "1.0.9-20231231, 1.0.10-20230101",
            "RTL8196E_V1.0.5, RTL8196E_V1.0.13",
            "FW-1.02.003, FW-1.02.010",
            "15.05, 15.05.1",
            "19.07.10, 21.02.0",
            "21.02.0-rc4, 21.02.0",
            "ZXHN_F660_V6.0.10P1N3, ZXHN_F660_V6.0.10P2N1",
            "AX3000_1.0.6.8, AX3000_1.0.10.1",
            "1.0.0.0_Beta, 1.0.0.1",
            "TL-WR841N_V14_230506, TL-WR841N_V14_240101",
            "2.4.2 Build 20160819 rel.62373, 2.4.3 Build 20170101 rel.1",
    })
    void orders(String older, String newer) {
        assertThat(cmp(older, newer)).isEqualTo(-1);
        assertThat(cmp(newer, older)).isEqualTo(1);
        assertThat(FirmwareVersion.parse(newer).isNewerThan(FirmwareVersion.parse(older))).isTrue();
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource({
            "1.2, 1.2.0",
            "1.2.0.0, 1.2",
            "V1.2.3, 1.2.3",
            "v1.2.3, V1.2.3",
            "1.02.003, 1.2.3",
            "3.4.1-final, 3.4.1",
            "3.4.1.GA, 3.4.1",
            "3.4.1-RC1, 3.4.1rc1",
            "3.4.1-rc1, 3.4.1-cr1",
            "V100R003C10SPC200, v100r003c10spc200",
            "GW_2.1.0, 2.1.0",
    })
    void equal(String a, String b) {
        assertThat(cmp(a, b)).isZero();
        assertThat(FirmwareVersion.parse(a)).isEqualTo(FirmwareVersion.parse(b));
        assertThat(FirmwareVersion.parse(a).hashCode()).isEqualTo(FirmwareVersion.parse(b).hashCode());
    }

    @Test
    void keepsTheRawStringAndKnowsPreReleases() {
        FirmwareVersion v = FirmwareVersion.parse("  V1.2.3-rc1 ");
        assertThat(v.raw()).isEqualTo("V1.2.3-rc1");
        assertThat(v.toString()).isEqualTo("V1.2.3-rc1");
        assertThat(v.isPreRelease()).isTrue();
        assertThat(FirmwareVersion.parse("V100R003C10SPC200").isPreRelease()).isFalse();
        assertThat(FirmwareVersion.parse("1.2.3a").isPreRelease()).isFalse();
    }

    @Test
    void refusesStringsWithoutDigits() {
        assertThatThrownBy(() -> FirmwareVersion.parse("latest")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("latest");
        assertThatThrownBy(() -> FirmwareVersion.parse("  ")).isInstanceOf(IllegalArgumentException.class);
        assertThat(FirmwareVersion.isVersion("beta")).isFalse();
        assertThat(FirmwareVersion.isVersion(null)).isFalse();
        assertThat(FirmwareVersion.isVersion("b1")).isTrue();
    }

    @Test
    void longNumbersDoNotOverflow() {
        assertThat(cmp("1.99999999999999999999999", "1.100000000000000000000000")).isEqualTo(-1);
    }

    @Test
    void sortingAShuffledListIsATotalOrder() {
        List<String> expected = List.of("V100R003C10B100", "V100R003C10", "V100R003C10SPC100", "V100R003C10SPC200",
                "V100R003C20", "V100R004C00B010", "V100R004C00");
        List<FirmwareVersion> shuffled = new ArrayList<>();
        expected.forEach(s -> shuffled.add(FirmwareVersion.parse(s)));
        Collections.shuffle(shuffled, new Random(7));
        Collections.sort(shuffled);
        assertThat(shuffled).extracting(FirmwareVersion::raw).containsExactlyElementsOf(expected);
    }

    @Test
    void orderIsTransitiveAcrossKinds() {
        // pre-release < end < post-release word < number at the same position
        List<String> chain = List.of("2.0-alpha1", "2.0-beta", "2.0-rc3", "2.0", "2.0-patch1", "2.0-sp2", "2.0.1");
        for (int i = 0; i < chain.size(); i++) {
            for (int j = 0; j < chain.size(); j++) {
                assertThat(cmp(chain.get(i), chain.get(j))).as(chain.get(i) + " vs " + chain.get(j))
                        .isEqualTo(Integer.signum(Integer.compare(i, j)));
            }
        }
    }
}
