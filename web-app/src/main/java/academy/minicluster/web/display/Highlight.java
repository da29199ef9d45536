package academy.minicluster.web.display;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Code as HTML with its parts marked for the stylesheet (spans with {@code tok-*} classes), written on the server so
 * the page needs no script and the CSP no exception: YAML (keys, strings, numbers and booleans, comments, document
 * separators) and console commands (the prompt, the program). Every character of the input is escaped; the output
 * reads as the input when the tags are removed.
 */
public final class Highlight {

    private static final Pattern YAML_LINE = Pattern.compile(
            "^(\\s*(?:-\\s+)*)([A-Za-z0-9_./-]+|\"[^\"]*\"|'[^']*')(:)(\\s+|$)(.*)$");
    private static final Pattern LITERAL = Pattern.compile(
            "(?:true|false|null|~|-?\\d+(?:\\.\\d+)?)");

    private Highlight() {
    }

    /** YAML, line by line. */
    public static String yaml(String text) {
        StringBuilder out = new StringBuilder();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (i > 0) {
                out.append('\n');
            }
            yamlLine(lines[i], out);
        }
        return out.toString();
    }

    private static void yamlLine(String line, StringBuilder out) {
        String trimmed = line.strip();
        if (trimmed.startsWith("#")) {
            out.append(span("tok-comment", line));
            return;
        }
        if (trimmed.equals("---") || trimmed.equals("...")) {
            out.append(span("tok-doc", line));
            return;
        }
        Matcher m = YAML_LINE.matcher(line);
        if (m.matches()) {
            out.append(escape(m.group(1))).append(span("tok-key", m.group(2))).append(escape(m.group(3)))
                    .append(escape(m.group(4)));
            value(m.group(5), out);
            return;
        }
        int dash = 0;
        while (dash < line.length() && (line.charAt(dash) == ' ' || line.charAt(dash) == '-')) {
            dash++;
        }
        out.append(escape(line.substring(0, dash)));
        value(line.substring(dash), out);
    }

    private static void value(String value, StringBuilder out) {
        int comment = value.indexOf(" #");
        String v = comment >= 0 ? value.substring(0, comment) : value;
        String rest = comment >= 0 ? value.substring(comment) : "";
        String stripped = v.strip();
        if (stripped.isEmpty()) {
            out.append(escape(v));
        } else if (stripped.startsWith("\"") || stripped.startsWith("'")) {
            out.append(span("tok-string", v));
        } else if (LITERAL.matcher(stripped).matches()) {
            out.append(span("tok-literal", v));
        } else {
            out.append(span("tok-value", v));
        }
        if (!rest.isEmpty()) {
            out.append(span("tok-comment", rest));
        }
    }

    /** One console command, after a {@code $ } prompt. */
    public static String command(String command) {
        String c = command.strip();
        int space = c.indexOf(' ');
        String program = space < 0 ? c : c.substring(0, space);
        return span("tok-prompt", "$ ") + span("tok-program", program) + escape(space < 0 ? "" : c.substring(space));
    }

    private static String span(String css, String text) {
        return "<span class=\"" + css + "\">" + escape(text) + "</span>";
    }

    /** HTML text and attribute escaping. */
    public static String escape(String s) {
        StringBuilder out = new StringBuilder(s.length());
        escape(out, s);
        return out.toString();
    }

    /**
     * {@code s} escaped for HTML text and attributes, appended to {@code out}: the characters Qute's HTML escaper
     * replaces ({@code < > & " '}), replaced as it does, so a page built in Java reads byte for byte as one a
     * template built. Runs of plain characters are appended whole.
     */
    public static void escape(StringBuilder out, String s) {
        int plain = 0;
        for (int i = 0; i < s.length(); i++) {
            String replacement = switch (s.charAt(i)) {
                case '<' -> "&lt;";
                case '>' -> "&gt;";
                case '&' -> "&amp;";
                case '"' -> "&quot;";
                case '\'' -> "&#39;";
                default -> null;
            };
            if (replacement != null) {
                out.append(s, plain, i).append(replacement);
                plain = i + 1;
            }
        }
        out.append(s, plain, s.length());
    }
}
