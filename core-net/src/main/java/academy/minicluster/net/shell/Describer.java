package academy.minicluster.net.shell;

import academy.minicluster.net.Cluster;
import academy.minicluster.net.api.AssignedAddresses;
import academy.minicluster.net.api.WellKnownLabels;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.ContainerState;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPath;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBackend;
import io.fabric8.kubernetes.api.model.networking.v1.IngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * {@code kubectl describe}: each kind written line for line as kubectl's {@code describe.go} writes it (tab-separated
 * cells, two spaces per level) and aligned by the same {@link TabWriter}, with the events about the object.
 */
final class Describer {

    private static final DateTimeFormatter RFC1123Z =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss Z", Locale.US).withZone(ZoneOffset.UTC);

    private final Cluster cluster;

    Describer(Cluster cluster) {
        this.cluster = cluster;
    }

    /** kubectl's {@code PrefixWriter}: every write is indented by its level (two spaces each). */
    private static final class Out {
        final TabWriter tw = TabWriter.forDescribe();

        Out w(int level, String text) {
            tw.write("  ".repeat(level) + text);
            return this;
        }

        void flush() {
            tw.flush();
        }

        @Override
        public String toString() {
            return tw.toString();
        }
    }

    String describe(HasMetadata o) {
        Out w = new Out();
        if (o instanceof Pod p) {
            pod(p, w);
        } else if (o instanceof Service s) {
            service(s, w);
        } else if (o instanceof Ingress i) {
            ingress(i, w);
        } else if (o instanceof NetworkPolicy np) {
            networkPolicy(np, w);
        } else if (o instanceof Deployment d) {
            deployment(d, w);
        } else if (o instanceof ReplicaSet rs) {
            replicaSet(rs, w);
        } else if (o instanceof io.fabric8.kubernetes.api.model.ServiceAccount sa) {
            serviceAccount(sa, w);
        } else if (o instanceof io.fabric8.kubernetes.api.model.rbac.Role role) {
            Rbac.describeRole(o, role.getRules(), w);
        } else if (o instanceof io.fabric8.kubernetes.api.model.rbac.ClusterRole role) {
            Rbac.describeRole(o, role.getRules(), w);
        } else if (o instanceof io.fabric8.kubernetes.api.model.rbac.RoleBinding rb) {
            Rbac.describeBinding(o, rb.getRoleRef(), rb.getSubjects(), w);
        } else if (o instanceof io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding crb) {
            Rbac.describeBinding(o, crb.getRoleRef(), crb.getSubjects(), w);
        } else if (o instanceof Node n) {
            node(n, w);
        } else if (o instanceof io.fabric8.kubernetes.api.model.Endpoints e) {
            endpoints(e, w);
        } else if (o instanceof EndpointSlice slice) {
            endpointSlice(slice, w);
        } else if (o instanceof io.fabric8.kubernetes.api.model.Secret secret) {
            secret(secret, w);
        } else if (o instanceof io.fabric8.kubernetes.api.model.ConfigMap cm) {
            configMap(cm, w);
        } else if (o.getApiVersion() != null && o.getApiVersion().startsWith("gateway.networking.k8s.io/")) {
            customResource(o, w);
        } else {
            w.w(0, "Name:\t" + o.getMetadata().getName() + "\n");
            if (o.getMetadata().getNamespace() != null) {
                w.w(0, "Namespace:\t" + o.getMetadata().getNamespace() + "\n");
            }
            labels(w, "", "Labels", o.getMetadata().getLabels());
            annotations(w, "", "Annotations", o.getMetadata().getAnnotations());
            events(o, w);
        }
        return w.toString();
    }

    // ---- custom resources (Gateway API) ------------------------------------------------------------------------

    private static final com.fasterxml.jackson.databind.ObjectMapper UNSTRUCTURED =
            new com.fasterxml.jackson.databind.ObjectMapper()
                    .setSerializationInclusion(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_EMPTY);

    /**
     * kubectl's {@code GenericDescriberFor} for an object it has no describer of its own for (every custom
     * resource): name, namespace, labels, annotations, then the whole object as {@code printUnstructuredContent}
     * prints it (keys sorted, camelCase turned into words, lists of objects one after another), then the events.
     */
    private void customResource(HasMetadata o, Out w) {
        w.w(0, "Name:\t" + o.getMetadata().getName() + "\n");
        w.w(0, "Namespace:\t" + Objects.requireNonNullElse(o.getMetadata().getNamespace(), "") + "\n");
        labels(w, "", "Labels", o.getMetadata().getLabels());
        annotations(w, "", "Annotations", o.getMetadata().getAnnotations());
        com.fasterxml.jackson.databind.JsonNode tree = UNSTRUCTURED.valueToTree(o);
        unstructured(w, 0, tree, "", Set.of(".metadata.managedFields", ".metadata.name", ".metadata.namespace",
                ".metadata.labels", ".metadata.annotations"));
        events(o, w);
    }

    private static void unstructured(Out w, int level, com.fasterxml.jackson.databind.JsonNode content, String prefix,
                                     Set<String> skip) {
        List<String> fields = new ArrayList<>();
        content.fieldNames().forEachRemaining(fields::add);
        java.util.Collections.sort(fields);
        for (String field : fields) {
            String path = prefix + "." + field;
            if (skip.contains(path)) {
                continue;
            }
            com.fasterxml.jackson.databind.JsonNode value = content.get(field);
            if (value.isObject()) {
                w.w(level, smartLabel(field) + ":\n");
                unstructured(w, level + 1, value, path, skip);
            } else if (value.isArray()) {
                w.w(level, smartLabel(field) + ":\n");
                for (com.fasterxml.jackson.databind.JsonNode child : value) {
                    if (child.isObject()) {
                        unstructured(w, level + 1, child, path, skip);
                    } else {
                        w.w(level + 1, child.asText() + "\n");
                    }
                }
            } else {
                w.w(level, smartLabel(field) + ":\t" + value.asText() + "\n");
            }
        }
    }

    /** {@code smartLabelFor}: {@code gatewayClassName} -> {@code Gateway Class Name}, {@code apiVersion} -> {@code API Version}. */
    static String smartLabel(String field) {
        for (int i = 0; i < field.length(); i++) {
            char c = field.charAt(i);
            if (!Character.isLetter(c) && c != '-') {
                return field;
            }
        }
        List<String> parts = new ArrayList<>();
        StringBuilder part = new StringBuilder();
        for (int i = 0; i < field.length(); i++) {
            char c = field.charAt(i);
            boolean upper = Character.isUpperCase(c);
            boolean boundary = part.length() > 0 && (upper && (!Character.isUpperCase(part.charAt(part.length() - 1))
                    || (i + 1 < field.length() && Character.isLowerCase(field.charAt(i + 1)))));
            if (boundary) {
                parts.add(part.toString());
                part.setLength(0);
            }
            part.append(c);
        }
        parts.add(part.toString());
        List<String> words = new ArrayList<>();
        for (String p : parts) {
            String up = p.toUpperCase(Locale.ROOT);
            words.add(List.of("API", "URL", "UID", "OSB", "GUID").contains(up) ? up
                    : Character.toUpperCase(p.charAt(0)) + p.substring(1));
        }
        return String.join(" ", words);
    }

    // ---- shared helpers, as describe.go has them ---------------------------------------------------------------

    /** {@code printLabelsMultilineWithIndent}: first label after the title, the others on their own lines. */
    private static void labels(Out w, String indent, String title, Map<String, String> labels) {
        w.w(0, indent + title + ":\t");
        if (labels == null || labels.isEmpty()) {
            w.w(0, "<none>\n");
            return;
        }
        boolean first = true;
        for (Map.Entry<String, String> e : new TreeMap<>(labels).entrySet()) {
            if (!first) {
                w.w(0, indent + "\t");
            }
            w.w(0, e.getKey() + "=" + e.getValue() + "\n");
            first = false;
        }
    }

    /** {@code printAnnotationsMultilineWithIndent}: {@code key: value}, the last-applied configuration left out. */
    private static void annotations(Out w, String indent, String title, Map<String, String> annotations) {
        w.w(0, indent + title + ":\t");
        TreeMap<String, String> shown = new TreeMap<>(annotations == null ? Map.of() : annotations);
        shown.remove("kubectl.kubernetes.io/last-applied-configuration");
        if (shown.isEmpty()) {
            w.w(0, "<none>\n");
            return;
        }
        boolean first = true;
        for (Map.Entry<String, String> e : shown.entrySet()) {
            if (!first) {
                w.w(0, indent + "\t");
            }
            String value = e.getValue();
            if (value.length() > 140) {
                value = value.substring(0, 140) + "...";
            }
            w.w(0, e.getKey() + ": " + value.replace("\n", "\n" + indent + "\t") + "\n");
            first = false;
        }
    }

    static String rfc1123(String rfc3339) {
        return rfc3339 == null ? "<unset>" : RFC1123Z.format(Instant.parse(rfc3339));
    }

    /** {@code metav1.Time.String()}: {@code 2026-01-01 09:05:14 +0000 UTC}. */
    private static String goTime(String rfc3339) {
        return DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss Z 'UTC'", Locale.US).withZone(ZoneOffset.UTC)
                .format(Instant.parse(rfc3339));
    }

    /** {@code metav1.FormatLabelSelector}: requirements sorted by key, {@code <none>} when empty. */
    static String selector(LabelSelector sel) {
        if (sel == null) {
            return "<none>";
        }
        TreeMap<String, List<String>> parts = new TreeMap<>();
        if (sel.getMatchLabels() != null) {
            sel.getMatchLabels().forEach((k, v) -> parts.computeIfAbsent(k, x -> new ArrayList<>()).add(k + "=" + v));
        }
        if (sel.getMatchExpressions() != null) {
            for (var e : sel.getMatchExpressions()) {
                String values = e.getValues() == null ? "" : e.getValues().stream().sorted().collect(Collectors.joining(","));
                String text = switch (Objects.requireNonNullElse(e.getOperator(), "")) {
                    case "In" -> e.getKey() + " in (" + values + ")";
                    case "NotIn" -> e.getKey() + " notin (" + values + ")";
                    case "Exists" -> e.getKey();
                    case "DoesNotExist" -> "!" + e.getKey();
                    default -> e.getKey() + " " + e.getOperator() + " (" + values + ")";
                };
                parts.computeIfAbsent(e.getKey(), x -> new ArrayList<>()).add(text);
            }
        }
        String s = parts.values().stream().flatMap(List::stream).collect(Collectors.joining(","));
        return s.isEmpty() ? "<none>" : s;
    }

    /** {@code labels.FormatLabels}: {@code a=b,c=d} sorted, {@code <none>} when empty. */
    private static String formatLabels(Map<String, String> labels) {
        return ResourcePrinter.labels(labels);
    }

    private static String orNone(String s) {
        return s == null || s.isEmpty() ? "<none>" : s;
    }

    private static String port(IntOrString p) {
        if (p == null) {
            return "<nil>";
        }
        return p.getIntVal() != null ? String.valueOf(p.getIntVal()) : p.getStrVal();
    }

    /** {@code DescribeEvents}: {@code Events: <none>} in the same block, else a flushed table of its own. */
    private void events(HasMetadata o, Out w) {
        List<Event> events = cluster.events().about(o.getKind(), o.getMetadata().getNamespace(), o.getMetadata().getName());
        if (events.isEmpty()) {
            w.w(0, "Events:\t<none>\n");
            return;
        }
        w.flush();
        w.w(0, "Events:\n  Type\tReason\tAge\tFrom\tMessage\n");
        w.w(1, "----\t------\t----\t----\t-------\n");
        for (Event e : events) {
            String first = cluster.clock().age(e.getFirstTimestamp() != null ? e.getFirstTimestamp() : e.getLastTimestamp());
            String interval = e.getCount() != null && e.getCount() > 1
                    ? cluster.clock().age(e.getLastTimestamp()) + " (x" + e.getCount() + " over " + first + ")" : first;
            String source = e.getSource() == null || e.getSource().getComponent() == null
                    ? Objects.requireNonNullElse(e.getReportingComponent(), "") : e.getSource().getComponent();
            w.w(1, e.getType() + "\t" + e.getReason() + "\t" + interval + "\t" + source + "\t"
                    + Objects.requireNonNullElse(e.getMessage(), "").strip() + "\n");
        }
    }

    // ---- Pod ----------------------------------------------------------------------------------------------------

    private void pod(Pod p, Out w) {
        var st = p.getStatus();
        w.w(0, "Name:\t" + p.getMetadata().getName() + "\n");
        w.w(0, "Namespace:\t" + p.getMetadata().getNamespace() + "\n");
        w.w(0, "Priority:\t" + Objects.requireNonNullElse(p.getSpec().getPriority(), 0) + "\n");
        w.w(0, "Service Account:\t" + Objects.requireNonNullElse(p.getSpec().getServiceAccountName(), "default") + "\n");
        w.w(0, "Node:\t" + (p.getSpec().getNodeName() == null ? "<none>"
                : p.getSpec().getNodeName() + "/" + (st == null ? "" : Objects.requireNonNullElse(st.getHostIP(), ""))) + "\n");
        if (st != null && st.getStartTime() != null) {
            w.w(0, "Start Time:\t" + rfc1123(st.getStartTime()) + "\n");
        }
        labels(w, "", "Labels", p.getMetadata().getLabels());
        annotations(w, "", "Annotations", p.getMetadata().getAnnotations());
        if (p.getMetadata().getDeletionTimestamp() != null) {
            w.w(0, "Status:\tTerminating (lasts " + cluster.clock().age(p.getMetadata().getDeletionTimestamp()) + ")\n");
            w.w(0, "Termination Grace Period:\t" + Objects.requireNonNullElse(
                    p.getSpec().getTerminationGracePeriodSeconds(), 30L) + "s\n");
        } else {
            w.w(0, "Status:\t" + (st == null || st.getPhase() == null ? "Pending" : st.getPhase()) + "\n");
        }
        if (st != null && st.getReason() != null && !st.getReason().isEmpty()) {
            w.w(0, "Reason:\t" + st.getReason() + "\n");
        }
        if (st != null && st.getMessage() != null && !st.getMessage().isEmpty()) {
            w.w(0, "Message:\t" + st.getMessage() + "\n");
        }
        String ip = st == null ? null : st.getPodIP();
        w.w(0, "IP:\t" + Objects.requireNonNullElse(ip, "") + "\n");
        List<String> ips = new ArrayList<>();
        if (st != null && st.getPodIPs() != null && !st.getPodIPs().isEmpty()) {
            st.getPodIPs().forEach(x -> ips.add(x.getIp()));
        } else if (ip != null && !ip.isEmpty()) {
            ips.add(ip);
        }
        if (ips.isEmpty()) {
            w.w(0, "IPs:\t<none>\n");
        } else {
            w.w(0, "IPs:\n");
            ips.forEach(x -> w.w(1, "IP:\t" + x + "\n"));
        }
        var owners = p.getMetadata().getOwnerReferences();
        if (owners != null) {
            owners.stream().filter(o -> Boolean.TRUE.equals(o.getController())).findFirst()
                    .ifPresent(o -> w.w(0, "Controlled By:\t" + o.getKind() + "/" + o.getName() + "\n"));
        }
        containers(w, "Containers", p.getSpec().getContainers(), st == null ? List.of()
                : Objects.requireNonNullElse(st.getContainerStatuses(), List.of()), p, "");
        if (st != null && st.getConditions() != null && !st.getConditions().isEmpty()) {
            w.w(0, "Conditions:\n  Type\tStatus\n");
            for (PodCondition c : st.getConditions()) {
                w.w(1, c.getType() + " \t" + c.getStatus() + " \n");
            }
        }
        volumes(w, p.getSpec().getVolumes(), "");
        w.w(0, "QoS Class:\t" + qosClass(p.getSpec().getContainers()) + "\n");
        labels(w, "", "Node-Selectors", p.getSpec().getNodeSelector());
        tolerations(w, "", p.getSpec().getTolerations(), true);
        events(p, w);
    }

    private static String qosClass(List<Container> containers) {
        boolean any = false;
        boolean guaranteed = true;
        for (Container c : containers) {
            var r = c.getResources();
            Map<String, Quantity> requests = r == null || r.getRequests() == null ? Map.of() : r.getRequests();
            Map<String, Quantity> limits = r == null || r.getLimits() == null ? Map.of() : r.getLimits();
            if (!requests.isEmpty() || !limits.isEmpty()) {
                any = true;
            }
            if (!limits.containsKey("cpu") || !limits.containsKey("memory")) {
                guaranteed = false;
            }
            for (var e : requests.entrySet()) {
                if (!Objects.equals(limits.get(e.getKey()), e.getValue())) {
                    guaranteed = false;
                }
            }
        }
        return !any ? "BestEffort" : guaranteed ? "Guaranteed" : "Burstable";
    }

    private static void volumes(Out w, List<io.fabric8.kubernetes.api.model.Volume> volumes, String space) {
        if (volumes == null || volumes.isEmpty()) {
            w.w(0, space + "Volumes:\t<none>\n");
            return;
        }
        w.w(0, space + "Volumes:\n");
        for (var v : volumes) {
            w.w(0, space + "  " + v.getName() + ":\n");
            if (v.getConfigMap() != null) {
                w.w(2, space + "Type:\tConfigMap (a volume populated by a ConfigMap)\n");
                w.w(2, space + "Name:\t" + v.getConfigMap().getName() + "\n");
                w.w(2, space + "Optional:\t" + Boolean.TRUE.equals(v.getConfigMap().getOptional()) + "\n");
            } else if (v.getSecret() != null) {
                w.w(2, space + "Type:\tSecret (a volume populated by a Secret)\n");
                w.w(2, space + "SecretName:\t" + v.getSecret().getSecretName() + "\n");
                w.w(2, space + "Optional:\t" + Boolean.TRUE.equals(v.getSecret().getOptional()) + "\n");
            } else if (v.getEmptyDir() != null) {
                w.w(2, space + "Type:\tEmptyDir (a temporary directory that shares a pod's lifetime)\n");
                w.w(2, space + "Medium:\t" + Objects.requireNonNullElse(v.getEmptyDir().getMedium(), "") + "\n");
                w.w(2, space + "SizeLimit:\t<unset>\n");
            } else if (v.getHostPath() != null) {
                // The API server defaults an unset type to "" (HostPathUnset).
                w.w(2, space + "Type:\tHostPath (bare host directory volume)\n");
                w.w(2, space + "Path:\t" + v.getHostPath().getPath() + "\n");
                w.w(2, space + "HostPathType:\t" + Objects.requireNonNullElse(v.getHostPath().getType(), "") + "\n");
            } else {
                w.w(2, space + "<unknown>\n");
            }
        }
    }

    /**
     * DefaultTolerationSeconds' test: a toleration of the taint's key, or of every key, for NoExecute or every
     * effect (as {@code kubectl debug node}'s {@code operator: Exists}) leaves the default toleration out.
     */
    private static boolean tolerates(List<Toleration> tolerations, String key) {
        if (tolerations == null) {
            return false;
        }
        for (Toleration t : tolerations) {
            String k = Objects.requireNonNullElse(t.getKey(), "");
            String effect = Objects.requireNonNullElse(t.getEffect(), "");
            if ((k.equals(key) || k.isEmpty()) && (effect.equals("NoExecute") || effect.isEmpty())) {
                return true;
            }
        }
        return false;
    }

    /** The tolerations the DefaultTolerationSeconds admission plugin adds to every pod, when it has none of them. */
    private static void tolerations(Out w, String indent, List<Toleration> tolerations, boolean admitted) {
        List<String> lines = new ArrayList<>();
        if (tolerations != null) {
            for (Toleration t : tolerations) {
                StringBuilder s = new StringBuilder(Objects.requireNonNullElse(t.getKey(), ""));
                if (t.getValue() != null && !t.getValue().isEmpty()) {
                    s.append('=').append(t.getValue());
                }
                if (t.getEffect() != null && !t.getEffect().isEmpty()) {
                    s.append(':').append(t.getEffect());
                }
                if ("Exists".equals(t.getOperator()) && (t.getValue() == null || t.getValue().isEmpty())) {
                    // An empty key and effect: the toleration of everything, printed alone.
                    s.append(s.length() == 0 ? "op=Exists" : " op=Exists");
                }
                if (t.getTolerationSeconds() != null) {
                    s.append(" for ").append(t.getTolerationSeconds()).append('s');
                }
                lines.add(s.toString());
            }
        }
        if (admitted) {
            if (!tolerates(tolerations, "node.kubernetes.io/not-ready")) {
                lines.add("node.kubernetes.io/not-ready:NoExecute op=Exists for 300s");
            }
            if (!tolerates(tolerations, "node.kubernetes.io/unreachable")) {
                lines.add("node.kubernetes.io/unreachable:NoExecute op=Exists for 300s");
            }
        }
        w.w(0, indent + "Tolerations:\t");
        if (lines.isEmpty()) {
            w.w(0, "<none>\n");
            return;
        }
        for (int i = 0; i < lines.size(); i++) {
            if (i > 0) {
                w.w(0, indent + "\t");
            }
            w.w(0, lines.get(i) + "\n");
        }
    }

    private void containers(Out w, String label, List<Container> containers, List<ContainerStatus> statuses, Pod pod,
                            String space) {
        w.w(0, space + label + ":" + (containers.isEmpty() ? " <none>\n" : "\n"));
        for (Container c : containers) {
            ContainerStatus status = statuses.stream().filter(s -> c.getName().equals(s.getName())).findFirst()
                    .orElse(null);
            w.w(1, (space.isEmpty() ? "" : " ") + c.getName() + ":\n");
            if (status != null) {
                w.w(2, "Container ID:\t" + Objects.requireNonNullElse(status.getContainerID(), "") + "\n");
            }
            w.w(2, "Image:\t" + c.getImage() + "\n");
            if (status != null) {
                w.w(2, "Image ID:\t" + Objects.requireNonNullElse(status.getImageID(), "") + "\n");
            }
            List<String> ports = new ArrayList<>();
            List<String> hostPorts = new ArrayList<>();
            if (c.getPorts() != null) {
                for (ContainerPort p : c.getPorts()) {
                    String proto = Objects.requireNonNullElse(p.getProtocol(), "TCP");
                    ports.add(p.getContainerPort() + "/" + proto);
                    hostPorts.add(Objects.requireNonNullElse(p.getHostPort(), 0) + "/" + proto);
                }
            }
            w.w(2, (ports.size() > 1 ? "Ports:\t" : "Port:\t") + orNone(String.join(", ", ports)) + "\n");
            w.w(2, (hostPorts.size() > 1 ? "Host Ports:\t" : "Host Port:\t") + orNone(String.join(", ", hostPorts)) + "\n");
            if (c.getCommand() != null && !c.getCommand().isEmpty()) {
                w.w(2, "Command:\n");
                c.getCommand().forEach(x -> List.of(x.split("\n", -1)).forEach(l -> w.w(3, l + "\n")));
            }
            if (c.getArgs() != null && !c.getArgs().isEmpty()) {
                w.w(2, "Args:\n");
                c.getArgs().forEach(x -> List.of(x.split("\n", -1)).forEach(l -> w.w(3, l + "\n")));
            }
            if (status != null) {
                state(w, "State", status.getState());
                if (status.getLastState() != null && status.getLastState().getTerminated() != null) {
                    state(w, "Last State", status.getLastState());
                }
                w.w(2, "Ready:\t" + (Boolean.TRUE.equals(status.getReady()) ? "True" : "False") + "\n");
                w.w(2, "Restart Count:\t" + Objects.requireNonNullElse(status.getRestartCount(), 0) + "\n");
            }
            resources(w, c);
            if (c.getLivenessProbe() != null) {
                w.w(2, "Liveness:\t" + probe(c.getLivenessProbe()) + "\n");
            }
            if (c.getReadinessProbe() != null) {
                w.w(2, "Readiness:\t" + probe(c.getReadinessProbe()) + "\n");
            }
            if (c.getStartupProbe() != null) {
                w.w(2, "Startup:\t" + probe(c.getStartupProbe()) + "\n");
            }
            List<EnvVar> env = c.getEnv() == null ? List.of() : c.getEnv();
            w.w(2, "Environment:" + (env.isEmpty() ? "\t<none>" : "") + "\n");
            for (EnvVar e : env) {
                if (e.getValueFrom() == null) {
                    String[] lines = Objects.requireNonNullElse(e.getValue(), "").split("\n", -1);
                    for (int i = 0; i < lines.length; i++) {
                        w.w(3, (i == 0 ? e.getName() + ":\t" : "\t") + lines[i] + "\n");
                    }
                } else if (e.getValueFrom().getFieldRef() != null) {
                    var ref = e.getValueFrom().getFieldRef();
                    w.w(3, e.getName() + ":\t" + (pod == null ? "" : fieldValue(pod, ref.getFieldPath())) + " ("
                            + Objects.requireNonNullElse(ref.getApiVersion(), "v1") + ":" + ref.getFieldPath() + ")\n");
                } else if (e.getValueFrom().getSecretKeyRef() != null) {
                    var ref = e.getValueFrom().getSecretKeyRef();
                    w.w(3, e.getName() + ":\t<set to the key '" + ref.getKey() + "' in secret '" + ref.getName()
                            + "'>\tOptional: " + Boolean.TRUE.equals(ref.getOptional()) + "\n");
                } else if (e.getValueFrom().getConfigMapKeyRef() != null) {
                    var ref = e.getValueFrom().getConfigMapKeyRef();
                    w.w(3, e.getName() + ":\t<set to the key '" + ref.getKey() + "' of config map '" + ref.getName()
                            + "'>\tOptional: " + Boolean.TRUE.equals(ref.getOptional()) + "\n");
                }
            }
            boolean mounts = c.getVolumeMounts() != null && !c.getVolumeMounts().isEmpty();
            w.w(2, "Mounts:" + (mounts ? "" : "\t<none>") + "\n");
            if (mounts) {
                for (var m : c.getVolumeMounts()) {
                    w.w(3, m.getMountPath() + " from " + m.getName() + " (" + (Boolean.TRUE.equals(m.getReadOnly())
                            ? "ro" : "rw") + ")\n");
                }
            }
        }
    }

    private static void resources(Out w, Container c) {
        var r = c.getResources();
        if (r == null) {
            return;
        }
        for (var entry : List.of(Map.entry("Limits", Objects.requireNonNullElse(r.getLimits(), Map.<String, Quantity>of())),
                Map.entry("Requests", Objects.requireNonNullElse(r.getRequests(), Map.<String, Quantity>of())))) {
            if (entry.getValue().isEmpty()) {
                continue;
            }
            w.w(2, entry.getKey() + ":\n");
            new TreeMap<>(entry.getValue()).forEach((k, v) -> w.w(3, k + ":\t" + v.toString() + "\n"));
        }
    }

    private static String fieldValue(Pod pod, String path) {
        return switch (path) {
            case "metadata.name" -> pod.getMetadata().getName();
            case "metadata.namespace" -> pod.getMetadata().getNamespace();
            case "spec.nodeName" -> Objects.requireNonNullElse(pod.getSpec().getNodeName(), "");
            case "spec.serviceAccountName" -> Objects.requireNonNullElse(pod.getSpec().getServiceAccountName(), "default");
            case "status.podIP" -> pod.getStatus() == null ? "" : Objects.requireNonNullElse(pod.getStatus().getPodIP(), "");
            case "status.hostIP" -> pod.getStatus() == null ? "" : Objects.requireNonNullElse(pod.getStatus().getHostIP(), "");
            default -> "";
        };
    }

    private static void state(Out w, String name, ContainerState state) {
        if (state != null && state.getRunning() != null) {
            w.w(2, name + ":\tRunning\n");
            w.w(3, "Started:\t" + rfc1123(state.getRunning().getStartedAt()) + "\n");
        } else if (state != null && state.getTerminated() != null) {
            var t = state.getTerminated();
            w.w(2, name + ":\tTerminated\n");
            if (t.getReason() != null && !t.getReason().isEmpty()) {
                w.w(3, "Reason:\t" + t.getReason() + "\n");
            }
            if (t.getMessage() != null && !t.getMessage().isEmpty()) {
                w.w(3, "Message:\t" + t.getMessage() + "\n");
            }
            w.w(3, "Exit Code:\t" + t.getExitCode() + "\n");
            w.w(3, "Started:\t" + rfc1123(t.getStartedAt()) + "\n");
            w.w(3, "Finished:\t" + rfc1123(t.getFinishedAt()) + "\n");
        } else {
            w.w(2, name + ":\tWaiting\n");
            if (state != null && state.getWaiting() != null && state.getWaiting().getReason() != null) {
                w.w(3, "Reason:\t" + state.getWaiting().getReason() + "\n");
            }
        }
    }

    /** {@code DescribeProbe}: {@code http-get http://:8080/healthz delay=0s timeout=1s period=10s #success=1 #failure=3}. */
    static String probe(Probe p) {
        String attrs = "delay=" + Objects.requireNonNullElse(p.getInitialDelaySeconds(), 0) + "s timeout="
                + Objects.requireNonNullElse(p.getTimeoutSeconds(), 1) + "s period="
                + Objects.requireNonNullElse(p.getPeriodSeconds(), 10) + "s #success="
                + Objects.requireNonNullElse(p.getSuccessThreshold(), 1) + " #failure="
                + Objects.requireNonNullElse(p.getFailureThreshold(), 3);
        if (p.getExec() != null) {
            return "exec [" + String.join(" ", p.getExec().getCommand()) + "] " + attrs;
        }
        if (p.getHttpGet() != null) {
            var h = p.getHttpGet();
            String host = Objects.requireNonNullElse(h.getHost(), "");
            return "http-get " + Objects.requireNonNullElse(h.getScheme(), "HTTP").toLowerCase(Locale.ROOT) + "://"
                    + host + ":" + port(h.getPort()) + Objects.requireNonNullElse(h.getPath(), "") + " " + attrs;
        }
        if (p.getTcpSocket() != null) {
            return "tcp-socket " + Objects.requireNonNullElse(p.getTcpSocket().getHost(), "") + ":"
                    + port(p.getTcpSocket().getPort()) + " " + attrs;
        }
        if (p.getGrpc() != null) {
            return "grpc <pod>:" + p.getGrpc().getPort() + " " + Objects.requireNonNullElse(p.getGrpc().getService(), "")
                    + " " + attrs;
        }
        return "unknown " + attrs;
    }

    // ---- Service, Endpoints -----------------------------------------------------------------------------------------

    private void service(Service s, Out w) {
        var spec = s.getSpec();
        w.w(0, "Name:\t" + s.getMetadata().getName() + "\n");
        w.w(0, "Namespace:\t" + s.getMetadata().getNamespace() + "\n");
        labels(w, "", "Labels", s.getMetadata().getLabels());
        annotations(w, "", "Annotations", s.getMetadata().getAnnotations());
        w.w(0, "Selector:\t" + formatLabels(spec.getSelector()) + "\n");
        w.w(0, "Type:\t" + Objects.requireNonNullElse(spec.getType(), "ClusterIP") + "\n");
        if (spec.getIpFamilyPolicy() != null) {
            w.w(0, "IP Family Policy:\t" + spec.getIpFamilyPolicy() + "\n");
        }
        w.w(0, "IP Families:\t" + (spec.getIpFamilies() == null || spec.getIpFamilies().isEmpty() ? "<none>"
                : String.join(",", spec.getIpFamilies())) + "\n");
        w.w(0, "IP:\t" + Objects.requireNonNullElse(spec.getClusterIP(), "") + "\n");
        w.w(0, "IPs:\t" + (spec.getClusterIPs() == null || spec.getClusterIPs().isEmpty() ? "<none>"
                : String.join(",", spec.getClusterIPs())) + "\n");
        if (spec.getExternalIPs() != null && !spec.getExternalIPs().isEmpty()) {
            w.w(0, "External IPs:\t" + String.join(",", spec.getExternalIPs()) + "\n");
        }
        if (spec.getLoadBalancerIP() != null && !spec.getLoadBalancerIP().isEmpty()) {
            w.w(0, "Desired LoadBalancer IP:\t" + spec.getLoadBalancerIP() + "\n");
        }
        if (spec.getExternalName() != null && !spec.getExternalName().isEmpty()) {
            w.w(0, "External Name:\t" + spec.getExternalName() + "\n");
        }
        String lb = "LoadBalancer".equals(spec.getType()) ? AssignedAddresses.loadBalancerIp(s) : null;
        if (lb != null) {
            var ingress = s.getStatus() == null || s.getStatus().getLoadBalancer() == null ? null
                    : s.getStatus().getLoadBalancer().getIngress();
            String mode = ingress == null || ingress.isEmpty() || ingress.get(0).getIpMode() == null ? ""
                    : " (" + ingress.get(0).getIpMode() + ")";
            w.w(0, "LoadBalancer Ingress:\t" + lb + mode + "\n");
        }
        List<EndpointSlice> slices = slicesOf(s.getMetadata().getNamespace(), s.getMetadata().getName());
        for (ServicePort p : Objects.requireNonNullElse(spec.getPorts(), List.<ServicePort>of())) {
            String name = p.getName() == null || p.getName().isEmpty() ? "<unset>" : p.getName();
            String proto = Objects.requireNonNullElse(p.getProtocol(), "TCP");
            w.w(0, "Port:\t" + name + "\t" + p.getPort() + "/" + proto + "\n");
            w.w(0, "TargetPort:\t" + (p.getTargetPort() == null ? String.valueOf(p.getPort()) : port(p.getTargetPort()))
                    + "/" + proto + "\n");
            if (p.getAppProtocol() != null) {
                w.w(0, "AppProtocol:\t" + p.getAppProtocol() + "\n");
            }
            if (p.getNodePort() != null && p.getNodePort() != 0) {
                w.w(0, "NodePort:\t" + name + "\t" + p.getNodePort() + "/" + proto + "\n");
            }
            w.w(0, "Endpoints:\t" + formatEndpointSlices(slices, Objects.requireNonNullElse(p.getName(), "")) + "\n");
        }
        w.w(0, "Session Affinity:\t" + Objects.requireNonNullElse(spec.getSessionAffinity(), "None") + "\n");
        if (spec.getExternalTrafficPolicy() != null && !spec.getExternalTrafficPolicy().isEmpty()) {
            w.w(0, "External Traffic Policy:\t" + spec.getExternalTrafficPolicy() + "\n");
        }
        if (spec.getInternalTrafficPolicy() != null) {
            w.w(0, "Internal Traffic Policy:\t" + spec.getInternalTrafficPolicy() + "\n");
        }
        if (spec.getHealthCheckNodePort() != null && spec.getHealthCheckNodePort() != 0) {
            w.w(0, "HealthCheck NodePort:\t" + spec.getHealthCheckNodePort() + "\n");
        }
        if (spec.getLoadBalancerSourceRanges() != null && !spec.getLoadBalancerSourceRanges().isEmpty()) {
            w.w(0, "LoadBalancer Source Ranges:\t" + String.join(",", spec.getLoadBalancerSourceRanges()) + "\n");
        }
        if (spec.getTrafficDistribution() != null) {
            w.w(0, "Traffic Distribution:\t" + spec.getTrafficDistribution() + "\n");
        }
        events(s, w);
    }

    private List<EndpointSlice> slicesOf(String namespace, String service) {
        List<EndpointSlice> result = new ArrayList<>();
        for (EndpointSlice slice : cluster.store().list(EndpointSlice.class, "EndpointSlice", namespace)) {
            var labels = slice.getMetadata().getLabels();
            if (labels != null && service.equals(labels.get(WellKnownLabels.SERVICE_NAME))) {
                result.add(slice);
            }
        }
        return result;
    }

    /**
     * {@code formatEndpointSlices}: every ready endpoint (conditions.ready unset counts as ready, as for kube-proxy)
     * of the slices' port named {@code portName}, three shown and {@code + N more...}; {@code <none>} without slices,
     * empty text for slices without ready endpoints.
     */
    static String formatEndpointSlices(List<EndpointSlice> slices, String portName) {
        if (slices.isEmpty()) {
            return "<none>";
        }
        List<String> list = new ArrayList<>();
        int count = 0;
        for (EndpointSlice slice : slices) {
            var endpoints = slice.getEndpoints() == null ? List.<io.fabric8.kubernetes.api.model.discovery.v1.Endpoint>of()
                    : slice.getEndpoints().stream().filter(e -> e.getConditions() == null
                    || !Boolean.FALSE.equals(e.getConditions().getReady())).toList();
            if (slice.getPorts() == null || slice.getPorts().isEmpty()) {
                for (var e : endpoints) {
                    if (list.size() < 3) {
                        list.add(e.getAddresses().get(0));
                    }
                    count++;
                }
                continue;
            }
            for (var p : slice.getPorts()) {
                if (!portName.equals(Objects.requireNonNullElse(p.getName(), ""))) {
                    continue;
                }
                for (var e : endpoints) {
                    if (list.size() < 3) {
                        list.add(e.getAddresses().get(0) + ":" + p.getPort());
                    }
                    count++;
                }
            }
        }
        String joined = String.join(",", list);
        return count > 3 ? joined + " + " + (count - 3) + " more..." : joined;
    }

    /** {@code describeEndpointSliceV1}: ports, then each endpoint with its conditions, hostname, target, node, zone. */
    private void endpointSlice(EndpointSlice slice, Out w) {
        w.w(0, "Name:\t" + slice.getMetadata().getName() + "\n");
        w.w(0, "Namespace:\t" + slice.getMetadata().getNamespace() + "\n");
        labels(w, "", "Labels", slice.getMetadata().getLabels());
        annotations(w, "", "Annotations", slice.getMetadata().getAnnotations());
        w.w(0, "AddressType:\t" + slice.getAddressType() + "\n");
        if (slice.getPorts() == null || slice.getPorts().isEmpty()) {
            w.w(0, "Ports: <unset>\n");
        } else {
            w.w(0, "Ports:\n");
            w.w(1, "Name\tPort\tProtocol\n");
            w.w(1, "----\t----\t--------\n");
            for (var p : slice.getPorts()) {
                String name = p.getName() == null || p.getName().isEmpty() ? "<unset>" : p.getName();
                String port = p.getPort() == null ? "<unset>" : p.getPort().toString();
                w.w(1, name + "\t" + port + "\t" + Objects.requireNonNullElse(p.getProtocol(), "TCP") + "\n");
            }
        }
        if (slice.getEndpoints() == null || slice.getEndpoints().isEmpty()) {
            w.w(0, "Endpoints: <none>\n");
        } else {
            w.w(0, "Endpoints:\n");
            for (var e : slice.getEndpoints()) {
                String addresses = e.getAddresses() == null ? "" : String.join(", ", e.getAddresses());
                w.w(1, "- Addresses:\t" + (addresses.isEmpty() ? "<none>" : addresses) + "\n");
                w.w(2, "Conditions:\n");
                Boolean ready = e.getConditions() == null ? null : e.getConditions().getReady();
                w.w(3, "Ready:\t" + (ready == null ? "<unset>" : ready.toString()) + "\n");
                w.w(2, "Hostname:\t" + Objects.requireNonNullElse(e.getHostname(), "<unset>") + "\n");
                if (e.getTargetRef() != null) {
                    w.w(2, "TargetRef:\t" + e.getTargetRef().getKind() + "/" + e.getTargetRef().getName() + "\n");
                }
                w.w(2, "NodeName:\t" + Objects.requireNonNullElse(e.getNodeName(), "<unset>") + "\n");
                w.w(2, "Zone:\t" + Objects.requireNonNullElse(e.getZone(), "<unset>") + "\n");
            }
        }
        events(slice, w);
    }

    private void endpoints(io.fabric8.kubernetes.api.model.Endpoints e, Out w) {
        w.w(0, "Name:\t" + e.getMetadata().getName() + "\n");
        w.w(0, "Namespace:\t" + e.getMetadata().getNamespace() + "\n");
        labels(w, "", "Labels", e.getMetadata().getLabels());
        annotations(w, "", "Annotations", e.getMetadata().getAnnotations());
        w.w(0, "Subsets:\n");
        for (var subset : Objects.requireNonNullElse(e.getSubsets(),
                List.<io.fabric8.kubernetes.api.model.EndpointSubset>of())) {
            String ready = subset.getAddresses() == null ? "" : subset.getAddresses().stream().map(a -> a.getIp())
                    .collect(Collectors.joining(","));
            w.w(1, "Addresses:\t" + orNone(ready) + "\n");
            String notReady = subset.getNotReadyAddresses() == null ? "" : subset.getNotReadyAddresses().stream()
                    .map(a -> a.getIp()).collect(Collectors.joining(","));
            w.w(1, "NotReadyAddresses:\t" + orNone(notReady) + "\n");
            if (subset.getPorts() != null && !subset.getPorts().isEmpty()) {
                w.w(1, "Ports:\n");
                w.w(2, "Name\tPort\tProtocol\n");
                w.w(2, "----\t----\t--------\n");
                for (var p : subset.getPorts()) {
                    String name = p.getName() == null || p.getName().isEmpty() ? "<unset>" : p.getName();
                    w.w(2, name + "\t" + p.getPort() + "\t" + Objects.requireNonNullElse(p.getProtocol(), "TCP") + "\n");
                }
            }
            w.w(0, "\n");
        }
        events(e, w);
    }

    // ---- Secret, ConfigMap ------------------------------------------------------------------------------------------

    /** {@code describeSecret}: the type, then each key with its size, never its value. */
    private static void secret(io.fabric8.kubernetes.api.model.Secret secret, Out w) {
        w.w(0, "Name:\t" + secret.getMetadata().getName() + "\n");
        w.w(0, "Namespace:\t" + secret.getMetadata().getNamespace() + "\n");
        labels(w, "", "Labels", secret.getMetadata().getLabels());
        annotations(w, "", "Annotations", secret.getMetadata().getAnnotations());
        w.w(0, "\nType:\t" + Objects.requireNonNullElse(secret.getType(), "Opaque") + "\n");
        w.w(0, "\nData\n====\n");
        new TreeMap<>(Objects.requireNonNullElse(secret.getData(), Map.<String, String>of())).forEach((k, v) ->
                w.w(0, k + ":\t" + java.util.Base64.getDecoder().decode(v).length + " bytes\n"));
    }

    private void configMap(io.fabric8.kubernetes.api.model.ConfigMap cm, Out w) {
        w.w(0, "Name:\t" + cm.getMetadata().getName() + "\n");
        w.w(0, "Namespace:\t" + cm.getMetadata().getNamespace() + "\n");
        labels(w, "", "Labels", cm.getMetadata().getLabels());
        annotations(w, "", "Annotations", cm.getMetadata().getAnnotations());
        w.w(0, "\nData\n====\n");
        new TreeMap<>(Objects.requireNonNullElse(cm.getData(), Map.<String, String>of())).forEach((k, v) -> {
            w.w(0, k + ":\n----\n");
            w.w(0, v + "\n");
            w.w(0, "\n");
        });
        w.w(0, "\nBinaryData\n====\n");
        new TreeMap<>(Objects.requireNonNullElse(cm.getBinaryData(), Map.<String, String>of())).forEach((k, v) ->
                w.w(0, k + ": " + java.util.Base64.getDecoder().decode(v).length + " bytes\n"));
        w.w(0, "\n");
        events(cm, w);
    }

    // ---- Ingress ------------------------------------------------------------------------------------------------

    private void ingress(Ingress i, Out w) {
        String address = "";
        if (i.getStatus() != null && i.getStatus().getLoadBalancer() != null
                && i.getStatus().getLoadBalancer().getIngress() != null) {
            address = i.getStatus().getLoadBalancer().getIngress().stream()
                    .map(x -> x.getIp() != null && !x.getIp().isEmpty() ? x.getIp() : x.getHostname())
                    .collect(Collectors.joining(","));
        }
        w.w(0, "Name:\t" + i.getMetadata().getName() + "\n");
        labels(w, "", "Labels", i.getMetadata().getLabels());
        w.w(0, "Namespace:\t" + i.getMetadata().getNamespace() + "\n");
        w.w(0, "Address:\t" + address + "\n");
        w.w(0, "Ingress Class:\t" + Objects.requireNonNullElse(i.getSpec().getIngressClassName(), "<none>") + "\n");
        String def = i.getSpec().getDefaultBackend() == null ? "<default>" : backend(i, i.getSpec().getDefaultBackend());
        w.w(0, "Default backend:\t" + def + "\n");
        if (i.getSpec().getTls() != null && !i.getSpec().getTls().isEmpty()) {
            w.w(0, "TLS:\n");
            for (var tls : i.getSpec().getTls()) {
                String hosts = String.join(",", Objects.requireNonNullElse(tls.getHosts(), List.of()));
                if (tls.getSecretName() == null || tls.getSecretName().isEmpty()) {
                    w.w(1, "SNI routes " + hosts + "\n");
                } else {
                    w.w(1, tls.getSecretName() + " terminates " + hosts + "\n");
                }
            }
        }
        w.w(0, "Rules:\n  Host\tPath\tBackends\n");
        w.w(1, "----\t----\t--------\n");
        int count = 0;
        for (IngressRule r : Objects.requireNonNullElse(i.getSpec().getRules(), List.<IngressRule>of())) {
            if (r.getHttp() == null) {
                continue;
            }
            count++;
            w.w(1, (r.getHost() == null || r.getHost().isEmpty() ? "*" : r.getHost()) + "\t\n");
            for (HTTPIngressPath p : r.getHttp().getPaths()) {
                w.w(2, "\t" + Objects.requireNonNullElse(p.getPath(), "") + " \t" + backend(i, p.getBackend()) + "\n");
            }
        }
        if (count == 0) {
            w.w(1, "*\t*\t" + def + "\n");
        }
        annotations(w, "", "Annotations", i.getMetadata().getAnnotations());
        events(i, w);
    }

    private String backend(Ingress i, IngressBackend b) {
        if (b.getService() != null) {
            var port = b.getService().getPort();
            String portText = port == null ? "0" : port.getName() != null && !port.getName().isEmpty() ? port.getName()
                    : String.valueOf(Objects.requireNonNullElse(port.getNumber(), 0));
            String name = b.getService().getName();
            String sb = name + ":" + portText;
            var svc = cluster.store().get(Service.class, "Service", i.getMetadata().getNamespace(), name);
            if (svc.isEmpty()) {
                return sb + " (<error: services \"" + name + "\" not found>)";
            }
            String spName = "";
            for (ServicePort sp : Objects.requireNonNullElse(svc.get().getSpec().getPorts(), List.<ServicePort>of())) {
                if (port != null && port.getNumber() != null && port.getNumber() != 0 && port.getNumber().equals(sp.getPort())) {
                    spName = Objects.requireNonNullElse(sp.getName(), "");
                } else if (port != null && port.getName() != null && !port.getName().isEmpty()
                        && port.getName().equals(sp.getName())) {
                    spName = sp.getName();
                }
            }
            return sb + " (" + formatEndpointSlices(slicesOf(i.getMetadata().getNamespace(), name), spName) + ")";
        }
        if (b.getResource() != null) {
            return "APIGroup: " + Objects.requireNonNullElse(b.getResource().getApiGroup(), "<none>") + ", Kind: "
                    + b.getResource().getKind() + ", Name: " + b.getResource().getName();
        }
        return "";
    }

    // ---- NetworkPolicy -------------------------------------------------------------------------------------------

    private void networkPolicy(NetworkPolicy np, Out w) {
        var spec = np.getSpec();
        w.w(0, "Name:\t" + np.getMetadata().getName() + "\n");
        w.w(0, "Namespace:\t" + np.getMetadata().getNamespace() + "\n");
        w.w(0, "Created on:\t" + goTime(np.getMetadata().getCreationTimestamp()) + "\n");
        labels(w, "", "Labels", np.getMetadata().getLabels());
        annotations(w, "", "Annotations", np.getMetadata().getAnnotations());
        w.w(0, "Spec:\n");
        w.w(1, "PodSelector: ");
        var ps = spec.getPodSelector();
        boolean emptySelector = ps == null || ((ps.getMatchLabels() == null || ps.getMatchLabels().isEmpty())
                && (ps.getMatchExpressions() == null || ps.getMatchExpressions().isEmpty()));
        w.w(2, (emptySelector ? "<none> (Allowing the specific traffic to all pods in this namespace)" : selector(ps))
                + "\n");
        List<String> types = spec.getPolicyTypes() == null ? List.of() : spec.getPolicyTypes();
        boolean ingress = types.isEmpty() || types.contains("Ingress");
        boolean egress = types.isEmpty() ? spec.getEgress() != null && !spec.getEgress().isEmpty() : types.contains("Egress");
        if (ingress) {
            w.w(1, "Allowing ingress traffic:\n");
            rules(w, spec.getIngress() == null ? null : spec.getIngress().stream()
                    .map(r -> Map.entry(Objects.requireNonNullElse(r.getPorts(), List.<NetworkPolicyPort>of()),
                            Objects.requireNonNullElse(r.getFrom(), List.<NetworkPolicyPeer>of()))).toList(), true);
        } else {
            w.w(1, "Not affecting ingress traffic\n");
        }
        if (egress) {
            w.w(1, "Allowing egress traffic:\n");
            rules(w, spec.getEgress() == null ? null : spec.getEgress().stream()
                    .map(r -> Map.entry(Objects.requireNonNullElse(r.getPorts(), List.<NetworkPolicyPort>of()),
                            Objects.requireNonNullElse(r.getTo(), List.<NetworkPolicyPeer>of()))).toList(), false);
        } else {
            w.w(1, "Not affecting egress traffic\n");
        }
        w.w(1, "Policy Types: " + String.join(", ", types) + "\n");
    }

    private static void rules(Out w, List<Map.Entry<List<NetworkPolicyPort>, List<NetworkPolicyPeer>>> rules,
                              boolean ingress) {
        String indent = "    ";
        if (rules == null || rules.isEmpty()) {
            w.w(0, indent + "<none> (Selected pods are isolated for " + (ingress ? "ingress" : "egress")
                    + " connectivity)\n");
            return;
        }
        String peer = ingress ? "From" : "To";
        for (int i = 0; i < rules.size(); i++) {
            var ports = rules.get(i).getKey();
            var peers = rules.get(i).getValue();
            if (ports.isEmpty()) {
                w.w(0, indent + "To Port: <any> (traffic allowed to all ports)\n");
            } else {
                for (NetworkPolicyPort p : ports) {
                    w.w(0, indent + "To Port: " + port(p.getPort()) + "/" + Objects.requireNonNullElse(p.getProtocol(), "TCP")
                            + "\n");
                }
            }
            if (peers.isEmpty()) {
                w.w(0, indent + peer + ": <any> (traffic not restricted by " + (ingress ? "source" : "destination")
                        + ")\n");
            } else {
                for (NetworkPolicyPeer p : peers) {
                    w.w(0, indent + peer + ":\n");
                    if (p.getPodSelector() != null && p.getNamespaceSelector() != null) {
                        w.w(1, indent + "NamespaceSelector: " + selector(p.getNamespaceSelector()) + "\n");
                        w.w(1, indent + "PodSelector: " + selector(p.getPodSelector()) + "\n");
                    } else if (p.getPodSelector() != null) {
                        w.w(1, indent + "PodSelector: " + selector(p.getPodSelector()) + "\n");
                    } else if (p.getNamespaceSelector() != null) {
                        w.w(1, indent + "NamespaceSelector: " + selector(p.getNamespaceSelector()) + "\n");
                    } else if (p.getIpBlock() != null) {
                        w.w(1, indent + "IPBlock:\n");
                        w.w(2, indent + "CIDR: " + p.getIpBlock().getCidr() + "\n");
                        w.w(2, indent + "Except: " + String.join(", ",
                                Objects.requireNonNullElse(p.getIpBlock().getExcept(), List.of())) + "\n");
                    }
                }
            }
            if (i != rules.size() - 1) {
                w.w(0, indent + "----------\n");
            }
        }
    }

    // ---- ReplicaSet ------------------------------------------------------------------------------------------------

    /**
     * kubectl's {@code describeReplicaSet}: the selector before the labels, the owning Deployment, replicas as
     * "current / desired", the phases of the pods it controls (matched by selector and controller UID, as
     * {@code getPodStatusForController} counts them), the pod template, conditions and events.
     */
    private void replicaSet(ReplicaSet rs, Out w) {
        var spec = rs.getSpec();
        w.w(0, "Name:\t" + rs.getMetadata().getName() + "\n");
        w.w(0, "Namespace:\t" + rs.getMetadata().getNamespace() + "\n");
        w.w(0, "Selector:\t" + selector(spec.getSelector()) + "\n");
        labels(w, "", "Labels", rs.getMetadata().getLabels());
        annotations(w, "", "Annotations", rs.getMetadata().getAnnotations());
        controllerRef(rs).ifPresent(o -> w.w(0, "Controlled By:\t" + o.getKind() + "/" + o.getName() + "\n"));
        w.w(0, "Replicas:\t" + count(rs.getStatus() == null ? null : rs.getStatus().getReplicas()) + " current / "
                + Objects.requireNonNullElse(spec.getReplicas(), 1) + " desired\n");
        int running = 0;
        int waiting = 0;
        int succeeded = 0;
        int failed = 0;
        for (Pod pod : cluster.store().list(Pod.class, "Pod", rs.getMetadata().getNamespace())) {
            var owner = controllerRef(pod);
            if (owner.isEmpty() || !Objects.equals(owner.get().getUid(), rs.getMetadata().getUid())
                    || !academy.minicluster.net.api.LabelSelectors.matches(spec.getSelector(), pod.getMetadata().getLabels())) {
                continue;
            }
            String phase = pod.getStatus() == null ? "" : Objects.requireNonNullElse(pod.getStatus().getPhase(), "");
            switch (phase) {
                case "Running" -> running++;
                case "Pending" -> waiting++;
                case "Succeeded" -> succeeded++;
                case "Failed" -> failed++;
                default -> { }
            }
        }
        w.w(0, "Pods Status:\t" + running + " Running / " + waiting + " Waiting / " + succeeded + " Succeeded / "
                + failed + " Failed\n");
        podTemplate(w, spec.getTemplate());
        var st = rs.getStatus();
        if (st != null && st.getConditions() != null && !st.getConditions().isEmpty()) {
            w.w(0, "Conditions:\n  Type\tStatus\tReason\n");
            w.w(1, "----\t------\t------\n");
            for (var c : st.getConditions()) {
                w.w(1, c.getType() + " \t" + c.getStatus() + "\t" + Objects.requireNonNullElse(c.getReason(), "") + "\n");
            }
        }
        events(rs, w);
    }

    /** kubectl's {@code describeServiceAccount}: no token Secrets since 1.24, so those lines say {@code <none>}. */
    private void serviceAccount(io.fabric8.kubernetes.api.model.ServiceAccount sa, Out w) {
        w.w(0, "Name:\t" + sa.getMetadata().getName() + "\n");
        w.w(0, "Namespace:\t" + sa.getMetadata().getNamespace() + "\n");
        labels(w, "", "Labels", sa.getMetadata().getLabels());
        annotations(w, "", "Annotations", sa.getMetadata().getAnnotations());
        List<String> pullSecrets = new ArrayList<>();
        Objects.requireNonNullElse(sa.getImagePullSecrets(),
                List.<io.fabric8.kubernetes.api.model.LocalObjectReference>of()).forEach(r -> pullSecrets.add(r.getName()));
        List<String> mountable = new ArrayList<>();
        Objects.requireNonNullElse(sa.getSecrets(), List.<io.fabric8.kubernetes.api.model.ObjectReference>of())
                .forEach(r -> mountable.add(r.getName()));
        secretList(w, "Image pull secrets", pullSecrets);
        secretList(w, "Mountable secrets", mountable);
        secretList(w, "Tokens", List.of());
        events(sa, w);
    }

    private static void secretList(Out w, String title, List<String> names) {
        if (names.isEmpty()) {
            w.w(0, title + ":\t<none>\n");
            return;
        }
        for (int i = 0; i < names.size(); i++) {
            w.w(0, (i == 0 ? title + ":" : "") + "\t" + names.get(i) + "\n");
        }
    }

    /** kubectl's Role/ClusterRole and RoleBinding/ClusterRoleBinding describers (no namespace line, no events). */
    static final class Rbac {

        private Rbac() {
        }

        static void describeRole(HasMetadata o, List<io.fabric8.kubernetes.api.model.rbac.PolicyRule> rules, Out w) {
            w.w(0, "Name:\t" + o.getMetadata().getName() + "\n");
            labels(w, "", "Labels", o.getMetadata().getLabels());
            annotations(w, "", "Annotations", o.getMetadata().getAnnotations());
            w.w(0, "PolicyRule:\n");
            w.w(1, "Resources\tNon-Resource URLs\tResource Names\tVerbs\n");
            w.w(1, "---------\t-----------------\t--------------\t-----\n");
            for (Rule r : compact(rules)) {
                w.w(1, r.resourceGroup() + "\t" + goList(r.urls()) + "\t" + goList(r.names()) + "\t"
                        + goList(r.verbs()) + "\n");
            }
        }

        static void describeBinding(HasMetadata o, io.fabric8.kubernetes.api.model.rbac.RoleRef role,
                                    List<io.fabric8.kubernetes.api.model.rbac.Subject> subjects, Out w) {
            w.w(0, "Name:\t" + o.getMetadata().getName() + "\n");
            labels(w, "", "Labels", o.getMetadata().getLabels());
            annotations(w, "", "Annotations", o.getMetadata().getAnnotations());
            w.w(0, "Role:\n");
            w.w(1, "Kind:\t" + role.getKind() + "\n");
            w.w(1, "Name:\t" + role.getName() + "\n");
            w.w(0, "Subjects:\n");
            w.w(1, "Kind\tName\tNamespace\n");
            w.w(1, "----\t----\t---------\n");
            for (var s : Objects.requireNonNullElse(subjects, List.<io.fabric8.kubernetes.api.model.rbac.Subject>of())) {
                w.w(1, s.getKind() + "\t" + s.getName() + "\t" + Objects.requireNonNullElse(s.getNamespace(), "")
                        + "\n");
            }
        }

        /** One rule of {@code rbac.BreakdownRule}: a single group and resource (or URL), maybe one name. */
        private record Rule(List<String> groups, List<String> resources, List<String> names, List<String> urls,
                            List<String> verbs) {

            /** {@code rbac.CombineResourceGroup}: {@code endpointslices.discovery.k8s.io}, {@code pods/log}. */
            String resourceGroup() {
                if (resources.isEmpty()) {
                    return "";
                }
                String[] parts = resources.get(0).split("/", 2);
                String combined = parts[0];
                if (!groups.isEmpty() && !groups.get(0).isEmpty()) {
                    combined += "." + groups.get(0);
                }
                return parts.length == 2 ? combined + "/" + parts[1] : combined;
            }

            /** {@code PolicyRule.CompactString}, what {@code SortableRuleSlice} orders by. */
            String compactString() {
                List<String> parts = new ArrayList<>();
                if (!groups.isEmpty()) {
                    parts.add("APIGroups:" + quoted(groups));
                }
                if (!resources.isEmpty()) {
                    parts.add("Resources:" + quoted(resources));
                }
                if (!names.isEmpty()) {
                    parts.add("ResourceNames:" + quoted(names));
                }
                if (!urls.isEmpty()) {
                    parts.add("NonResourceURLs:" + quoted(urls));
                }
                if (!verbs.isEmpty()) {
                    parts.add("Verbs:" + quoted(verbs));
                }
                return "PolicyRule{" + String.join(", ", parts) + "}";
            }

            private static String quoted(List<String> values) {
                List<String> q = new ArrayList<>();
                values.forEach(v -> q.add("\"" + v + "\""));
                return "[" + String.join(" ", q) + "]";
            }
        }

        /** BreakdownRule over every rule, CompactRules (verbs of one group and resource merged), then sorted. */
        private static List<Rule> compact(List<io.fabric8.kubernetes.api.model.rbac.PolicyRule> rules) {
            List<Rule> broken = new ArrayList<>();
            for (var rule : Objects.requireNonNullElse(rules, List.<io.fabric8.kubernetes.api.model.rbac.PolicyRule>of())) {
                List<String> verbs = Objects.requireNonNullElse(rule.getVerbs(), List.of());
                for (String group : Objects.requireNonNullElse(rule.getApiGroups(), List.<String>of())) {
                    for (String resource : Objects.requireNonNullElse(rule.getResources(), List.<String>of())) {
                        List<String> names = Objects.requireNonNullElse(rule.getResourceNames(), List.of());
                        if (names.isEmpty()) {
                            broken.add(new Rule(List.of(group), List.of(resource), List.of(), List.of(), verbs));
                        }
                        for (String name : names) {
                            broken.add(new Rule(List.of(group), List.of(resource), List.of(name), List.of(), verbs));
                        }
                    }
                }
                for (String url : Objects.requireNonNullElse(rule.getNonResourceURLs(), List.<String>of())) {
                    broken.add(new Rule(List.of(), List.of(), List.of(), List.of(url), verbs));
                }
            }
            java.util.Map<List<String>, Rule> simple = new java.util.LinkedHashMap<>();
            List<Rule> compacted = new ArrayList<>();
            for (Rule r : broken) {
                if (r.resources().size() == 1 && r.names().isEmpty() && r.urls().isEmpty()) {
                    List<String> key = List.of(r.groups().get(0), r.resources().get(0));
                    Rule existing = simple.get(key);
                    if (existing == null) {
                        simple.put(key, r);
                    } else {
                        List<String> verbs = new ArrayList<>(existing.verbs());
                        verbs.addAll(r.verbs());
                        simple.put(key, new Rule(existing.groups(), existing.resources(), List.of(), List.of(), verbs));
                    }
                } else {
                    compacted.add(r);
                }
            }
            compacted.addAll(simple.values());
            compacted.sort(java.util.Comparator.comparing(Rule::compactString));
            return compacted;
        }

        private static String goList(List<String> values) {
            return "[" + String.join(" ", values) + "]";
        }
    }

    /** {@code metav1.GetControllerOf}: the owner reference marked {@code controller: true}. */
    private static java.util.Optional<io.fabric8.kubernetes.api.model.OwnerReference> controllerRef(HasMetadata o) {
        var owners = o.getMetadata().getOwnerReferences();
        return owners == null ? java.util.Optional.empty()
                : owners.stream().filter(r -> Boolean.TRUE.equals(r.getController())).findFirst();
    }

    // ---- Deployment ------------------------------------------------------------------------------------------------

    private void deployment(Deployment d, Out w) {
        var st = d.getStatus();
        var spec = d.getSpec();
        w.w(0, "Name:\t" + d.getMetadata().getName() + "\n");
        w.w(0, "Namespace:\t" + d.getMetadata().getNamespace() + "\n");
        w.w(0, "CreationTimestamp:\t" + rfc1123(d.getMetadata().getCreationTimestamp()) + "\n");
        labels(w, "", "Labels", d.getMetadata().getLabels());
        annotations(w, "", "Annotations", d.getMetadata().getAnnotations());
        w.w(0, "Selector:\t" + selector(spec.getSelector()) + "\n");
        w.w(0, "Replicas:\t" + Objects.requireNonNullElse(spec.getReplicas(), 1) + " desired | "
                + count(st == null ? null : st.getUpdatedReplicas()) + " updated | "
                + count(st == null ? null : st.getReplicas()) + " total | "
                + count(st == null ? null : st.getAvailableReplicas()) + " available | "
                + count(st == null ? null : st.getUnavailableReplicas()) + " unavailable\n");
        String strategy = spec.getStrategy() == null || spec.getStrategy().getType() == null ? "RollingUpdate"
                : spec.getStrategy().getType();
        w.w(0, "StrategyType:\t" + strategy + "\n");
        w.w(0, "MinReadySeconds:\t" + Objects.requireNonNullElse(spec.getMinReadySeconds(), 0) + "\n");
        if ("RollingUpdate".equals(strategy)) {
            var ru = spec.getStrategy() == null ? null : spec.getStrategy().getRollingUpdate();
            w.w(0, "RollingUpdateStrategy:\t" + (ru == null || ru.getMaxUnavailable() == null ? "25%" : port(ru.getMaxUnavailable()))
                    + " max unavailable, " + (ru == null || ru.getMaxSurge() == null ? "25%" : port(ru.getMaxSurge()))
                    + " max surge\n");
        }
        podTemplate(w, spec.getTemplate());
        if (st != null && st.getConditions() != null && !st.getConditions().isEmpty()) {
            w.w(0, "Conditions:\n  Type\tStatus\tReason\n");
            w.w(1, "----\t------\t------\n");
            for (var c : st.getConditions()) {
                w.w(1, c.getType() + " \t" + c.getStatus() + "\t" + Objects.requireNonNullElse(c.getReason(), "") + "\n");
            }
        }
        List<ReplicaSet> owned = cluster.store().list(ReplicaSet.class, "ReplicaSet", d.getMetadata().getNamespace())
                .stream().filter(r -> r.getMetadata().getOwnerReferences() != null && r.getMetadata().getOwnerReferences()
                        .stream().anyMatch(o -> Objects.equals(o.getUid(), d.getMetadata().getUid()))).toList();
        ReplicaSet newest = newReplicaSet(d, owned);
        List<ReplicaSet> old = owned.stream().filter(r -> r != newest && r.getSpec().getReplicas() != null
                && (r.getSpec().getReplicas() > 0 || count(r.getStatus() == null ? null : r.getStatus().getReplicas()) > 0))
                .toList();
        w.w(0, "OldReplicaSets:\t" + replicaSets(old) + "\n");
        w.w(0, "NewReplicaSet:\t" + replicaSets(newest == null ? List.of() : List.of(newest)) + "\n");
        events(d, w);
    }

    /** The ReplicaSet whose template is the Deployment's: the one with the highest revision. */
    private static ReplicaSet newReplicaSet(Deployment d, List<ReplicaSet> owned) {
        ReplicaSet best = null;
        long bestRevision = -1;
        for (ReplicaSet r : owned) {
            var ann = r.getMetadata().getAnnotations();
            long rev = 0;
            if (ann != null && ann.get("deployment.kubernetes.io/revision") != null) {
                try {
                    rev = Long.parseLong(ann.get("deployment.kubernetes.io/revision"));
                } catch (NumberFormatException e) {
                    rev = 0;
                }
            }
            if (rev >= bestRevision) {
                best = r;
                bestRevision = rev;
            }
        }
        return best;
    }

    private static int count(Integer n) {
        return n == null ? 0 : n;
    }

    private static String replicaSets(List<ReplicaSet> sets) {
        if (sets.isEmpty()) {
            return "<none>";
        }
        return sets.stream().map(r -> r.getMetadata().getName() + " (" + count(r.getStatus() == null ? null
                        : r.getStatus().getReplicas()) + "/" + count(r.getSpec().getReplicas()) + " replicas created)")
                .collect(Collectors.joining(", "));
    }

    private void podTemplate(Out w, PodTemplateSpec template) {
        w.w(0, "Pod Template:\n");
        var meta = template.getMetadata();
        labels(w, "  ", "Labels", meta == null ? null : meta.getLabels());
        if (meta != null && meta.getAnnotations() != null && !meta.getAnnotations().isEmpty()) {
            annotations(w, "  ", "Annotations", meta.getAnnotations());
        }
        var spec = template.getSpec();
        if (spec.getServiceAccountName() != null && !spec.getServiceAccountName().isEmpty()) {
            w.w(1, "Service Account:\t" + spec.getServiceAccountName() + "\n");
        }
        containers(w, "Containers", spec.getContainers(), List.of(), null, "  ");
        volumes(w, spec.getVolumes(), "  ");
        labels(w, "  ", "Node-Selectors", spec.getNodeSelector());
        tolerations(w, "  ", spec.getTolerations(), false);
    }

    // ---- Node ------------------------------------------------------------------------------------------------------

    private void node(Node n, Out w) {
        var st = n.getStatus();
        w.w(0, "Name:\t" + n.getMetadata().getName() + "\n");
        List<String> roles = new ArrayList<>();
        for (String k : new TreeMap<>(Objects.requireNonNullElse(n.getMetadata().getLabels(), Map.<String, String>of()))
                .keySet()) {
            if (k.startsWith("node-role.kubernetes.io/")) {
                roles.add(k.substring("node-role.kubernetes.io/".length()));
            }
        }
        w.w(0, "Roles:\t" + (roles.isEmpty() ? "<none>" : String.join(",", roles)) + "\n");
        labels(w, "", "Labels", n.getMetadata().getLabels());
        annotations(w, "", "Annotations", n.getMetadata().getAnnotations());
        w.w(0, "CreationTimestamp:\t" + rfc1123(n.getMetadata().getCreationTimestamp()) + "\n");
        List<String> taints = new ArrayList<>();
        if (n.getSpec().getTaints() != null) {
            for (var t : n.getSpec().getTaints()) {
                taints.add(t.getKey() + (t.getValue() == null || t.getValue().isEmpty() ? "" : "=" + t.getValue()) + ":"
                        + t.getEffect());
            }
        }
        w.w(0, "Taints:\t" + (taints.isEmpty() ? "<none>" : String.join("\n\t", taints)) + "\n");
        w.w(0, "Unschedulable:\t" + Boolean.TRUE.equals(n.getSpec().getUnschedulable()) + "\n");
        // The kubelet's lease in kube-node-lease, renewed every 10 seconds: the mini-cluster's kubelets are always live.
        w.w(0, "Lease:\n");
        w.w(1, "HolderIdentity:\t" + n.getMetadata().getName() + "\n");
        w.w(1, "AcquireTime:\t<unset>\n");
        w.w(1, "RenewTime:\t" + rfc1123(cluster.clock().timestamp()) + "\n");
        if (st.getConditions() != null && !st.getConditions().isEmpty()) {
            w.w(0, "Conditions:\n  Type\tStatus\tLastHeartbeatTime\tLastTransitionTime\tReason\tMessage\n");
            w.w(1, "----\t------\t-----------------\t------------------\t------\t-------\n");
            for (var c : st.getConditions()) {
                w.w(1, c.getType() + " \t" + c.getStatus() + " \t" + rfc1123(c.getLastHeartbeatTime()) + " \t"
                        + rfc1123(c.getLastTransitionTime()) + " \t" + Objects.requireNonNullElse(c.getReason(), "")
                        + " \t" + Objects.requireNonNullElse(c.getMessage(), "") + "\n");
            }
        }
        w.w(0, "Addresses:\n");
        st.getAddresses().forEach(a -> w.w(1, a.getType() + ":\t" + a.getAddress() + "\n"));
        if (st.getCapacity() != null && !st.getCapacity().isEmpty()) {
            w.w(0, "Capacity:\n");
            new TreeMap<>(st.getCapacity()).forEach((k, v) -> w.w(0, "  " + k + ":\t" + v + "\n"));
        }
        if (st.getAllocatable() != null && !st.getAllocatable().isEmpty()) {
            w.w(0, "Allocatable:\n");
            new TreeMap<>(st.getAllocatable()).forEach((k, v) -> w.w(0, "  " + k + ":\t" + v + "\n"));
        }
        var info = st.getNodeInfo();
        if (info != null) {
            w.w(0, "System Info:\n");
            w.w(0, "  Machine ID:\t" + Objects.requireNonNullElse(info.getMachineID(), "") + "\n");
            w.w(0, "  System UUID:\t" + Objects.requireNonNullElse(info.getSystemUUID(), "") + "\n");
            w.w(0, "  Boot ID:\t" + Objects.requireNonNullElse(info.getBootID(), "") + "\n");
            w.w(0, "  Kernel Version:\t" + Objects.requireNonNullElse(info.getKernelVersion(), "") + "\n");
            w.w(0, "  OS Image:\t" + Objects.requireNonNullElse(info.getOsImage(), "") + "\n");
            w.w(0, "  Operating System:\t" + Objects.requireNonNullElse(info.getOperatingSystem(), "") + "\n");
            w.w(0, "  Architecture:\t" + Objects.requireNonNullElse(info.getArchitecture(), "") + "\n");
            w.w(0, "  Container Runtime Version:\t" + Objects.requireNonNullElse(info.getContainerRuntimeVersion(), "") + "\n");
            w.w(0, "  Kubelet Version:\t" + Objects.requireNonNullElse(info.getKubeletVersion(), "") + "\n");
        }
        if (n.getSpec().getPodCIDR() != null && !n.getSpec().getPodCIDR().isEmpty()) {
            w.w(0, "PodCIDR:\t" + n.getSpec().getPodCIDR() + "\n");
        }
        List<String> cidrs = n.getSpec().getPodCIDRs() != null && !n.getSpec().getPodCIDRs().isEmpty()
                ? n.getSpec().getPodCIDRs() : n.getSpec().getPodCIDR() == null ? List.of() : List.of(n.getSpec().getPodCIDR());
        if (!cidrs.isEmpty()) {
            w.w(0, "PodCIDRs:\t" + String.join(",", cidrs) + "\n");
        }
        if (n.getSpec().getProviderID() != null && !n.getSpec().getProviderID().isEmpty()) {
            w.w(0, "ProviderID:\t" + n.getSpec().getProviderID() + "\n");
        }
        List<Pod> pods = cluster.store().list(Pod.class, "Pod").stream()
                .filter(p -> n.getMetadata().getName().equals(p.getSpec().getNodeName()))
                .filter(p -> p.getStatus() == null || !List.of("Succeeded", "Failed").contains(p.getStatus().getPhase()))
                .toList();
        w.w(0, "Non-terminated Pods:\t(" + pods.size() + " in total)\n");
        w.w(1, "Namespace\tName\t\tCPU Requests\tCPU Limits\tMemory Requests\tMemory Limits\tAge\n");
        w.w(1, "---------\t----\t\t------------\t----------\t---------------\t-------------\t---\n");
        for (Pod p : pods) {
            w.w(1, p.getMetadata().getNamespace() + "\t" + p.getMetadata().getName()
                    + "\t\t0 (0%)\t0 (0%)\t0 (0%)\t0 (0%)\t" + cluster.clock().age(p.getMetadata().getCreationTimestamp())
                    + "\n");
        }
        w.w(0, "Allocated resources:\n  (Total limits may be over 100 percent, i.e., overcommitted.)\n");
        w.w(1, "Resource\tRequests\tLimits\n");
        w.w(1, "--------\t--------\t------\n");
        w.w(1, "cpu\t0 (0%)\t0 (0%)\n");
        w.w(1, "memory\t0 (0%)\t0 (0%)\n");
        w.w(1, "ephemeral-storage\t0 (0%)\t0 (0%)\n");
        w.w(1, "hugepages-1Gi\t0 (0%)\t0 (0%)\n");
        w.w(1, "hugepages-2Mi\t0 (0%)\t0 (0%)\n");
        events(n, w);
    }
}
