package io.homeacs.server.mesh;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What an installer (or the health view) should do about a home's mesh, judged from the topology
 * against the thresholds. Pure. Each finding has a code the triage can use, the node it concerns and
 * advice in words.
 */
public final class Recommendations {

    /** code: backhaul-weak, backhaul-slow, clients-weak, channel-congested, prefer-wired. */
    public record Finding(String code, String node, String severity, String advice) {
    }

    private Recommendations() {
    }

    public static List<Finding> judge(MeshTopology t, Thresholds th, String preferredBackhaul) {
        List<Finding> out = new ArrayList<>();
        for (MeshTopology.Node n : t.nodes()) {
            String name = label(n);
            MeshTopology.Link up = t.uplinkOf(n.id()).orElse(null);
            boolean backhaulBad = false;
            if (up != null && th.weakBackhaul(up)) {
                backhaulBad = true;
                out.add(new Finding("backhaul-weak", n.id(), "warning", String.format(Locale.ROOT,
                    "Move %s closer to %s: its Wi-Fi backhaul is %d dBm, weaker than %d dBm%s", name, parentLabel(t, up),
                    up.signalDbm(), th.backhaulWeakDbm(), th.slowBackhaul(up) ? ", or connect it by cable (wired backhaul)" : "")));
            } else if (up != null && !up.wired() && th.slowBackhaul(up)) {
                backhaulBad = true;
                out.add(new Finding("backhaul-slow", n.id(), "warning", String.format(Locale.ROOT,
                    "Use wired backhaul for %s: its Wi-Fi backhaul carries %d Mbit/s, below %d Mbit/s", name,
                    up.downKbps() / 1000, th.backhaulMinMbps())));
            }
            if (up != null && !up.wired() && !backhaulBad && "ethernet".equalsIgnoreCase(preferredBackhaul)) {
                out.add(new Finding("prefer-wired", n.id(), "info",
                    "The layout prefers wired backhaul, but " + name + " uses Wi-Fi: connect it by cable where possible"));
            }
            long weak = n.clients().stream().filter(th::weakClient).count();
            if (!n.clients().isEmpty() && weak * 100 >= (long) th.weakClientSharePercent() * n.clients().size() && weak > 0) {
                // A node whose own backhaul is fine but whose clients are far away needs a neighbour.
                String advice = backhaulBad
                    ? String.format(Locale.ROOT, "%d of %d clients on %s see less than %d dBm; fix its backhaul first, then "
                        + "add a node between it and those clients if they stay weak", weak, n.clients().size(), name,
                        th.clientWeakDbm())
                    : String.format(Locale.ROOT, "Add a node: %d of %d clients on %s see less than %d dBm", weak,
                        n.clients().size(), name, th.clientWeakDbm());
                out.add(new Finding("clients-weak", n.id(), "warning", advice));
            }
            for (MeshTopology.Radio r : n.radios()) {
                if (th.busy(r)) {
                    out.add(new Finding("channel-congested", n.id(), "warning", String.format(Locale.ROOT,
                        "Channel congestion on %s%s: the radio is busy %d%% of the time (over %d%%); choose another channel "
                            + "or automatic channel selection", name, r.channel() == null ? "" : " channel " + r.channel(),
                        r.utilizationPercent(), th.channelBusyPercent())));
                }
            }
        }
        return out;
    }

    static String label(MeshTopology.Node n) {
        String role = n.controller() ? "the gateway" : "satellite";
        return n.serialNumber() != null && !n.serialNumber().isBlank() ? role + " " + n.serialNumber() : role + " " + n.id();
    }

    private static String parentLabel(MeshTopology t, MeshTopology.Link l) {
        return t.node(l.parent()).map(Recommendations::label).orElse(l.parent());
    }
}
