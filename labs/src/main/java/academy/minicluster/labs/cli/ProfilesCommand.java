package academy.minicluster.labs.cli;

import academy.minicluster.net.profile.ClusterProfile;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code minicluster profiles}: the cluster profiles, one a line, with what each changes. */
@Command(name = "profiles", description = "List the cluster profiles.")
final class ProfilesCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        PrintWriter out = spec.commandLine().getOut();
        int width = ClusterProfile.all().stream().mapToInt(p -> p.name().length()).max().orElse(0);
        for (ClusterProfile p : ClusterProfile.all()) {
            out.printf("%-" + width + "s  %s%n", p.name(), p.description());
        }
    }
}
