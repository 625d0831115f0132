package io.homeacs.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.regex.Pattern;

/**
 * The network behind a simulated ONT, for IPPing and TraceRoute (a sandbox has no ICMP to speak of).
 * Deterministic per host, so tests can rely on it:
 * names under {@code .invalid} do not resolve; {@code localhost} is 127.0.0.1; other names resolve to
 * an address in 198.18.0.0/15 (the benchmarking range); addresses in 192.0.2.0/24 (TEST-NET-1) never
 * answer; everything else answers after 3-42 ms, the path running over the BNG and a few core routers.
 */
final class SimulatedNetwork {
    static final String BNG = "100.64.0.1";
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    /** A hop of a trace: null address = no answer within the timeout. */
    record Hop(String host, String address, List<Integer> rtts) {
    }

    /** address null = the name does not resolve. */
    record Target(String host, String address, boolean answers, int baseRttMs) {
        boolean loopback() {
            return address != null && (address.startsWith("127.") || address.equals("::1"));
        }
    }

    private SimulatedNetwork() {
    }

    static Target resolve(String host) {
        String h = host == null ? "" : host.trim();
        int hash = h.toLowerCase(java.util.Locale.ROOT).hashCode() & 0x7fffffff;
        String address;
        if (h.isEmpty() || h.endsWith(".invalid") || h.endsWith(".invalid.")) {
            return new Target(h, null, false, 0);
        } else if (h.equalsIgnoreCase("localhost")) {
            address = "127.0.0.1";
        } else if (IPV4.matcher(h).matches() || h.contains(":")) {
            address = h;
        } else {
            address = "198." + (18 + (hash >> 16) % 2) + "." + (hash >> 8) % 256 + "." + (1 + hash % 254);
        }
        boolean loop = address.startsWith("127.") || address.equals("::1");
        return new Target(h, address, !address.startsWith("192.0.2."), loop ? 0 : 3 + hash % 40);
    }

    /** One echo round trip in ms, or -1 when it went unanswered. */
    static int echo(Target t, SplittableRandom r) {
        if (!t.answers()) {
            return -1;
        }
        return t.baseRttMs() + r.nextInt(t.baseRttMs() / 4 + 2);
    }

    /** The hops towards the target, at most maxHops of them; the last is the target when it answers. */
    static List<Hop> route(Target t, int maxHops, int tries, SplittableRandom r) {
        List<Hop> hops = new ArrayList<>();
        if (t.loopback()) {
            hops.add(new Hop(t.host(), t.address(), times(0, tries, r)));
            return hops;
        }
        int core = 2 + (t.address().hashCode() & 0x7fffffff) % 4;
        int path = 1 + core + 1;
        for (int n = 1; n <= Math.min(maxHops, t.answers() ? path : maxHops); n++) {
            int rtt = Math.max(1, t.baseRttMs() * n / path);
            if (n == 1) {
                hops.add(new Hop("bras1.access.isp.example", BNG, times(rtt, tries, r)));
            } else if (n <= 1 + core) {
                hops.add(new Hop("core" + (n - 1) + ".isp.example", "10.255." + (n - 1) + ".1", times(rtt, tries, r)));
            } else if (t.answers()) {
                hops.add(new Hop(t.host(), t.address(), times(t.baseRttMs(), tries, r)));
            } else {
                hops.add(new Hop("", null, List.of()));
            }
        }
        return hops;
    }

    private static List<Integer> times(int base, int tries, SplittableRandom r) {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < tries; i++) {
            out.add(base + r.nextInt(base / 4 + 2));
        }
        return out;
    }
}
