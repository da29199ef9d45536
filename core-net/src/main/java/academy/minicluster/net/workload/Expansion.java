package academy.minicluster.net.workload;

import java.util.Map;

/**
 * The kubelet's {@code $(VAR)} expansion (kubernetes {@code third_party/forked/golang/expansion}): {@code $(NAME)} is
 * replaced by the variable's value when it is defined, and left as written when it is not; {@code $$} is an escaped
 * {@code $}; a {@code $} followed by anything else, or an unclosed {@code $(}, is kept literally. Shell syntax
 * ({@code $NAME}, {@code ${NAME}}) is not expanded: only a shell started by the command would do that.
 */
final class Expansion {

    private Expansion() {
    }

    static String expand(String input, Map<String, String> variables) {
        StringBuilder out = new StringBuilder(input.length());
        int checkpoint = 0;
        for (int cursor = 0; cursor < input.length(); cursor++) {
            if (input.charAt(cursor) == '$' && cursor + 1 < input.length()) {
                out.append(input, checkpoint, cursor);
                char next = input.charAt(cursor + 1);
                int advance = 1;
                if (next == '$') {
                    out.append('$');
                } else if (next == '(') {
                    int close = input.indexOf(')', cursor + 2);
                    if (close < 0) {
                        out.append("$(");
                    } else {
                        String name = input.substring(cursor + 2, close);
                        String value = variables.get(name);
                        out.append(value != null ? value : "$(" + name + ")");
                        advance = close - cursor;
                    }
                } else {
                    out.append('$').append(next);
                }
                cursor += advance;
                checkpoint = cursor + 1;
            }
        }
        return out.append(input.substring(Math.min(checkpoint, input.length()))).toString();
    }
}
