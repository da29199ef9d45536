package academy.minicluster.net.shell;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a command line into words as a POSIX shell does for simple commands: whitespace separates words, single
 * quotes keep everything literally, double quotes keep spaces and honour backslash escapes, a backslash outside
 * quotes escapes the next character. No globbing, no variables. {@link #pipeline} cuts a line at its pipes first.
 */
public final class CommandLine {

    private CommandLine() {
    }

    /** Thrown for an unterminated quote, worded as bash words it. */
    public static final class SyntaxError extends Exception {
        public SyntaxError(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * The commands of a pipeline, as text: the line cut at each {@code |} outside quotes (a {@code ||} is not a
     * pipe and stays). One element when there is no pipe. An empty command around a pipe is bash's syntax error.
     */
    public static List<String> pipeline(String line) throws SyntaxError {
        List<String> commands = new ArrayList<>();
        int start = 0;
        char quote = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else if (c == '\\' && quote == '"') {
                    i++;
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (c == '\\') {
                i++;
            } else if (c == '#' && (i == 0 || Character.isWhitespace(line.charAt(i - 1)))) {
                break; // a comment: the rest of the line is not looked at
            } else if (c == '|') {
                if (i + 1 < line.length() && line.charAt(i + 1) == '|') {
                    i++;
                    continue;
                }
                commands.add(line.substring(start, i).strip());
                start = i + 1;
            }
        }
        commands.add(line.substring(start).strip());
        if (commands.size() > 1 && commands.stream().anyMatch(String::isEmpty)) {
            throw new SyntaxError("syntax error near unexpected token `|'");
        }
        return commands;
    }

    public static List<String> split(String line) throws SyntaxError {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder(line.length()); // no word is longer than its line
        boolean inWord = false;
        int i = 0;
        while (i < line.length()) {
            char c = line.charAt(i);
            if (c == '\'') {
                int end = line.indexOf('\'', i + 1);
                if (end < 0) {
                    throw new SyntaxError("unexpected EOF while looking for matching `''");
                }
                word.append(line, i + 1, end);
                inWord = true;
                i = end + 1;
            } else if (c == '"') {
                i++;
                boolean closed = false;
                while (i < line.length()) {
                    char d = line.charAt(i);
                    if (d == '"') {
                        closed = true;
                        i++;
                        break;
                    }
                    if (d == '\\' && i + 1 < line.length() && "\"\\$`".indexOf(line.charAt(i + 1)) >= 0) {
                        word.append(line.charAt(i + 1));
                        i += 2;
                        continue;
                    }
                    word.append(d);
                    i++;
                }
                if (!closed) {
                    throw new SyntaxError("unexpected EOF while looking for matching `\"'");
                }
                inWord = true;
            } else if (c == '\\' && i + 1 < line.length()) {
                word.append(line.charAt(i + 1));
                inWord = true;
                i += 2;
            } else if (Character.isWhitespace(c)) {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
                i++;
            } else if (c == '#' && !inWord) {
                break; // a comment runs to the end of the line
            } else {
                word.append(c);
                inWord = true;
                i++;
            }
        }
        if (inWord) {
            words.add(word.toString());
        }
        return words;
    }
}
