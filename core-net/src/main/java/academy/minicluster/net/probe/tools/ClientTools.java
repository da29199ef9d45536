package academy.minicluster.net.probe.tools;

import academy.minicluster.net.probe.ClientHost;
import academy.minicluster.net.probe.NetworkView;
import academy.minicluster.net.probe.ObservedNetwork;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The commands a learner can type where a client runs, and what happens when the command is not there.
 *
 * <p>A command runs only if {@link ClientHost#has} says the image carries it. Otherwise the answer is the one the
 * real path gives: in a pod or a node debug container, kubectl relays containerd's exec failure
 * ({@code error: Internal error occurred: error executing command in container: failed to exec in container:
 * failed to start exec "<id>": OCI runtime exec failed: exec failed: unable to start container process: exec:
 * "curl": executable file not found in $PATH: unknown}) and exits 1, as {@code kubectl} does for any API error;
 * on the workstation bash answers {@code bash: dig: command not found} and exits 127.
 *
 * <p>Which flavour of nc and nslookup answers is decided by the image: when {@link ClientHost#executables()}
 * contains {@link #BUSYBOX_MARKER}, {@code nc}, {@code nslookup} and {@code wget} are busybox's applets;
 * otherwise nc is netcat-openbsd and nslookup is bind's (netshoot, the workstation).
 *
 * <p>A command the image has but the model does not simulate ({@code ping}, {@code tcpdump}) answers
 * {@code minicluster: ping is not simulated; ...} with exit 127 rather than pretending.
 *
 * <p>Whether curl's stdout is a terminal decides whether it draws its progress meter; by default it is a
 * terminal on the workstation and a pipe in {@code kubectl exec} (no {@code -t}). Callers that know better pass it.
 */
public final class ClientTools {

    /** Put in {@link ClientHost#executables()} of busybox-based images: nc, nslookup and wget are busybox's. */
    public static final String BUSYBOX_MARKER = "busybox";

    /** Put there too for busybox 1.28 and earlier, whose nslookup resolves through the C library. */
    public static final String BUSYBOX_LIBC_NSLOOKUP_MARKER = "busybox-1.28-nslookup";

    private final long epochSecond;
    private final Map<String, String> files;

    /**
     * @param epochSecond the simulated time, in seconds since the epoch, that dig prints in {@code ;; WHEN:}
     */
    public ClientTools(long epochSecond) {
        this(epochSecond, Map.of());
    }

    /**
     * @param files the files the tools can read where they run (the workstation's: {@code grpcurl -proto})
     */
    public ClientTools(long epochSecond, Map<String, String> files) {
        this.epochSecond = epochSecond;
        this.files = Map.copyOf(files);
    }

    /** Runs {@code argv} from where {@code net} says the client is, with stdout a terminal only on the workstation. */
    public ToolResult run(List<String> argv, NetworkView net) {
        return run(argv, net, net.client().kind() == ClientHost.Kind.WORKSTATION);
    }

    /** Runs {@code argv}; {@code stdoutIsTty} is true for the workstation's terminal or {@code kubectl exec -t}. */
    public ToolResult run(List<String> argv, NetworkView net, boolean stdoutIsTty) {
        Objects.requireNonNull(net, "net");
        if (argv.isEmpty()) {
            return ToolResult.of(0, "", "");
        }
        ClientHost client = net.client();
        String command = argv.get(0);
        String base = command.substring(command.lastIndexOf('/') + 1);
        if (!client.has(command) && !client.has(base)) {
            return notFound(client, argv);
        }
        ClientTool tool = tool(base, client, stdoutIsTty);
        if (tool == null) {
            // The image has it (ping, ip, tcpdump...), but the model does not simulate it: say so, never pretend.
            return ToolResult.of(127, "", "minicluster: " + base + " is not simulated; simulated commands: "
                    + String.join(", ", new java.util.TreeSet<>(known())) + "\n");
        }
        ObservedNetwork observed = new ObservedNetwork(net);
        return tool.run(argv, observed).observed(observed.observations());
    }

    /**
     * The files a client's image is known to hold, as {@code cat} prints them: {@code /etc/resolv.conf},
     * {@code /etc/hosts}, {@code /etc/hostname}; empty for any other path.
     */
    public static java.util.Optional<String> readFile(ClientHost client, String path) {
        List<String> lines = switch (path) {
            case "/etc/resolv.conf" -> client.resolvConf();
            case "/etc/hosts" -> client.etcHosts();
            case "/etc/hostname" -> List.of(client.hostname());
            default -> null;
        };
        if (lines == null) {
            return java.util.Optional.empty();
        }
        StringBuilder out = new StringBuilder();
        lines.forEach(line -> out.append(line).append('\n'));
        return java.util.Optional.of(out.toString());
    }

    /** The commands this class knows, whatever the image: what a ClientHost's executables may name. */
    public static Set<String> known() {
        return Set.of("curl", "wget", "nc", "dig", "nslookup", "agnhost", "grpcurl", "hostname", "cat", "echo",
                "sleep", "true", "false", "ip", "ps");
    }

    /** The tool named {@code base}, made for this client; null for a command the model does not simulate. */
    ClientTool tool(String base, ClientHost client, boolean stdoutIsTty) {
        boolean busybox = client.has(BUSYBOX_MARKER);
        return switch (base) {
            case "curl" -> new Curl(stdoutIsTty);
            case "wget" -> new Wget();
            case "nc" -> new Nc(busybox);
            case "dig" -> new Dig(epochSecond);
            case "nslookup" -> new Nslookup(client.has(BUSYBOX_LIBC_NSLOOKUP_MARKER) ? Nslookup.Flavour.BUSYBOX_LIBC
                    : busybox ? Nslookup.Flavour.BUSYBOX : Nslookup.Flavour.BIND);
            case "agnhost" -> new AgnhostConnect();
            case "grpcurl" -> new Grpcurl(files);
            case "hostname" -> new Basics.Hostname();
            // iproute2 ships ss next to ip: where ss is, ip is iproute2's (netshoot, agnhost), else busybox's.
            case "ip" -> new Ip(!client.has("ss"));
            case "ps" -> new Basics.Ps();
            case "cat" -> new Basics.Cat();
            case "echo" -> new Basics.Echo();
            case "sleep" -> new Basics.Sleep();
            case "true" -> new Basics.True();
            case "false" -> new Basics.False();
            default -> null;
        };
    }

    private static ToolResult notFound(ClientHost client, List<String> argv) {
        String command = argv.get(0);
        if (client.kind() == ClientHost.Kind.WORKSTATION) {
            return ToolResult.of(127, "", "bash: " + command + ": command not found\n");
        }
        return ToolResult.of(1, "", "error: Internal error occurred: error executing command in container: "
                + "failed to exec in container: failed to start exec \"" + execId(client, argv) + "\": "
                + "OCI runtime exec failed: exec failed: unable to start container process: exec: \"" + command
                + "\": executable file not found in $PATH: unknown\n");
    }

    /** containerd names each exec with 32 random bytes; here they come from what was run, so runs repeat. */
    static String execId(ClientHost client, List<String> argv) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update((client.hostname() + "\0" + String.join("\0", argv)).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }
}
