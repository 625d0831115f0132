package io.homeacs.sim.cr;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class UdpConnectionRequestTest {
    private final AtomicInteger triggered = new AtomicInteger();
    private final AtomicInteger rejected = new AtomicInteger();
    private UdpConnectionRequestListener listener;

    @BeforeEach
    void setUp() throws Exception {
        CrRegistry.Endpoint e = new CrRegistry.Endpoint() {
            public String username() { return "cr-SIM1"; }
            public String password() { return "pw"; }
            public boolean httpReachable() { return true; }
            public void trigger() { triggered.incrementAndGet(); }
            public void rejected() { rejected.incrementAndGet(); }
        };
        listener = new UdpConnectionRequestListener("127.0.0.1", new CrRegistry() {
            public Optional<Endpoint> bySerial(String s) { return Optional.empty(); }
            public Optional<Endpoint> byUsername(String u) { return u.equals("cr-SIM1") ? Optional.of(e) : Optional.empty(); }
        });
    }

    @AfterEach
    void tearDown() {
        listener.close();
    }

    static String message(String ts, String id, String un, String cn, String key) {
        String sig = UdpConnectionRequestListener.signature(key, ts + id + un + cn);
        return "GET http://127.0.0.1:7547?ts=" + ts + "&id=" + id + "&un=" + un + "&cn=" + cn + "&sig=" + sig
                + " HTTP/1.1\r\nHost: 127.0.0.1:7547\r\n\r\n";
    }

    @Test
    void hmacSha1MatchesRfc2202() {
        assertThat(UdpConnectionRequestListener.signature("Jefe", "what do ya want for nothing?"))
                .isEqualTo("effcdf6ae5eb2fa2d27416d5f184df9c259a7c79");
    }

    @Test
    void acceptsValidRejectsBadIgnoresReplays() {
        listener.handle(message("1700000000", "a1", "cr-SIM1", "c1", "pw"));
        assertThat(triggered).hasValue(1);
        listener.handle(message("1700000000", "a1", "cr-SIM1", "c1", "pw"));
        assertThat(triggered).hasValue(1);
        listener.handle(message("1699999999", "a2", "cr-SIM1", "c2", "pw"));
        assertThat(triggered).hasValue(1);
        listener.handle(message("1700000005", "a3", "cr-SIM1", "c3", "wrong"));
        assertThat(triggered).hasValue(1);
        assertThat(rejected).hasValue(1);
        listener.handle(message("1700000005", "a4", "cr-unknown", "c4", "pw"));
        assertThat(listener.rejected()).isEqualTo(2);
        listener.handle(message("1700000006", "a5", "cr-SIM1", "c5", "pw"));
        assertThat(triggered).hasValue(2);
        listener.handle("POST / HTTP/1.1\r\n\r\n");
        assertThat(triggered).hasValue(2);
    }
}
