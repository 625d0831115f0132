package io.homeacs.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DigestTest {
    @Test
    void rfc2617Example() {
        String ha1 = Digest.ha1("Mufasa", "testrealm@host.com", "Circle Of Life");
        assertThat(Digest.response(ha1, "dcd98b7102dd2f0e8b11d0f600bfb0c093", "00000001", "0a4f113b", "auth", "GET",
            "/dir/index.html")).isEqualTo("6629fae49393a05397450978507c4ef1");
    }

    @Test
    void parsesChallengeParameters() {
        var p = Digest.parseParams("Digest realm=\"a, b\", qop=\"auth\", nonce=abc, stale=true");
        assertThat(p).containsEntry("realm", "a, b").containsEntry("qop", "auth").containsEntry("nonce", "abc")
            .containsEntry("stale", "true");
    }

    @Test
    void noncesExpireAndCannotBeForged() {
        NonceService nonces = new NonceService(Duration.ofMinutes(5));
        Instant t = Instant.parse("2026-11-21T10:00:00Z");
        String n = nonces.issue(t);
        assertThat(nonces.check(n, t.plusSeconds(10))).isEqualTo(NonceService.Check.VALID);
        assertThat(nonces.check(n, t.plusSeconds(600))).isEqualTo(NonceService.Check.STALE);
        assertThat(nonces.check(new NonceService(Duration.ofMinutes(5)).issue(t), t)).isEqualTo(NonceService.Check.INVALID);
        assertThat(nonces.check("garbage!", t)).isEqualTo(NonceService.Check.INVALID);
    }

    @Test
    void secretBoxRoundTripsAndKeepsItsKey(@TempDir java.nio.file.Path dir) {
        SecretBox box = SecretBox.open(dir.resolve("k"));
        String sealed = box.encrypt("s3cret");
        assertThat(sealed).doesNotContain("s3cret");
        assertThat(SecretBox.open(dir.resolve("k")).decrypt(sealed)).isEqualTo("s3cret");
    }
}
