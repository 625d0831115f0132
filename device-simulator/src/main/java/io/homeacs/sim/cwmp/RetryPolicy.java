package io.homeacs.sim.cwmp;

import java.util.random.RandomGenerator;

/** TR-069 section 3.2.1.1 session retry wait intervals. */
public final class RetryPolicy {
    private static final int MAX_EXPONENT = 10;

    private RetryPolicy() {
    }

    /**
     * Bounds of the wait before retry number {@code retryCount} (1 for the first retry): from
     * m·(k/1000)^(n) to m·(k/1000)^(n+1) seconds with n = min(retryCount-1, 10).
     */
    public static double[] boundsSeconds(int retryCount, long minWaitSeconds, long multiplier) {
        int n = Math.min(Math.max(retryCount - 1, 0), MAX_EXPONENT);
        double k = multiplier / 1000.0;
        double low = minWaitSeconds * Math.pow(k, n);
        return new double[] {low, low * k};
    }

    public static long waitMillis(int retryCount, long minWaitSeconds, long multiplier, RandomGenerator random) {
        double[] b = boundsSeconds(retryCount, minWaitSeconds, multiplier);
        double s = b[1] > b[0] ? b[0] + random.nextDouble() * (b[1] - b[0]) : b[0];
        return (long) (s * 1000);
    }
}
