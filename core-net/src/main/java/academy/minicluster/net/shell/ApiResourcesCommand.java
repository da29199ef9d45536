package academy.minicluster.net.shell;

import academy.minicluster.net.api.Kinds;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code kubectl api-resources}: the kinds the API server serves, in discovery's order.
 */
final class ApiResourcesCommand {


    ApiResourcesCommand(KubectlContext context) {
    }

    /**
     * The API groups in kube-apiserver 1.33's discovery order (the built-in groups by priority, then the CRDs'),
     * which is the order {@code kubectl api-resources} lists them in, each group's resources by name.
     */
    private static final List<String> DISCOVERY_GROUP_ORDER = List.of("", "apiregistration.k8s.io", "apps",
            "events.k8s.io", "authentication.k8s.io", "authorization.k8s.io", "autoscaling", "batch",
            "certificates.k8s.io", "networking.k8s.io", "policy", "rbac.authorization.k8s.io", "storage.k8s.io",
            "admissionregistration.k8s.io", "apiextensions.k8s.io", "scheduling.k8s.io", "coordination.k8s.io",
            "node.k8s.io", "discovery.k8s.io", "flowcontrol.apiserver.k8s.io", "gateway.networking.k8s.io");

    ShellResult run(String line) {
        Table t = new Table("NAME", "SHORTNAMES", "APIVERSION", "NAMESPACED", "KIND");
        List<Kinds.Resource> ordered = new ArrayList<>(Kinds.ALL);
        ordered.sort(java.util.Comparator.<Kinds.Resource>comparingInt(r -> {
            int slash = r.apiVersion().indexOf('/');
            int index = DISCOVERY_GROUP_ORDER.indexOf(slash < 0 ? "" : r.apiVersion().substring(0, slash));
            return index < 0 ? DISCOVERY_GROUP_ORDER.size() : index;
        }).thenComparing(Kinds.Resource::plural));
        for (Kinds.Resource r : ordered) {
            t.row(r.plural(), String.join(",", r.shortNames()), r.apiVersion(), Boolean.toString(r.namespaced()),
                    r.kind());
        }
        return ShellResult.ok(line, t.toString());
    }

    /** kubectl's {@code resource.Info.String()}: the resource and kind as Go prints a GroupVersionResource/Kind. */
}
