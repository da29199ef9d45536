package academy.minicluster.net.workload;

import java.util.List;
import java.util.Locale;

/**
 * The images the model knows, recognised by repository name whatever the registry, tag or digest:
 * {@code nginx}, {@code nginx:1.27}, {@code docker.io/library/nginx@sha256:...} are all {@link #NGINX}.
 */
public enum ImageKind {
    NGINX(List.of("library/nginx", "nginxinc/nginx-unprivileged")),
    HTTP_ECHO(List.of("hashicorp/http-echo")),
    AGNHOST(List.of("e2e-test-images/agnhost", "kubernetes-e2e-test-images/agnhost", "agnhost")),
    WHOAMI(List.of("traefik/whoami", "containous/whoami")),
    /** The Gateway API conformance backend (registry.k8s.io/gateway-api/conformance/echo-basic, and its staging builds). */
    ECHO_BASIC(List.of("gateway-api/conformance/echo-basic", "k8s-staging-gateway-api/echo-basic",
            "k8s-staging-gateway-api/echo-server", "echo-basic")),
    /**
     * registry.k8s.io/echoserver, the nginx-and-Lua echo of the kubernetes.io pages ("Using Source IP", minikube's
     * hello-minikube); the e2e copy is registry.k8s.io/e2e-test-images/echoserver.
     */
    ECHOSERVER(List.of("library/echoserver", "google_containers/echoserver", "google-containers/echoserver",
            "e2e-test-images/echoserver")),
    /** registry.k8s.io/serve_hostname, agnhost serve-hostname's standalone predecessor (the "Debug Services" page). */
    SERVE_HOSTNAME(List.of("library/serve_hostname", "google_containers/serve_hostname",
            "google-containers/serve_hostname")),
    /** GKE's hello-app (us-docker.pkg.dev/google-samples/containers/gke/hello-app), of the Ingress tutorials. */
    HELLO_APP(List.of("google-samples/containers/gke/hello-app", "google-samples/hello-app")),
    BUSYBOX(List.of("library/busybox", "busybox")),
    /** radial/busyboxplus:curl of "Connecting Applications with Services": an old busybox with curl added. */
    BUSYBOXPLUS(List.of("radial/busyboxplus")),
    /**
     * The dnsutils image of "Debugging DNS Resolution" (registry.k8s.io/e2e-test-images/jessie-dnsutils): Debian with
     * BIND's dig, nslookup and host.
     */
    DNSUTILS(List.of("e2e-test-images/jessie-dnsutils", "kubernetes-e2e-test-images/dnsutils",
            "e2e-test-images/dnsutils", "jessie-dnsutils")),
    CURL(List.of("curlimages/curl", "curl/curl")),
    NETSHOOT(List.of("nicolaka/netshoot")),
    PAUSE(List.of("pause", "google_containers/pause")),
    /** CoreDNS: answers DNS from the cluster's zone ({@link CoreDnsProcess}). */
    COREDNS(List.of("coredns/coredns", "coredns")),
    /** The ingress-nginx controller: nginx routes and proxies from the compiled Ingresses ({@link IngressNginx}). */
    INGRESS_NGINX_CONTROLLER(List.of("ingress-nginx/controller", "ingress-nginx/controller-chroot")),
    /** Envoy Gateway's control plane (and its proxies' shutdown manager): this package says what it listens on. */
    ENVOY_GATEWAY(List.of("envoyproxy/gateway")),
    /** Envoy, the proxy of each Gateway: routes and proxies from the compiled Gateway API routes ({@link EnvoyProxy}). */
    ENVOY_PROXY(List.of("envoyproxy/envoy")),
    /** An image the model does not know: see {@link SimulatedContainer} for the behaviour it gets. */
    UNKNOWN(List.of());

    private final List<String> repositories;
    private final String label;

    ImageKind(List<String> repositories) {
        this.repositories = repositories;
        this.label = name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The kind in a trace's words: {@code whoami}, {@code ingress-nginx-controller}. */
    public String label() {
        return label;
    }

    /** Recognises an image reference as kubelet and containerd normalise it ({@code nginx} is {@code docker.io/library/nginx}). */
    public static ImageKind of(String image) {
        String repository = repository(image);
        for (ImageKind kind : values()) {
            for (String known : kind.repositories) {
                if (repository.equals(known) || repository.endsWith("/" + known)) {
                    return kind;
                }
            }
        }
        return UNKNOWN;
    }

    /**
     * The repository path without registry host, tag or digest, with Docker Hub's implicit {@code library/}:
     * {@code registry.k8s.io/e2e-test-images/agnhost:2.53} gives {@code e2e-test-images/agnhost}.
     */
    static String repository(String image) {
        String name = image.trim().toLowerCase(Locale.ROOT);
        int at = name.indexOf('@');
        if (at >= 0) {
            name = name.substring(0, at);
        }
        int slash = name.lastIndexOf('/');
        int colon = name.lastIndexOf(':');
        if (colon > slash) {
            name = name.substring(0, colon);
        }
        int firstSlash = name.indexOf('/');
        if (firstSlash > 0) {
            String first = name.substring(0, firstSlash);
            // A first component with a dot or a colon, or "localhost", is a registry host (Docker's rule).
            if (first.contains(".") || first.contains(":") || first.equals("localhost")) {
                name = name.substring(firstSlash + 1);
            }
        }
        return name.contains("/") ? name : "library/" + name;
    }

    /**
     * Whether a busybox image ships the nslookup of busybox 1.28 and earlier, which resolves through the C library
     * (search list and ndots as getaddrinfo applies them) and prints {@code Address 1: IP NAME}: busybox tags before
     * 1.29, and Google's old {@code gcr.io/google-containers/busybox}. The kubernetes.io pages pin
     * {@code busybox:1.28} for that reason.
     */
    public static boolean hasLibcNslookup(String image) {
        if (of(image) == BUSYBOXPLUS) {
            return true; // built on busybox 1.22
        }
        if (of(image) != BUSYBOX) {
            return false;
        }
        String repository = repository(image);
        if (repository.endsWith("google-containers/busybox") || repository.endsWith("google_containers/busybox")) {
            return true;
        }
        String[] version = tag(image).split("[.-]");
        try {
            int major = Integer.parseInt(version[0]);
            int minor = version.length > 1 ? Integer.parseInt(version[1]) : 0;
            return major < 1 || (major == 1 && minor <= 28);
        } catch (NumberFormatException e) {
            return false; // latest, musl, glibc, stable...: today's busybox
        }
    }

    /** The tag of an image reference, {@code latest} when none is given (digest-only references included). */
    static String tag(String image) {
        String name = image.trim();
        int at = name.indexOf('@');
        if (at >= 0) {
            name = name.substring(0, at);
        }
        int slash = name.lastIndexOf('/');
        int colon = name.lastIndexOf(':');
        return colon > slash ? name.substring(colon + 1) : "latest";
    }
}
