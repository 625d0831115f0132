package io.homeacs.server.campaign;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Splits a campaign's targets into waves, once, when the campaign is created: the notice lists
 * then exist before any device is touched, and a restart cannot reshuffle who is in which wave.
 * Devices are ordered by a hash of (campaign, device) rather than by id, so the canary is a spread
 * sample of the fleet rather than its oldest units; the order is deterministic for a campaign.
 * Every wave gets at least one device while devices remain; the last wave takes the rest, and a
 * wave is added for the rest when the percentages sum to less than 100.
 */
public final class WavePlanner {

    private WavePlanner() {
    }

    public static List<List<Long>> plan(long campaignId, List<Long> deviceIds, List<Double> percents) {
        List<Long> ordered = new ArrayList<>(deviceIds);
        ordered.sort(Comparator.comparingLong((Long id) -> mix(campaignId, id)).thenComparingLong(id -> id));
        int n = ordered.size();
        List<List<Long>> waves = new ArrayList<>();
        int from = 0;
        double cumulative = 0;
        for (int i = 0; i < percents.size() && from < n; i++) {
            cumulative += percents.get(i);
            boolean last = i == percents.size() - 1 && cumulative >= 100;
            int upTo = last ? n : Math.min(n, Math.max(from + 1, (int) Math.ceil(n * Math.min(cumulative, 100) / 100.0)));
            waves.add(List.copyOf(ordered.subList(from, upTo)));
            from = upTo;
        }
        if (from < n) {
            waves.add(List.copyOf(ordered.subList(from, n)));
        }
        return waves;
    }

    /** SplitMix64 of the pair: stable across JVMs and releases, unlike a library hash. */
    static long mix(long campaignId, long deviceId) {
        long z = campaignId * 0x9E3779B97F4A7C15L + deviceId;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
