package academy.minicluster.labs.grade;

import academy.minicluster.labs.check.CheckKind.Matrix;
import academy.minicluster.labs.check.CheckKind.PolicyMatrix;
import academy.minicluster.labs.check.Origin;
import academy.minicluster.labs.check.Target;
import academy.minicluster.labs.probe.ProbeSet;
import academy.minicluster.labs.probe.Seen;
import academy.minicluster.net.api.ObjectRef;
import academy.minicluster.net.trace.Hop;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Evaluates a reachability {@link Matrix}: every cell (source × destination × port) is probed as a learner would
 * probe it, and the verdict is read from the probe's observations ({@link Seen}). A failed cell says which
 * connection behaved otherwise and what on its path decided it.
 */
final class MatrixCheck {

    private final Model model;
    private final Probes probes;

    MatrixCheck(Model model, Probes probes) {
        this.model = model;
        this.probes = probes;
    }

    /**
     * What the matrix found: the wrong cells (their symptoms), what decided each (their causes: the hop and the
     * policy), the first wrong one's probe, and how many cells were probed.
     */
    record Result(List<String> wrong, List<String> causes, Probes.Probe first, int cells, boolean cannotProbe) {
    }

    /** Today's {@code policyMatrix}: pods to pods on one port, read as a matrix of the same groups. */
    static Matrix of(PolicyMatrix m) {
        Map<String, Origin> sources = new LinkedHashMap<>(m.pods());
        Map<String, Target> destinations = new LinkedHashMap<>();
        m.pods().forEach((name, pods) -> destinations.put(name, new Target.Pods(pods)));
        List<Matrix.Row> rows = m.cells().stream().map(c -> new Matrix.Row(List.of(c.from()), List.of(c.to()),
                List.of(new Target.PortRef(m.port(), m.protocol())), c.allowed())).toList();
        return new Matrix(sources, destinations, rows, Matrix.Unlisted.UNCHECKED, m.run());
    }

    Result evaluate(Matrix m) {
        List<String> wrong = new ArrayList<>();
        List<String> causes = new ArrayList<>();
        Probes.Probe[] first = new Probes.Probe[1];
        int cells = 0;
        Set<String> covered = new HashSet<>();
        List<Cell> todo = new ArrayList<>();
        for (Matrix.Row row : m.rows()) {
            for (String from : row.from()) {
                for (String to : row.to()) {
                    todo.add(new Cell(from, to, row.ports(), row.allowed()));
                    covered.add(from + "\0" + to);
                }
            }
        }
        if (m.unlisted() != Matrix.Unlisted.UNCHECKED) {
            for (String from : new TreeSet<>(m.sources().keySet())) {
                for (String to : new TreeSet<>(m.destinations().keySet())) {
                    if (!covered.contains(from + "\0" + to)) {
                        todo.add(new Cell(from, to, List.of(), m.unlisted() == Matrix.Unlisted.ALLOWED));
                    }
                }
            }
        }
        for (Cell cell : todo) {
            Origin source = m.sources().get(cell.from);
            Target target = m.destinations().get(cell.to);
            List<Client> clients = clients(source);
            if (clients.isEmpty()) {
                wrong.add(cell.from + " matches no pod");
                continue;
            }
            for (Client client : clients) {
                for (Destination d : destinations(target, client, cell.ports)) {
                    if (d.problem != null) {
                        wrong.add(cell.from + " -> " + cell.to + ": " + d.problem);
                        continue;
                    }
                    String run = d.command(m.run());
                    Probes.Probe probe = client.run(probes, run);
                    if (probe.problem() != null) {
                        wrong.add(cell.from + " -> " + cell.to + ": " + probe.problem());
                        continue;
                    }
                    cells++;
                    Seen seen = Seen.of(probe.result());
                    if (seen.reply() == Seen.Reply.NOT_RUN) {
                        // The tool is missing from the source's image: that says nothing about the network.
                        return new Result(List.of("cannot probe from " + probe.where() + ": "
                                + CheckEvaluator.failureText(probe.result())), List.of(), probe, cells, true);
                    }
                    boolean allowed = d.allowed(seen);
                    if (allowed != cell.allowed) {
                        wrong.add(cell.from + " -> " + cell.to + " (" + client.name + " -> " + d.describe + ") "
                                + (cell.allowed ? "is blocked, must be allowed" : "is allowed, must be blocked"));
                        causes.add(cell.from + " -> " + cell.to + why(probe, cell.allowed, seen));
                        if (first[0] == null) {
                            first[0] = probe;
                        }
                    }
                }
            }
        }
        return new Result(wrong, causes, first[0], cells, false);
    }

    private record Cell(String from, String to, List<Target.PortRef> ports, boolean allowed) {
    }

    /** Where a cell's probes run from: one pod of a source group, a node, or the workstation. */
    private record Client(String name, Origin origin, Pod pod, String container) {
        Probes.Probe run(Probes probes, String command) {
            return pod != null ? probes.inPod(pod, container, command) : probes.run(origin, command);
        }
    }

    private List<Client> clients(Origin source) {
        if (source instanceof Origin.FromPod g) {
            return group(g).stream().map(p -> new Client(Model.name(p), source, p, g.container())).toList();
        }
        String name = source instanceof Origin.FromNode n ? "node " + n.node() : "workstation";
        return List.of(new Client(name, source, null, null));
    }

    List<Pod> group(Origin.FromPod g) {
        if (g.name() != null) {
            return model.pod(g.namespace(), g.name()).map(List::of).orElse(List.of());
        }
        return model.pods(g.namespace(), g.selector());
    }

    /** One address and port a cell probes, and how its probe reads as allowed. */
    private record Destination(String describe, String ip, Target.PortRef port, Target target, String problem,
                               String command) {
        String command(String podRun) {
            if (command != null) {
                return command;
            }
            String run = podRun.equals(Matrix.defaultRun("TCP")) ? Matrix.defaultRun(port.protocol()) : podRun;
            return run.replace("{ip}", ip).replace("{port}", String.valueOf(port.port()));
        }

        boolean allowed(Seen seen) {
            if (target instanceof Target.Ingress) {
                // A pod answered: not ingress-nginx's own 404, 503 or redirect.
                return seen.servedBy().isPresent();
            }
            if (target instanceof Target.Dns) {
                return seen.reached();
            }
            return seen.reply() == Seen.Reply.CONNECTS;
        }

        static Destination missing(String problem) {
            return new Destination("", "", null, null, problem, null);
        }
    }

    private List<Destination> destinations(Target target, Client client, List<Target.PortRef> ports) {
        List<Destination> out = new ArrayList<>();
        if (target instanceof Target.Pods t) {
            List<Pod> pods = group(t.pods());
            if (pods.isEmpty()) {
                return List.of(Destination.missing(t.pods().describe() + " matches no pod"));
            }
            for (Pod dst : pods) {
                if (dst == client.pod || Model.ip(dst) == null) {
                    continue;
                }
                for (Target.PortRef port : ports.isEmpty() ? declared(dst) : ports) {
                    out.add(new Destination(Model.name(dst) + " " + Model.ip(dst) + ":" + port.port() + "/"
                            + port.protocol(), Model.ip(dst), port, target, null, null));
                }
            }
            return out;
        }
        if (target instanceof Target.Service s) {
            Optional<Service> svc = model.service(s.namespace(), s.name());
            if (svc.isEmpty()) {
                return List.of(Destination.missing("Service " + s.namespace() + "/" + s.name() + " does not exist"));
            }
            String ip = svc.get().getSpec().getClusterIP();
            for (Target.PortRef port : ports.isEmpty() ? servicePorts(svc.get()) : ports) {
                out.add(new Destination("Service " + s.name() + " " + ip + ":" + port.port() + "/" + port.protocol(),
                        ip, port, target, null, Probes.nc(ip, port.port(), port.protocol())));
            }
            return out;
        }
        if (target instanceof Target.Ingress i) {
            Optional<String> address = probes.ingressAddress();
            if (address.isEmpty()) {
                return List.of(Destination.missing("ingress-nginx has no load-balancer address"));
            }
            String url = (i.tls() ? "https://" : "http://") + (i.host().isEmpty() ? address.get() : i.host())
                    + i.path();
            out.add(new Destination(url, address.get(), i.defaultPorts().get(0), target, null,
                    Probes.ingressCurl(address.get(), i.host(), i.path(), i.tls())));
            return out;
        }
        if (target instanceof Target.Dns d) {
            out.add(new Destination("nslookup " + d.name(), "", d.defaultPorts().get(0), target, null,
                    "nslookup " + d.name()));
            return out;
        }
        for (Target.PortRef port : ports.isEmpty() ? target.defaultPorts() : ports) {
            out.add(new Destination("the API server " + Target.ApiServer.ADDRESS + ":" + port.port(),
                    Target.ApiServer.ADDRESS, port, target, null,
                    Probes.nc(Target.ApiServer.ADDRESS, port.port(), port.protocol())));
        }
        return out;
    }

    /** The ports a pod declares (containerPorts of all its containers), in order. */
    static List<Target.PortRef> declared(Pod pod) {
        return ProbeSet.declaredPorts(pod).stream().map(p -> new Target.PortRef(p.number(), p.protocol())).toList();
    }

    static List<Target.PortRef> servicePorts(Service s) {
        return s.getSpec().getPorts().stream().map((ServicePort p) -> new Target.PortRef(p.getPort(),
                p.getProtocol() == null ? "TCP" : p.getProtocol())).toList();
    }

    /**
     * What decided a wrong cell: for a blocked one, the first hop that stopped it; for an allowed one, the last
     * policy hop (the policy that let it through, or "not isolated"); else how the probe ended.
     */
    private static String why(Probes.Probe probe, boolean mustAllow, Seen seen) {
        List<Hop> trace = probe.result().trace();
        Optional<Hop> decided = mustAllow ? trace.stream().filter(h -> !h.passed()).findFirst()
                : trace.stream().filter(h -> h.stage() == Hop.Stage.POLICY).reduce((a, b) -> b);
        if (decided.isPresent()) {
            Hop h = decided.get();
            return ": " + h.decision() + (h.decidedBy().isEmpty() ? "" : " (" + h.decidedBy().stream()
                    .map(ObjectRef::toString).collect(Collectors.joining(", ")) + ")");
        }
        return mustAllow ? ": it " + seen.reply().words() : "";
    }
}
