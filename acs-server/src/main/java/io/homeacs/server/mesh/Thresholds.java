package io.homeacs.server.mesh;

/**
 * Where the mesh's figures stop being good enough (settings mesh.*): a Wi-Fi backhaul weaker than
 * backhaulWeakDbm or slower than backhaulMinMbps, a client weaker than clientWeakDbm, a radio busier
 * than channelBusyPercent; weakClientShare is the share of a node's clients that must be weak before
 * the node is judged to serve its area badly.
 */
public record Thresholds(int backhaulWeakDbm, int backhaulMinMbps, int clientWeakDbm, int channelBusyPercent,
                         int weakClientSharePercent) {
    public static final Thresholds DEFAULTS = new Thresholds(-70, 200, -72, 60, 50);

    public Thresholds {
        if (backhaulMinMbps < 0 || channelBusyPercent < 0 || channelBusyPercent > 100 || weakClientSharePercent < 0
                || weakClientSharePercent > 100) {
            throw new IllegalArgumentException("mesh thresholds out of range");
        }
    }

    public boolean weakBackhaul(MeshTopology.Link l) {
        return !l.wired() && l.signalDbm() != null && l.signalDbm() < backhaulWeakDbm;
    }

    public boolean slowBackhaul(MeshTopology.Link l) {
        return l.downKbps() != null && l.downKbps() < backhaulMinMbps * 1000L;
    }

    public boolean weakClient(MeshTopology.Client c) {
        return c.signalDbm() != null && c.signalDbm() < clientWeakDbm;
    }

    public boolean busy(MeshTopology.Radio r) {
        return r.utilizationPercent() != null && r.utilizationPercent() > channelBusyPercent;
    }
}
