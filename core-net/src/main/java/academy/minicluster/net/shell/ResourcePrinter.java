package academy.minicluster.net.shell;

import academy.minicluster.net.api.AssignedAddresses;
import academy.minicluster.net.api.LabelSelectors;
import academy.minicluster.net.api.SimulatedClock;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.EndpointAddress;
import io.fabric8.kubernetes.api.model.EndpointPort;
import io.fabric8.kubernetes.api.model.EndpointSubset;
import io.fabric8.kubernetes.api.model.Endpoints;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeAddress;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GRPCRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GatewayClass;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressClass;
import io.fabric8.kubernetes.api.model.networking.v1.IngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** The columns {@code kubectl get} prints for each kind, computed as kubectl's printers compute them. */
final class ResourcePrinter {

    private final SimulatedClock clock;

    ResourcePrinter(SimulatedClock clock) {
        this.clock = clock;
    }

    /**
     * The table of {@code objects}, all of {@code kind}; {@code type} (e.g. {@code deployment.apps}), when not null,
     * prefixes each name as kubectl does when it prints several kinds at once.
     */
    String print(String kind, List<? extends HasMetadata> objects, boolean wide, boolean withNamespace,
                 boolean showLabels, String type) {
        return print(kind, objects, wide, withNamespace, showLabels, type, true);
    }

    /** As {@link #print(String, List, boolean, boolean, boolean, String)}; {@code headers} false for {@code --no-headers}. */
    String print(String kind, List<? extends HasMetadata> objects, boolean wide, boolean withNamespace,
                 boolean showLabels, String type, boolean withHeaders) {
        List<String> headers = new ArrayList<>(headers(kind, wide));
        if (withNamespace) {
            headers.add(0, "NAMESPACE");
        }
        if (showLabels) {
            headers.add("LABELS");
        }
        Table table = new Table(headers.toArray(String[]::new));
        for (HasMetadata o : objects) {
            List<String> cells = new ArrayList<>(cells(o, wide));
            if (type != null) {
                cells.set(0, type + "/" + cells.get(0));
            }
            if (withNamespace) {
                cells.add(0, Objects.requireNonNullElse(o.getMetadata().getNamespace(), ""));
            }
            if (showLabels) {
                cells.add(labels(o.getMetadata().getLabels()));
            }
            table.row(cells.toArray(String[]::new));
        }
        return table.render(withHeaders);
    }

    String printEvents(List<Event> events, boolean withNamespace) {
        return printEvents(events, withNamespace, true);
    }

    String printEvents(List<Event> events, boolean withNamespace, boolean headers) {
        Table table = withNamespace ? new Table("NAMESPACE", "LAST SEEN", "TYPE", "REASON", "OBJECT", "MESSAGE")
                : new Table("LAST SEEN", "TYPE", "REASON", "OBJECT", "MESSAGE");
        for (Event e : events) {
            String object = e.getInvolvedObject().getKind().toLowerCase() + "/" + e.getInvolvedObject().getName();
            String age = clock.age(e.getLastTimestamp());
            if (withNamespace) {
                table.row(e.getMetadata().getNamespace(), age, e.getType(), e.getReason(), object, e.getMessage());
            } else {
                table.row(age, e.getType(), e.getReason(), object, e.getMessage());
            }
        }
        return table.render(headers);
    }

    private static List<String> headers(String kind, boolean wide) {
        return switch (kind) {
            case "Pod" -> wide ? List.of("NAME", "READY", "STATUS", "RESTARTS", "AGE", "IP", "NODE", "NOMINATED NODE",
                    "READINESS GATES") : List.of("NAME", "READY", "STATUS", "RESTARTS", "AGE");
            case "Service" -> wide ? List.of("NAME", "TYPE", "CLUSTER-IP", "EXTERNAL-IP", "PORT(S)", "AGE", "SELECTOR")
                    : List.of("NAME", "TYPE", "CLUSTER-IP", "EXTERNAL-IP", "PORT(S)", "AGE");
            case "Deployment" -> wide ? List.of("NAME", "READY", "UP-TO-DATE", "AVAILABLE", "AGE", "CONTAINERS",
                    "IMAGES", "SELECTOR") : List.of("NAME", "READY", "UP-TO-DATE", "AVAILABLE", "AGE");
            case "ReplicaSet" -> wide ? List.of("NAME", "DESIRED", "CURRENT", "READY", "AGE", "CONTAINERS", "IMAGES",
                    "SELECTOR") : List.of("NAME", "DESIRED", "CURRENT", "READY", "AGE");
            case "Endpoints" -> List.of("NAME", "ENDPOINTS", "AGE");
            case "EndpointSlice" -> List.of("NAME", "ADDRESSTYPE", "PORTS", "ENDPOINTS", "AGE");
            case "Ingress" -> List.of("NAME", "CLASS", "HOSTS", "ADDRESS", "PORTS", "AGE");
            case "IngressClass" -> List.of("NAME", "CONTROLLER", "PARAMETERS", "AGE");
            case "NetworkPolicy" -> List.of("NAME", "POD-SELECTOR", "AGE");
            case "Node" -> wide ? List.of("NAME", "STATUS", "ROLES", "AGE", "VERSION", "INTERNAL-IP", "EXTERNAL-IP",
                    "OS-IMAGE", "KERNEL-VERSION", "CONTAINER-RUNTIME") : List.of("NAME", "STATUS", "ROLES", "AGE", "VERSION");
            case "Namespace" -> List.of("NAME", "STATUS", "AGE");
            case "Secret" -> List.of("NAME", "TYPE", "DATA", "AGE");
            case "ConfigMap" -> List.of("NAME", "DATA", "AGE");
            case "ServiceAccount" -> List.of("NAME", "SECRETS", "AGE");
            case "Role", "ClusterRole" -> List.of("NAME", "CREATED AT");
            case "RoleBinding", "ClusterRoleBinding" -> wide ? List.of("NAME", "ROLE", "AGE", "USERS", "GROUPS",
                    "SERVICEACCOUNTS") : List.of("NAME", "ROLE", "AGE");
            // Gateway API: the CRDs' additionalPrinterColumns (priority-1 columns only with -o wide)
            case "GatewayClass" -> wide ? List.of("NAME", "CONTROLLER", "ACCEPTED", "AGE", "DESCRIPTION")
                    : List.of("NAME", "CONTROLLER", "ACCEPTED", "AGE");
            case "Gateway" -> List.of("NAME", "CLASS", "ADDRESS", "PROGRAMMED", "AGE");
            case "HTTPRoute", "GRPCRoute" -> List.of("NAME", "HOSTNAMES", "AGE");
            default -> List.of("NAME", "AGE");
        };
    }

    /** printRoleBinding: the role as {@code Kind/name}; with -o wide the subjects as {@code rbac.SubjectsStrings}. */
    private static List<String> binding(String name, String age, io.fabric8.kubernetes.api.model.rbac.RoleRef role,
                                        List<io.fabric8.kubernetes.api.model.rbac.Subject> subjects, boolean wide) {
        List<String> c = new ArrayList<>(List.of(name, role.getKind() + "/" + role.getName(), age));
        if (wide) {
            List<String> users = new ArrayList<>();
            List<String> groups = new ArrayList<>();
            List<String> serviceAccounts = new ArrayList<>();
            for (var subject : Objects.requireNonNullElse(subjects, List.<io.fabric8.kubernetes.api.model.rbac.Subject>of())) {
                switch (Objects.requireNonNullElse(subject.getKind(), "")) {
                    case "User" -> users.add(subject.getName());
                    case "Group" -> groups.add(subject.getName());
                    case "ServiceAccount" -> serviceAccounts.add(Objects.requireNonNullElse(subject.getNamespace(), "")
                            + "/" + subject.getName());
                    default -> { }
                }
            }
            c.add(String.join(", ", users));
            c.add(String.join(", ", groups));
            c.add(String.join(", ", serviceAccounts));
        }
        return c;
    }

    private List<String> cells(HasMetadata o, boolean wide) {
        String name = o.getMetadata().getName();
        String age = clock.age(o.getMetadata().getCreationTimestamp());
        if (o instanceof Pod pod) {
            PodView v = PodView.of(pod);
            List<String> c = new ArrayList<>(List.of(name, v.readyColumn(), v.status(), v.restartsColumn(), age));
            if (wide) {
                c.addAll(List.of(orNone(pod.getStatus() == null ? null : pod.getStatus().getPodIP()),
                        orNone(pod.getSpec().getNodeName()), "<none>", "<none>"));
            }
            return c;
        }
        if (o instanceof Service s) {
            List<String> c = new ArrayList<>(List.of(name, Objects.requireNonNullElse(s.getSpec().getType(), "ClusterIP"),
                    clusterIp(s), externalIp(s), ports(s), age));
            if (wide) {
                c.add(LabelSelectors.format(s.getSpec().getSelector()));
            }
            return c;
        }
        if (o instanceof Deployment d) {
            int desired = Objects.requireNonNullElse(d.getSpec().getReplicas(), 1);
            var st = d.getStatus();
            int ready = st == null ? 0 : Objects.requireNonNullElse(st.getReadyReplicas(), 0);
            int updated = st == null ? 0 : Objects.requireNonNullElse(st.getUpdatedReplicas(), 0);
            int available = st == null ? 0 : Objects.requireNonNullElse(st.getAvailableReplicas(), 0);
            List<String> c = new ArrayList<>(List.of(name, ready + "/" + desired, Integer.toString(updated),
                    Integer.toString(available), age));
            if (wide) {
                var containers = d.getSpec().getTemplate().getSpec().getContainers();
                c.add(containers.stream().map(x -> x.getName()).collect(Collectors.joining(",")));
                c.add(containers.stream().map(x -> x.getImage()).collect(Collectors.joining(",")));
                c.add(Describer.selector(d.getSpec().getSelector()));
            }
            return c;
        }
        if (o instanceof ReplicaSet rs) {
            var st = rs.getStatus();
            List<String> c = new ArrayList<>(List.of(name, String.valueOf(rs.getSpec().getReplicas()),
                    Integer.toString(st == null ? 0 : Objects.requireNonNullElse(st.getReplicas(), 0)),
                    Integer.toString(st == null ? 0 : Objects.requireNonNullElse(st.getReadyReplicas(), 0)), age));
            if (wide) {
                var containers = rs.getSpec().getTemplate().getSpec().getContainers();
                c.add(containers.stream().map(x -> x.getName()).collect(Collectors.joining(",")));
                c.add(containers.stream().map(x -> x.getImage()).collect(Collectors.joining(",")));
                c.add(Describer.selector(rs.getSpec().getSelector()));
            }
            return c;
        }
        if (o instanceof Endpoints e) {
            return List.of(name, endpoints(e), age);
        }
        if (o instanceof EndpointSlice s) {
            String ports = s.getPorts() == null || s.getPorts().isEmpty() ? "<unset>"
                    : s.getPorts().stream().map(p -> String.valueOf(p.getPort())).collect(Collectors.joining(","));
            List<String> addresses = new ArrayList<>();
            if (s.getEndpoints() != null) {
                s.getEndpoints().forEach(ep -> addresses.addAll(ep.getAddresses()));
            }
            return List.of(name, s.getAddressType(), ports, addresses.isEmpty() ? "<unset>" : truncate(addresses), age);
        }
        if (o instanceof Ingress i) {
            List<String> hosts = new ArrayList<>();
            if (i.getSpec().getRules() != null) {
                for (IngressRule r : i.getSpec().getRules()) {
                    hosts.add(r.getHost() == null || r.getHost().isEmpty() ? "*" : r.getHost());
                }
            }
            String address = "";
            if (i.getStatus() != null && i.getStatus().getLoadBalancer() != null
                    && i.getStatus().getLoadBalancer().getIngress() != null) {
                address = i.getStatus().getLoadBalancer().getIngress().stream()
                        .map(x -> x.getIp() != null ? x.getIp() : x.getHostname()).collect(Collectors.joining(","));
            }
            if (address.length() > 16) {
                address = address.substring(0, 13) + "...";
            }
            boolean tls = i.getSpec().getTls() != null && !i.getSpec().getTls().isEmpty();
            return List.of(name, orNone(i.getSpec().getIngressClassName()),
                    hosts.isEmpty() ? "*" : truncate(hosts), address, tls ? "80, 443" : "80", age);
        }
        if (o instanceof IngressClass ic) {
            return List.of(name, ic.getSpec().getController(),
                    ic.getSpec().getParameters() == null ? "<none>" : ic.getSpec().getParameters().getName(), age);
        }
        if (o instanceof NetworkPolicy np) {
            return List.of(name, Describer.selector(np.getSpec().getPodSelector()), age);
        }
        if (o instanceof Node n) {
            String roles = n.getMetadata().getLabels().keySet().stream()
                    .filter(k -> k.startsWith("node-role.kubernetes.io/"))
                    .map(k -> k.substring("node-role.kubernetes.io/".length())).collect(Collectors.joining(","));
            List<String> c = new ArrayList<>(List.of(name, "Ready", roles.isEmpty() ? "<none>" : roles, age,
                    n.getStatus().getNodeInfo().getKubeletVersion()));
            if (wide) {
                String ip = n.getStatus().getAddresses().stream().filter(a -> "InternalIP".equals(a.getType()))
                        .map(NodeAddress::getAddress).findFirst().orElse("<none>");
                var info = n.getStatus().getNodeInfo();
                c.addAll(List.of(ip, "<none>", info.getOsImage(), info.getKernelVersion(),
                        info.getContainerRuntimeVersion()));
            }
            return c;
        }
        if (o instanceof Namespace) {
            return List.of(name, "Active", age);
        }
        if (o instanceof Secret s) {
            int data = (s.getData() == null ? 0 : s.getData().size()) + (s.getStringData() == null ? 0 : s.getStringData().size());
            return List.of(name, Objects.requireNonNullElse(s.getType(), "Opaque"), String.valueOf(data), age);
        }
        if (o instanceof ConfigMap cm) {
            return List.of(name, String.valueOf(cm.getData() == null ? 0 : cm.getData().size()), age);
        }
        if (o instanceof io.fabric8.kubernetes.api.model.ServiceAccount sa) {
            return List.of(name, String.valueOf(sa.getSecrets() == null ? 0 : sa.getSecrets().size()), age);
        }
        if (o instanceof io.fabric8.kubernetes.api.model.rbac.Role
                || o instanceof io.fabric8.kubernetes.api.model.rbac.ClusterRole) {
            return List.of(name, o.getMetadata().getCreationTimestamp());
        }
        if (o instanceof io.fabric8.kubernetes.api.model.rbac.RoleBinding rb) {
            return binding(name, age, rb.getRoleRef(), rb.getSubjects(), wide);
        }
        if (o instanceof io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding crb) {
            return binding(name, age, crb.getRoleRef(), crb.getSubjects(), wide);
        }
        if (o instanceof GatewayClass gc) {
            List<String> c = new ArrayList<>(List.of(name, orNone(gc.getSpec().getControllerName()),
                    conditionStatus(gc.getStatus() == null ? null : gc.getStatus().getConditions(), "Accepted"), age));
            if (wide) {
                c.add(orNone(gc.getSpec().getDescription()));
            }
            return c;
        }
        if (o instanceof Gateway g) {
            String address = g.getStatus() == null || g.getStatus().getAddresses() == null
                    || g.getStatus().getAddresses().isEmpty() ? "<none>"
                    : g.getStatus().getAddresses().stream().map(a -> a.getValue()).collect(Collectors.joining(" "));
            return List.of(name, orNone(g.getSpec().getGatewayClassName()), address,
                    conditionStatus(g.getStatus() == null ? null : g.getStatus().getConditions(), "Programmed"), age);
        }
        if (o instanceof HTTPRoute r) {
            return List.of(name, hostnames(r.getSpec().getHostnames()), age);
        }
        if (o instanceof GRPCRoute r) {
            return List.of(name, hostnames(r.getSpec().getHostnames()), age);
        }
        return List.of(name, age);
    }

    /** A jsonPath column {@code .status.conditions[?(@.type=="X")].status}: {@code <none>} when there is none. */
    private static String conditionStatus(List<io.fabric8.kubernetes.api.model.Condition> conditions, String type) {
        if (conditions == null) {
            return "<none>";
        }
        return conditions.stream().filter(c -> type.equals(c.getType())).map(c -> c.getStatus()).findFirst()
                .orElse("<none>");
    }

    /** The {@code .spec.hostnames} column: a list printed as JSON, as kubectl prints a list-valued jsonPath. */
    private static String hostnames(List<String> hostnames) {
        if (hostnames == null || hostnames.isEmpty()) {
            return "<none>";
        }
        return hostnames.stream().map(h -> "\"" + h + "\"").collect(Collectors.joining(",", "[", "]"));
    }

    static String clusterIp(Service s) {
        if ("ExternalName".equals(s.getSpec().getType())) {
            return "<none>";
        }
        return orNone(s.getSpec().getClusterIP());
    }

    static String externalIp(Service s) {
        String type = Objects.requireNonNullElse(s.getSpec().getType(), "ClusterIP");
        if ("ExternalName".equals(type)) {
            return s.getSpec().getExternalName();
        }
        List<String> ips = new ArrayList<>();
        if (s.getSpec().getExternalIPs() != null) {
            ips.addAll(s.getSpec().getExternalIPs());
        }
        if ("LoadBalancer".equals(type)) {
            String lb = AssignedAddresses.loadBalancerIp(s);
            if (lb != null) {
                ips.add(lb);
            } else if (ips.isEmpty()) {
                return "<pending>";
            }
        }
        return ips.isEmpty() ? "<none>" : String.join(",", ips);
    }

    static String ports(Service s) {
        if (s.getSpec().getPorts() == null || s.getSpec().getPorts().isEmpty()) {
            return "<none>";
        }
        List<String> parts = new ArrayList<>();
        for (ServicePort p : s.getSpec().getPorts()) {
            String protocol = Objects.requireNonNullElse(p.getProtocol(), "TCP");
            parts.add(p.getNodePort() != null && p.getNodePort() > 0 ? p.getPort() + ":" + p.getNodePort() + "/" + protocol
                    : p.getPort() + "/" + protocol);
        }
        return String.join(",", parts);
    }

    static String endpoints(Endpoints e) {
        List<String> list = new ArrayList<>();
        if (e.getSubsets() != null) {
            for (EndpointSubset subset : e.getSubsets()) {
                if (subset.getAddresses() == null) {
                    continue;
                }
                if (subset.getPorts() == null || subset.getPorts().isEmpty()) {
                    subset.getAddresses().forEach(a -> list.add(a.getIp()));
                    continue;
                }
                for (EndpointPort p : subset.getPorts()) {
                    for (EndpointAddress a : subset.getAddresses()) {
                        list.add(a.getIp() + ":" + p.getPort());
                    }
                }
            }
        }
        return list.isEmpty() ? "<none>" : truncate(list);
    }

    /** kubectl shows three entries, then {@code + N more...}. */
    private static String truncate(List<String> items) {
        if (items.size() <= 3) {
            return String.join(",", items);
        }
        return String.join(",", items.subList(0, 3)) + " + " + (items.size() - 3) + " more...";
    }

    static String labels(Map<String, String> labels) {
        if (labels == null || labels.isEmpty()) {
            return "<none>";
        }
        return new TreeMap<>(labels).entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(","));
    }

    static String orNone(String value) {
        return value == null || value.isEmpty() ? "<none>" : value;
    }

    /** READY, STATUS and RESTARTS of a pod, as kubectl's pod printer derives them from the container statuses. */
    record PodView(int ready, int total, String status, int restarts) {

        static PodView of(Pod pod) {
            int total = pod.getSpec().getContainers().size();
            int ready = 0;
            int restarts = 0;
            String reason = pod.getStatus() == null || pod.getStatus().getPhase() == null ? "Pending"
                    : pod.getStatus().getPhase();
            List<ContainerStatus> statuses = pod.getStatus() == null || pod.getStatus().getContainerStatuses() == null
                    ? List.of() : pod.getStatus().getContainerStatuses();
            if (pod.getStatus() != null && pod.getStatus().getReason() != null) {
                reason = pod.getStatus().getReason();
            }
            boolean running = false;
            for (ContainerStatus cs : statuses) {
                restarts += Objects.requireNonNullElse(cs.getRestartCount(), 0);
                if (Boolean.TRUE.equals(cs.getReady())) {
                    ready++;
                }
                var state = cs.getState();
                if (state == null) {
                    continue;
                }
                if (state.getWaiting() != null && state.getWaiting().getReason() != null) {
                    reason = state.getWaiting().getReason();
                } else if (state.getTerminated() != null) {
                    reason = state.getTerminated().getReason() != null ? state.getTerminated().getReason()
                            : "ExitCode:" + state.getTerminated().getExitCode();
                } else if (state.getRunning() != null) {
                    running = true;
                }
            }
            if (statuses.isEmpty() && pod.getSpec().getNodeName() != null && "Pending".equals(reason)) {
                reason = "ContainerCreating";
            }
            if (running && "Pending".equals(reason)) {
                reason = "Running";
            }
            if (pod.getMetadata().getDeletionTimestamp() != null) {
                reason = "Terminating";
            }
            return new PodView(ready, total, reason, restarts);
        }

        String readyColumn() {
            return ready + "/" + total;
        }

        String restartsColumn() {
            return Integer.toString(restarts);
        }
    }
}
