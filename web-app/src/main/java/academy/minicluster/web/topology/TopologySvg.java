package academy.minicluster.web.topology;

import java.util.HashMap;
import java.util.Map;

/**
 * Draws a {@link Topology} as an SVG, server-side: Ingresses, Gateways (with their HTTPRoutes and GRPCRoutes) and
 * NetworkPolicies on the left, Services in the middle, nodes with their pods (IP, ready or not) on the right; lines
 * from each Ingress and each Gateway route to the Services it routes to (dashed for a route the Gateway did not
 * accept) and
 * from each Service to its endpoints' pods (dashed when the endpoint is not ready). The SVG has a {@code <title>} and
 * a {@code <desc>}; the page offers {@link Topology#text()} as its text alternative.
 */
public final class TopologySvg {

    private static final int COL_A = 10;
    private static final int COL_A_W = 230;
    private static final int COL_B = 290;
    private static final int COL_B_W = 250;
    private static final int COL_C = 600;
    private static final int COL_C_W = 310;
    private static final int ROW = 18;

    private TopologySvg() {
    }

    public static String render(Topology t) {
        StringBuilder body = new StringBuilder();
        Map<String, int[]> serviceAnchors = new HashMap<>();
        Map<String, int[]> podAnchors = new HashMap<>();

        int y = 30;
        for (Topology.NodeInfo n : t.nodes()) {
            int h = 26 + Math.max(1, n.pods().size()) * ROW + 8;
            body.append("<g class=\"node\"><rect x=\"").append(COL_C).append("\" y=\"").append(y)
                    .append("\" width=\"").append(COL_C_W).append("\" height=\"").append(h)
                    .append("\" rx=\"6\" fill=\"#f4f6fa\" stroke=\"#3b4a6b\"/>");
            text(body, COL_C + 8, y + 17, true, "Node " + n.name() + (n.internalIp().isEmpty() ? "" : "  " + n.internalIp()));
            int py = y + 26;
            if (n.pods().isEmpty()) {
                text(body, COL_C + 14, py + 13, false, "no pods");
            }
            for (Topology.PodInfo p : n.pods()) {
                body.append("<g class=\"pod\"><title>Pod ").append(esc(p.ref())).append(' ')
                        .append(esc(p.ip())).append(p.ready() ? " ready" : " not ready").append("</title>");
                body.append("<rect x=\"").append(COL_C + 10).append("\" y=\"").append(py).append("\" width=\"")
                        .append(COL_C_W - 20).append("\" height=\"").append(ROW - 2).append("\" rx=\"3\" fill=\"")
                        .append(p.ready() ? "#e6f4ea" : "#fdecea").append("\" stroke=\"")
                        .append(p.ready() ? "#2e7d32" : "#b3261e").append("\"/>");
                text(body, COL_C + 16, py + 12, false, (p.ready() ? "✓ " : "✗ ") + clip(p.name(), 24) + "  "
                        + (p.ip().isEmpty() ? "(no IP)" : p.ip()));
                body.append("</g>");
                podAnchors.put(p.namespace() + "/" + p.name(), new int[] {COL_C + 10, py + ROW / 2});
                py += ROW;
            }
            body.append("</g>");
            y += h + 12;
        }
        int height = y;

        y = 30;
        for (Topology.ServiceInfo s : t.services()) {
            int h = 40;
            body.append("<g class=\"service\"><title>Service ").append(esc(s.ref())).append(' ').append(esc(s.type()))
                    .append(' ').append(esc(s.clusterIp())).append(" -> ").append(s.endpoints().size())
                    .append(" endpoints</title>");
            body.append("<rect x=\"").append(COL_B).append("\" y=\"").append(y).append("\" width=\"").append(COL_B_W)
                    .append("\" height=\"").append(h).append("\" rx=\"6\" fill=\"#eef3fb\" stroke=\"#1f5fa8\"/>");
            text(body, COL_B + 8, y + 16, true, "Service " + clip(s.name(), 22) + " (" + s.type() + ")");
            text(body, COL_B + 8, y + 32, false, clip(s.clusterIp() + " " + s.ports() + " · "
                    + s.endpoints().size() + " endpoints", 38));
            body.append("</g>");
            serviceAnchors.put(s.namespace() + "/" + s.name(), new int[] {COL_B, y + h / 2});
            for (Topology.EndpointInfo e : s.endpoints()) {
                int[] to = podAnchors.get(s.namespace() + "/" + e.pod());
                if (to != null) {
                    line(body, COL_B + COL_B_W, y + h / 2, to[0], to[1], e.ready() ? "#1f5fa8" : "#b3261e",
                            !e.ready());
                }
            }
            y += h + 12;
        }
        height = Math.max(height, y);

        y = 30;
        for (Topology.IngressInfo i : t.ingresses()) {
            int h = 22 + Math.max(1, i.routes().size()) * 16 + 6;
            body.append("<g class=\"ingress\"><title>Ingress ").append(esc(i.namespace() + "/" + i.name()))
                    .append("</title><rect x=\"").append(COL_A).append("\" y=\"").append(y).append("\" width=\"")
                    .append(COL_A_W).append("\" height=\"").append(h)
                    .append("\" rx=\"6\" fill=\"#fff7e6\" stroke=\"#a15c00\"/>");
            text(body, COL_A + 8, y + 16, true, "Ingress " + clip(i.name(), 24));
            int ry = y + 32;
            for (Topology.RouteInfo r : i.routes()) {
                text(body, COL_A + 12, ry, false, clip(r.host() + r.path() + " → " + r.service(), 32));
                int[] to = serviceAnchors.get(i.namespace() + "/" + r.service());
                if (to != null) {
                    line(body, COL_A + COL_A_W, ry - 4, to[0], to[1], "#a15c00", false);
                }
                ry += 16;
            }
            body.append("</g>");
            y += h + 12;
        }
        for (Topology.GatewayInfo g : t.gateways()) {
            int lines = g.routes().stream().mapToInt(r -> 1 + r.backends().size()).sum();
            int h = 38 + Math.max(1, lines) * 16 + 6;
            body.append("<g class=\"gateway\"><title>Gateway ").append(esc(g.namespace() + "/" + g.name()))
                    .append(" (class ").append(esc(g.className())).append(") ").append(esc(g.address()))
                    .append(" listeners ").append(esc(g.listeners())).append("</title><rect x=\"").append(COL_A)
                    .append("\" y=\"").append(y).append("\" width=\"").append(COL_A_W).append("\" height=\"").append(h)
                    .append("\" rx=\"6\" fill=\"#e8f6f6\" stroke=\"#00695c\"/>");
            text(body, COL_A + 8, y + 16, true, "Gateway " + clip(g.name(), 24));
            text(body, COL_A + 8, y + 32, false, clip((g.address().isEmpty() ? "no address" : g.address()) + " · "
                    + g.listeners(), 34));
            int ry = y + 48;
            if (g.routes().isEmpty()) {
                text(body, COL_A + 12, ry, false, "no routes attached");
            }
            for (Topology.GatewayRouteInfo r : g.routes()) {
                boolean accepted = "Accepted".equals(r.accepted());
                body.append("<g class=\"route\"><title>").append(esc(r.kind() + " " + r.namespace() + "/" + r.name()
                        + " " + r.hostnames() + ": " + r.accepted())).append("</title>");
                text(body, COL_A + 12, ry, true, clip((accepted ? "" : "✗ ") + r.kind() + " " + r.name(), 32));
                body.append("</g>");
                ry += 16;
                for (Topology.BackendInfo b : r.backends()) {
                    text(body, COL_A + 20, ry, false, clip(r.hostnames() + " → " + b.service()
                            + (b.weight().isEmpty() ? "" : " (" + b.weight() + ")"), 30));
                    int[] to = serviceAnchors.get(b.namespace() + "/" + b.service());
                    if (to != null) {
                        line(body, COL_A + COL_A_W, ry - 4, to[0], to[1], "#00695c", !accepted);
                    }
                    ry += 16;
                }
            }
            body.append("</g>");
            y += h + 12;
        }
        for (Topology.PolicyInfo p : t.policies()) {
            body.append("<g class=\"policy\"><title>NetworkPolicy ").append(esc(p.namespace() + "/" + p.name()))
                    .append(" selects ").append(esc(p.podSelector())).append(" (").append(esc(p.policyTypes()))
                    .append(")</title><rect x=\"").append(COL_A).append("\" y=\"").append(y).append("\" width=\"")
                    .append(COL_A_W).append("\" height=\"40\" rx=\"6\" fill=\"#f3e8fd\" stroke=\"#6a1b9a\""
                            + " stroke-dasharray=\"4 2\"/>");
            text(body, COL_A + 8, y + 16, true, "NetworkPolicy " + clip(p.name(), 18));
            text(body, COL_A + 8, y + 32, false, clip(p.podSelector() + " · " + p.policyTypes(), 34));
            body.append("</g>");
            y += 52;
        }
        height = Math.max(height, y) + 10;
        int width = COL_C + COL_C_W + 10;

        StringBuilder s = new StringBuilder();
        s.append("<svg class=\"topology\" xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" viewBox=\"0 0 ")
                .append(width).append(' ').append(height).append("\" aria-labelledby=\"topology-title topology-desc\">");
        s.append("<title id=\"topology-title\">Your cluster</title>");
        s.append("<desc id=\"topology-desc\">").append(esc(summary(t))).append("</desc>");
        text(s, COL_A, 16, true, "Ingresses · Gateways · NetworkPolicies");
        text(s, COL_B, 16, true, "Services → endpoints");
        text(s, COL_C, 16, true, "Nodes · pods (IP, ready)");
        s.append(body).append("</svg>");
        return s.toString();
    }

    static String summary(Topology t) {
        int pods = t.nodes().stream().mapToInt(n -> n.pods().size()).sum();
        return t.nodes().size() + " nodes, " + pods + " pods, " + t.services().size() + " Services, "
                + t.ingresses().size() + " Ingresses, " + t.gateways().size() + " Gateways, " + t.policies().size()
                + " NetworkPolicies. The same view as text follows the drawing.";
    }

    private static void line(StringBuilder s, int x1, int y1, int x2, int y2, String color, boolean dashed) {
        s.append("<line x1=\"").append(x1).append("\" y1=\"").append(y1).append("\" x2=\"").append(x2)
                .append("\" y2=\"").append(y2).append("\" stroke=\"").append(color).append("\" stroke-width=\"1.5\"")
                .append(dashed ? " stroke-dasharray=\"5 3\"" : "").append(" aria-hidden=\"true\"/>");
    }

    private static void text(StringBuilder s, int x, int y, boolean bold, String text) {
        s.append("<text x=\"").append(x).append("\" y=\"").append(y)
                .append("\" font-family=\"sans-serif\" font-size=\"12\"").append(bold ? " font-weight=\"bold\"" : "")
                .append('>').append(esc(text)).append("</text>");
    }

    static String clip(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }

    static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
