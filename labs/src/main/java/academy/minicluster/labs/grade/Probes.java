package academy.minicluster.labs.grade;

import academy.minicluster.labs.check.Origin;
import academy.minicluster.labs.probe.ProbeSet;
import academy.minicluster.labs.probe.Seen;
import academy.minicluster.net.shell.Shell;
import academy.minicluster.net.shell.ShellResult;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Runs a check's probes where a learner would run them: in a pod as {@code kubectl exec} does, on a node as
 * {@code kubectl debug node/...} does (without leaving a debugging pod), or at the workstation's prompt. Each
 * probe is named by the command line a learner would type to see the same thing.
 */
final class Probes {

    /** The Service whose load-balancer address reaches ingress-nginx from the workstation. */
    static final String INGRESS_NAMESPACE = ProbeSet.INGRESS_NAMESPACE;
    static final String INGRESS_SERVICE = ProbeSet.INGRESS_SERVICE;

    private final Shell shell;
    private final Model model;
    private final Consumer<Probe> ran;

    Probes(Shell shell, Model model) {
        this(shell, model, p -> { });
    }

    /** Probes that also hand each probe they ran to {@code ran} (tests compare its verdict with the tool's). */
    Probes(Shell shell, Model model, Consumer<Probe> ran) {
        this.shell = shell;
        this.model = model;
        this.ran = ran;
    }

    /** A command that ran for a check: where from, the line a learner would type, and what came back. */
    record Probe(String where, String command, ShellResult result, String problem) {
        Seen seen() {
            return Seen.of(result);
        }
    }

    Probe run(Origin from, String run) {
        if (from instanceof Origin.FromWorkstation) {
            return done(new Probe("the workstation", run, shell.execute(run), null));
        }
        if (from instanceof Origin.FromNode n) {
            // What a learner would type; run without the debugging pod kubectl leaves, so probing changes nothing.
            String cmd = "kubectl debug node/" + n.node() + " -it --image=nicolaka/netshoot -- " + run;
            return done(new Probe("node " + n.node(), cmd, shell.onNode(n.node(), "nicolaka/netshoot", run, cmd), null));
        }
        Origin.FromPod p = (Origin.FromPod) from;
        Optional<Pod> pod = p.name() != null ? model.pod(p.namespace(), p.name())
                : model.pods(p.namespace(), p.selector()).stream().findFirst();
        if (pod.isEmpty()) {
            return new Probe(p.describe(), run, null, p.describe() + " does not exist");
        }
        return inPod(pod.get(), p.container(), run);
    }

    Probe inPod(Pod pod, String container, String run) {
        String ns = pod.getMetadata().getNamespace();
        String cmd = "kubectl exec " + (ns.equals("default") ? "" : "-n " + ns + " ") + Model.name(pod)
                + (container == null ? "" : " -c " + container) + " -- " + run;
        return done(new Probe(where(pod), cmd, shell.inPod(pod, container, run, cmd), null));
    }

    private Probe done(Probe probe) {
        ran.accept(probe);
        return probe;
    }

    static String where(Pod pod) {
        String ns = pod.getMetadata().getNamespace();
        return "pod " + (ns.equals("default") ? "" : ns + "/") + Model.name(pod);
    }

    /** ingress-nginx's address as the workstation reaches it: its Service's load-balancer IP. */
    Optional<String> ingressAddress() {
        return ProbeSet.ingressAddress(model.store());
    }

    /**
     * The curl command that asks ingress-nginx (at {@code address}) for {@code host} and {@code path}, as a learner
     * types it from the workstation; the status and the serving pod are read from its observations, so it asks
     * for nothing but the body to be thrown away.
     */
    static String ingressCurl(String address, String host, String path, boolean tls) {
        if (tls) {
            String name = host.isEmpty() ? address : host;
            return "curl -sS -k -o /dev/null " + (host.isEmpty() ? "" : "--resolve " + host + ":443:" + address + " ")
                    + "https://" + name + path;
        }
        return "curl -sS -o /dev/null " + (host.isEmpty() ? "" : "-H 'Host: " + host + "' ") + "http://" + address
                + path;
    }

    /** {@code nc -z} for a TCP port, {@code nc -z -u} for UDP: the connection test the matrix cells run. */
    static String nc(String ip, int port, String protocol) {
        return (protocol.equals("UDP") ? "nc -z -u -w 1 " : "nc -z -w 1 ") + ip + " " + port;
    }
}
