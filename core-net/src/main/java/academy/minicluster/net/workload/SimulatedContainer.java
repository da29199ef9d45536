package academy.minicluster.net.workload;

import academy.minicluster.net.api.SimulatedClock;
import academy.minicluster.net.dataplane.dns.ZoneAnswer;
import academy.minicluster.net.probe.TlsHandshake;
import academy.minicluster.net.wire.HttpRequest;
import academy.minicluster.net.wire.HttpResponse;
import academy.minicluster.net.wire.Protocol;
import academy.minicluster.net.wire.RecordType;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.ExecAction;
import io.fabric8.kubernetes.api.model.HTTPGetAction;
import io.fabric8.kubernetes.api.model.HTTPHeader;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Probe;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One container of a pod as the node runs it: what its image's program listens on and answers, what it logs, what
 * commands it carries, and whether it runs at all.
 *
 * <h2>What decides behaviour</h2>
 * The image (recognised by repository name, whatever the registry, tag or digest), its real ENTRYPOINT and CMD
 * combined with the pod's {@code command} and {@code args} as Kubernetes combines them (see {@link ImageConfig}),
 * {@code $(VAR)} expanded as the kubelet does, and the environment (including downward-API {@code fieldRef}s).
 * Never {@code containerPort}: a real process ignores it, so declaring 8080 for nginx does not make nginx listen on
 * 8080, and a Service targeting 8080 is refused, which is what a learner must discover.
 *
 * <h2>Known images</h2>
 * nginx (80), hashicorp/http-echo ({@code -listen}, default :5678), agnhost {@code netexec} (8080/TCP HTTP, 8081/UDP,
 * optional SCTP), {@code serve-hostname} (9376, HTTP or raw TCP/UDP), {@code porter} (ports from
 * {@code SERVE_*_PORT_<n>} variables, SCTP included), {@code pause}, {@code connect} (a client
 * that exits), traefik/whoami ({@code --port}, default 80), the client images busybox, curlimages/curl and
 * nicolaka/netshoot (listening on nothing), registry.k8s.io/pause; coredns/coredns (DNS from the cluster's zone),
 * the ingress-nginx controller and Envoy Gateway's proxy (routing and proxying from their compiled routes), which
 * read their configuration and reach their upstreams through the {@link Surroundings} the data plane hands them.
 *
 * <h2>An image the model does not know</h2>
 * It is simulated as a generic HTTP server on each {@code containerPort} declared with protocol TCP, answering any
 * path with 200 and {@code Hello from <pod name>}; it carries a minimal shell ({@code sh cat echo env hostname ls
 * sleep}) and no network tools. Its {@code kubectl logs} begins with a line saying that the image is not known and
 * how it is simulated, so the simplification is never mistaken for the real image's behaviour. This keeps labs that
 * use an arbitrary application image working while staying honest.
 *
 * <h2>Logs</h2>
 * {@link #startupLog()} is what the process prints at start; {@link #accessLog()} grows by one line per request a
 * server logs, in the image's own format and with the client address the server saw (after SNAT). Kubelet probes
 * are not logged: the model evaluates them once per state change rather than every {@code periodSeconds}.
 */
public final class SimulatedContainer {

    private final ImageKind kind;
    private final String containerName;
    private final List<String> argv;
    private final Map<String, String> environment;
    private final Set<String> executables;
    private final List<ContainerPort> ports;
    private final ProcessContext context;
    private final Process process;
    /**
     * The process's sockets, asked once: every process is immutable, and every connection to the pod looks its
     * port up here (listensOn, proxiesOn, serveHttp).
     */
    private final List<Listener> listeners;
    /** Whether the container keeps its standard input open ({@code stdin: true}): some programs wait on it. */
    private final boolean stdin;
    private final List<String> accessLog = new ArrayList<>();
    /** Bytes of {@link #accessLog}, newlines counted; kept under {@link #maxLogBytes} by rotation. */
    private long accessLogBytes;
    /** The kubelet's {@code containerLogMaxSize} for this container (the cluster's {@code max-log-bytes}). */
    private long maxLogBytes = Long.MAX_VALUE;
    /** What the container's command printed, when something ran it for real (a node debug container); else null. */
    private String output;

    private SimulatedContainer(Pod pod, Container container, Map<String, String> serviceEnvironment) {
        Objects.requireNonNull(pod, "pod");
        Objects.requireNonNull(container, "container");
        String image = container.getImage() == null ? "" : container.getImage();
        this.kind = ImageKind.of(image);
        this.containerName = container.getName();
        this.ports = container.getPorts() == null ? List.of() : List.copyOf(container.getPorts());
        this.executables = Executables.of(kind);
        ImageConfig config = ImageConfig.of(kind);
        Map<String, String> kubeletVariables =
                ContainerEnvironment.kubeletVariables(pod, container, serviceEnvironment);
        String hostname = hostname(pod);
        this.environment = Collections.unmodifiableMap(
                ContainerEnvironment.processEnvironment(config.env(), hostname, kubeletVariables));
        List<String> command = expandAll(container.getCommand(), kubeletVariables);
        List<String> args = expandAll(container.getArgs(), kubeletVariables);
        this.argv = config.argv(command, args);
        String podName = pod.getMetadata() == null ? "" : nullToEmpty(pod.getMetadata().getName());
        String podIp = pod.getStatus() == null ? "" : nullToEmpty(pod.getStatus().getPodIP());
        this.context = new ProcessContext(image, podName, hostname, podIp, startedAt(pod), environment, ports);
        this.stdin = Boolean.TRUE.equals(container.getStdin());
        this.process = launch(kind, ports, executables, environment, stdin, hostname, argv);
        this.listeners = process.listeners();
    }

    /** The image's program, started as the runtime starts it: a function of what the container was started with. */
    private static Process launch(ImageKind kind, List<ContainerPort> ports, Set<String> executables,
                                  Map<String, String> environment, boolean stdin, String hostname, List<String> argv) {
        return switch (kind) {
            case COREDNS -> new CoreDnsProcess();
            case INGRESS_NGINX_CONTROLLER -> new IngressControllerProcess();
            case ENVOY_GATEWAY, ENVOY_PROXY -> new EnvoyProcess(kind == ImageKind.ENVOY_PROXY, ports.stream()
                    .filter(p -> Protocol.parse(p.getProtocol()) == Protocol.TCP && p.getContainerPort() != null)
                    .map(ContainerPort::getContainerPort).toList());
            case UNKNOWN -> new GenericHttpProcess(ports.stream()
                    .filter(p -> Protocol.parse(p.getProtocol()) == Protocol.TCP && p.getContainerPort() != null)
                    .map(ContainerPort::getContainerPort).toList());
            default -> new Launcher(executables, environment, stdin, hostname).launch(argv);
        };
    }

    /**
     * Writes what the container was started with (image kind, argv, environment, ports, where it runs) and what it
     * has done since (its log): {@link #readState} starts the same program again, which holds no state of its own.
     */
    public void writeState(academy.minicluster.net.api.StateWriter out) {
        out.writeString(kind.name());
        out.writeString(containerName);
        out.writeStrings(argv);
        out.writeStringMap(environment);
        out.writeObject(ports);
        out.writeBoolean(stdin);
        out.writeString(context.image());
        out.writeString(context.podName());
        out.writeString(context.hostname());
        out.writeString(context.podIp());
        out.writeLong(context.startedAt());
        out.writeStrings(accessLog);
        out.writeLong(accessLogBytes);
        out.writeLong(maxLogBytes);
        out.writeString(output);
    }

    /**
     * The container {@link #writeState} wrote. When {@code base} (the same pod's container in the cluster a fork
     * would stand on, or null) was started with the same image, argv, environment, ports and place, the container
     * shares what it was started with, as a fork's copy does; only its log is its own.
     */
    public static SimulatedContainer readState(academy.minicluster.net.api.StateReader in, SimulatedContainer base) {
        return new SimulatedContainer(in, base);
    }

    private SimulatedContainer(academy.minicluster.net.api.StateReader in, SimulatedContainer base) {
        ImageKind readKind = ImageKind.valueOf(in.readString());
        String readName = in.readString();
        List<String> readArgv = Collections.unmodifiableList(in.readStrings(new ArrayList<>()));
        Map<String, String> readEnvironment = Collections.unmodifiableMap(in.readStringMap(new LinkedHashMap<>()));
        @SuppressWarnings("unchecked")
        List<ContainerPort> declared = (List<ContainerPort>) in.readObject();
        List<ContainerPort> readPorts = List.copyOf(declared);
        boolean readStdin = in.readBoolean();
        ProcessContext readContext = new ProcessContext(in.readString(), in.readString(), in.readString(),
                in.readString(), in.readLong(), readEnvironment, readPorts);
        boolean same = base != null && base.kind == readKind && base.containerName.equals(readName)
                && base.argv.equals(readArgv) && base.environment.equals(readEnvironment)
                && base.ports.equals(readPorts) && base.stdin == readStdin && base.context.equals(readContext)
                && List.copyOf(base.environment.keySet()).equals(List.copyOf(readEnvironment.keySet()));
        this.kind = readKind;
        this.stdin = readStdin;
        this.containerName = same ? base.containerName : readName;
        this.argv = same ? base.argv : readArgv;
        this.environment = same ? base.environment : readEnvironment;
        this.ports = same ? base.ports : readPorts;
        this.context = same ? base.context : readContext;
        this.executables = same ? base.executables : Executables.of(kind);
        this.process = same ? base.process
                : launch(kind, ports, executables, environment, stdin, readContext.hostname(), argv);
        this.listeners = process.listeners();
        in.readStrings(accessLog);
        this.accessLogBytes = in.readLong();
        this.maxLogBytes = in.readLong();
        this.output = in.readString();
    }

    /**
     * The same container in a forked cluster: what it was started with is shared (none of it changes after start),
     * its access log is copied.
     */
    private SimulatedContainer(SimulatedContainer original) {
        this.kind = original.kind;
        this.containerName = original.containerName;
        this.argv = original.argv;
        this.environment = original.environment;
        this.executables = original.executables;
        this.ports = original.ports;
        this.context = original.context;
        this.process = original.process;
        this.listeners = original.listeners;
        this.stdin = original.stdin;
        this.accessLog.addAll(original.accessLog);
        this.accessLogBytes = original.accessLogBytes;
        this.maxLogBytes = original.maxLogBytes;
        this.output = original.output;
    }

    /** A copy for a forked cluster: it goes on from the same state, and what either one serves leaves the other alone. */
    public SimulatedContainer copy() {
        return new SimulatedContainer(this);
    }

    /** The container as it runs in {@code pod} (whose {@code status.podIP} and {@code spec.nodeName} are set). */
    public static SimulatedContainer of(Pod pod, Container container) {
        return new SimulatedContainer(pod, container, Map.of());
    }

    /**
     * The same, with the Service environment variables the kubelet injects ({@code KUBERNETES_SERVICE_HOST},
     * {@code WEB_SERVICE_PORT}, ...), which the caller computes from the Services of the pod's namespace.
     */
    public static SimulatedContainer of(Pod pod, Container container, Map<String, String> serviceEnvironment) {
        return new SimulatedContainer(pod, container, serviceEnvironment);
    }

    public ImageKind kind() {
        return kind;
    }

    /** What runs in it, as a trace names it ({@code nginx}, {@code CoreDNS}, ...): the image's program. */
    public String label() {
        return kind.label();
    }

    /** The image reference as the pod names it. */
    public String image() {
        return context.image();
    }

    public String name() {
        return containerName;
    }

    /** The argv the runtime starts: ENTRYPOINT/CMD combined with command/args, {@code $(VAR)} expanded. */
    public List<String> argv() {
        return argv;
    }

    /** The process environment: image ENV, {@code HOSTNAME}, then Service variables and {@code env}. */
    public Map<String, String> environment() {
        return environment;
    }

    /** What {@code hostname} prints in the container. */
    public String hostname() {
        return context.hostname();
    }

    public List<Listener> listeners() {
        return listeners;
    }

    public boolean listensOn(int port, Protocol protocol) {
        return listener(port, protocol).isPresent();
    }

    public Optional<Listener> listener(int port, Protocol protocol) {
        for (Listener l : listeners) {
            if (l.port() == port && l.protocol() == protocol) {
                return Optional.of(l);
            }
        }
        return Optional.empty();
    }

    /**
     * The HTTP answer of the server listening on {@code conn.serverPort()}; empty when nothing speaks HTTP there
     * (no listener, a raw TCP server, or a DNS/ingress marker the cluster serves itself). A {@code HEAD} request gets
     * the headers without the body.
     */
    public Optional<HttpResponse> serveHttp(HttpRequest request, ConnectionInfo conn) {
        Optional<Listener> listener = listener(conn.serverPort(), Protocol.TCP);
        if (listener.isEmpty() || listener.get().kind() != Listener.Kind.HTTP) {
            return Optional.empty();
        }
        int before = accessLog.size();
        Optional<HttpResponse> response = process.serveHttp(request, conn, context, accessLog)
                .map(r -> request.method().equals("HEAD") ? new HttpResponse(r.status(), r.reason(), r.headers(), "")
                        : r);
        rotate(before);
        return response;
    }

    /**
     * Whether {@code port} is one of the process's proxy listeners: what it does with a request there (the route,
     * the upstream, its own error pages) it adds to the trace itself, where a plain server is one "answered" hop.
     */
    public boolean proxiesOn(int port) {
        return listener(port, Protocol.TCP).map(l -> l.kind() == Listener.Kind.INGRESS_CONTROLLER).orElse(false);
    }

    /** A request on a proxy listener ({@link #proxiesOn}); empty when the proxy closes without an answer. */
    public Optional<HttpResponse> proxy(ProxiedRequest request, Surroundings around) {
        return proxiesOn(request.conn().serverPort()) ? process.proxy(request, around) : Optional.empty();
    }

    /** A TLS handshake on a proxy listener; empty when the port speaks plain text. */
    public Optional<TlsHandshake> handshake(TlsHello hello, Surroundings around) {
        return proxiesOn(hello.conn().serverPort()) ? process.handshake(hello, around) : Optional.empty();
    }

    /** A DNS question to {@code port}; empty when no DNS server listens there. */
    public Optional<ZoneAnswer> answerDns(int port, String name, RecordType type, Surroundings around) {
        boolean dns = listener(port, Protocol.UDP).or(() -> listener(port, Protocol.TCP))
                .map(l -> l.kind() == Listener.Kind.DNS).orElse(false);
        return dns ? process.answerDns(name, type, around) : Optional.empty();
    }

    /**
     * The answer of a raw TCP, UDP or SCTP server to {@code payload}; empty when none listens there or the server
     * sends nothing back (netexec ignores an unknown UDP command).
     */
    public Optional<String> serveRaw(int port, Protocol protocol, String payload, ConnectionInfo conn) {
        Optional<Listener> listener = listener(port, protocol);
        if (listener.isEmpty() || listener.get().kind() == Listener.Kind.HTTP) {
            return Optional.empty();
        }
        int before = accessLog.size();
        Optional<String> answer = process.serveRaw(new RawPayload(protocol, payload), conn, context, accessLog);
        rotate(before);
        return answer;
    }

    /** Holds this container's log to {@code maxBytes}, as the kubelet's {@code containerLogMaxSize} does. */
    public void limitLog(long maxBytes) {
        this.maxLogBytes = maxBytes;
        rotate(accessLog.size());
    }

    /**
     * Counts the lines logged since {@code from} and, past {@link #maxLogBytes}, drops the oldest: {@code kubectl
     * logs} reads the current file only, so what the kubelet rotated away is gone from it, as on a real node.
     */
    private void rotate(int from) {
        for (int i = from; i < accessLog.size(); i++) {
            accessLogBytes += accessLog.get(i).length() + 1L;
        }
        int drop = 0;
        while (accessLogBytes > maxLogBytes && drop < accessLog.size()) {
            accessLogBytes -= accessLog.get(drop).length() + 1L;
            drop++;
        }
        if (drop > 0) {
            accessLog.subList(0, drop).clear();
        }
    }

    /** The commands the image carries ({@code $PATH} names, and its own binaries as absolute paths). */
    public Set<String> executables() {
        return executables;
    }

    /** Whether {@code kubectl exec -- command ...} can start {@code command} in this container. */
    public boolean hasExecutable(String command) {
        return Executables.contains(executables, command);
    }

    /**
     * The runtime's message for a command the image lacks: {@code exec: "curl": executable file not found in $PATH}.
     */
    public static String executableNotFound(String command) {
        return Executables.notFoundMessage(command);
    }

    public List<String> startupLog() {
        return process.startupLog(context);
    }

    /** The access-log lines so far, oldest first. */
    public List<String> accessLog() {
        return Collections.unmodifiableList(accessLog);
    }

    /** The commands in {@code $PATH} of an image, without running it: for debug containers on a node. */
    public static Set<String> executablesOf(String image) {
        return Executables.of(ImageKind.of(image));
    }

    /** {@code kubectl logs}: startup lines (or the recorded output of the command), then access lines. */
    public List<String> logs() {
        List<String> all = new ArrayList<>(output == null ? startupLog() : output.lines().toList());
        all.addAll(accessLog);
        return all;
    }

    /**
     * Keeps what the container's command printed (standard output, then standard error) as its log: for a node
     * debug container, whose command the terminal ran in the node's namespaces, the output the learner saw is what
     * the kubelet captured. Replaces the log the model would otherwise simulate from the command line.
     */
    public void recordOutput(String text) {
        this.output = Objects.requireNonNull(text, "text");
    }

    /**
     * Whether the log ends in the middle of a line ({@code curl -w '%{http_code}'} prints no newline): the container
     * runtime keeps such a partial line as it is, and {@code kubectl logs} prints it without adding one.
     */
    public boolean logEndsMidLine() {
        return output != null && accessLog.isEmpty() && !output.isEmpty() && !output.endsWith("\n");
    }

    public ContainerState state() {
        return process.state();
    }

    public boolean isRunning() {
        return process.state().isRunning();
    }

    /** Why the container is not running (the terminated reason and message), empty when it runs. */
    public Optional<String> notRunningReason() {
        if (process.state() instanceof ContainerState.Terminated t) {
            String detail = t.message().isEmpty() ? "" : ": " + t.message();
            return Optional.of(t.reason() + " (exit code " + t.exitCode() + ")" + detail);
        }
        return Optional.empty();
    }

    /** A readiness probe: {@link #probe(ProbeResult.ProbeType, Probe, String)} worded as "Readiness". */
    public ProbeResult probe(Probe probe, String podIp) {
        return probe(ProbeResult.ProbeType.READINESS, probe, podIp);
    }

    /**
     * Evaluates a kubelet probe against this container, with the kubelet's own outcome and wording
     * ({@code pkg/probe/http}, {@code pkg/probe/tcp}, {@code pkg/kubelet/prober}):
     * <ul>
     *   <li>{@code httpGet}: the port is a number or a name resolved against this container's {@code ports}; success
     *       on a status from 200 to 399; {@code HTTP probe failed with statuscode: 404};
     *       {@code Get "http://10.244.1.3:8080/healthz": dial tcp 10.244.1.3:8080: connect: connection refused}
     *       when nothing listens; {@code http: server gave HTTP response to HTTPS client} for {@code scheme: HTTPS}
     *       against a plain server;</li>
     *   <li>{@code tcpSocket}: success when something listens, else
     *       {@code dial tcp 10.244.1.3:81: connect: connection refused};</li>
     *   <li>{@code exec}: a command the image lacks errors as the runtime says; {@code false} fails; {@code curl} and
     *       {@code wget} against {@code localhost} are answered by this container; any other present command
     *       ({@code cat <file>}, {@code true}, {@code test}, ...) is taken to succeed, since the model has no
     *       filesystem;</li>
     *   <li>{@code grpc}: treated as a TCP connect.</li>
     * </ul>
     * The kubelet does not probe a container that is not running: that is a failure with no message.
     */
    public ProbeResult probe(ProbeResult.ProbeType type, Probe probe, String podIp) {
        Objects.requireNonNull(type, "type");
        if (probe == null) {
            return ProbeResult.SUCCESS;
        }
        if (!isRunning()) {
            return new ProbeResult(false, "");
        }
        if (probe.getHttpGet() != null) {
            return httpProbe(type, probe.getHttpGet(), podIp);
        }
        if (probe.getTcpSocket() != null) {
            return tcpProbe(type, probe.getTcpSocket().getPort(), podIp);
        }
        if (probe.getGrpc() != null && probe.getGrpc().getPort() != null) {
            return tcpProbe(type, new IntOrString(probe.getGrpc().getPort()), podIp);
        }
        if (probe.getExec() != null) {
            return execProbe(type, probe.getExec());
        }
        return ProbeResult.SUCCESS;
    }

    private ProbeResult tcpProbe(ProbeResult.ProbeType type, IntOrString portSpec, String podIp) {
        PortOrError port = resolvePort(portSpec);
        if (port.error != null) {
            return ProbeResult.errored(type, port.error);
        }
        if (listensOn(port.number, Protocol.TCP)) {
            return ProbeResult.SUCCESS;
        }
        return ProbeResult.failed(type, "dial tcp " + ConnectionInfo.hostPort(podIp, port.number)
                + ": connect: connection refused");
    }

    private ProbeResult httpProbe(ProbeResult.ProbeType type, HTTPGetAction action, String podIp) {
        PortOrError port = resolvePort(action.getPort());
        if (port.error != null) {
            return ProbeResult.errored(type, port.error);
        }
        String scheme = action.getScheme() == null ? "http" : action.getScheme().toLowerCase(java.util.Locale.ROOT);
        String host = action.getHost() == null || action.getHost().isEmpty() ? podIp : action.getHost();
        String path = action.getPath() == null || action.getPath().isEmpty() ? "/" : action.getPath();
        if (!path.startsWith("/")) {
            path = "/" + path;
        }
        String hostPort = ConnectionInfo.hostPort(host, port.number);
        String url = scheme + "://" + hostPort + path;
        Optional<Listener> listener = listener(port.number, Protocol.TCP);
        if (listener.isEmpty()) {
            return ProbeResult.failed(type, "Get \"" + url + "\": dial tcp " + hostPort
                    + ": connect: connection refused");
        }
        if (scheme.equals("https")) {
            return ProbeResult.failed(type, "Get \"" + url + "\": http: server gave HTTP response to HTTPS client");
        }
        if (listener.get().kind() == Listener.Kind.RAW_TCP) {
            return ProbeResult.failed(type, "Get \"" + url + "\": net/http: HTTP/1.x transport connection broken: "
                    + "malformed HTTP response \"" + hostname() + "\"");
        }
        if (listener.get().kind() != Listener.Kind.HTTP) {
            return ProbeResult.SUCCESS; // DNS or ingress markers: their own models answer; assume healthy
        }
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Host", hostPort);
        headers.put("User-Agent", "kube-probe/1.33");
        headers.put("Accept", "*/*");
        if (action.getHttpHeaders() != null) {
            for (HTTPHeader h : action.getHttpHeaders()) {
                headers.put(h.getName(), h.getValue());
            }
        }
        HttpRequest request = new HttpRequest("GET", path, headers, "");
        ConnectionInfo conn = new ConnectionInfo(gatewayOf(host), 40000, host, port.number, context.startedAt());
        Optional<HttpResponse> response = process.serveHttp(request, conn, context, new ArrayList<>());
        int status = response.map(HttpResponse::status).orElse(404);
        if (status >= 200 && status < 400) {
            return ProbeResult.SUCCESS;
        }
        return ProbeResult.failed(type, "HTTP probe failed with statuscode: " + status);
    }

    /** Exec probes: see {@link #probe(ProbeResult.ProbeType, Probe, String)}. */
    private ProbeResult execProbe(ProbeResult.ProbeType type, ExecAction exec) {
        List<String> command = exec.getCommand() == null ? List.of() : exec.getCommand();
        if (command.isEmpty()) {
            return ProbeResult.errored(type, "rpc error: code = Unknown desc = failed to exec in container: "
                    + "no command specified");
        }
        String program = command.get(0);
        if (!hasExecutable(program)) {
            return ProbeResult.errored(type, "rpc error: code = Unknown desc = failed to exec in container: "
                    + "failed to start exec: OCI runtime exec failed: exec failed: unable to start container "
                    + "process: " + Executables.notFoundMessage(program) + ": unknown");
        }
        String base = program.substring(program.lastIndexOf('/') + 1);
        if ((base.equals("sh") || base.equals("bash") || base.equals("ash")) && command.size() >= 3
                && command.get(1).equals("-c")) {
            List<String> scriptCommands = Launcher.splitCommands(command.get(2));
            List<String> words = scriptCommands.isEmpty() ? List.of() : Launcher.words(scriptCommands.get(0));
            if (!words.isEmpty()) {
                Probe inner = new Probe();
                inner.setExec(new ExecAction(words));
                return execProbe(type, inner.getExec());
            }
        }
        return switch (base) {
            case "false" -> ProbeResult.failed(type, "");
            case "curl", "wget" -> localHttp(type, base, command.subList(1, command.size()));
            default -> ProbeResult.SUCCESS;
        };
    }

    /** {@code curl [-f] http://localhost:8080/healthz} or {@code wget -q -O- ...} run inside this container. */
    private ProbeResult localHttp(ProbeResult.ProbeType type, String tool, List<String> args) {
        String url = args.stream().filter(a -> !a.startsWith("-") && (a.contains("localhost")
                || a.contains("127.0.0.1"))).findFirst().orElse(null);
        if (url == null) {
            return ProbeResult.SUCCESS; // a remote target: the model does not evaluate it here
        }
        String rest = url.replaceFirst("^[a-z]+://", "");
        int slash = rest.indexOf('/');
        String authority = slash < 0 ? rest : rest.substring(0, slash);
        String path = slash < 0 ? "/" : rest.substring(slash);
        int colon = authority.lastIndexOf(':');
        Integer port = colon < 0 ? Integer.valueOf(80) : Flags.integer(authority.substring(colon + 1));
        String hostName = colon < 0 ? authority : authority.substring(0, colon);
        if (port == null) {
            return ProbeResult.failed(type, "");
        }
        Optional<Listener> listener = listener(port, Protocol.TCP);
        if (listener.isEmpty() || listener.get().kind() != Listener.Kind.HTTP) {
            return ProbeResult.failed(type, tool.equals("curl")
                    ? "curl: (7) Failed to connect to " + hostName + " port " + port
                    + " after 0 ms: Couldn't connect to server\n"
                    : "wget: can't connect to remote host (127.0.0.1): Connection refused\n");
        }
        HttpRequest request = new HttpRequest("GET", path, Map.of("Host", authority,
                "User-Agent", tool.equals("curl") ? "curl/8.14.1" : "Wget", "Accept", "*/*"), "");
        ConnectionInfo conn = new ConnectionInfo("127.0.0.1", 40000, "127.0.0.1", port, context.startedAt());
        int status = process.serveHttp(request, conn, context, new ArrayList<>())
                .map(HttpResponse::status).orElse(404);
        boolean failOnError = tool.equals("wget") || args.stream().anyMatch(a -> a.equals("-f") || a.equals("--fail")
                || (a.startsWith("-") && !a.startsWith("--") && a.contains("f")));
        if (status >= 400 && failOnError) {
            return ProbeResult.failed(type, tool.equals("curl")
                    ? "curl: (22) The requested URL returned error: " + status + "\n"
                    : "wget: server returned error: HTTP/1.1 " + status + " " + HttpResponse.reasonPhrase(status)
                    + "\n");
        }
        return ProbeResult.SUCCESS;
    }

    private record PortOrError(int number, String error) {
    }

    /** {@code pkg/probe.ResolveContainerPort}: a number, or a name looked up in this container's {@code ports}. */
    private PortOrError resolvePort(IntOrString spec) {
        if (spec == null) {
            return new PortOrError(-1, "invalid port number: -1");
        }
        int port;
        if (spec.getStrVal() != null) {
            String name = spec.getStrVal();
            Integer found = ports.stream().filter(p -> name.equals(p.getName()))
                    .map(ContainerPort::getContainerPort).filter(Objects::nonNull).findFirst().orElse(null);
            if (found == null) {
                found = Flags.integer(name);
                if (found == null) {
                    return new PortOrError(-1, "strconv.Atoi: parsing \"" + name + "\": invalid syntax");
                }
            }
            port = found;
        } else {
            port = spec.getIntVal() == null ? -1 : spec.getIntVal();
        }
        if (port > 0 && port < 65536) {
            return new PortOrError(port, null);
        }
        return new PortOrError(port, "invalid port number: " + port);
    }

    /** The node side of a pod's veth (the .1 of its /24), where kubelet probes come from. */
    private static String gatewayOf(String ip) {
        int dot = ip.lastIndexOf('.');
        return dot < 0 ? ip : ip.substring(0, dot) + ".1";
    }

    private static String hostname(Pod pod) {
        var spec = pod.getSpec();
        var meta = pod.getMetadata();
        if (spec != null && Boolean.TRUE.equals(spec.getHostNetwork()) && spec.getNodeName() != null) {
            return spec.getNodeName();
        }
        if (spec != null && spec.getHostname() != null && !spec.getHostname().isEmpty()) {
            return spec.getHostname();
        }
        String name = meta == null ? "" : nullToEmpty(meta.getName());
        return name.length() > 63 ? name.substring(0, 63) : name;
    }

    private static long startedAt(Pod pod) {
        String stamp = pod.getStatus() != null && pod.getStatus().getStartTime() != null
                ? pod.getStatus().getStartTime()
                : pod.getMetadata() != null ? pod.getMetadata().getCreationTimestamp() : null;
        if (stamp == null) {
            return 0;
        }
        try {
            return SimulatedClock.epochSecondOf(stamp);
        } catch (DateTimeParseException e) {
            return 0;
        }
    }

    private static List<String> expandAll(List<String> values, Map<String, String> variables) {
        if (values == null) {
            return List.of();
        }
        return values.stream().map(v -> Expansion.expand(v == null ? "" : v, variables)).toList();
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }

    @Override
    public String toString() {
        return "SimulatedContainer[" + containerName + " " + kind + " " + argv + " " + process.state() + "]";
    }
}
