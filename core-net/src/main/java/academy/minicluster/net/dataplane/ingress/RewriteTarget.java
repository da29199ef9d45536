package academy.minicluster.net.dataplane.ingress;

import com.google.re2j.Matcher;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The {@code rewrite-target} annotation taken apart once, when the routing table is compiled: the replacement of
 * nginx's {@code rewrite "(?i)<path>" <target> break;} as literal text and {@code $1..$9} captures, so a request only
 * fills the captures in.
 *
 * @param text  the annotation as written, empty when not set
 * @param parts the text split into literals and captures, in order
 */
public record RewriteTarget(String text, List<Part> parts) {

    /** No {@code rewrite-target}. */
    public static final RewriteTarget NONE = new RewriteTarget("", List.of());

    /** A piece of the replacement. */
    public sealed interface Part permits Literal, Capture {
    }

    /** Text copied as written. */
    public record Literal(String text) implements Part {
    }

    /**
     * {@code $N}: the expression's group N, nothing when the expression has no such group or it did not take part in
     * the match. {@code N} is the digit after {@code $} ({@code $0} is the whole match).
     */
    public record Capture(int group) implements Part {
    }

    public RewriteTarget {
        Objects.requireNonNull(text, "text");
        parts = List.copyOf(parts);
    }

    /** {@code text} split at each {@code $} followed by a digit. */
    public static RewriteTarget parse(String text) {
        if (text == null || text.isEmpty()) {
            return NONE;
        }
        List<Part> parts = new ArrayList<>();
        StringBuilder literal = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '$' && i + 1 < text.length() && Character.isDigit(text.charAt(i + 1))) {
                if (literal.length() > 0) {
                    parts.add(new Literal(literal.toString()));
                    literal.setLength(0);
                }
                parts.add(new Capture(text.charAt(++i) - '0'));
            } else {
                literal.append(c);
            }
        }
        if (literal.length() > 0) {
            parts.add(new Literal(literal.toString()));
        }
        return new RewriteTarget(text, parts);
    }

    public boolean isEmpty() {
        return text.isEmpty();
    }

    /** The replacement with the captures of {@code match} (which has found) filled in. */
    String fill(Matcher match) {
        StringBuilder out = new StringBuilder();
        for (Part p : parts) {
            if (p instanceof Literal l) {
                out.append(l.text());
            } else {
                int group = ((Capture) p).group();
                if (group <= match.groupCount() && match.group(group) != null) {
                    out.append(match.group(group));
                }
            }
        }
        return out.toString();
    }
}
