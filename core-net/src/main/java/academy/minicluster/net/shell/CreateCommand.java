package academy.minicluster.net.shell;

import static academy.minicluster.net.shell.KubectlArgs.single;
import static academy.minicluster.net.shell.KubectlContext.namespace;

import academy.minicluster.net.Cluster;
import academy.minicluster.net.api.ApiException;
import academy.minicluster.net.shell.Kubectl.UsageError;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.ServicePortBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code kubectl create deployment|namespace|service|ingress|secret ...} and {@code create -f}.
 */
final class CreateCommand {

    private final Cluster cluster;
    private final Map<String, String> files;
    private final ImperativeCreate creation;
    /** {@code kubectl create -f} is apply's path without the record of the last applied configuration. */
    private final ApplyCommand apply;

    CreateCommand(KubectlContext context) {
        this.cluster = context.cluster();
        this.files = context.files();
        this.creation = new ImperativeCreate(context);
        this.apply = new ApplyCommand(context);
    }

    ShellResult run(String line, List<String> rest, String stdin) throws Flags.UnknownFlag {
        if (rest.isEmpty() || rest.get(0).startsWith("-")) {
            return apply.run(line, Kubectl.flags(rest, "save-config", "edit"), stdin, "create");
        }
        String what = rest.get(0);
        Flags f = Kubectl.flags(rest.subList(1, rest.size()), "image", "replicas", "port", "cert", "key",
                "from-literal", "save-config", "tcp", "node-port", "class", "rule", "default-backend", "annotation", "clusterip",
                "external-name", "from-file", "type");
        String namespace = namespace(f);
        switch (what) {
            case "namespace", "ns" -> {
                String name = single(f, "namespace");
                return creation.created(line, f,
                        new NamespaceBuilder().withNewMetadata().withName(name).endMetadata().build(), "created");
            }
            case "serviceaccount", "sa" -> {
                String name = single(f, "serviceaccount");
                return creation.created(line, f, new io.fabric8.kubernetes.api.model.ServiceAccountBuilder()
                        .withNewMetadata().withName(name).withNamespace(namespace).endMetadata().build(), "created");
            }
            case "deployment", "deploy" -> {
                String name = single(f, "deployment");
                List<String> images = f.all("image");
                if (images.isEmpty()) {
                    throw new UsageError("error: required flag(s) \"image\" not set");
                }
                Map<String, String> labels = Map.of("app", name);
                var spec = new io.fabric8.kubernetes.api.model.PodSpecBuilder();
                for (String image : images) {
                    var c = new io.fabric8.kubernetes.api.model.ContainerBuilder()
                            .withName(sanitizeAndUniquify(containerName(image), cluster.random()))
                            .withImage(image);
                    if (f.get("port") != null) {
                        c.addNewPort().withContainerPort(Integer.parseInt(f.get("port"))).endPort();
                    }
                    if (!f.command.isEmpty()) {
                        c.withCommand(f.command);
                    }
                    spec.addToContainers(c.build());
                }
                try {
                    return creation.created(line, f, new DeploymentBuilder().withNewMetadata().withName(name)
                            .withNamespace(namespace).withLabels(labels).endMetadata().withNewSpec()
                            .withReplicas(Integer.parseInt(f.get("replicas", "1"))).withNewSelector()
                            .withMatchLabels(labels).endSelector().withNewTemplate().withNewMetadata().withLabels(labels)
                            .endMetadata().withSpec(spec.build()).endTemplate().endSpec().build(), "created");
                } catch (ApiException e) {
                    throw new UsageError("error: failed to create deployment: " + e.statusMessage());
                }
            }
            case "secret" -> {
                if (f.positional.size() < 2) {
                    throw new UsageError("error: exactly one NAME is required, got 0");
                }
                String type = f.positional.get(0);
                String name = f.positional.get(1);
                if (type.equals("tls")) {
                    String cert = files.get(f.get("cert", ""));
                    String key = files.get(f.get("key", ""));
                    if (cert == null || key == null) {
                        throw new UsageError("error: open " + (cert == null ? f.get("cert", "") : f.get("key", ""))
                                + ": no such file or directory");
                    }
                    return creation.created(line, f, new SecretBuilder().withNewMetadata().withName(name)
                            .withNamespace(namespace).endMetadata().withType("kubernetes.io/tls")
                            .addToData("tls.crt", base64(cert)).addToData("tls.key", base64(key)).build(), "created");
                } else if (type.equals("generic")) {
                    Map<String, String> data = new LinkedHashMap<>();
                    for (String literal : f.all("from-literal")) {
                        String[] kv = literal.split("=", 2);
                        data.put(kv[0], base64(kv.length > 1 ? kv[1] : ""));
                    }
                    return creation.created(line, f, new SecretBuilder().withNewMetadata().withName(name)
                            .withNamespace(namespace).endMetadata().withType("Opaque").withData(data).build(), "created");
                } else {
                    throw new UsageError("error: unknown secret type \"" + type + "\"");
                }
            }
            case "service", "svc" -> {
                return createService(line, f, namespace);
            }
            case "ingress", "ing" -> {
                return createIngress(line, f, namespace);
            }
            default -> throw new UsageError("error: unknown command \"" + what + "\" for \"kubectl create\""
                    + suggestCreate(what));
        }
    }

    private static String suggestCreate(String what) {
        List<String> matches = new ArrayList<>();
        for (String c : List.of("clusterrole", "clusterrolebinding", "configmap", "cronjob", "deployment", "ingress",
                "job", "namespace", "poddisruptionbudget", "priorityclass", "quota", "role", "rolebinding", "secret",
                "service", "serviceaccount", "token")) {
            if (Kubectl.levenshtein(what.toLowerCase(java.util.Locale.ROOT), c) <= 2 || c.startsWith(what)) {
                matches.add(c);
            }
        }
        StringBuilder s = new StringBuilder();
        if (!matches.isEmpty()) {
            s.append("\n\nDid you mean this?\n");
            matches.forEach(m -> s.append('\t').append(m).append('\n'));
        }
        return s.toString();
    }

    /**
     * {@code kubectl create service clusterip|nodeport|loadbalancer NAME --tcp=PORT[:TARGET]}: selector and label
     * {@code app=NAME}, one port per {@code --tcp}, named {@code 80-8080}.
     */
    private ShellResult createService(String line, Flags f, String namespace) {
        if (f.positional.isEmpty()) {
            throw new UsageError("error: unknown command \"\" for \"kubectl create service\"");
        }
        String kind = f.positional.get(0);
        String type = switch (kind) {
            case "clusterip" -> "ClusterIP";
            case "nodeport" -> "NodePort";
            case "loadbalancer" -> "LoadBalancer";
            case "externalname" -> "ExternalName";
            default -> throw new UsageError("error: unknown command \"" + kind + "\" for \"kubectl create service\"");
        };
        if (f.positional.size() != 2) {
            throw new UsageError("error: exactly one NAME is required, got " + (f.positional.size() - 1)
                    + "\nSee 'kubectl create service " + kind + " -h' for help and examples");
        }
        String name = f.positional.get(1);
        List<String> tcp = f.all("tcp");
        if (tcp.isEmpty() && !type.equals("ExternalName") && !"None".equals(f.get("clusterip"))) {
            throw new UsageError("error: at least one tcp port specifier must be provided");
        }
        Map<String, String> labels = new LinkedHashMap<>(Map.of("app", name));
        ServiceBuilder b = new ServiceBuilder().withNewMetadata().withName(name).withNamespace(namespace)
                .withLabels(labels).endMetadata().withNewSpec().withType(type).endSpec();
        if (!type.equals("ExternalName")) {
            b.editSpec().withSelector(new LinkedHashMap<>(labels)).endSpec();
        } else {
            b.editSpec().withExternalName(f.get("external-name")).endSpec();
        }
        if (f.get("clusterip") != null) {
            b.editSpec().withClusterIP(f.get("clusterip")).endSpec();
        }
        for (String spec : tcp) {
            for (String one : spec.split(",")) {
                String[] pt = one.split(":", 2);
                int port;
                IntOrString target;
                try {
                    port = Integer.parseInt(pt[0]);
                    target = pt.length > 1 ? pt[1].chars().allMatch(Character::isDigit)
                            ? new IntOrString(Integer.parseInt(pt[1])) : new IntOrString(pt[1]) : new IntOrString(port);
                } catch (NumberFormatException e) {
                    throw new UsageError("error: strconv.Atoi: parsing \"" + pt[0] + "\": invalid syntax");
                }
                var sp = new ServicePortBuilder().withName(one.replace(':', '-')).withPort(port).withProtocol("TCP")
                        .withTargetPort(target);
                if (type.equals("NodePort") && f.get("node-port") != null) {
                    sp.withNodePort(Integer.parseInt(f.get("node-port")));
                }
                b.editSpec().addToPorts(sp.build()).endSpec();
            }
        }
        return creation.created(line, f, b.build(), "created");
    }

    private static final java.util.regex.Pattern INGRESS_RULE = java.util.regex.Pattern.compile(
            "^(?<host>[\\w*\\-.]*)(?<path>/.*)=(?<service>[\\w\\-]+):(?<port>[\\w\\-]+)(,tls(=(?<secret>.+))?)?$");

    /**
     * {@code kubectl create ingress NAME --rule=host/path=svc:port[,tls[=secret]]}: a path ending in {@code *} is a
     * Prefix path (without the star), any other an Exact one; rules of the same host share one rule.
     */
    private ShellResult createIngress(String line, Flags f, String namespace) {
        if (f.positional.size() != 1) {
            throw new UsageError("error: exactly one NAME is required, got " + f.positional.size()
                    + "\nSee 'kubectl create ingress -h' for help and examples");
        }
        String name = f.positional.get(0);
        if (f.all("rule").isEmpty() && f.get("default-backend") == null) {
            throw new UsageError("error: not enough information provided: every ingress has to either specify a "
                    + "default-backend (which catches all traffic) or a list of rules (which catch specific paths)");
        }
        var spec = new io.fabric8.kubernetes.api.model.networking.v1.IngressSpecBuilder();
        if (f.get("class") != null) {
            spec.withIngressClassName(f.get("class"));
        }
        if (f.get("default-backend") != null) {
            String[] sp = f.get("default-backend").split(":", 2);
            spec.withDefaultBackend(ingressBackend(sp[0], sp.length > 1 ? sp[1] : ""));
        }
        Map<String, io.fabric8.kubernetes.api.model.networking.v1.IngressRule> rules = new LinkedHashMap<>();
        Map<String, List<String>> tlsBySecret = new LinkedHashMap<>();
        for (String rule : f.all("rule")) {
            var m = INGRESS_RULE.matcher(rule);
            if (!m.matches()) {
                throw new UsageError("error: rule " + rule + " is invalid and should be in format host/path=svcname:svcport"
                        + "[,tls[=secret]]");
            }
            String host = m.group("host");
            String path = m.group("path");
            String pathType = "Exact";
            if (path.endsWith("*")) {
                pathType = "Prefix";
                path = path.substring(0, path.length() - 1);
            }
            var httpPath = new io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPathBuilder().withPath(path)
                    .withPathType(pathType).withBackend(ingressBackend(m.group("service"), m.group("port"))).build();
            var r = rules.computeIfAbsent(host, h -> {
                var nr = new io.fabric8.kubernetes.api.model.networking.v1.IngressRuleBuilder().withNewHttp().endHttp()
                        .build();
                if (!h.isEmpty()) {
                    nr.setHost(h);
                }
                nr.getHttp().setPaths(new ArrayList<>());
                return nr;
            });
            r.getHttp().getPaths().add(httpPath);
            if (rule.contains(",tls")) {
                String secret = m.group("secret") == null ? "" : m.group("secret");
                List<String> hosts = tlsBySecret.computeIfAbsent(secret, x -> new ArrayList<>());
                if (!host.isEmpty() && !hosts.contains(host)) {
                    hosts.add(host);
                }
            }
        }
        spec.withRules(new ArrayList<>(rules.values()));
        tlsBySecret.forEach((secret, hosts) -> {
            var tls = new io.fabric8.kubernetes.api.model.networking.v1.IngressTLSBuilder();
            if (!hosts.isEmpty()) {
                tls.withHosts(hosts);
            }
            if (!secret.isEmpty()) {
                tls.withSecretName(secret);
            }
            spec.addToTls(tls.build());
        });
        Map<String, String> annotations = new LinkedHashMap<>();
        for (String a : f.all("annotation")) {
            String[] kv = a.split("=", 2);
            annotations.put(kv[0], kv.length > 1 ? kv[1] : "");
        }
        var ingress = new io.fabric8.kubernetes.api.model.networking.v1.IngressBuilder().withNewMetadata()
                .withName(name).withNamespace(namespace).endMetadata().withSpec(spec.build()).build();
        if (!annotations.isEmpty()) {
            ingress.getMetadata().setAnnotations(annotations);
        }
        return creation.created(line, f, ingress, "created");
    }

    private static io.fabric8.kubernetes.api.model.networking.v1.IngressBackend ingressBackend(String service,
                                                                                              String port) {
        var b = new io.fabric8.kubernetes.api.model.networking.v1.IngressServiceBackendBuilder().withName(service);
        if (!port.isEmpty() && port.chars().allMatch(Character::isDigit)) {
            b.withNewPort().withNumber(Integer.parseInt(port)).endPort();
        } else {
            b.withNewPort().withName(port).endPort();
        }
        return new io.fabric8.kubernetes.api.model.networking.v1.IngressBackendBuilder().withService(b.build()).build();
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    /** kubectl names a container after its image: {@code nginx:1.27} -> {@code nginx}. */
    static String containerName(String image) {
        String base = image.substring(image.lastIndexOf('/') + 1);
        int at = base.indexOf('@');
        if (at >= 0) {
            base = base.substring(0, at);
        }
        int colon = base.indexOf(':');
        return colon >= 0 ? base.substring(0, colon) : base;
    }

    /**
     * kubectl create deployment's container name (create_deployment.go, {@code sanitizeAndUniquify}): a name with
     * {@code _} or {@code .} (not valid in a DNS label) has them turned into {@code -} and five random characters
     * appended, so {@code registry.k8s.io/serve_hostname} runs in a container {@code serve-hostname-xxxxx}.
     */
    static String sanitizeAndUniquify(String name, java.util.Random random) {
        if (name.indexOf('_') < 0 && name.indexOf('.') < 0) {
            return name;
        }
        StringBuilder s = new StringBuilder(name.replace('_', '-').replace('.', '-')).append('-');
        String alphabet = "bcdfghjklmnpqrstvwxz2456789"; // utilrand.String's alphabet
        for (int i = 0; i < 5; i++) {
            s.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return s.toString();
    }
}
