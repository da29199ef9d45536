package academy.minicluster.net.workload;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarSource;
import io.fabric8.kubernetes.api.model.ObjectFieldSelector;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodIP;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The environment a container's process starts with, built as the kubelet and the runtime build it:
 * <ol>
 *   <li>the image's own {@code ENV} (e.g. nginx's {@code NGINX_VERSION}), then {@code HOSTNAME} set by the runtime;</li>
 *   <li>the Service variables the kubelet injects ({@code KUBERNETES_SERVICE_HOST}, {@code WEB_SERVICE_PORT}, ...),
 *       passed in by the caller who knows the Services;</li>
 *   <li>each {@code env} entry in order: a {@code value} is {@code $(VAR)}-expanded against the Service variables and
 *       the entries before it (never against the image's {@code ENV}: the kubelet does not see it); a
 *       {@code valueFrom.fieldRef} is read from the pod (downward API).</li>
 * </ol>
 * {@code configMapKeyRef}, {@code secretKeyRef}, {@code resourceFieldRef} and {@code envFrom} need objects this package
 * does not see; such variables are left unset (documented limitation).
 */
final class ContainerEnvironment {

    private ContainerEnvironment() {
    }

    /** The variables the kubelet knows, used for {@code $(VAR)} in command and args. */
    static Map<String, String> kubeletVariables(Pod pod, Container container, Map<String, String> serviceEnvironment) {
        Map<String, String> variables = new LinkedHashMap<>(serviceEnvironment);
        List<EnvVar> env = container.getEnv() == null ? List.of() : container.getEnv();
        for (EnvVar var : env) {
            if (var.getName() == null) {
                continue;
            }
            EnvVarSource from = var.getValueFrom();
            if (from != null) {
                String value = from.getFieldRef() != null ? fieldRef(pod, from.getFieldRef()) : null;
                if (value != null) {
                    variables.put(var.getName(), value);
                }
            } else {
                String value = var.getValue() == null ? "" : var.getValue();
                variables.put(var.getName(), Expansion.expand(value, variables));
            }
        }
        return variables;
    }

    /** The full environment of the process: image ENV, HOSTNAME, then what the kubelet adds (which wins). */
    static Map<String, String> processEnvironment(Map<String, String> imageEnv, String hostname,
                                                  Map<String, String> kubeletVariables) {
        Map<String, String> all = new LinkedHashMap<>(imageEnv);
        all.put("HOSTNAME", hostname);
        all.putAll(kubeletVariables);
        return all;
    }

    /** A downward-API {@code fieldRef}, as {@code pkg/fieldpath} and the kubelet resolve it; null when unsupported. */
    static String fieldRef(Pod pod, ObjectFieldSelector selector) {
        String path = selector.getFieldPath();
        if (path == null) {
            return null;
        }
        var meta = pod.getMetadata();
        var spec = pod.getSpec();
        var status = pod.getStatus();
        if (path.startsWith("metadata.labels['") && path.endsWith("']")) {
            String key = path.substring("metadata.labels['".length(), path.length() - 2);
            return meta == null || meta.getLabels() == null ? "" : meta.getLabels().getOrDefault(key, "");
        }
        if (path.startsWith("metadata.annotations['") && path.endsWith("']")) {
            String key = path.substring("metadata.annotations['".length(), path.length() - 2);
            return meta == null || meta.getAnnotations() == null ? "" : meta.getAnnotations().getOrDefault(key, "");
        }
        return switch (path) {
            case "metadata.name" -> meta == null ? "" : nullToEmpty(meta.getName());
            case "metadata.namespace" -> meta == null || meta.getNamespace() == null ? "default" : meta.getNamespace();
            case "metadata.uid" -> meta == null ? "" : nullToEmpty(meta.getUid());
            case "metadata.labels" -> meta == null || meta.getLabels() == null ? "" : formatMap(meta.getLabels());
            case "metadata.annotations" -> meta == null || meta.getAnnotations() == null ? ""
                    : formatMap(meta.getAnnotations());
            case "spec.nodeName" -> spec == null ? "" : nullToEmpty(spec.getNodeName());
            case "spec.serviceAccountName" -> spec == null || spec.getServiceAccountName() == null
                    ? "default" : spec.getServiceAccountName();
            case "status.hostIP" -> status == null ? "" : nullToEmpty(status.getHostIP());
            case "status.hostIPs" -> status == null || status.getHostIPs() == null ? ""
                    : status.getHostIPs().stream().map(h -> h.getIp()).collect(Collectors.joining(","));
            case "status.podIP" -> status == null ? "" : nullToEmpty(status.getPodIP());
            case "status.podIPs" -> status == null || status.getPodIPs() == null || status.getPodIPs().isEmpty()
                    ? (status == null ? "" : nullToEmpty(status.getPodIP()))
                    : status.getPodIPs().stream().map(PodIP::getIp).collect(Collectors.joining(","));
            default -> null;
        };
    }

    /** {@code key="value"} lines, sorted, as the downward API formats whole label and annotation maps. */
    private static String formatMap(Map<String, String> map) {
        return new java.util.TreeMap<>(map).entrySet().stream()
                .map(e -> e.getKey() + "=\"" + e.getValue() + "\"")
                .collect(Collectors.joining("\n"));
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
