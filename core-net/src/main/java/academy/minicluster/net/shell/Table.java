package academy.minicluster.net.shell;

import java.util.ArrayList;
import java.util.List;

/**
 * kubectl's table output: cells joined by tabs and aligned by {@link TabWriter#forTables()} (padding 3, minimum
 * width 6), the last column unpadded.
 */
final class Table {

    private final List<String[]> rows = new ArrayList<>();

    Table(String... headers) {
        rows.add(headers);
    }

    Table row(String... cells) {
        rows.add(cells);
        return this;
    }

    int size() {
        return rows.size() - 1;
    }

    @Override
    public String toString() {
        return render(true);
    }

    /**
     * The aligned table; without its header row under {@code --no-headers}, which kubectl never hands to its
     * tabwriter, so the columns are only as wide as their cells.
     */
    String render(boolean headers) {
        int columns = rows.get(0).length;
        TabWriter w = TabWriter.forTables();
        for (String[] row : headers ? rows : rows.subList(1, rows.size())) {
            StringBuilder line = new StringBuilder();
            for (int c = 0; c < columns; c++) {
                if (c > 0) {
                    line.append('\t');
                }
                line.append(cell(row, c));
            }
            w.write(line.append('\n').toString());
        }
        return w.toString();
    }

    private static String cell(String[] row, int c) {
        return c < row.length && row[c] != null ? row[c] : "";
    }
}
