package academy.minicluster.net.shell;

import java.util.ArrayList;
import java.util.List;

/**
 * Go's {@code text/tabwriter}, which kubectl prints every table and every {@code describe} through: text is cut into
 * tab-terminated cells; a column is as wide as its widest cell plus the padding (at least {@code minWidth}), computed
 * over each run of consecutive lines that have a cell in that column; the last cell of a line is never padded.
 * {@link #flush()} ends a section, as kubectl flushes before the events table of {@code describe}.
 */
final class TabWriter {

    private final int minWidth;
    private final int padding;
    private final StringBuilder out = new StringBuilder();
    private final StringBuilder pending = new StringBuilder();

    /** {@code describe}'s writer: {@code tabwriter.NewWriter(out, 0, 8, 2, ' ', 0)}. */
    static TabWriter forDescribe() {
        return new TabWriter(0, 2);
    }

    /** {@code get}'s writer: {@code tabwriter.NewWriter(out, 6, 4, 3, ' ', 0)}. */
    static TabWriter forTables() {
        return new TabWriter(6, 3);
    }

    TabWriter(int minWidth, int padding) {
        this.minWidth = minWidth;
        this.padding = padding;
    }

    TabWriter write(String text) {
        pending.append(text);
        return this;
    }

    TabWriter flush() {
        String text = pending.toString();
        pending.setLength(0);
        if (text.isEmpty()) {
            return this;
        }
        boolean trailingNewline = text.endsWith("\n");
        String[] rawLines = (trailingNewline ? text.substring(0, text.length() - 1) : text).split("\n", -1);
        List<List<String>> lines = new ArrayList<>();
        for (String l : rawLines) {
            lines.add(List.of(l.split("\t", -1)));
        }
        List<Integer> widths = new ArrayList<>();
        List<StringBuilder> rendered = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            rendered.add(new StringBuilder());
        }
        format(lines, widths, 0, lines.size(), rendered);
        for (int i = 0; i < rendered.size(); i++) {
            out.append(rendered.get(i));
            if (i < rendered.size() - 1 || trailingNewline) {
                out.append('\n');
            }
        }
        return this;
    }

    private void format(List<List<String>> lines, List<Integer> widths, int line0, int line1,
                        List<StringBuilder> rendered) {
        int column = widths.size();
        for (int current = line0; current < line1; current++) {
            if (column >= lines.get(current).size() - 1) {
                continue;
            }
            writeLines(lines, widths, line0, current, rendered);
            line0 = current;
            int width = minWidth;
            for (; current < line1; current++) {
                List<String> line = lines.get(current);
                if (column >= line.size() - 1) {
                    break;
                }
                width = Math.max(width, line.get(column).codePointCount(0, line.get(column).length()) + padding);
            }
            widths.add(width);
            format(lines, widths, line0, current, rendered);
            widths.remove(widths.size() - 1);
            line0 = current;
            current--;
        }
        writeLines(lines, widths, line0, line1, rendered);
    }

    private static void writeLines(List<List<String>> lines, List<Integer> widths, int line0, int line1,
                                   List<StringBuilder> rendered) {
        for (int i = line0; i < line1; i++) {
            if (rendered.get(i).length() > 0 || isWritten(rendered, i)) {
                continue;
            }
            List<String> line = lines.get(i);
            StringBuilder s = new StringBuilder();
            for (int j = 0; j < line.size(); j++) {
                String cell = line.get(j);
                s.append(cell);
                if (j < widths.size() && j < line.size() - 1) {
                    s.append(" ".repeat(Math.max(0, widths.get(j) - cell.codePointCount(0, cell.length()))));
                }
            }
            rendered.set(i, s.append('\u0000'));
        }
    }

    private static boolean isWritten(List<StringBuilder> rendered, int i) {
        return rendered.get(i).length() > 0;
    }

    @Override
    public String toString() {
        flush();
        return out.toString().replace("\u0000", "");
    }
}
