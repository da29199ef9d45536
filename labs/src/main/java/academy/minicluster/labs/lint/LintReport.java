package academy.minicluster.labs.lint;

import java.util.List;

/**
 * What the linter found for one lab file: nothing (the lab is gradeable) or the findings.
 *
 * @param lab         the lab's id, or the file name when it did not parse
 * @param source      where the lab was read from
 * @param findings    what is wrong, empty when the lab passes
 * @param submissions how many submissions the linter graded (start state, solutions, mutations)
 */
public record LintReport(String lab, String source, List<Finding> findings, int submissions) {

    public LintReport {
        findings = List.copyOf(findings);
    }

    public boolean ok() {
        return findings.isEmpty();
    }
}
