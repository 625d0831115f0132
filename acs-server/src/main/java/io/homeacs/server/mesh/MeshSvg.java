package io.homeacs.server.mesh;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Draws a home's mesh for people: the gateway on top, each satellite one row below its parent, the
 * backhaul lines coloured by quality (green good, orange below a threshold, red well below, grey
 * wired) and labelled with signal and rate, each node's clients as dots coloured by their signal.
 * Plain SVG 1.1 text; every value is XML-escaped.
 */
public final class MeshSvg {
    private static final int NODE_W = 190;
    private static final int NODE_H = 64;
    private static final int COL = 230;
    private static final int ROW = 170;
    private static final int MARGIN = 30;

    private MeshSvg() {
    }

    public static String render(MeshTopology t, Thresholds th) {
        Map<String, Integer> depth = new HashMap<>();
        for (MeshTopology.Node n : t.nodes()) {
            depth.put(n.id(), depthOf(t, n.id(), 0));
        }
        Map<Integer, List<MeshTopology.Node>> rows = new LinkedHashMap<>();
        int maxDepth = 0;
        for (MeshTopology.Node n : t.nodes()) {
            int d = depth.get(n.id());
            rows.computeIfAbsent(d, k -> new ArrayList<>()).add(n);
            maxDepth = Math.max(maxDepth, d);
        }
        int widest = rows.values().stream().mapToInt(List::size).max().orElse(1);
        int width = Math.max(2 * MARGIN + widest * COL, 420);
        int height = 2 * MARGIN + (maxDepth + 1) * ROW + 20;
        Map<String, int[]> pos = new HashMap<>();
        for (Map.Entry<Integer, List<MeshTopology.Node>> row : rows.entrySet()) {
            List<MeshTopology.Node> ns = row.getValue();
            int start = (width - ns.size() * COL) / 2 + (COL - NODE_W) / 2;
            for (int i = 0; i < ns.size(); i++) {
                pos.put(ns.get(i).id().toLowerCase(Locale.ROOT), new int[] {start + i * COL, MARGIN + 20 + row.getKey() * ROW});
            }
        }
        StringBuilder sb = new StringBuilder();
        sb.append("<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"").append(width).append("\" height=\"")
            .append(height).append("\" viewBox=\"0 0 ").append(width).append(' ').append(height)
            .append("\" font-family=\"sans-serif\" font-size=\"11\">\n");
        sb.append("<title>").append(esc("Wi-Fi mesh " + (t.networkId() == null ? "" : t.networkId()))).append("</title>\n");
        sb.append("<rect x=\"0\" y=\"0\" width=\"").append(width).append("\" height=\"").append(height)
            .append("\" fill=\"#ffffff\"/>\n");
        for (MeshTopology.Link l : t.links()) {
            int[] a = pos.get(l.child().toLowerCase(Locale.ROOT));
            int[] b = pos.get(l.parent().toLowerCase(Locale.ROOT));
            if (a == null || b == null) {
                continue;
            }
            int x1 = b[0] + NODE_W / 2;
            int y1 = b[1] + NODE_H;
            int x2 = a[0] + NODE_W / 2;
            int y2 = a[1];
            String colour = linkColour(l, th);
            sb.append("<line class=\"backhaul\" x1=\"").append(x1).append("\" y1=\"").append(y1).append("\" x2=\"").append(x2)
                .append("\" y2=\"").append(y2).append("\" stroke=\"").append(colour).append("\" stroke-width=\"4\"")
                .append(l.wired() ? " stroke-dasharray=\"8 4\"" : "").append("/>\n");
            sb.append("<text x=\"").append((x1 + x2) / 2 + 6).append("\" y=\"").append((y1 + y2) / 2).append("\" fill=\"")
                .append(colour).append("\">").append(esc(linkLabel(l))).append("</text>\n");
        }
        for (MeshTopology.Node n : t.nodes()) {
            int[] p = pos.get(n.id().toLowerCase(Locale.ROOT));
            sb.append("<g class=\"node\">\n<rect x=\"").append(p[0]).append("\" y=\"").append(p[1]).append("\" width=\"")
                .append(NODE_W).append("\" height=\"").append(NODE_H).append("\" rx=\"8\" fill=\"")
                .append(n.controller() ? "#dbe9ff" : "#eef4ea").append("\" stroke=\"#33475b\"/>\n");
            line(sb, p[0] + 8, p[1] + 16, true, (n.controller() ? "Gateway " : "Satellite ")
                + (n.serialNumber() == null ? "" : n.serialNumber()));
            line(sb, p[0] + 8, p[1] + 31, false, n.model() == null ? n.id() : n.model());
            line(sb, p[0] + 8, p[1] + 46, false, n.id());
            line(sb, p[0] + 8, p[1] + 60, false, n.clients().size() + " client(s)" + channels(n));
            sb.append("</g>\n");
            int i = 0;
            for (MeshTopology.Client c : n.clients()) {
                int cx = p[0] + 10 + (i % 12) * 15;
                int cy = p[1] + NODE_H + 14 + (i / 12) * 15;
                sb.append("<circle class=\"client\" cx=\"").append(cx).append("\" cy=\"").append(cy)
                    .append("\" r=\"5\" fill=\"").append(th.weakClient(c) ? "#d9534f" : "#5cb85c").append("\"><title>")
                    .append(esc(c.mac() + (c.hostname() == null ? "" : " " + c.hostname())
                        + (c.signalDbm() == null ? "" : " " + c.signalDbm() + " dBm"))).append("</title></circle>\n");
                i++;
            }
        }
        sb.append("</svg>\n");
        return sb.toString();
    }

    private static void line(StringBuilder sb, int x, int y, boolean bold, String text) {
        sb.append("<text x=\"").append(x).append("\" y=\"").append(y).append('"').append(bold ? " font-weight=\"bold\"" : "")
            .append('>').append(esc(text)).append("</text>\n");
    }

    private static String channels(MeshTopology.Node n) {
        List<String> ch = new ArrayList<>();
        for (MeshTopology.Radio r : n.radios()) {
            if (r.channel() != null) {
                ch.add(String.valueOf(r.channel()));
            }
        }
        return ch.isEmpty() ? "" : ", ch " + String.join("/", ch);
    }

    static String linkColour(MeshTopology.Link l, Thresholds th) {
        if (l.wired()) {
            return "#555555";
        }
        if (l.signalDbm() != null && l.signalDbm() < th.backhaulWeakDbm() - 10) {
            return "#d9534f";
        }
        return th.weakBackhaul(l) || th.slowBackhaul(l) ? "#f0ad4e" : "#2e8b57";
    }

    static String linkLabel(MeshTopology.Link l) {
        StringBuilder s = new StringBuilder(l.linkType() == null ? "?" : l.linkType());
        if (l.signalDbm() != null) {
            s.append(' ').append(l.signalDbm()).append(" dBm");
        }
        if (l.downKbps() != null) {
            s.append(' ').append(l.downKbps() / 1000).append(" Mbit/s");
        }
        return s.toString();
    }

    private static int depthOf(MeshTopology t, String id, int guard) {
        if (guard > t.nodes().size()) {
            return guard;
        }
        return t.uplinkOf(id).filter(l -> t.node(l.parent()).isPresent()).map(l -> 1 + depthOf(t, l.parent(), guard + 1))
            .orElse(0);
    }

    static String esc(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c < 0x20 && c != '\t' && c != '\n' ? ' ' : c);
            }
        }
        return out.toString();
    }
}
