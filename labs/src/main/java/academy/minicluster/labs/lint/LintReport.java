package academy.minicluster.labs.lint;

import java.util.List;

/**
 * What the linter found for one lab file: nothing (the lab is gradeable) or the findings.
 *
 * @param lab         the lab's id, or the file name when it did not parse
 * @param source      where the lab was read from
 * @param findings    what is wrong, empty when the lab passes
 * @param submissions how many submissions the linter graded (start state, solutions, answers, mutants)
 * @param mutants     how many mutants of the reference solutions were graded
 * @param relevant    how many of them change what the cluster answers on the probe set
 * @param killed      how many of the relevant ones lose points (the rest are {@code surviving-mutant} findings)
 */
public record LintReport(String lab, String source, List<Finding> findings, int submissions, int mutants,
                         int relevant, int killed) {

    public LintReport {
        findings = List.copyOf(findings);
    }

    /** A report without mutants (a lab that did not parse). */
    public LintReport(String lab, String source, List<Finding> findings, int submissions) {
        this(lab, source, findings, submissions, 0, 0, 0);
    }

    /** The mutation score: killed / relevant, as "12/12". */
    public String mutationScore() {
        return killed + "/" + relevant;
    }

    public boolean ok() {
        return findings.isEmpty();
    }
}
