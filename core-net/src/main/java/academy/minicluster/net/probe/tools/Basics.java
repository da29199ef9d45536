package academy.minicluster.net.probe.tools;

import academy.minicluster.net.probe.NetworkView;
import java.util.List;

/** The small commands learners use around the network tools: hostname, cat of the resolver files, echo, sleep. */
final class Basics {

    private Basics() {
    }

    /**
     * {@code hostname} prints the pod (or node) name. {@code -f}, {@code -d}, {@code -s} and {@code -i} look the name
     * up as busybox's {@code hostname} does ({@code gethostbyname}), which finds it in the kubelet's
     * {@code /etc/hosts}: the canonical name is the first on its line, so a pod with {@code hostname} and
     * {@code subdomain} gets {@code web-0.nginx.default.svc.cluster.local} and any other pod its own name.
     */
    static final class Hostname implements ClientTool {
        @Override
        public String name() {
            return "hostname";
        }

        @Override
        public ToolResult run(List<String> argv, NetworkView net) {
            String option = argv.size() > 1 ? argv.get(1) : "";
            String hostname = net.client().hostname();
            if (option.isEmpty()) {
                return ToolResult.of(0, hostname + "\n", "");
            }
            String[] entry = hostsEntry(net.client().etcHosts(), hostname);
            String canonical = entry == null ? hostname : entry[1];
            int dot = canonical.indexOf('.');
            return switch (option) {
                case "-f", "--fqdn" -> ToolResult.of(0, canonical + "\n", "");
                case "-s" -> ToolResult.of(0, (dot < 0 ? canonical : canonical.substring(0, dot)) + "\n", "");
                case "-d", "--domain" -> ToolResult.of(0, dot < 0 ? "" : canonical.substring(dot + 1) + "\n", "");
                case "-i" -> ToolResult.of(0, (entry == null ? net.client().ip() : entry[0]) + "\n", "");
                default -> ToolResult.of(1, "", "hostname: unrecognized option: " + option.replaceFirst("^-+", "")
                        + "\n");
            };
        }

        /** The {@code /etc/hosts} line naming {@code hostname}, split into address and names; null when none does. */
        private static String[] hostsEntry(List<String> etcHosts, String hostname) {
            for (String line : etcHosts) {
                String text = line.contains("#") ? line.substring(0, line.indexOf('#')) : line;
                String[] fields = text.trim().split("\\s+");
                if (fields.length < 2 || fields[0].contains(":")) {
                    continue;
                }
                for (int i = 1; i < fields.length; i++) {
                    if (fields[i].equals(hostname)) {
                        return fields;
                    }
                }
            }
            return null;
        }
    }

    /**
     * busybox's {@code ps} (busybox, Alpine, netshoot: {@code PID USER TIME COMMAND}, the default {@code -o} of the
     * DESKTOP build): the container's main process as PID 1, then {@code ps} itself. Processes are not simulated
     * beyond that: a shell that runs ps is not listed, and ps's own PID is always 7.
     */
    static final class Ps implements ClientTool {
        /** The PID ps gets: the main process is 1, and an exec'd command comes a few PIDs later. */
        static final int OWN_PID = 7;

        @Override
        public String name() {
            return "ps";
        }

        @Override
        public ToolResult run(List<String> argv, NetworkView net) {
            for (String arg : argv.subList(1, argv.size())) {
                if (!arg.equals("aux") && !arg.equals("-ef") && !arg.equals("-e") && !arg.equals("-A")
                        && !arg.equals("ax") && !arg.equals("-a")) {
                    return ToolResult.of(1, "", "ps: unrecognized option: " + arg.replaceFirst("^-+", "") + "\n");
                }
            }
            StringBuilder out = new StringBuilder("PID   USER     TIME  COMMAND\n");
            List<String> main = net.mainProcess();
            if (!main.isEmpty()) {
                out.append(String.format("%5d %-8s %5s %s\n", 1, "root", "0:00", String.join(" ", main)));
            }
            out.append(String.format("%5d %-8s %5s %s\n", OWN_PID, "root", "0:00", String.join(" ", argv)));
            return ToolResult.of(0, out.toString(), "");
        }
    }

    /** {@code cat} of the two files the network model has: /etc/resolv.conf and /etc/hosts. */
    static final class Cat implements ClientTool {
        @Override
        public String name() {
            return "cat";
        }

        @Override
        public ToolResult run(List<String> argv, NetworkView net) {
            StringBuilder out = new StringBuilder();
            StringBuilder err = new StringBuilder();
            int exit = 0;
            for (String file : argv.subList(1, argv.size())) {
                var text = ClientTools.readFile(net.client(), file);
                if (text.isEmpty()) {
                    err.append("cat: ").append(file).append(": No such file or directory\n");
                    exit = 1;
                    continue;
                }
                out.append(text.get());
            }
            return ToolResult.of(exit, out.toString(), err.toString());
        }
    }

    static final class Echo implements ClientTool {
        @Override
        public String name() {
            return "echo";
        }

        @Override
        public ToolResult run(List<String> argv, NetworkView net) {
            List<String> words = argv.subList(1, argv.size());
            boolean newline = true;
            if (!words.isEmpty() && words.get(0).equals("-n")) {
                newline = false;
                words = words.subList(1, words.size());
            }
            return ToolResult.of(0, String.join(" ", words) + (newline ? "\n" : ""), "");
        }
    }

    /** {@code sleep N}: the simulated clock does not wait; the command succeeds at once. */
    static final class Sleep implements ClientTool {
        @Override
        public String name() {
            return "sleep";
        }

        @Override
        public ToolResult run(List<String> argv, NetworkView net) {
            if (argv.size() < 2) {
                return ToolResult.of(1, "", "sleep: missing operand\n");
            }
            for (String arg : argv.subList(1, argv.size())) {
                if (!arg.matches("\\d+(\\.\\d+)?[smhd]?|infinity")) {
                    return ToolResult.of(1, "", "sleep: invalid number '" + arg + "'\n");
                }
            }
            return ToolResult.of(0, "", "");
        }
    }

    static final class True implements ClientTool {
        @Override
        public String name() {
            return "true";
        }

        @Override
        public ToolResult run(List<String> argv, NetworkView net) {
            return ToolResult.of(0, "", "");
        }
    }

    static final class False implements ClientTool {
        @Override
        public String name() {
            return "false";
        }

        @Override
        public ToolResult run(List<String> argv, NetworkView net) {
            return ToolResult.of(1, "", "");
        }
    }
}
