package academy.minicluster.web.authoring;

import academy.minicluster.labs.lab.Lab;
import academy.minicluster.labs.lab.LabError;
import academy.minicluster.labs.lab.LabFormatException;
import academy.minicluster.labs.lab.LabParser;
import academy.minicluster.labs.lint.Finding;
import academy.minicluster.labs.lint.LintReport;
import academy.minicluster.labs.lint.Linter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the editor shows as the author types: parse errors with their line and field (from
 * {@link LabFormatException}), else the linter's findings, plus one rule of the platform's own: the YAML's
 * {@code id} is the lab being edited, so a draft can never publish over another lab.
 *
 * @param findings empty when the lab may be published
 * @param lab      the parsed lab, for the learner preview, when it parses
 */
public record LabLint(List<LintFinding> findings, Optional<Lab> lab) {

    public LabLint {
        findings = List.copyOf(findings);
    }

    public boolean clean() {
        return findings.isEmpty();
    }

    /** Lints {@code text}, the draft of the lab {@code labId}. */
    public static LabLint of(String labId, String text) {
        String source = labId + ".yaml";
        Lab lab;
        try {
            lab = LabParser.parse(text, source);
        } catch (LabFormatException e) {
            List<LintFinding> findings = new ArrayList<>();
            for (LabError error : e.errors()) {
                findings.add(new LintFinding(error.line(), error.field(), "parse", error.message()));
            }
            return new LabLint(findings, Optional.empty());
        } catch (RuntimeException e) {
            // The parser's contract is LabFormatException; anything else still must not become a 500 in the editor.
            return new LabLint(List.of(new LintFinding(0, "", "parse", "the lab could not be read: " + e.getMessage())),
                    Optional.empty());
        }
        List<LintFinding> findings = new ArrayList<>();
        if (!lab.id().equals(labId)) {
            findings.add(new LintFinding(0, "id", "lab-id", "id is \"" + lab.id() + "\" but this is the lab \""
                    + labId + "\": set id: " + labId + " (to make a new lab, duplicate this one)"));
        }
        LintReport report = Linter.lint(lab);
        for (Finding f : report.findings()) {
            findings.add(new LintFinding(0, f.where(), f.rule(), f.message()));
        }
        return new LabLint(findings, Optional.of(lab));
    }
}
