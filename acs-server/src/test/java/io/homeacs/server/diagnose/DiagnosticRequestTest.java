package io.homeacs.server.diagnose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Bad requests are refused before anything is queued, with a message that names the field. */
class DiagnosticRequestTest {

    @Test
    void defaultsFillWhatIsNotGiven() {
        DiagnosticRequest ping = DiagnosticRequest.parse(body("type", "ipPing", "host", "dns.isp.example"), 1000);
        assertThat(ping.repetitions()).isEqualTo(4);
        assertThat(ping.timeoutMs()).isEqualTo(1000);
        DiagnosticRequest trace = DiagnosticRequest.parse(body("type", "traceRoute", "host", "203.0.113.9"), 1000);
        assertThat(trace.maxHops()).isEqualTo(30);
        assertThat(trace.tries()).isEqualTo(3);
        DiagnosticRequest speed = DiagnosticRequest.parse(body("type", "speedTest"), 5_000_000);
        assertThat(speed.testBytes()).isEqualTo(5_000_000);
        assertThat(speed.downloadUrl()).isNull();
    }

    @Test
    void unknownTypesAndFieldsAreRefused() {
        assertThatThrownBy(() -> DiagnosticRequest.parse(body("type", "bandwidth"), 1000))
            .hasMessageContaining("unknown diagnostic type 'bandwidth'");
        assertThatThrownBy(() -> DiagnosticRequest.parse(body("type", "ipPing", "host", "a.example", "count", 3), 1000))
            .hasMessageContaining("unknown field 'count'").hasMessageContaining("repetitions");
        assertThatThrownBy(() -> DiagnosticRequest.parse(body("type", "speedTest", "host", "a.example"), 1000))
            .hasMessageContaining("unknown field 'host'");
    }

    @Test
    void hostsMustBeNamesOrAddresses() {
        for (String ok : List.of("www.example.com", "localhost", "192.0.2.1", "2001:db8::1", "example.com.")) {
            assertThat(DiagnosticRequest.host(ok)).isEqualTo(ok);
        }
        for (String bad : List.of("", "http://example.com", "bad host", "-lead.example", "999.1.1.1", "1.2.3",
            "a..b", "x".repeat(254))) {
            assertThatThrownBy(() -> DiagnosticRequest.host(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void rangesAreChecked() {
        assertThatThrownBy(() -> DiagnosticRequest.parse(body("type", "ipPing", "host", "a.example", "repetitions", 0), 1000))
            .hasMessageContaining("repetitions must be between 1 and 100");
        assertThatThrownBy(() -> DiagnosticRequest.parse(body("type", "traceRoute", "host", "a.example", "maxHops", 65), 1000))
            .hasMessageContaining("maxHops must be between 1 and 64");
        assertThatThrownBy(() -> DiagnosticRequest.parse(body("type", "speedTest", "testBytes", 10), 1000))
            .hasMessageContaining("testBytes must be between");
    }

    @Test
    void urlsMustBeHttpWithAHostAndNoCredentials() {
        assertThat(DiagnosticRequest.parse(body("type", "speedTest", "downloadUrl", "http://speed.isp.example/10MB.bin"),
            1000).downloadUrl()).isEqualTo("http://speed.isp.example/10MB.bin");
        assertThatThrownBy(() -> DiagnosticRequest.url("ftp://speed.isp.example/f", "downloadUrl"))
            .hasMessageContaining("http:// or https://");
        assertThatThrownBy(() -> DiagnosticRequest.url("http://user:pw@speed.isp.example/f", "uploadUrl"))
            .hasMessageContaining("user name or password");
        assertThatThrownBy(() -> DiagnosticRequest.url("http://exa mple/", "downloadUrl")).hasMessageContaining("not a valid URL");
    }

    @Test
    void storedFormReadsBackTheSame() {
        DiagnosticRequest r = DiagnosticRequest.parse(body("type", "speedTest", "testBytes", 2000000), 1000)
            .withUrls("http://acs.example:7549/download/2000000", "http://acs.example:7549/upload",
                new DiagnosticRequest.Contract(3L, "GD-3", "FTTH-100", 100, 20));
        assertThat(DiagnosticRequest.fromJson(r.toJson())).isEqualTo(r);
        DiagnosticRequest t = DiagnosticRequest.parse(body("type", "traceRoute", "host", "a.example", "tries", 2), 1000);
        assertThat(DiagnosticRequest.fromJson(t.toJson())).isEqualTo(t);
    }

    private static Map<String, Object> body(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            Object v = kv[i + 1] instanceof Integer n ? Long.valueOf(n) : kv[i + 1];
            m.put((String) kv[i], v);
        }
        return m;
    }
}
