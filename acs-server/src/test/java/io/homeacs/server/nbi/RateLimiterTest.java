package io.homeacs.server.nbi;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The clock is passed in, so the buckets are tested without waiting. */
class RateLimiterTest {
    private static final long SECOND = 1_000_000_000L;

    @Test
    void allowsBurstThenRefillsAtTheRate() {
        RateLimiter r = new RateLimiter(2, 4);
        for (int i = 0; i < 4; i++) {
            assertThat(r.acquire("t", 0)).isZero();
        }
        assertThat(r.acquire("t", 0)).isEqualTo(1);
        assertThat(r.acquire("t", SECOND / 2)).isZero();
        assertThat(r.acquire("other", 0)).as("keys are independent").isZero();
    }

    @Test
    void waitForDoesNotSpendAndPurgeForgetsFullBuckets() {
        RateLimiter r = new RateLimiter(1.0 / 30, 2);
        assertThat(r.waitFor("alice", 0)).isZero();
        r.acquire("alice", 0);
        r.acquire("alice", 0);
        assertThat(r.waitFor("alice", 0)).isEqualTo(30);
        assertThat(r.waitFor("alice", 0)).as("asking twice costs nothing").isEqualTo(30);
        r.purge(120 * SECOND);
        assertThat(r.waitFor("alice", 120 * SECOND)).isZero();
    }
}
