package academy.minicluster.web.gradebook;

import java.util.List;

/**
 * CSV as RFC 4180 writes it: comma separated, CRLF line ends, a field quoted when it holds a comma, a double quote,
 * CR or LF, with its double quotes doubled.
 */
public final class Csv {

    private Csv() {
    }

    public static String field(String value) {
        String v = value == null ? "" : value;
        if (v.indexOf(',') >= 0 || v.indexOf('"') >= 0 || v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0) {
            return '"' + v.replace("\"", "\"\"") + '"';
        }
        return v;
    }

    public static String row(List<String> fields) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                line.append(',');
            }
            line.append(field(fields.get(i)));
        }
        return line.append("\r\n").toString();
    }
}
