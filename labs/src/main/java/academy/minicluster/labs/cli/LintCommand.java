package academy.minicluster.labs.cli;

import academy.minicluster.labs.lab.BuiltInLabs;
import academy.minicluster.labs.lab.Lab;
import academy.minicluster.labs.lab.LabFormatException;
import academy.minicluster.labs.lint.Finding;
import academy.minicluster.labs.lint.LintReport;
import academy.minicluster.labs.lint.Linter;
import academy.minicluster.labs.json.TraceJson;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code minicluster lint LAB...|--all}: proves labs gradeable. Exit 0 when every lab passes, 1 otherwise. */
@Command(name = "lint", description = "Check that labs parse, their solutions score full marks and every check can fail.")
final class LintCommand implements Callable<Integer> {

    @Parameters(arity = "0..*", paramLabel = "LAB", description = "lab files or built-in lab ids")
    List<String> labs = new ArrayList<>();

    @Option(names = "--all", description = "lint every built-in lab")
    boolean all;

    @Option(names = "--json", description = "print one JSON document {\"ok\":...,\"labs\":[...]}")
    boolean json;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (labs.isEmpty() && !all) {
            throw new Minicluster.Misuse("name labs to lint, or --all for the built-in labs");
        }
        List<String> names = new ArrayList<>(labs);
        if (all) {
            names.addAll(BuiltInLabs.ids());
        }
        List<Lab> parsed = new ArrayList<>();
        List<LintReport> reports = new ArrayList<>();
        for (String name : names) {
            try {
                parsed.add(LabArgument.load(name));
            } catch (LabFormatException e) {
                reports.add(Linter.parseFailure(LabArgument.isFile(name) ? name : BuiltInLabs.source(name), e));
            }
        }
        reports.addAll(Linter.lintAll(parsed));
        boolean ok = reports.stream().allMatch(LintReport::ok);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            ObjectNode doc = TraceJson.lint(reports);
            out.println(TraceJson.MAPPER.writeValueAsString(doc));
        } else {
            for (LintReport r : reports) {
                out.println((r.ok() ? "ok    " : "FAIL  ") + r.lab() + "  (" + r.submissions() + " submissions graded;"
                        + " mutation score " + r.mutationScore() + ": of " + r.mutants() + " mutants, " + r.relevant()
                        + " change what the cluster answers, " + r.killed() + " of those lose points)");
                for (Finding f : r.findings()) {
                    out.println("      " + f);
                }
            }
            out.println(reports.size() + " labs, " + reports.stream().filter(r -> !r.ok()).count() + " failing");
        }
        out.flush();
        return ok ? 0 : 1;
    }
}
