package academy.minicluster.net.shell;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a command line into words as a POSIX shell does for simple commands: whitespace separates words, single
 * quotes keep everything literally, double quotes keep spaces and honour backslash escapes, a backslash outside
 * quotes escapes the next character. No globbing, no variables, no pipes: the mini-cluster runs one command.
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

    public static List<String> split(String line) throws SyntaxError {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
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
