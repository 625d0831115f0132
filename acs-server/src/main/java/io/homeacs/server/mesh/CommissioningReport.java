package io.homeacs.server.mesh;

import io.homeacs.server.diagnose.DiagnosticRun;
import io.homeacs.server.subscriber.Subscriber;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The customer's printable commissioning report: one HTML page with the mesh picture inline. */
final class CommissioningReport {
    private CommissioningReport() {
    }

    @SuppressWarnings("unchecked")
    static String html(Subscriber s, MeshCommissioning.Record r) {
        Map<String, Object> m = r.measurements();
        Map<String, Object> topo = (Map<String, Object>) m.get("topology");
        StringBuilder h = new StringBuilder();
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Wi-Fi commissioning report ")
            .append(e(s.account())).append("</title>\n<style>body{font-family:sans-serif;margin:2em;color:#222}"
                + "table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #999;padding:4px 8px;text-align:left}"
                + "th{background:#eee}.warning{color:#b35900}@media print{body{margin:0}}</style></head><body>\n");
        h.append("<h1>Wi-Fi commissioning report</h1>\n<p>Customer: ").append(e(s.name())).append(" (account ")
            .append(e(s.account())).append(")<br>Address: ").append(e(s.address() == null ? "" : s.address()))
            .append("<br>Commissioned by ").append(e(r.createdBy())).append(" at ").append(e(r.createdAt().toString()))
            .append("</p>\n<h2>Your mesh</h2>\n<div class=\"topology\">").append(String.valueOf(m.get("svg")))
            .append("</div>\n<h2>Nodes and backhaul</h2>\n<table><tr><th>Node</th><th>Role</th><th>Backhaul</th>"
                + "<th>Signal</th><th>Rate (Mbit/s)</th><th>Clients</th><th>Weak clients</th></tr>\n");
        List<Object> links = MeshCommissioning.list(topo.get("links"));
        for (Object o : MeshCommissioning.list(topo.get("nodes"))) {
            Map<String, Object> n = (Map<String, Object>) o;
            Map<String, Object> up = null;
            for (Object lo : links) {
                if (String.valueOf(((Map<String, Object>) lo).get("child")).equalsIgnoreCase(String.valueOf(n.get("id")))) {
                    up = (Map<String, Object>) lo;
                }
            }
            List<Object> clients = MeshCommissioning.list(n.get("clients"));
            long weak = clients.stream().filter(c -> Boolean.TRUE.equals(((Map<String, Object>) c).get("weak"))).count();
            h.append("<tr><td>").append(e(n.get("serialNumber") == null ? String.valueOf(n.get("id")) : n.get("serialNumber") + " ("
                + n.get("id") + ")")).append("</td><td>").append(e(String.valueOf(n.get("role")))).append("</td><td>")
                .append(up == null ? "—" : e(up.get("linkType") + " (" + up.get("quality") + ")")).append("</td><td>")
                .append(up == null || up.get("signalDbm") == null ? "—" : e(up.get("signalDbm") + " dBm")).append("</td><td>")
                .append(up == null || up.get("downKbps") == null ? "—"
                    : e(String.valueOf(((Number) up.get("downKbps")).longValue() / 1000)))
                .append("</td><td>").append(clients.size()).append("</td><td>").append(weak).append("</td></tr>\n");
        }
        h.append("</table>\n<h2>Speed test at the gateway</h2>\n");
        h.append(speedTest(r, (String) m.get("speedTestNote")));
        h.append("<h2>Recommendations</h2>\n");
        List<Object> recs = MeshCommissioning.list(m.get("recommendations"));
        if (recs.isEmpty()) {
            h.append("<p>None: every node's backhaul and clients are within the operator's thresholds.</p>\n");
        } else {
            h.append("<ul>\n");
            for (Object o : recs) {
                Map<String, Object> f = (Map<String, Object>) o;
                h.append("<li class=\"").append(e(String.valueOf(f.get("severity")))).append("\">")
                    .append(e(String.valueOf(f.get("advice")))).append("</li>\n");
            }
            h.append("</ul>\n");
        }
        h.append("</body></html>\n");
        return h.toString();
    }

    private static String speedTest(MeshCommissioning.Record r, String note) {
        if (r.speedTest().isEmpty()) {
            return "<p>Not run" + (note == null ? "" : ": " + e(note)) + ".</p>\n";
        }
        DiagnosticRun run = r.speedTest().get();
        StringBuilder h = new StringBuilder("<p>Run ").append(run.id()).append(", ").append(e(run.state().apiName()));
        if (run.downMbps() != null) {
            h.append(String.format(Locale.ROOT, ": download %.1f Mbit/s", run.downMbps()));
        }
        if (run.upMbps() != null) {
            h.append(String.format(Locale.ROOT, ", upload %.1f Mbit/s", run.upMbps()));
        }
        if (run.compliant() != null) {
            h.append(run.compliant() ? " — meets the contracted rate" : " — below the contracted rate");
        }
        return h.append(".</p>\n").toString();
    }

    private static String e(String s) {
        return MeshSvg.esc(s == null ? "" : s);
    }
}
