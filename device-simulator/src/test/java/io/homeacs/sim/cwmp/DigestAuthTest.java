package io.homeacs.sim.cwmp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DigestAuthTest {
    @Test
    void rfc2617Example() {
        String r = DigestAuth.response("Mufasa", "testrealm@host.com", "Circle Of Life", "MD5", "GET", "/dir/index.html",
                "dcd98b7102dd2f0e8b11d0f600bfb0c093", "00000001", "0a4f113b", "auth");
        assertThat(r).isEqualTo("6629fae49393a05397450978507c4ef1");
    }

    @Test
    void parsesChallengeAndBuildsAuthorizationWithIncrementingNonceCount() {
        DigestAuth.Challenge c = DigestAuth.select(List.of("Basic realm=\"x\"",
                "Digest realm=\"acs\", qop=\"auth,auth-int\", nonce=\"abc\", opaque=\"op\", algorithm=MD5, stale=true")).orElseThrow();
        assertThat(c.isDigest()).isTrue();
        assertThat(c.stale()).isTrue();
        DigestAuth.ClientAuth auth = new DigestAuth.ClientAuth();
        auth.accept(c);
        String first = auth.authorization("POST", "/acs", "u", "p").orElseThrow();
        String second = auth.authorization("POST", "/acs", "u", "p").orElseThrow();
        Map<String, String> p = DigestAuth.parseParams(first.substring(7));
        assertThat(p).containsEntry("username", "u").containsEntry("uri", "/acs").containsEntry("qop", "auth")
                .containsEntry("nc", "00000001").containsEntry("opaque", "op").containsEntry("realm", "acs");
        assertThat(p.get("response")).isEqualTo(DigestAuth.response("u", "acs", "p", "MD5", "POST", "/acs", "abc",
                "00000001", p.get("cnonce"), "auth"));
        assertThat(DigestAuth.parseParams(second.substring(7))).containsEntry("nc", "00000002");
    }

    @Test
    void fallsBackToBasic() {
        DigestAuth.ClientAuth auth = new DigestAuth.ClientAuth();
        auth.accept(DigestAuth.select(List.of("Basic realm=\"acs\"")).orElseThrow());
        assertThat(auth.authorization("POST", "/", "Aladdin", "open sesame")).contains("Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==");
    }
}
