package academy.minicluster.labs.session;

import academy.minicluster.net.Cluster;
import academy.minicluster.net.profile.ClusterProfile;
import academy.minicluster.net.shell.Shell;
import academy.minicluster.net.shell.ShellResult;
import academy.minicluster.net.shell.Terminal;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import java.lang.reflect.Method;
import java.util.List;

/**
 * Opens a learner's shell on a cluster, with the data plane's terminal when core-net provides one.
 *
 * <p>core-net's factory for a shell wired to the data plane ({@code Shells.open(Cluster)}) is being added while the
 * labs module is written; until it is there, probes answer with a clear "not available" instead of a made-up
 * result. Looking the factory up once by name keeps this module compiling against either state of core-net.
 */
public final class Sessions {

    /** The exit status and message of a probe when the data plane is not available. */
    public static final int UNAVAILABLE_EXIT = 127;

    private static final Method FACTORY = findFactory();
    private static final java.lang.reflect.Constructor<Shell> CONSTRUCTOR = findConstructor();

    private Sessions() {
    }

    /** A fresh cluster of {@code profile} built from {@code seed}, and a shell on it. */
    public static Shell open(ClusterProfile profile, long seed) {
        return open(Cluster.create(profile, seed));
    }

    /** A shell on {@code cluster}: kubectl, plus curl, dig, nc ... through the data plane. */
    public static Shell open(Cluster cluster) {
        if (FACTORY != null) {
            try {
                return (Shell) FACTORY.invoke(null, cluster);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot open a shell: " + e, e);
            }
        }
        if (CONSTRUCTOR != null) {
            try {
                return CONSTRUCTOR.newInstance(cluster);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot open a shell: " + e, e);
            }
        }
        return new Shell(cluster, new UnwiredTerminal());
    }

    private static java.lang.reflect.Constructor<Shell> findConstructor() {
        try {
            return Shell.class.getConstructor(Cluster.class);
        } catch (NoSuchMethodException e) {
            return null;
        }
    }

    /** Whether probes (curl, dig, nc, agnhost connect) really run, or answer "not available". */
    public static boolean dataPlaneAvailable() {
        return FACTORY != null || CONSTRUCTOR != null;
    }

    private static Method findFactory() {
        for (String name : List.of("academy.minicluster.net.shell.Shells", "academy.minicluster.net.Shells",
                "academy.minicluster.net.probe.Shells")) {
            try {
                Method m = Class.forName(name).getMethod("open", Cluster.class);
                if (Shell.class.isAssignableFrom(m.getReturnType())) {
                    return m;
                }
            } catch (ClassNotFoundException | NoSuchMethodException e) {
                // try the next place
            }
        }
        return null;
    }

    /** Answers every probe with exit status 127 and a one-line reason. */
    private static final class UnwiredTerminal implements Terminal {

        private static ShellResult unavailable(String commandLine, String program) {
            return ShellResult.error(commandLine, UNAVAILABLE_EXIT,
                    "minicluster: " + program + ": the data plane is not available in this build\n");
        }

        @Override
        public ShellResult exec(Pod pod, String container, List<String> argv, String commandLine) {
            return unavailable(commandLine, argv.isEmpty() ? "exec" : argv.get(0));
        }

        @Override
        public ShellResult onNode(Node node, String image, List<String> argv, String commandLine) {
            return unavailable(commandLine, argv.isEmpty() ? "debug" : argv.get(0));
        }

        @Override
        public ShellResult onWorkstation(List<String> argv, String commandLine) {
            return unavailable(commandLine, argv.get(0));
        }

        @Override
        public List<String> logs(Pod pod, String container) {
            return List.of();
        }
    }
}
