package io.homeacs.server.campaign;

import java.util.Map;
import java.util.Optional;

/**
 * Whether a wave's outcomes stop the campaign. The failure rate is taken over the whole wave (less
 * the devices skipped as incompatible), so the decision can come as soon as enough devices failed
 * that the wave can no longer stay under the threshold, and never from two early failures of a
 * large wave. A wave is done when no device in it is still pending, notified or in flight.
 */
public final class HaltRule {

    private HaltRule() {
    }

    /** The reason to halt, or empty. counts: devices of the wave by state. */
    public static Optional<String> check(Map<DeviceState, Integer> counts, CampaignPlan plan) {
        return check(counts, plan, 0);
    }

    /** As above, not counting the first {@code accepted} failures (accepted by an operator resuming after a halt). */
    public static Optional<String> check(Map<DeviceState, Integer> counts, CampaignPlan plan, int accepted) {
        int failed = get(counts, DeviceState.FAILED);
        int timedOut = get(counts, DeviceState.TIMED_OUT);
        int total = 0;
        for (int c : counts.values()) {
            total += c;
        }
        int eligible = total - get(counts, DeviceState.SKIPPED) - get(counts, DeviceState.CANCELLED);
        if (eligible <= 0) {
            return Optional.empty();
        }
        int failures = failed + timedOut;
        int counted = failures - accepted;
        if (counted <= 0) {
            return Optional.empty();
        }
        if (counted * 100.0 > plan.maxFailurePercent() * eligible) {
            return Optional.of(String.format(java.util.Locale.ROOT,
                "failure rate above %s%%: %d of %d devices failed (%d failed, %d timed out)%s",
                strip(plan.maxFailurePercent()), failures, eligible, failed, timedOut,
                accepted > 0 ? ", " + accepted + " of them accepted when the campaign was resumed" : ""));
        }
        if (plan.maxTimeouts() >= 0 && Math.min(timedOut, counted) > plan.maxTimeouts()) {
            return Optional.of("more than " + plan.maxTimeouts() + " timeouts: " + timedOut + " devices timed out");
        }
        return Optional.empty();
    }

    public static boolean done(Map<DeviceState, Integer> counts) {
        for (Map.Entry<DeviceState, Integer> e : counts.entrySet()) {
            if (!e.getKey().settled() && e.getValue() > 0) {
                return false;
            }
        }
        return true;
    }

    private static int get(Map<DeviceState, Integer> counts, DeviceState s) {
        Integer v = counts.get(s);
        return v == null ? 0 : v;
    }

    private static String strip(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }
}
