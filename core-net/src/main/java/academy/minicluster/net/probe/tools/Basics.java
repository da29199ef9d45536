package academy.minicluster.net.probe.tools;

import academy.minicluster.net.probe.NetworkView;
import java.util.List;

/** The small commands learners use around the network tools: hostname, cat of the resolver files, echo, sleep. */
final class Basics {

    private Basics() {
    }

    /** {@code hostname} prints the pod (or node) name; {@code hostname -i} its address. */
    static final class Hostname implements ClientTool {
        @Override
        public String name() {
            return "hostname";
        }

        @Override
        public ToolResult run(List<String> argv, NetworkView net) {
            if (argv.size() > 1 && argv.get(1).equals("-i")) {
                return ToolResult.of(0, net.client().ip() + "\n", "");
            }
            return ToolResult.of(0, net.client().hostname() + "\n", "");
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
