package academy.minicluster.labs.cli;

import academy.minicluster.labs.lab.BuiltInLabs;
import academy.minicluster.labs.lab.Lab;
import academy.minicluster.labs.lab.LabFormatException;
import academy.minicluster.labs.json.TraceJson;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code minicluster labs}: the built-in labs, in course order. */
@Command(name = "labs", description = "List the built-in labs.")
final class LabsCommand implements Callable<Integer> {

    @Option(names = "--json", description = "print a JSON document {\"labs\":[...]}")
    boolean json;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        List<Lab> labs;
        try {
            labs = BuiltInLabs.all();
        } catch (LabFormatException e) {
            spec.commandLine().getErr().println("minicluster: a built-in lab is broken:\n" + e.getMessage());
            return 1;
        }
        if (json) {
            ObjectNode doc = TraceJson.MAPPER.createObjectNode();
            ArrayNode a = doc.putArray("labs");
            for (Lab l : labs) {
                ObjectNode n = a.addObject();
                n.put("id", l.id());
                n.put("version", l.version());
                n.put("title", l.title());
                n.put("lesson", l.lesson());
                n.put("difficulty", l.difficulty().name());
                n.put("minutes", l.minutes());
                n.put("profile", l.profile());
                n.put("checks", l.checks().size());
                n.put("maxScore", l.maxScore());
            }
            out.println(TraceJson.MAPPER.writeValueAsString(doc));
            return 0;
        }
        int w = labs.stream().mapToInt(l -> l.id().length()).max().orElse(2);
        int lw = labs.stream().mapToInt(l -> l.lesson().length()).max().orElse(6);
        out.printf("%-" + w + "s  %-" + lw + "s  %-12s  %4s  %s%n", "ID", "LESSON", "DIFFICULTY", "MIN", "TITLE");
        for (Lab l : labs) {
            out.printf("%-" + w + "s  %-" + lw + "s  %-12s  %4d  %s%n", l.id(), l.lesson(), l.difficulty(),
                    l.minutes(), l.title());
        }
        return 0;
    }
}
