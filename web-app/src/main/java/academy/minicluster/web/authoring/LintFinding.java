package academy.minicluster.web.authoring;

/**
 * One finding shown beside the lab editor.
 *
 * @param line    1-based line in the author's YAML, or 0 when the finding is about the lab as a whole
 * @param field   the field concerned ({@code checks[1].endpoints.service}, {@code solutions[fix]}), or ""
 * @param rule    the linter's rule ({@code parse} for a file that does not parse)
 * @param message what is wrong, worded by the lab parser or the linter
 */
public record LintFinding(int line, String field, String rule, String message) {

    /** "line 14, checks[1].servcie" / "checks[fix]" / "": where to look, for the list beside the editor. */
    public String where() {
        String at = line > 0 ? "line " + line : "";
        if (field.isEmpty()) {
            return at;
        }
        return at.isEmpty() ? field : at + ", " + field;
    }
}
