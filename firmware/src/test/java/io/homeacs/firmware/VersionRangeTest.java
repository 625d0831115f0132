package io.homeacs.firmware;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class VersionRangeTest {

    private static boolean in(String range, String version) {
        return VersionRange.parse(range).contains(FirmwareVersion.parse(version));
    }

    @Test
    void halfOpenInterval() {
        assertThat(in("[1.0,2.0)", "1.0")).isTrue();
        assertThat(in("[1.0,2.0)", "1.9.9")).isTrue();
        assertThat(in("[1.0,2.0)", "2.0")).isFalse();
        assertThat(in("[1.0,2.0)", "2.0-rc1")).isTrue();
        assertThat(in("[1.0,2.0)", "0.9")).isFalse();
        assertThat(in("(1.0,2.0]", "1.0")).isFalse();
        assertThat(in("(1.0,2.0]", "2.0.0")).isTrue();
    }

    @Test
    void unboundedSidesExactAndAny() {
        assertThat(in("[,3.1]", "0.1")).isTrue();
        assertThat(in("(,3.1]", "3.1")).isTrue();
        assertThat(in("(,3.1]", "3.1.1")).isFalse();
        assertThat(in("[3.1,)", "99")).isTrue();
        assertThat(in("[3.1,]", "3.0")).isFalse();
        assertThat(in("1.2.3", "V1.2.3")).isTrue();
        assertThat(in("1.2.3", "1.2.4")).isFalse();
        assertThat(in("*", "0.0.1")).isTrue();
        assertThat(VersionRange.parse("(,)")).isEqualTo(VersionRange.ANY);
    }

    @Test
    void huaweiStyleBounds() {
        assertThat(in("[V100R003C10,V100R003C20)", "V100R003C10SPC200")).isTrue();
        assertThat(in("[V100R003C10,V100R003C20)", "V100R003C20")).isFalse();
        assertThat(in("[V100R003C10,V100R003C20)", "V100R003C10B100")).isFalse();
    }

    @Test
    void canonicalTextReadsBack() {
        for (String s : new String[] {"[1.0,2.0)", "(1.0,]", "[,3.1]", "1.2.3", "*", "[ 1.0 , 2.0 )"}) {
            VersionRange r = VersionRange.parse(s);
            assertThat(VersionRange.parse(r.toString())).isEqualTo(r);
        }
        assertThat(VersionRange.parse("[ 1.0 , 2.0 )").toString()).isEqualTo("[1.0,2.0)");
        assertThat(VersionRange.parse("(1.0,]").toString()).isEqualTo("(1.0,)");
    }

    @Test
    void refusesMalformedAndEmptyRanges() {
        assertThatThrownBy(() -> VersionRange.parse("[2.0,1.0]")).hasMessageContaining("empty version range");
        assertThatThrownBy(() -> VersionRange.parse("[1.0,1.0)")).hasMessageContaining("empty version range");
        assertThatThrownBy(() -> VersionRange.parse("[1.0,2.0,3.0]")).hasMessageContaining("one comma");
        assertThatThrownBy(() -> VersionRange.parse("[1.0")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> VersionRange.parse("1.0,2.0")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> VersionRange.parse("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> VersionRange.parse("[x,y]")).hasMessageContaining("no digits");
        assertThat(VersionRange.parse("[1.0,1.0]").contains(FirmwareVersion.parse("1.0.0"))).isTrue();
    }
}
