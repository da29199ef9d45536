package academy.minicluster.labs.grade;

import academy.minicluster.labs.check.Selectors;
import academy.minicluster.net.Cluster;
import academy.minicluster.net.api.LabelSelectors;
import academy.minicluster.net.api.ObjectStore;
import academy.minicluster.net.wire.Protocol;
import academy.minicluster.net.workload.SimulatedContainer;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.discovery.v1.Endpoint;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointPort;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Questions the grader asks the cluster, and the sentences that explain the answers: which pods a Service selects,
 * which are ready, where its endpoints point, and, when that is nothing, why.
 */
final class Model {

    private final Cluster cluster;
    private final ObjectStore store;

    Model(Cluster cluster) {
        this.cluster = cluster;
        this.store = cluster.store();
    }

    ObjectStore store() {
        return store;
    }

    Cluster cluster() {
        return cluster;
    }

    List<Pod> pods(String namespace) {
        return store.listForReading(Pod.class, "Pod", namespace).stream()
                .filter(p -> p.getMetadata().getDeletionTimestamp() == null).toList();
    }

    List<Pod> pods(String namespace, String selector) {
        Selectors.Selector s = Selectors.parse(selector);
        return pods(namespace).stream().filter(p -> s.matches(p.getMetadata().getLabels())).toList();
    }

    Optional<Pod> pod(String namespace, String name) {
        return store.getForReading(Pod.class, "Pod", namespace, name);
    }

    Optional<Service> service(String namespace, String name) {
        return store.getForReading(Service.class, "Service", namespace, name);
    }

    Optional<Deployment> deployment(String namespace, String name) {
        return store.getForReading(Deployment.class, "Deployment", namespace, name);
    }

    /** Pods of a Deployment: those its selector matches in its namespace. */
    List<Pod> podsOf(Deployment d) {
        return pods(d.getMetadata().getNamespace()).stream()
                .filter(p -> LabelSelectors.matches(d.getSpec().getSelector(), p.getMetadata().getLabels())).toList();
    }

    static boolean ready(Pod pod) {
        if (pod.getStatus() == null || pod.getStatus().getConditions() == null) {
            return false;
        }
        for (PodCondition c : pod.getStatus().getConditions()) {
            if ("Ready".equals(c.getType())) {
                return "True".equals(c.getStatus());
            }
        }
        return false;
    }

    static String name(Pod p) {
        return p.getMetadata().getName();
    }

    static String ip(Pod p) {
        return p.getStatus() == null ? null : p.getStatus().getPodIP();
    }

    List<EndpointSlice> slices(String namespace, String service) {
        return store.listForReading(EndpointSlice.class, "EndpointSlice", namespace).stream()
                .filter(s -> s.getMetadata().getLabels() != null
                        && service.equals(s.getMetadata().getLabels().get("kubernetes.io/service-name")))
                .toList();
    }

    /** Ready endpoints of a Service: address with its slice's ports. */
    List<String> readyEndpoints(String namespace, String service) {
        List<String> out = new ArrayList<>();
        for (EndpointSlice s : slices(namespace, service)) {
            String ports = ports(s);
            for (Endpoint e : s.getEndpoints() == null ? List.<Endpoint>of() : s.getEndpoints()) {
                if (e.getConditions() != null && Boolean.TRUE.equals(e.getConditions().getReady())) {
                    for (String a : e.getAddresses()) {
                        out.add(a + (ports.isEmpty() ? "" : ":" + ports));
                    }
                }
            }
        }
        return out;
    }

    static String ports(EndpointSlice s) {
        if (s.getPorts() == null) {
            return "";
        }
        return s.getPorts().stream().map(EndpointPort::getPort).filter(java.util.Objects::nonNull)
                .map(String::valueOf).collect(Collectors.joining(","));
    }

    /** The ports a Service's EndpointSlices send to, e.g. [5678]. */
    List<Integer> endpointPorts(String namespace, String service) {
        TreeSet<Integer> ports = new TreeSet<>();
        for (EndpointSlice s : slices(namespace, service)) {
            if (s.getPorts() != null) {
                s.getPorts().stream().map(EndpointPort::getPort).filter(java.util.Objects::nonNull).forEach(ports::add);
            }
        }
        return List.copyOf(ports);
    }

    // ------------------------------------------------------------------------------------------ explanations

    /**
     * Why a Service has no ready endpoint, or sends to the wrong port: the first fault along selector, pods,
     * readiness, targetPort. Empty when nothing is wrong with it.
     */
    String whyNoTraffic(String namespace, String name) {
        Optional<Service> found = service(namespace, name);
        if (found.isEmpty()) {
            List<String> others = store.listForReading(Service.class, "Service", namespace).stream()
                    .map(s -> s.getMetadata().getName()).toList();
            return "Service " + namespace + "/" + name + " does not exist" + (others.isEmpty()
                    ? " (there is no Service in " + namespace + ")" : " (Services in " + namespace + ": "
                    + String.join(", ", others) + ")");
        }
        Service svc = found.get();
        String ref = "Service " + namespace + "/" + name;
        Map<String, String> selector = svc.getSpec().getSelector();
        if (selector == null || selector.isEmpty()) {
            return ref + " has no selector, so no controller fills its endpoints";
        }
        String sel = LabelSelectors.format(selector);
        List<Pod> selected = pods(namespace).stream()
                .filter(p -> LabelSelectors.matchesEquality(selector, p.getMetadata().getLabels())).toList();
        if (selected.isEmpty()) {
            return ref + " selects " + sel + "; no pod in " + namespace + " has " + (selector.size() == 1
                    ? "that label" : "those labels") + labelsHere(namespace);
        }
        List<Pod> notReady = selected.stream().filter(p -> !ready(p)).toList();
        if (notReady.size() == selected.size() && !Boolean.TRUE.equals(svc.getSpec().getPublishNotReadyAddresses())) {
            return ref + " selects " + sel + " (" + count(selected.size(), "pod") + "), but none is Ready: "
                    + notReadyReason(notReady.get(0));
        }
        String ports = portMismatch(svc, selected);
        if (!ports.isEmpty()) {
            return ports;
        }
        if (!notReady.isEmpty()) {
            return ref + " selects " + count(selected.size(), "pod") + "; " + notReady.size() + " not Ready: "
                    + notReadyReason(notReady.get(0));
        }
        return "";
    }

    private String labelsHere(String namespace) {
        List<String> parts = new ArrayList<>();
        for (Deployment d : store.listForReading(Deployment.class, "Deployment", namespace)) {
            Map<String, String> labels = d.getSpec().getTemplate().getMetadata() == null ? null
                    : d.getSpec().getTemplate().getMetadata().getLabels();
            parts.add("pods of Deployment " + d.getMetadata().getName() + " are labelled "
                    + (labels == null || labels.isEmpty() ? "with nothing" : LabelSelectors.format(labels)));
        }
        if (parts.isEmpty()) {
            Map<String, Integer> byLabels = new TreeMap<>();
            for (Pod p : pods(namespace)) {
                Map<String, String> l = p.getMetadata().getLabels();
                byLabels.merge(l == null || l.isEmpty() ? "(no labels)" : LabelSelectors.format(l), 1, Integer::sum);
            }
            byLabels.forEach((l, n) -> parts.add(count(n, "pod") + " labelled " + l));
        }
        return parts.isEmpty() ? " (there is no pod in " + namespace + ")" : "; " + String.join("; ", parts);
    }

    private String portMismatch(Service svc, List<Pod> selected) {
        String ref = "Service " + svc.getMetadata().getNamespace() + "/" + svc.getMetadata().getName();
        for (ServicePort sp : svc.getSpec().getPorts()) {
            IntOrString target = sp.getTargetPort();
            Pod pod = selected.get(0);
            List<ContainerPort> declared = new ArrayList<>();
            pod.getSpec().getContainers().forEach(c -> {
                if (c.getPorts() != null) {
                    declared.addAll(c.getPorts());
                }
            });
            if (target != null && target.getStrVal() != null) {
                boolean named = declared.stream().anyMatch(p -> target.getStrVal().equals(p.getName()));
                if (!named) {
                    return ref + " port " + sp.getPort() + " forwards to the named targetPort " + target.getStrVal()
                            + ", but no container port of pod " + name(pod) + " has that name";
                }
                continue;
            }
            int number = target == null || target.getIntVal() == null ? sp.getPort() : target.getIntVal();
            Optional<Integer> listening = listening(pod);
            if (listening.isPresent() && listening.get() != number && !declaredHas(declared, number)) {
                return ref + " port " + sp.getPort() + " forwards to targetPort " + number + ", but the containers of"
                        + " pod " + name(pod) + " listen on " + listening.get();
            }
            if (listening.isEmpty() && !declared.isEmpty() && !declaredHas(declared, number)) {
                return ref + " port " + sp.getPort() + " forwards to targetPort " + number + ", but pod " + name(pod)
                        + " declares containerPort " + declared.stream().map(p -> String.valueOf(p.getContainerPort()))
                        .collect(Collectors.joining(", "));
            }
        }
        return "";
    }

    private static boolean declaredHas(List<ContainerPort> declared, int number) {
        return declared.stream().anyMatch(p -> p.getContainerPort() != null && p.getContainerPort() == number);
    }

    /**
     * The TCP port the pod's containers listen on, as the container runtime the data plane delivers to runs them
     * (the one model of what an image listens on); empty when none or several do.
     */
    Optional<Integer> listening(Pod pod) {
        TreeSet<Integer> ports = new TreeSet<>();
        for (SimulatedContainer c : cluster.dataPlane().runtime().containers(pod).values()) {
            c.listeners().stream().filter(l -> l.protocol() == Protocol.TCP).forEach(l -> ports.add(l.port()));
        }
        return ports.size() == 1 ? Optional.of(ports.first()) : Optional.empty();
    }

    /** Why a pod is not Ready: its last Unhealthy event, or its phase. */
    String notReadyReason(Pod pod) {
        List<Event> events = cluster.events().about("Pod", pod.getMetadata().getNamespace(), name(pod));
        for (int i = events.size() - 1; i >= 0; i--) {
            Event e = events.get(i);
            if ("Unhealthy".equals(e.getReason())) {
                return "pod " + name(pod) + " is 0/1 Ready: " + e.getMessage();
            }
        }
        var c = pod.getSpec().getContainers().get(0);
        if (c.getReadinessProbe() != null) {
            return "pod " + name(pod) + " is not Ready: its readinessProbe fails";
        }
        String phase = pod.getStatus() == null || pod.getStatus().getPhase() == null ? "Pending"
                : pod.getStatus().getPhase();
        return "pod " + name(pod) + " is not Ready (phase " + phase + ")";
    }

    static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
