package academy.minicluster.net.shell;

import academy.minicluster.net.api.LabelSelectors;
import academy.minicluster.net.dataplane.DataPlane;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * {@code kubectl port-forward TYPE/NAME [LOCAL_PORT:]REMOTE_PORT...} from the workstation, as kubectl's
 * {@code pkg/cmd/portforward}: for a Service, Deployment or ReplicaSet it picks one running pod (the first by name,
 * where kubectl takes the first its selector lists) and, for a Service, turns the service port into the pod's
 * container port. From then on, for the rest of the session, {@code curl localhost:LOCAL_PORT} on the workstation
 * reaches that pod's port, whatever the Service or policies say — as the real forward, which goes through the API
 * server and the kubelet. The command does not block: it prints kubectl's {@code Forwarding from} lines and returns.
 */
final class PortForwardCommand {

    private final KubectlContext context;

    PortForwardCommand(KubectlContext context) {
        this.context = context;
    }

    private record Mapping(int local, int remote) {
    }

    ShellResult run(String line, List<String> args) throws Flags.UnknownFlag {
        Flags f = context.flags(args, Map.of(), "address", "pod-running-timeout");
        if (f.positional.size() < 2) {
            throw new Kubectl.UsageError("error: TYPE/NAME and list of ports are required for port-forward\n"
                    + "See 'kubectl port-forward -h' for help and examples");
        }
        String ref = f.positional.get(0);
        String namespace = KubectlContext.namespace(f);
        KubectlContext.Target target = ref.contains("/") ? KubectlContext.targets(List.of(ref), "").get(0)
                : new KubectlContext.Target(KubectlContext.resource("pods"), ref);
        HasMetadata object = context.get(target, namespace);
        Pod pod = podFor(object, namespace);
        if (!"Running".equals(pod.getStatus() == null ? null : pod.getStatus().getPhase())) {
            throw new Kubectl.UsageError("error: unable to forward port because pod is not running. Current status="
                    + (pod.getStatus() == null ? "Pending" : pod.getStatus().getPhase()));
        }
        List<Mapping> mappings = new ArrayList<>();
        for (String spec : f.positional.subList(1, f.positional.size())) {
            String[] parts = spec.split(":", -1);
            String localText = parts.length == 2 ? parts[0] : parts[0];
            String remoteText = parts.length == 2 ? parts[1] : parts[0];
            int remote = port(remoteText, spec);
            int local = localText.isEmpty() ? remote : port(localText, spec);
            if (object instanceof Service service) {
                remote = containerPort(service, remote, pod);
            }
            mappings.add(new Mapping(local, remote));
        }
        DataPlane dataPlane = context.cluster().dataPlane();
        StringBuilder out = new StringBuilder();
        for (Mapping m : mappings) {
            if (dataPlane.portForwarded(m.local())) {
                return new ShellResult(line, 1, out.toString(), "Unable to listen on port " + m.local()
                        + ": Listeners failed to create with the following errors: [unable to create listener: Error "
                        + "listen tcp4 127.0.0.1:" + m.local() + ": bind: address already in use unable to create "
                        + "listener: Error listen tcp6 [::1]:" + m.local() + ": bind: address already in use]\n"
                        + "error: unable to listen on any of the requested ports: [{" + m.local() + " " + m.remote()
                        + "}]\n", List.of());
            }
            dataPlane.portForward(m.local(), new DataPlane.PortForward(pod.getMetadata().getNamespace(),
                    pod.getMetadata().getName(), m.remote()));
            out.append("Forwarding from 127.0.0.1:").append(m.local()).append(" -> ").append(m.remote()).append('\n');
            out.append("Forwarding from [::1]:").append(m.local()).append(" -> ").append(m.remote()).append('\n');
        }
        return ShellResult.ok(line, out.toString());
    }

    private static int port(String text, String spec) {
        try {
            int p = Integer.parseInt(text);
            if (p >= 0 && p <= 65535) {
                return p;
            }
        } catch (NumberFormatException e) {
            // worded below
        }
        throw new Kubectl.UsageError("error: Error parsing local port '" + text + "': strconv.ParseUint: parsing \""
                + text + "\": invalid syntax");
    }

    private Pod podFor(HasMetadata object, String namespace) {
        if (object instanceof Pod pod) {
            return pod;
        }
        LabelSelector selector;
        if (object instanceof Service s) {
            if (s.getSpec().getSelector() == null || s.getSpec().getSelector().isEmpty()) {
                throw new Kubectl.UsageError("error: invalid service '" + s.getMetadata().getName()
                        + "': Service is defined without a selector");
            }
            selector = new LabelSelector(null, s.getSpec().getSelector());
        } else if (object instanceof Deployment d) {
            selector = d.getSpec().getSelector();
        } else if (object instanceof ReplicaSet rs) {
            selector = rs.getSpec().getSelector();
        } else {
            throw new Kubectl.UsageError("error: cannot attach to " + object.getKind() + ": not implemented");
        }
        return context.cluster().store().list(Pod.class, "Pod", namespace).stream()
                .filter(p -> LabelSelectors.matches(selector, p.getMetadata().getLabels()))
                .filter(p -> p.getMetadata().getDeletionTimestamp() == null)
                .min(Comparator.comparing((Pod p) -> !"Running".equals(p.getStatus() == null ? null
                        : p.getStatus().getPhase())).thenComparing(p -> p.getMetadata().getName()))
                .orElseThrow(() -> new Kubectl.UsageError("error: timed out waiting for the condition"));
    }

    /** kubectl's {@code translateServicePortToTargetPort}: the service port to the pod's container port. */
    private static int containerPort(Service service, int port, Pod pod) {
        for (ServicePort sp : service.getSpec().getPorts()) {
            if (Objects.equals(sp.getPort(), port)) {
                IntOrString target = sp.getTargetPort();
                if (target == null) {
                    return port;
                }
                if (target.getIntVal() != null) {
                    return target.getIntVal();
                }
                for (Container c : pod.getSpec().getContainers()) {
                    for (ContainerPort cp : Objects.requireNonNullElse(c.getPorts(), List.<ContainerPort>of())) {
                        if (target.getStrVal().equals(cp.getName())) {
                            return cp.getContainerPort();
                        }
                    }
                }
                throw new Kubectl.UsageError("error: Pod '" + pod.getMetadata().getName() + "' does not have a named "
                        + "port '" + target.getStrVal() + "'");
            }
        }
        throw new Kubectl.UsageError("error: Service " + service.getMetadata().getName()
                + " does not have a service port " + port);
    }
}
