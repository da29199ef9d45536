package academy.minicluster.benchmarks;

import academy.minicluster.net.api.ClusterLimits;
import academy.minicluster.net.profile.ClusterProfile;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The manifests the benchmarks apply: the seed article's example (a copy of core-net's
 * {@code scenarios/seed-web.yaml}, which the benchmarks cannot read from core-net's test resources), and clusters
 * of any size made of identical apps.
 *
 * <p>A scaled cluster of {@code pods} pods has {@code pods / 10} apps of 10 replicas, ten apps to a namespace; each
 * app has a Deployment, a ClusterIP Service, an Ingress with its own host and a NetworkPolicy letting in only
 * ingress-nginx and the cluster's client pods; each namespace also has a default-deny policy. The first namespace
 * holds one extra pod, {@code client}, that the pod-to-Service probe runs in. Workers are added as kind would need
 * them at kubelet's default of 110 pods per node.
 */
public final class Scenarios {

    /** Replicas of every app of a scaled cluster. */
    public static final int REPLICAS = 10;
    /** Apps per namespace of a scaled cluster. */
    public static final int APPS_PER_NAMESPACE = 10;
    /** The kubelet's default {@code --max-pods}. */
    public static final int MAX_PODS_PER_NODE = 110;

    /**
     * The session limits of the clusters whose probes are measured: a session's default budget (1,000 commands,
     * 32 MiB of output, 120 s of CPU) would stop the shell within one iteration, and JMH would then time the
     * refusal ({@code BudgetExceeded}) instead of the curl. Objects, pods and logs keep their defaults.
     */
    public static final ClusterLimits MEASURED = new ClusterLimits(ClusterLimits.DEFAULTS.maxObjects(),
            ClusterLimits.DEFAULTS.maxPods(), Integer.MAX_VALUE, ClusterLimits.DEFAULTS.maxLogBytes(),
            ClusterLimits.DEFAULTS.cpuPerCommand(), Duration.ofDays(365), Long.MAX_VALUE);

    private Scenarios() {
    }

    public static String seedWeb() {
        return resource("seed-web.yaml");
    }

    /** Issue 13: Gateway eg and HTTPRoute web in front of the seed scenario's Service web. */
    public static String gatewayWeb() {
        return resource("gateway-web.yaml");
    }

    /** Issue 17: a lab's Deployment and Service (first-clusterip-service's hello with its Service), as a learner's editor holds them. */
    public static String labHello() {
        return resource("lab-hello.yaml");
    }

    private static String resource(String name) {
        try (InputStream in = Scenarios.class.getResourceAsStream("/" + name)) {
            if (in == null) {
                throw new IllegalStateException(name + " missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static int apps(int pods) {
        return Math.max(1, pods / REPLICAS);
    }

    public static int namespaces(int pods) {
        return (apps(pods) + APPS_PER_NAMESPACE - 1) / APPS_PER_NAMESPACE;
    }

    /** The default profile with enough workers for {@code pods} pods at 110 per node (at least kind's two). */
    public static ClusterProfile profileFor(int pods) {
        int workers = Math.max(2, (pods + 1 + MAX_PODS_PER_NODE - 1) / MAX_PODS_PER_NODE);
        ClusterProfile d = ClusterProfile.DEFAULT;
        return new ClusterProfile("bench-" + pods, "default with " + workers + " workers", workers,
                d.networkPolicyEnforced(), d.proxyMode(), d.loadBalancerPool(), d.defaultIngressClass());
    }

    public static String namespace(int index) {
        return "team-" + index;
    }

    public static String app(int index) {
        return "app-" + index;
    }

    /** The Ingress host of app {@code index}. */
    public static String host(int index) {
        return app(index) + ".example.com";
    }

    /**
     * The scaled cluster's manifests, one file per namespace ({@code team-0.yaml}, ...) in apply order: kubectl
     * takes at most 1,000 documents from one file, and a learner would split a big cluster like this anyway.
     */
    public static Map<String, String> scaled(int pods) {
        Map<String, String> files = new LinkedHashMap<>();
        int apps = apps(pods);
        for (int n = 0; n < namespaces(pods); n++) {
            String ns = namespace(n);
            StringBuilder y = new StringBuilder(APPS_PER_NAMESPACE * 1800);
            y.append("apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ").append(ns).append("\n---\n");
            y.append("""
                    apiVersion: networking.k8s.io/v1
                    kind: NetworkPolicy
                    metadata:
                      name: default-deny
                      namespace: %s
                    spec:
                      podSelector: {}
                      policyTypes: [Ingress]
                    ---
                    """.formatted(ns));
            for (int a = n * APPS_PER_NAMESPACE; a < Math.min(apps, (n + 1) * APPS_PER_NAMESPACE); a++) {
                app(y, a);
            }
            if (n == 0) {
                client(y);
            }
            files.put(ns + ".yaml", y.toString());
        }
        return files;
    }

    /** {@code kubectl apply -f team-0.yaml -f team-1.yaml ...}. */
    public static String applyCommand(Map<String, String> files) {
        StringBuilder command = new StringBuilder("kubectl apply");
        files.keySet().forEach(name -> command.append(" -f ").append(name));
        return command.toString();
    }

    private static void app(StringBuilder y, int a) {
            String ns = namespace(a / APPS_PER_NAMESPACE);
            String app = app(a);
            y.append("""
                    apiVersion: apps/v1
                    kind: Deployment
                    metadata:
                      name: %1$s
                      namespace: %2$s
                    spec:
                      replicas: %3$d
                      selector:
                        matchLabels:
                          app: %1$s
                      template:
                        metadata:
                          labels:
                            app: %1$s
                        spec:
                          containers:
                          - name: whoami
                            image: traefik/whoami:v1.10
                            ports:
                            - name: http
                              containerPort: 80
                    ---
                    apiVersion: v1
                    kind: Service
                    metadata:
                      name: %1$s
                      namespace: %2$s
                    spec:
                      selector:
                        app: %1$s
                      ports:
                      - name: http
                        port: 80
                        targetPort: http
                    ---
                    apiVersion: networking.k8s.io/v1
                    kind: Ingress
                    metadata:
                      name: %1$s
                      namespace: %2$s
                    spec:
                      rules:
                      - host: %4$s
                        http:
                          paths:
                          - path: /
                            pathType: Prefix
                            backend:
                              service:
                                name: %1$s
                                port:
                                  number: 80
                    ---
                    apiVersion: networking.k8s.io/v1
                    kind: NetworkPolicy
                    metadata:
                      name: %1$s
                      namespace: %2$s
                    spec:
                      podSelector:
                        matchLabels:
                          app: %1$s
                      ingress:
                      - from:
                        - namespaceSelector:
                            matchLabels:
                              kubernetes.io/metadata.name: ingress-nginx
                        - namespaceSelector: {}
                          podSelector:
                            matchLabels:
                              role: client
                        ports:
                        - port: http
                    ---
                    """.formatted(app, ns, REPLICAS, host(a)));
    }

    private static void client(StringBuilder y) {
        y.append("""
                apiVersion: v1
                kind: Pod
                metadata:
                  name: client
                  namespace: %s
                  labels:
                    role: client
                spec:
                  containers:
                  - name: netshoot
                    image: nicolaka/netshoot
                    command: ["sleep", "3600"]
                """.formatted(namespace(0)));
    }
}
