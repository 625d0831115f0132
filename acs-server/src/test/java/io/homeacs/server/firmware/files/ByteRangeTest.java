package io.homeacs.server.firmware.files;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ByteRangeTest {

    private static Object parse(String h) {
        ByteRange.Request r = ByteRange.parse(h, 1000);
        return r instanceof ByteRange.Partial ? ((ByteRange.Partial) r).range() : r.getClass().getSimpleName();
    }

    @Test
    void singleRangesAsRfc9110SaysAndEverythingElseIsTheWholeFile() {
        assertThat(parse("bytes=0-99")).isEqualTo(new ByteRange(0, 99));
        assertThat(parse("bytes=990-")).isEqualTo(new ByteRange(990, 999));
        assertThat(parse("bytes=990-5000")).isEqualTo(new ByteRange(990, 999));
        assertThat(parse("bytes=-10")).isEqualTo(new ByteRange(990, 999));
        assertThat(parse("bytes=-5000")).isEqualTo(new ByteRange(0, 999));
        assertThat(parse("BYTES = 5-5".replace(" = ", "="))).isEqualTo(new ByteRange(5, 5));
        assertThat(parse("bytes=1000-")).isEqualTo("Unsatisfiable");
        assertThat(parse("bytes=-0")).isEqualTo("Unsatisfiable");
        assertThat(parse(null)).isEqualTo("Whole");
        assertThat(parse("bytes=0-1,5-6")).isEqualTo("Whole");
        assertThat(parse("bytes=9-3")).isEqualTo("Whole");
        assertThat(parse("items=0-1")).isEqualTo("Whole");
        assertThat(parse("bytes=x-")).isEqualTo("Whole");
        assertThat(parse("bytes=-")).isEqualTo("Whole");
        assertThat(new ByteRange(10, 19).length()).isEqualTo(10);
    }
}
