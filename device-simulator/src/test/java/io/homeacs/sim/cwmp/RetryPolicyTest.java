package io.homeacs.sim.cwmp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {
    @Test
    void boundsFollowTheTr069Table() {
        assertThat(RetryPolicy.boundsSeconds(1, 5, 2000)).containsExactly(5, 10);
        assertThat(RetryPolicy.boundsSeconds(2, 5, 2000)).containsExactly(10, 20);
        assertThat(RetryPolicy.boundsSeconds(3, 5, 2000)).containsExactly(20, 40);
        assertThat(RetryPolicy.boundsSeconds(11, 5, 2000)).containsExactly(5120, 10240);
        assertThat(RetryPolicy.boundsSeconds(50, 5, 2000)).containsExactly(5120, 10240);
        double[] b = RetryPolicy.boundsSeconds(2, 1, 1500);
        assertThat(b[0]).isCloseTo(1.5, within(1e-9));
        assertThat(b[1]).isCloseTo(2.25, within(1e-9));
    }

    @Test
    void waitsAreRandomisedWithinTheBounds() {
        SplittableRandom r = new SplittableRandom(7);
        for (int n = 1; n <= 12; n++) {
            double[] b = RetryPolicy.boundsSeconds(n, 5, 2000);
            for (int i = 0; i < 100; i++) {
                long w = RetryPolicy.waitMillis(n, 5, 2000, r);
                assertThat(w).isBetween((long) (b[0] * 1000), (long) (b[1] * 1000));
            }
        }
    }
}
