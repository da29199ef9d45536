package academy.minicluster.web.workspace;

import java.util.List;

/**
 * Draws a probe's trace as hops left to right (client → DNS → Service → endpoint → node → policy → container, in the
 * order the data plane decided them): one box a hop, its stage, whether the packet went on, and the object that
 * decided it (for a Gateway's hop, the Gateway and the HTTPRoute or GRPCRoute that matched). The hop where the
 * packet stopped is marked (red, a cross, "stopped here") and names its decider.
 * Every box carries the full decision in a {@code <title>}; the whole drawing a {@code <title>} and {@code <desc>}
 * that say in words where the packet stopped, and the page shows the same trace as text beside it.
 */
public final class TraceDrawing {

    static final int BOX_W = 176;
    static final int BOX_H = 86;
    static final int GAP = 28;
    static final int PAD = 6;

    private TraceDrawing() {
    }

    public static String svg(String id, String command, List<HopView> hops) {
        if (hops.isEmpty()) {
            return "";
        }
        int width = PAD * 2 + hops.size() * BOX_W + (hops.size() - 1) * GAP;
        int height = PAD * 2 + BOX_H;
        String titleId = "trace-title-" + Svg.esc(id);
        String descId = "trace-desc-" + Svg.esc(id);
        StringBuilder s = new StringBuilder();
        s.append("<svg class=\"trace\" xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" viewBox=\"0 0 ")
                .append(width).append(' ').append(height).append("\" width=\"").append(width)
                .append("\" height=\"").append(height).append("\" aria-labelledby=\"").append(titleId).append(' ')
                .append(descId).append("\">");
        s.append("<title id=\"").append(titleId).append("\">Trace of ")
                .append(Svg.esc(command.isBlank() ? "the probe" : command)).append("</title>");
        s.append("<desc id=\"").append(descId).append("\">").append(Svg.esc(summary(hops))).append("</desc>");
        for (int i = 0; i < hops.size(); i++) {
            HopView h = hops.get(i);
            int x = PAD + i * (BOX_W + GAP);
            int y = PAD;
            boolean failed = !h.passed();
            s.append("<g class=\"hop ").append(failed ? "hop-fail" : "hop-pass").append("\" data-stage=\"")
                    .append(Svg.esc(h.stage())).append("\">");
            s.append("<title>").append(Svg.esc(h.text())).append("</title>");
            s.append("<rect x=\"").append(x).append("\" y=\"").append(y).append("\" width=\"").append(BOX_W)
                    .append("\" height=\"").append(BOX_H).append("\" rx=\"6\" fill=\"")
                    .append(failed ? "#fde8e8" : "#eef6ee").append("\" stroke=\"")
                    .append(failed ? "#b3261e" : "#2e7d32").append("\" stroke-width=\"").append(failed ? 3 : 1)
                    .append("\"/>");
            text(s, x + 8, y + 18, "bold", (failed ? "✗ " : "✓ ") + h.stage());
            text(s, x + 8, y + 38, "normal", Svg.clip(h.decision(), 27));
            text(s, x + 8, y + 56, "normal", Svg.clip(h.decider(), 27));
            String route = h.route();
            if (!route.isEmpty()) {
                // A Gateway's hop: the route that matched, under the Gateway.
                text(s, x + 8, y + 70, "normal", Svg.clip(route, 27));
            }
            if (failed) {
                text(s, x + 8, route.isEmpty() ? y + 76 : y + 82, "bold", "stopped here: " + h.verdict());
            }
            s.append("</g>");
            if (i + 1 < hops.size()) {
                int ax = x + BOX_W;
                int ay = y + BOX_H / 2;
                s.append("<path d=\"M").append(ax + 2).append(' ').append(ay).append(" H").append(ax + GAP - 6)
                        .append(" l-6 -5 m6 5 l-6 5\" fill=\"none\" stroke=\"#555\" stroke-width=\"2\""
                                + " aria-hidden=\"true\"/>");
            }
        }
        s.append("</svg>");
        return s.toString();
    }

    /** Where the packet went and where it stopped, in one sentence. */
    static String summary(List<HopView> hops) {
        StringBuilder s = new StringBuilder(hops.size() + " hops: ");
        for (int i = 0; i < hops.size(); i++) {
            s.append(i == 0 ? "" : " → ").append(hops.get(i).stage());
        }
        s.append(". ");
        hops.stream().filter(h -> !h.passed()).findFirst().ifPresentOrElse(
                h -> s.append("Stopped at ").append(h.stage()).append(" (").append(h.verdict()).append(")")
                        .append(h.decider().isEmpty() ? "" : ", decided by " + h.decider()).append(": ")
                        .append(h.decision()),
                () -> s.append("Every hop passed."));
        return s.toString();
    }

    private static void text(StringBuilder s, int x, int y, String weight, String text) {
        s.append("<text x=\"").append(x).append("\" y=\"").append(y)
                .append("\" font-family=\"sans-serif\" font-size=\"12\" font-weight=\"").append(weight)
                .append("\">").append(Svg.esc(text)).append("</text>");
    }
}
