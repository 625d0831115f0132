package io.homeacs.server.cwmp.session;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class VersionNegotiationTest {
    @Test
    void picksTheHighestCommonVersion() {
        assertThat(VersionNegotiation.choose("1.0,1.1,1.2,1.3,1.4")).isEqualTo("1.4");
        assertThat(VersionNegotiation.choose(" 1.2 , 1.0 ")).isEqualTo("1.2");
        assertThat(VersionNegotiation.choose("1.4,1.5,2.0")).isEqualTo("1.4");
        assertThat(VersionNegotiation.choose("2.0,x")).isNull();
        assertThat(VersionNegotiation.choose(null)).isNull();
    }
}
