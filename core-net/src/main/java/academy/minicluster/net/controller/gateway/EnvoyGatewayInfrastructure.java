package academy.minicluster.net.controller.gateway;

import academy.minicluster.net.dataplane.gateway.GatewayRouter;
import academy.minicluster.net.dataplane.gateway.EnvoyPorts;

import academy.minicluster.net.api.ApiException;
import academy.minicluster.net.api.ApiServer;
import academy.minicluster.net.controller.Changes;
import academy.minicluster.net.controller.WatchingController;
import academy.minicluster.net.controller.ControllerContext;
import academy.minicluster.net.profile.Bootstrap;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.ContainerPortBuilder;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.ServicePortBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GatewayClass;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Listener;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * Envoy Gateway's infrastructure provider (Kubernetes): for every Gateway of a class it controls, an Envoy
 * Deployment and a LoadBalancer Service named {@code envoy-NAMESPACE-NAME-HASH} in {@code envoy-gateway-system}
 * (the hash is the first 8 hex digits of the SHA-256 of {@code NAMESPACE/NAME}), labelled with the owning
 * Gateway. Each listener port is a Service port whose target is Envoy's container port: the listener port plus
 * 10000 below 1024 (Envoy runs unprivileged), the port itself otherwise. Both are deleted with the Gateway.
 */
public final class EnvoyGatewayInfrastructure implements WatchingController {

    private final Supplier<ApiServer> api;
    private final Changes changes = Changes.of("Gateway", "GatewayClass");

    public EnvoyGatewayInfrastructure(Supplier<ApiServer> api) {
        this.api = api;
    }

    /** {@code envoy-default-eg-e41e7b31}: what Envoy Gateway names a Gateway's Deployment and Service. */
    public static String resourceName(String namespace, String name) {
        String joined = namespace + "-" + name;
        String trimmed = joined.substring(0, Math.min(48, joined.length()));
        while (trimmed.endsWith("-")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        return "envoy-" + trimmed + "-" + sha256(namespace + "/" + name).substring(0, 8);
    }

    @Override
    public boolean reconcile(ControllerContext context) {
        if (!changes.sinceLastRun(context.store())) {
            return false;
        }
        Set<String> owned = new HashSet<>();
        for (GatewayClass c : context.store().listForReading(GatewayClass.class, "GatewayClass")) {
            if (c.getSpec() != null && Bootstrap.ENVOY_GATEWAY_CONTROLLER.equals(c.getSpec().getControllerName())) {
                owned.add(c.getMetadata().getName());
            }
        }
        if (!context.store().exists("Namespace", "", Bootstrap.ENVOY_GATEWAY_NAMESPACE)) {
            return false;   // Envoy Gateway is not installed
        }
        boolean changed = false;
        Set<String> wanted = new HashSet<>();
        for (Gateway gateway : context.store().listForReading(Gateway.class, "Gateway")) {
            if (gateway.getSpec() == null || !owned.contains(gateway.getSpec().getGatewayClassName())) {
                continue;
            }
            String name = resourceName(gateway.getMetadata().getNamespace(), gateway.getMetadata().getName());
            wanted.add(name);
            changed |= ensure(context, gateway, name);
        }
        for (Deployment d : context.store().listForReading(Deployment.class, "Deployment", Bootstrap.ENVOY_GATEWAY_NAMESPACE)) {
            Map<String, String> labels = d.getMetadata().getLabels();
            if (labels != null && labels.containsKey(GatewayRouter.OWNING_GATEWAY_NAME)
                    && !wanted.contains(d.getMetadata().getName())) {
                api.get().delete("Deployment", Bootstrap.ENVOY_GATEWAY_NAMESPACE, d.getMetadata().getName());
                if (context.store().exists("Service", Bootstrap.ENVOY_GATEWAY_NAMESPACE, d.getMetadata().getName())) {
                    api.get().delete("Service", Bootstrap.ENVOY_GATEWAY_NAMESPACE, d.getMetadata().getName());
                }
                changed = true;
            }
        }
        return changed;
    }

    private boolean ensure(ControllerContext context, Gateway gateway, String name) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("app.kubernetes.io/component", "proxy");
        labels.put("app.kubernetes.io/managed-by", "envoy-gateway");
        labels.put("app.kubernetes.io/name", "envoy");
        labels.put(GatewayRouter.OWNING_GATEWAY_NAME, gateway.getMetadata().getName());
        labels.put(GatewayRouter.OWNING_GATEWAY_NAMESPACE, gateway.getMetadata().getNamespace());
        TreeMap<Integer, String> ports = new TreeMap<>();
        for (Listener l : GatewayRouter.list(gateway.getSpec().getListeners())) {
            if (l.getPort() != null) {
                String protocol = List.of("HTTP", "HTTPS", "TLS", "GRPC").contains(l.getProtocol()) ? "TCP"
                        : Objects.requireNonNullElse(l.getProtocol(), "TCP");
                ports.putIfAbsent(l.getPort(), protocol);
            }
        }
        List<ContainerPort> containerPorts = new ArrayList<>();
        List<ServicePort> servicePorts = new ArrayList<>();
        ports.forEach((port, protocol) -> {
            String portName = protocol.toLowerCase(java.util.Locale.ROOT) + "-" + EnvoyPorts.containerPort(port);
            containerPorts.add(new ContainerPortBuilder().withName(portName).withContainerPort(EnvoyPorts.containerPort(port))
                    .withProtocol(protocol).build());
            servicePorts.add(new ServicePortBuilder().withName(protocol.toLowerCase(java.util.Locale.ROOT) + "-" + port)
                    .withPort(port).withProtocol(protocol).withTargetPort(new IntOrString(EnvoyPorts.containerPort(port))).build());
        });
        containerPorts.add(new ContainerPortBuilder().withName("metrics").withContainerPort(19001).withProtocol("TCP")
                .build());
        String ns = Bootstrap.ENVOY_GATEWAY_NAMESPACE;
        boolean changed = false;
        Deployment existing = context.store().getForReading(Deployment.class, "Deployment", ns, name).orElse(null);
        List<ContainerPort> existingPorts = existing == null ? null
                : existing.getSpec().getTemplate().getSpec().getContainers().get(0).getPorts();
        if (existing == null || !Objects.equals(existingPorts, containerPorts)) {
            Deployment deployment = new DeploymentBuilder().withNewMetadata().withName(name).withNamespace(ns)
                    .withLabels(labels).endMetadata()
                    .withNewSpec().withReplicas(1).withNewSelector().withMatchLabels(labels).endSelector()
                    .withNewTemplate().withNewMetadata().withLabels(labels).endMetadata()
                    .withNewSpec().withServiceAccountName(name)
                    .addNewContainer().withName("envoy").withImage(Bootstrap.ENVOY_PROXY_IMAGE)
                    .withArgs("--service-cluster", name, "--service-node", "$(ENVOY_POD_NAME)", "--config-yaml",
                            "(bootstrap)", "--log-level", "warn")
                    .addNewEnv().withName("ENVOY_POD_NAME").withNewValueFrom().withNewFieldRef()
                    .withFieldPath("metadata.name").endFieldRef().endValueFrom().endEnv()
                    .withPorts(containerPorts).endContainer()
                    .addNewContainer().withName("shutdown-manager").withImage(Bootstrap.ENVOY_GATEWAY_IMAGE)
                    .withArgs("envoy", "shutdown-manager").endContainer()
                    .endSpec().endTemplate().endSpec().build();
            write(deployment, existing != null);
            changed = true;
        }
        Service service = context.store().getForReading(Service.class, "Service", ns, name).orElse(null);
        if (service == null || !Objects.equals(stripNodePorts(service.getSpec().getPorts()), servicePorts)) {
            Service wantedService = new ServiceBuilder().withNewMetadata().withName(name).withNamespace(ns)
                    .withLabels(labels).endMetadata()
                    .withNewSpec().withType("LoadBalancer").withExternalTrafficPolicy("Local").withSelector(labels)
                    .withPorts(servicePorts).endSpec().build();
            write(wantedService, service != null);
            changed = true;
        }
        return changed;
    }

    private static List<ServicePort> stripNodePorts(List<ServicePort> ports) {
        List<ServicePort> out = new ArrayList<>();
        for (ServicePort p : ports) {
            out.add(new ServicePortBuilder().withName(p.getName()).withPort(p.getPort()).withProtocol(p.getProtocol())
                    .withTargetPort(p.getTargetPort()).build());
        }
        return out;
    }

    private void write(io.fabric8.kubernetes.api.model.HasMetadata object, boolean exists) {
        try {
            if (exists) {
                api.get().replace(object);
            } else {
                api.get().create(object);
            }
        } catch (ApiException e) {
            // Over the cluster's quota: the Gateway stays without its proxy, as Envoy Gateway would keep retrying.
        }
    }

    private static String sha256(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            StringBuilder hex = new StringBuilder();
            for (byte b : digest) {
                hex.append(String.format("%02x", b));
            }
            return hex.toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public Changes changes() {
        return changes;
    }
}
