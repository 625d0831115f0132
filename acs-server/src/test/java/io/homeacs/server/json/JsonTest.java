package io.homeacs.server.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {
    @Test
    void roundTripsNestedValuesAndEscapes() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("s", "quote\" back\\ nl\n tab\t ctl\u0001 uni\u00e9");
        m.put("n", 42L);
        m.put("b", true);
        m.put("z", null);
        m.put("l", List.of(1L, "x", List.of()));
        String text = Json.write(m);
        assertThat(Json.parse(text)).isEqualTo(m);
    }

    @Test
    void rejectsMalformedInput() {
        for (String bad : List.of("{", "{\"a\":}", "[1,]", "{\"a\":1} x", "\"\\x\"", "tru", "{\"a\" 1}", "\"\u0001\"")) {
            assertThatThrownBy(() -> Json.parse(bad)).as(bad).isInstanceOf(JsonException.class);
        }
        assertThatThrownBy(() -> Json.parse("[".repeat(100) + "]".repeat(100))).hasMessageContaining("deep");
    }
}
