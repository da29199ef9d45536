package academy.minicluster.net.shell;

import academy.minicluster.net.Cluster;
import academy.minicluster.net.api.LabelSelectors;
import academy.minicluster.net.controller.EndpointSliceController;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPath;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBackend;
import io.fabric8.kubernetes.api.model.networking.v1.IngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** {@code kubectl describe}: the human-readable view of an object, with the events about it. */
final class Describer {

    private final Cluster cluster;

    Describer(Cluster cluster) {
        this.cluster = cluster;
    }

    String describe(HasMetadata o) {
        if (o instanceof Pod p) {
            return pod(p);
        }
        if (o instanceof Service s) {
            return service(s);
        }
        if (o instanceof Ingress i) {
            return ingress(i);
        }
        if (o instanceof NetworkPolicy np) {
            return networkPolicy(np);
        }
        if (o instanceof Deployment d) {
            return deployment(d);
        }
        if (o instanceof Node n) {
            return node(n);
        }
        if (o instanceof io.fabric8.kubernetes.api.model.Endpoints e) {
            return new Fields().add("Name", e.getMetadata().getName()).add("Namespace", e.getMetadata().getNamespace())
                    .add("Labels", labels(e.getMetadata().getLabels()))
                    .add("Annotations", labels(e.getMetadata().getAnnotations()))
                    .add("Subsets", "").text() + subsets(e) + events(e);
        }
        Fields f = new Fields().add("Name", o.getMetadata().getName());
        if (o.getMetadata().getNamespace() != null) {
            f.add("Namespace", o.getMetadata().getNamespace());
        }
        f.add("Labels", labels(o.getMetadata().getLabels())).add("Annotations", labels(o.getMetadata().getAnnotations()));
        return f.text() + events(o);
    }

    /** Label-aligned "Key:  value" lines, as kubectl's describe writer aligns them. */
    private static final class Fields {
        private final List<String[]> rows = new ArrayList<>();

        Fields add(String key, String value) {
            rows.add(new String[] {key, value});
            return this;
        }

        String text() {
            int width = rows.stream().mapToInt(r -> r[0].length()).max().orElse(0) + 2;
            StringBuilder s = new StringBuilder();
            for (String[] r : rows) {
                String key = r[0] + ":";
                s.append(key).append(r[1].isEmpty() ? "" : " ".repeat(Math.max(1, width - key.length() + 1)) + r[1])
                        .append('\n');
            }
            return s.toString();
        }
    }

    static String labels(Map<String, String> labels) {
        if (labels == null || labels.isEmpty()) {
            return "<none>";
        }
        return new TreeMap<>(labels).entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining("\n" + " ".repeat(14)));
    }

    private String pod(Pod p) {
        var st = p.getStatus();
        Fields f = new Fields().add("Name", p.getMetadata().getName()).add("Namespace", p.getMetadata().getNamespace())
                .add("Priority", "0").add("Service Account", "default")
                .add("Node", p.getSpec().getNodeName() == null ? "<none>"
                        : p.getSpec().getNodeName() + "/" + (st == null ? "" : Objects.requireNonNullElse(st.getHostIP(), "")))
                .add("Start Time", st == null || st.getStartTime() == null ? "<unset>" : st.getStartTime())
                .add("Labels", labels(p.getMetadata().getLabels()))
                .add("Annotations", labels(p.getMetadata().getAnnotations()))
                .add("Status", ResourcePrinter.PodView.of(p).status())
                .add("IP", st == null || st.getPodIP() == null ? "" : st.getPodIP())
                .add("IPs", st == null || st.getPodIP() == null ? "<none>" : "");
        StringBuilder s = new StringBuilder(f.text());
        if (st != null && st.getPodIP() != null) {
            s.append("  IP:  ").append(st.getPodIP()).append('\n');
        }
        var owner = p.getMetadata().getOwnerReferences();
        if (owner != null && !owner.isEmpty()) {
            s.append("Controlled By:  ").append(owner.get(0).getKind()).append('/').append(owner.get(0).getName())
                    .append('\n');
        }
        s.append("Containers:\n");
        for (Container c : p.getSpec().getContainers()) {
            s.append("  ").append(c.getName()).append(":\n");
            s.append("    Image:          ").append(c.getImage()).append('\n');
            List<String> ports = new ArrayList<>();
            if (c.getPorts() != null) {
                for (ContainerPort port : c.getPorts()) {
                    ports.add(port.getContainerPort() + "/" + Objects.requireNonNullElse(port.getProtocol(), "TCP")
                            + (port.getName() == null ? "" : " (" + port.getName() + ")"));
                }
            }
            s.append("    Port:           ").append(ports.isEmpty() ? "<none>" : String.join(", ", ports)).append('\n');
            if (c.getCommand() != null && !c.getCommand().isEmpty()) {
                s.append("    Command:\n");
                c.getCommand().forEach(x -> s.append("      ").append(x).append('\n'));
            }
            if (c.getArgs() != null && !c.getArgs().isEmpty()) {
                s.append("    Args:\n");
                c.getArgs().forEach(x -> s.append("      ").append(x).append('\n'));
            }
            ContainerStatus cs = status(p, c.getName());
            if (cs != null && cs.getState() != null) {
                if (cs.getState().getRunning() != null) {
                    s.append("    State:          Running\n");
                } else if (cs.getState().getWaiting() != null) {
                    s.append("    State:          Waiting\n      Reason:       ")
                            .append(cs.getState().getWaiting().getReason()).append('\n');
                } else if (cs.getState().getTerminated() != null) {
                    s.append("    State:          Terminated\n      Reason:       ")
                            .append(cs.getState().getTerminated().getReason()).append("\n      Exit Code:    ")
                            .append(cs.getState().getTerminated().getExitCode()).append('\n');
                }
                s.append("    Ready:          ").append(Boolean.TRUE.equals(cs.getReady()) ? "True" : "False").append('\n');
                s.append("    Restart Count:  ").append(Objects.requireNonNullElse(cs.getRestartCount(), 0)).append('\n');
            }
            if (c.getReadinessProbe() != null) {
                s.append("    Readiness:      ").append(probe(c.getReadinessProbe())).append('\n');
            }
            if (c.getLivenessProbe() != null) {
                s.append("    Liveness:       ").append(probe(c.getLivenessProbe())).append('\n');
            }
            if (c.getEnv() != null && !c.getEnv().isEmpty()) {
                s.append("    Environment:\n");
                for (EnvVar e : c.getEnv()) {
                    String value = e.getValue() != null ? e.getValue()
                            : e.getValueFrom() != null && e.getValueFrom().getFieldRef() != null
                            ? " (" + e.getValueFrom().getFieldRef().getApiVersion() + ":"
                            + e.getValueFrom().getFieldRef().getFieldPath() + ")" : "";
                    s.append("      ").append(e.getName()).append(":  ").append(value).append('\n');
                }
            } else {
                s.append("    Environment:    <none>\n");
            }
        }
        if (st != null && st.getConditions() != null && !st.getConditions().isEmpty()) {
            s.append("Conditions:\n  Type                        Status\n");
            for (PodCondition c : st.getConditions()) {
                s.append("  ").append(c.getType()).append(" ".repeat(Math.max(1, 28 - c.getType().length())))
                        .append(c.getStatus()).append('\n');
            }
        }
        s.append("QoS Class:                   BestEffort\n");
        s.append("Node-Selectors:              ").append(p.getSpec().getNodeSelector() == null
                || p.getSpec().getNodeSelector().isEmpty() ? "<none>" : LabelSelectors.format(p.getSpec().getNodeSelector()))
                .append('\n');
        s.append("Tolerations:                 node.kubernetes.io/not-ready:NoExecute op=Exists for 300s\n")
                .append("                             node.kubernetes.io/unreachable:NoExecute op=Exists for 300s\n");
        return s + events(p);
    }

    private static ContainerStatus status(Pod p, String name) {
        if (p.getStatus() == null || p.getStatus().getContainerStatuses() == null) {
            return null;
        }
        return p.getStatus().getContainerStatuses().stream().filter(c -> name.equals(c.getName())).findFirst()
                .orElse(null);
    }

    private static String probe(Probe p) {
        String what;
        if (p.getHttpGet() != null) {
            var port = p.getHttpGet().getPort();
            what = "http-get " + Objects.requireNonNullElse(p.getHttpGet().getScheme(), "HTTP").toLowerCase()
                    + "://:" + (port.getIntVal() != null ? port.getIntVal() : port.getStrVal())
                    + Objects.requireNonNullElse(p.getHttpGet().getPath(), "/");
        } else if (p.getTcpSocket() != null) {
            var port = p.getTcpSocket().getPort();
            what = "tcp-socket :" + (port.getIntVal() != null ? port.getIntVal() : port.getStrVal());
        } else if (p.getExec() != null) {
            what = "exec [" + String.join(" ", p.getExec().getCommand()) + "]";
        } else {
            what = "unknown";
        }
        return what + " delay=" + Objects.requireNonNullElse(p.getInitialDelaySeconds(), 0) + "s timeout="
                + Objects.requireNonNullElse(p.getTimeoutSeconds(), 1) + "s period="
                + Objects.requireNonNullElse(p.getPeriodSeconds(), 10) + "s #success="
                + Objects.requireNonNullElse(p.getSuccessThreshold(), 1) + " #failure="
                + Objects.requireNonNullElse(p.getFailureThreshold(), 3);
    }

    private String service(Service s) {
        var spec = s.getSpec();
        String type = Objects.requireNonNullElse(spec.getType(), "ClusterIP");
        Fields f = new Fields().add("Name", s.getMetadata().getName()).add("Namespace", s.getMetadata().getNamespace())
                .add("Labels", labels(s.getMetadata().getLabels()))
                .add("Annotations", labels(s.getMetadata().getAnnotations()))
                .add("Selector", LabelSelectors.format(spec.getSelector()))
                .add("Type", type);
        if (!"ExternalName".equals(type)) {
            f.add("IP Family Policy", "SingleStack").add("IP Families", "IPv4")
                    .add("IP", Objects.requireNonNullElse(spec.getClusterIP(), "None"))
                    .add("IPs", Objects.requireNonNullElse(spec.getClusterIP(), "None"));
        } else {
            f.add("External Name", spec.getExternalName());
        }
        if ("LoadBalancer".equals(type)) {
            String ip = academy.minicluster.net.controller.LoadBalancerController.assignedIp(s);
            f.add("LoadBalancer Ingress", ip == null ? "" : ip + " (VIP)");
        }
        if (spec.getExternalIPs() != null && !spec.getExternalIPs().isEmpty()) {
            f.add("External IPs", String.join(",", spec.getExternalIPs()));
        }
        List<EndpointSlice> slices = slicesOf(s);
        for (ServicePort p : spec.getPorts()) {
            String name = p.getName() == null || p.getName().isEmpty() ? "<unset>" : p.getName();
            String proto = Objects.requireNonNullElse(p.getProtocol(), "TCP");
            f.add("Port", name + "  " + p.getPort() + "/" + proto);
            var t = p.getTargetPort();
            f.add("TargetPort", (t == null ? String.valueOf(p.getPort()) : t.getIntVal() != null
                    ? String.valueOf(t.getIntVal()) : t.getStrVal()) + "/" + proto);
            if (p.getNodePort() != null) {
                f.add("NodePort", name + "  " + p.getNodePort() + "/" + proto);
            }
            f.add("Endpoints", endpointsFor(slices, p));
        }
        f.add("Session Affinity", Objects.requireNonNullElse(spec.getSessionAffinity(), "None"));
        if ("NodePort".equals(type) || "LoadBalancer".equals(type)) {
            f.add("External Traffic Policy", Objects.requireNonNullElse(spec.getExternalTrafficPolicy(), "Cluster"));
        }
        if (spec.getHealthCheckNodePort() != null) {
            f.add("HealthCheck NodePort", String.valueOf(spec.getHealthCheckNodePort()));
        }
        if (!"ExternalName".equals(type)) {
            f.add("Internal Traffic Policy", Objects.requireNonNullElse(spec.getInternalTrafficPolicy(), "Cluster"));
        }
        return f.text() + events(s);
    }

    private List<EndpointSlice> slicesOf(Service s) {
        List<EndpointSlice> result = new ArrayList<>();
        for (EndpointSlice slice : cluster.store().list(EndpointSlice.class, "EndpointSlice",
                s.getMetadata().getNamespace())) {
            var labels = slice.getMetadata().getLabels();
            if (labels != null && s.getMetadata().getName().equals(labels.get(EndpointSliceController.SERVICE_NAME_LABEL))) {
                result.add(slice);
            }
        }
        return result;
    }

    private static String endpointsFor(List<EndpointSlice> slices, ServicePort port) {
        List<String> list = new ArrayList<>();
        String name = Objects.requireNonNullElse(port.getName(), "");
        for (EndpointSlice slice : slices) {
            if (slice.getPorts() == null || slice.getEndpoints() == null) {
                continue;
            }
            for (var p : slice.getPorts()) {
                if (!name.equals(Objects.requireNonNullElse(p.getName(), ""))) {
                    continue;
                }
                for (var e : slice.getEndpoints()) {
                    if (e.getConditions() == null || !Boolean.FALSE.equals(e.getConditions().getReady())) {
                        list.add(e.getAddresses().get(0) + ":" + p.getPort());
                    }
                }
            }
        }
        return list.isEmpty() ? "<none>" : String.join(",", list);
    }

    private String subsets(io.fabric8.kubernetes.api.model.Endpoints e) {
        StringBuilder s = new StringBuilder();
        if (e.getSubsets() == null) {
            return s.toString();
        }
        for (var subset : e.getSubsets()) {
            s.append("  Addresses:          ").append(subset.getAddresses() == null ? "<none>"
                    : subset.getAddresses().stream().map(a -> a.getIp()).collect(Collectors.joining(","))).append('\n');
            s.append("  NotReadyAddresses:  ").append(subset.getNotReadyAddresses() == null ? "<none>"
                    : subset.getNotReadyAddresses().stream().map(a -> a.getIp()).collect(Collectors.joining(",")))
                    .append('\n');
            s.append("  Ports:\n    Name     Port  Protocol\n    ----     ----  --------\n");
            for (var p : subset.getPorts()) {
                s.append("    ").append(p.getName() == null ? "<unset>" : p.getName()).append("  ").append(p.getPort())
                        .append("  ").append(p.getProtocol()).append('\n');
            }
        }
        return s.append('\n').toString();
    }

    private String ingress(Ingress i) {
        String address = "";
        if (i.getStatus() != null && i.getStatus().getLoadBalancer() != null
                && i.getStatus().getLoadBalancer().getIngress() != null) {
            address = i.getStatus().getLoadBalancer().getIngress().stream().map(x -> x.getIp())
                    .collect(Collectors.joining(","));
        }
        Fields f = new Fields().add("Name", i.getMetadata().getName()).add("Labels", labels(i.getMetadata().getLabels()))
                .add("Namespace", i.getMetadata().getNamespace()).add("Address", address)
                .add("Ingress Class", Objects.requireNonNullElse(i.getSpec().getIngressClassName(), "<none>"))
                .add("Default backend", i.getSpec().getDefaultBackend() == null ? "<default>"
                        : backend(i, i.getSpec().getDefaultBackend()));
        StringBuilder s = new StringBuilder(f.text());
        if (i.getSpec().getTls() != null && !i.getSpec().getTls().isEmpty()) {
            s.append("TLS:\n");
            for (var tls : i.getSpec().getTls()) {
                s.append("  ").append(tls.getSecretName()).append(" terminates ")
                        .append(String.join(",", Objects.requireNonNullElse(tls.getHosts(), List.of()))).append('\n');
            }
        }
        s.append("Rules:\n  Host        Path  Backends\n  ----        ----  --------\n");
        if (i.getSpec().getRules() != null) {
            for (IngressRule r : i.getSpec().getRules()) {
                s.append("  ").append(r.getHost() == null ? "*" : r.getHost()).append('\n');
                if (r.getHttp() != null) {
                    for (HTTPIngressPath p : r.getHttp().getPaths()) {
                        s.append("              ").append(Objects.requireNonNullElse(p.getPath(), "/")).append("   ")
                                .append(backend(i, p.getBackend())).append('\n');
                    }
                }
            }
        }
        s.append("Annotations:  ").append(labels(i.getMetadata().getAnnotations())).append('\n');
        return s + events(i);
    }

    private String backend(Ingress i, IngressBackend b) {
        if (b.getService() == null) {
            return b.getResource() == null ? "<none>" : b.getResource().getKind() + "/" + b.getResource().getName();
        }
        String name = b.getService().getName();
        var port = b.getService().getPort();
        String portText = port == null ? "" : port.getNumber() != null ? String.valueOf(port.getNumber()) : port.getName();
        var svc = cluster.store().get(Service.class, "Service", i.getMetadata().getNamespace(), name);
        String eps;
        if (svc.isEmpty()) {
            eps = "<error: services \"" + name + "\" not found>";
        } else {
            List<String> all = new ArrayList<>();
            for (ServicePort sp : svc.get().getSpec().getPorts()) {
                if (port != null && (Objects.equals(sp.getPort(), port.getNumber()) || Objects.equals(sp.getName(), port.getName()))) {
                    String e = endpointsFor(slicesOf(svc.get()), sp);
                    if (!e.equals("<none>")) {
                        all.add(e);
                    }
                }
            }
            eps = all.isEmpty() ? "<none>" : String.join(",", all);
        }
        return name + ":" + portText + " (" + eps + ")";
    }

    private String networkPolicy(NetworkPolicy np) {
        var spec = np.getSpec();
        StringBuilder s = new StringBuilder(new Fields().add("Name", np.getMetadata().getName())
                .add("Namespace", np.getMetadata().getNamespace())
                .add("Created on", np.getMetadata().getCreationTimestamp().replace("T", " ").replace("Z", " +0000 UTC"))
                .add("Labels", labels(np.getMetadata().getLabels()))
                .add("Annotations", labels(np.getMetadata().getAnnotations())).text());
        s.append("Spec:\n");
        String selector = selector(spec.getPodSelector());
        s.append("  PodSelector:     ").append(selector.equals("<none>")
                ? "<none> (Allowing the specific traffic to all pods in this namespace)" : selector).append('\n');
        List<String> types = spec.getPolicyTypes() == null || spec.getPolicyTypes().isEmpty()
                ? (spec.getEgress() != null && !spec.getEgress().isEmpty() ? List.of("Ingress", "Egress") : List.of("Ingress"))
                : spec.getPolicyTypes();
        if (types.contains("Ingress")) {
            s.append("  Allowing ingress traffic:\n");
            if (spec.getIngress() == null || spec.getIngress().isEmpty()) {
                s.append("    <none> (Selected pods are isolated for ingress connectivity)\n");
            } else {
                for (int i = 0; i < spec.getIngress().size(); i++) {
                    if (i > 0) {
                        s.append("    ----------\n");
                    }
                    var rule = spec.getIngress().get(i);
                    s.append(ports(rule.getPorts()));
                    s.append(peers("From", rule.getFrom()));
                }
            }
        } else {
            s.append("  Not affecting ingress traffic\n");
        }
        if (types.contains("Egress")) {
            s.append("  Allowing egress traffic:\n");
            if (spec.getEgress() == null || spec.getEgress().isEmpty()) {
                s.append("    <none> (Selected pods are isolated for egress connectivity)\n");
            } else {
                for (int i = 0; i < spec.getEgress().size(); i++) {
                    if (i > 0) {
                        s.append("    ----------\n");
                    }
                    var rule = spec.getEgress().get(i);
                    s.append(ports(rule.getPorts()));
                    s.append(peers("To", rule.getTo()));
                }
            }
        } else {
            s.append("  Not affecting egress traffic\n");
        }
        s.append("  Policy Types: ").append(String.join(", ", types)).append('\n');
        return s.toString();
    }

    private static String selector(LabelSelector sel) {
        if (sel == null) {
            return "<none>";
        }
        List<String> parts = new ArrayList<>();
        if (sel.getMatchLabels() != null) {
            new TreeMap<>(sel.getMatchLabels()).forEach((k, v) -> parts.add(k + "=" + v));
        }
        if (sel.getMatchExpressions() != null) {
            for (var e : sel.getMatchExpressions()) {
                parts.add(e.getKey() + " " + e.getOperator().toLowerCase()
                        + (e.getValues() == null || e.getValues().isEmpty() ? "" : " (" + String.join(",", e.getValues()) + ")"));
            }
        }
        return parts.isEmpty() ? "<none>" : String.join(",", parts);
    }

    private static String ports(List<NetworkPolicyPort> ports) {
        if (ports == null || ports.isEmpty()) {
            return "    To Port: <any> (traffic allowed to all ports)\n";
        }
        StringBuilder s = new StringBuilder();
        for (NetworkPolicyPort p : ports) {
            String port = p.getPort() == null ? "<any>" : p.getPort().getIntVal() != null
                    ? String.valueOf(p.getPort().getIntVal()) : p.getPort().getStrVal();
            if (p.getEndPort() != null) {
                port = port + "-" + p.getEndPort();
            }
            s.append("    To Port: ").append(port).append('/').append(Objects.requireNonNullElse(p.getProtocol(), "TCP"))
                    .append('\n');
        }
        return s.toString();
    }

    private static String peers(String direction, List<NetworkPolicyPeer> peers) {
        if (peers == null || peers.isEmpty()) {
            return "    " + direction + ": <any> (traffic not restricted by " + (direction.equals("From") ? "source" : "destination")
                    + ")\n";
        }
        StringBuilder s = new StringBuilder("    " + direction + ":\n");
        for (NetworkPolicyPeer p : peers) {
            if (p.getPodSelector() != null && p.getNamespaceSelector() != null) {
                s.append("      NamespaceSelector: ").append(selector(p.getNamespaceSelector())).append('\n');
                s.append("      PodSelector: ").append(selector(p.getPodSelector())).append('\n');
            } else if (p.getPodSelector() != null) {
                s.append("      PodSelector: ").append(selector(p.getPodSelector())).append('\n');
            } else if (p.getNamespaceSelector() != null) {
                s.append("      NamespaceSelector: ").append(selector(p.getNamespaceSelector())).append('\n');
            } else if (p.getIpBlock() != null) {
                s.append("      IPBlock:\n        CIDR: ").append(p.getIpBlock().getCidr()).append("\n        Except: ")
                        .append(p.getIpBlock().getExcept() == null ? "" : String.join(", ", p.getIpBlock().getExcept()))
                        .append('\n');
            }
        }
        return s.toString();
    }

    private String deployment(Deployment d) {
        var st = d.getStatus();
        int desired = Objects.requireNonNullElse(d.getSpec().getReplicas(), 1);
        Fields f = new Fields().add("Name", d.getMetadata().getName()).add("Namespace", d.getMetadata().getNamespace())
                .add("CreationTimestamp", d.getMetadata().getCreationTimestamp())
                .add("Labels", labels(d.getMetadata().getLabels()))
                .add("Annotations", labels(d.getMetadata().getAnnotations()))
                .add("Selector", selector(d.getSpec().getSelector()))
                .add("Replicas", desired + " desired | " + (st == null ? 0 : Objects.requireNonNullElse(st.getUpdatedReplicas(), 0))
                        + " updated | " + (st == null ? 0 : Objects.requireNonNullElse(st.getReplicas(), 0)) + " total | "
                        + (st == null ? 0 : Objects.requireNonNullElse(st.getAvailableReplicas(), 0)) + " available | "
                        + (st == null ? 0 : Objects.requireNonNullElse(st.getUnavailableReplicas(), 0)) + " unavailable")
                .add("StrategyType", "RollingUpdate").add("MinReadySeconds", "0");
        StringBuilder s = new StringBuilder(f.text());
        s.append("Pod Template:\n  Labels:  ").append(labels(d.getSpec().getTemplate().getMetadata().getLabels()))
                .append("\n  Containers:\n");
        for (Container c : d.getSpec().getTemplate().getSpec().getContainers()) {
            s.append("   ").append(c.getName()).append(":\n    Image:         ").append(c.getImage()).append('\n');
        }
        String rs = cluster.store().list(io.fabric8.kubernetes.api.model.apps.ReplicaSet.class, "ReplicaSet",
                        d.getMetadata().getNamespace()).stream()
                .filter(r -> r.getMetadata().getOwnerReferences() != null && r.getMetadata().getOwnerReferences().stream()
                        .anyMatch(o -> o.getUid().equals(d.getMetadata().getUid())) && r.getSpec().getReplicas() > 0)
                .map(r -> r.getMetadata().getName() + " (" + r.getSpec().getReplicas() + "/" + r.getSpec().getReplicas()
                        + " replicas created)").collect(Collectors.joining(", "));
        s.append("NewReplicaSet:   ").append(rs.isEmpty() ? "<none>" : rs).append('\n');
        return s + events(d);
    }

    private String node(Node n) {
        Fields f = new Fields().add("Name", n.getMetadata().getName())
                .add("Roles", n.getMetadata().getLabels().containsKey("node-role.kubernetes.io/control-plane")
                        ? "control-plane" : "<none>")
                .add("Labels", labels(n.getMetadata().getLabels()))
                .add("Taints", n.getSpec().getTaints() == null || n.getSpec().getTaints().isEmpty() ? "<none>"
                        : n.getSpec().getTaints().stream().map(t -> t.getKey() + ":" + t.getEffect())
                        .collect(Collectors.joining(", ")))
                .add("Addresses", "");
        StringBuilder s = new StringBuilder(f.text());
        n.getStatus().getAddresses().forEach(a -> s.append("  ").append(a.getType()).append(":  ").append(a.getAddress())
                .append('\n'));
        s.append("PodCIDR:                      ").append(n.getSpec().getPodCIDR()).append('\n');
        s.append("PodCIDRs:                     ").append(n.getSpec().getPodCIDR()).append('\n');
        List<Pod> pods = cluster.store().list(Pod.class, "Pod").stream()
                .filter(p -> n.getMetadata().getName().equals(p.getSpec().getNodeName())).toList();
        s.append("Non-terminated Pods:          (").append(pods.size()).append(" in total)\n");
        s.append("  Namespace                   Name\n  ---------                   ----\n");
        for (Pod p : pods) {
            s.append("  ").append(p.getMetadata().getNamespace())
                    .append(" ".repeat(Math.max(1, 28 - p.getMetadata().getNamespace().length())))
                    .append(p.getMetadata().getName()).append('\n');
        }
        return s + events(n);
    }

    private String events(HasMetadata o) {
        List<Event> events = cluster.events().about(o.getKind(), o.getMetadata().getNamespace(), o.getMetadata().getName());
        if (events.isEmpty()) {
            return "Events:  <none>\n";
        }
        Table t = new Table("Type", "Reason", "Age", "From", "Message");
        t.row("----", "------", "----", "----", "-------");
        for (Event e : events) {
            String age = cluster.clock().age(e.getLastTimestamp());
            if (e.getCount() != null && e.getCount() > 1) {
                age = age + " (x" + e.getCount() + " over " + cluster.clock().age(e.getFirstTimestamp()) + ")";
            }
            t.row(e.getType(), e.getReason(), age, e.getSource().getComponent(), e.getMessage());
        }
        StringBuilder s = new StringBuilder("Events:\n");
        for (String l : t.toString().split("\n")) {
            s.append("  ").append(l).append('\n');
        }
        return s.toString();
    }
}
