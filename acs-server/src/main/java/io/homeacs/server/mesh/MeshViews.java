package io.homeacs.server.mesh;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** JSON shapes of the topology graph and findings, shared by the API and the commissioning snapshot. */
public final class MeshViews {
    private MeshViews() {
    }

    public static Map<String, Object> topology(MeshTopology t, Thresholds th) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("subscriberId", t.subscriberId());
        m.put("controllerDeviceId", t.controllerDeviceId());
        m.put("networkId", t.networkId());
        m.put("readAt", t.readAt() == null ? null : t.readAt().toString());
        List<Object> nodes = new ArrayList<>();
        for (MeshTopology.Node n : t.nodes()) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("id", n.id());
            o.put("role", n.controller() ? "controller" : "satellite");
            o.put("deviceId", n.deviceId());
            o.put("serialNumber", n.serialNumber());
            o.put("model", n.model());
            o.put("ssids", n.ssids());
            List<Object> radios = new ArrayList<>();
            for (MeshTopology.Radio r : n.radios()) {
                Map<String, Object> ro = new LinkedHashMap<>();
                ro.put("channel", r.channel());
                ro.put("utilizationPercent", r.utilizationPercent());
                ro.put("noiseDbm", r.noiseDbm());
                ro.put("ssids", r.ssids());
                ro.put("congested", th.busy(r));
                radios.add(ro);
            }
            o.put("radios", radios);
            List<Object> clients = new ArrayList<>();
            for (MeshTopology.Client c : n.clients()) {
                Map<String, Object> co = new LinkedHashMap<>();
                co.put("mac", c.mac());
                co.put("hostname", c.hostname());
                co.put("ssid", c.ssid());
                co.put("signalDbm", c.signalDbm());
                co.put("downKbps", c.downKbps());
                co.put("weak", th.weakClient(c));
                clients.add(co);
            }
            o.put("clients", clients);
            nodes.add(o);
        }
        m.put("nodes", nodes);
        List<Object> links = new ArrayList<>();
        for (MeshTopology.Link l : t.links()) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("child", l.child());
            o.put("parent", l.parent());
            o.put("linkType", l.linkType());
            o.put("signalDbm", l.signalDbm());
            o.put("downKbps", l.downKbps());
            o.put("upKbps", l.upKbps());
            o.put("utilizationPercent", l.utilizationPercent());
            o.put("quality", l.wired() ? "wired" : th.weakBackhaul(l) ? "weak" : th.slowBackhaul(l) ? "slow" : "good");
            links.add(o);
        }
        m.put("links", links);
        return m;
    }

    public static Map<String, Object> finding(Recommendations.Finding f) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("code", f.code());
        m.put("node", f.node());
        m.put("severity", f.severity());
        m.put("advice", f.advice());
        return m;
    }

    /** A push as the API shows it: no values to roll back to (they may include names of the old network). */
    public static Map<String, Object> push(MeshPush p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", p.id());
        m.put("subscriberId", p.subscriberId());
        m.put("layoutVersion", p.layoutVersion());
        m.put("state", p.state());
        m.put("requestedBy", p.requestedBy());
        m.put("createdAt", p.createdAt().toString());
        m.put("finishedAt", p.finishedAt() == null ? null : p.finishedAt().toString());
        List<Object> nodes = new ArrayList<>();
        for (Map<String, Object> n : p.nodes()) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("node", n.get("node"));
            o.put("deviceId", n.get("deviceId"));
            o.put("controller", n.get("controller"));
            o.put("state", n.get("state"));
            o.put("taskId", n.get("taskId"));
            o.put("detail", n.get("detail"));
            o.put("unsupported", n.getOrDefault("unsupported", List.of()));
            nodes.add(o);
        }
        m.put("nodes", nodes);
        return m;
    }
}
