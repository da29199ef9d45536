package academy.minicluster.labs.cli;

import academy.minicluster.labs.json.TraceJson;
import academy.minicluster.net.shell.ShellResult;

/** How a command looks in a terminal: the prompt and the line typed, then what it printed. */
final class Session {

    private Session() {
    }

    static String render(ShellResult r, boolean withTrace) {
        StringBuilder s = new StringBuilder("$ ").append(r.command()).append('\n');
        s.append(output(r));
        if (withTrace && !r.trace().isEmpty()) {
            s.append("# trace\n").append(TraceJson.traceText(r.trace()));
        }
        return s.toString();
    }

    /** stdout then stderr, each ending with a newline when not empty. */
    static String output(ShellResult r) {
        StringBuilder s = new StringBuilder();
        appendLine(s, r.stdout());
        appendLine(s, r.stderr());
        return s.toString();
    }

    private static void appendLine(StringBuilder s, String text) {
        if (!text.isEmpty()) {
            s.append(text);
            if (!text.endsWith("\n")) {
                s.append('\n');
            }
        }
    }
}
