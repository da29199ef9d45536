package academy.minicluster.net.shell;

import java.util.ArrayList;
import java.util.List;

/**
 * kubectl's table output: columns left-aligned, each as wide as its widest cell plus three spaces
 * ({@code tabwriter} with padding 3), the last column unpadded.
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
        int columns = rows.get(0).length;
        int[] widths = new int[columns];
        for (String[] row : rows) {
            for (int c = 0; c < columns; c++) {
                widths[c] = Math.max(widths[c], cell(row, c).length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int c = 0; c < columns; c++) {
                String cell = cell(row, c);
                line.append(cell);
                if (c < columns - 1) {
                    line.append(" ".repeat(widths[c] - cell.length() + 3));
                }
            }
            out.append(line.toString().stripTrailing()).append('\n');
        }
        return out.toString();
    }

    private static String cell(String[] row, int c) {
        return c < row.length && row[c] != null ? row[c] : "";
    }
}
