package academy.minicluster.net.controller;

import academy.minicluster.net.api.LabelSelectors;
import academy.minicluster.net.api.WellKnownLabels;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.ObjectReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.discovery.v1.Endpoint;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointConditions;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointPort;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSliceBuilder;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The EndpointSlice controller: for every Service with a selector, the pods it selects become endpoints, grouped
 * into one slice per resolved port set (a named targetPort is resolved per pod, and a pod without that port name
 * is left out of that port). Conditions follow {@code podToEndpoint}: serving = pod Ready, terminating =
 * deletionTimestamp set, ready = publishNotReadyAddresses or (serving and not terminating). Slices of Services
 * without a selector are the user's and left alone.
 */
public final class EndpointSliceController implements Controller {

    public static final String MANAGED_BY_LABEL = "endpointslice.kubernetes.io/managed-by";
    public static final String MANAGED_BY = "endpointslice-controller.k8s.io";

    private final Changes changes = Changes.of("Service", "Pod", "EndpointSlice");
    /** Its slices are a function of the Service and the pods and slices of its namespace. */
    private final ServiceInputs inputs = new ServiceInputs("Pod", "EndpointSlice");

    @Override
    public boolean reconcile(ControllerContext context) {
        boolean changed = false;
        for (String namespace : changes.namespacesSinceLastRun(context.store())) {
            changed |= reconcile(context, namespace);
        }
        return changed;
    }

    private boolean reconcile(ControllerContext context, String namespace) {
        boolean changed = false;
        List<Service> done = new ArrayList<>();
        for (Service service : context.store().listForReading(Service.class, "Service", namespace)) {
            if (inputs.unchanged(context, service)) {
                continue;
            }
            done.add(service);
            Map<String, String> selector = service.getSpec().getSelector();
            if (selector == null || selector.isEmpty() || "ExternalName".equals(service.getSpec().getType())) {
                changed |= removeManagedSlices(context, service, List.of());
                continue;
            }
            changed |= reconcile(context, service);
        }
        // Remembered after this run's own writes, which leave every Service's slices as wanted.
        for (Service service : done) {
            inputs.remember(context, service);
        }
        return changed;
    }

    private boolean reconcile(ControllerContext context, Service service) {
        String namespace = service.getMetadata().getNamespace();
        // Group endpoints by the port list they resolve to: one slice per distinct list.
        Map<List<EndpointPort>, List<Endpoint>> groups = new LinkedHashMap<>();
        List<Pod> pods = new ArrayList<>();
        for (Pod pod : context.store().listForReading(Pod.class, "Pod", namespace)) {
            if (LabelSelectors.matchesEquality(service.getSpec().getSelector(), pod.getMetadata().getLabels())
                    && shouldBeInEndpoints(pod)) {
                pods.add(pod);
            }
        }
        pods.sort(Comparator.comparing(p -> p.getStatus().getPodIP()));
        for (Pod pod : pods) {
            groups.computeIfAbsent(resolvePorts(service, pod), k -> new ArrayList<>()).add(toEndpoint(service, pod));
        }
        List<EndpointSlice> existing = managedSlices(context, service);
        List<EndpointSlice> wanted = new ArrayList<>();
        if (groups.isEmpty()) {
            // A Service that selects no pod still gets one slice, with no endpoints and no ports.
            groups.put(null, List.of());
        }
        boolean changed = false;
        List<EndpointSlice> unused = new ArrayList<>(existing);
        for (Map.Entry<List<EndpointPort>, List<Endpoint>> group : groups.entrySet()) {
            EndpointSlice slice = unused.stream()
                    .filter(s -> Objects.equals(Owners.orEmpty(s.getPorts()), Owners.orEmpty(group.getKey())))
                    .findFirst().orElse(unused.isEmpty() ? null : unused.get(0));
            if (slice == null) {
                String name;
                do {
                    name = service.getMetadata().getName() + "-" + context.randomSuffix(5);
                } while (context.store().exists("EndpointSlice", namespace, name));
                slice = new EndpointSliceBuilder().withNewMetadata().withName(name)
                        .withGenerateName(service.getMetadata().getName() + "-").withNamespace(namespace)
                        .withLabels(labels(service)).withOwnerReferences(Owners.controllerRef(service)).endMetadata()
                        .withAddressType("IPv4").build();
                // Set, not passed to the builder, which would copy every endpoint again.
                slice.setPorts(group.getKey() == null ? null : new ArrayList<>(group.getKey()));
                slice.setEndpoints(new ArrayList<>(group.getValue()));
                context.store().create(slice);
                changed = true;
            } else {
                unused.remove(slice);
                if (!Objects.equals(Owners.orEmpty(slice.getPorts()), Owners.orEmpty(group.getKey()))
                        || !Objects.equals(Owners.orEmpty(slice.getEndpoints()), group.getValue())
                        || !Objects.equals(slice.getMetadata().getLabels(), labels(service))) {
                    // Listed for reading: take the store's own copy before writing into it.
                    slice = context.store().get(EndpointSlice.class, "EndpointSlice", namespace,
                            slice.getMetadata().getName()).orElseThrow();
                    slice.setPorts(group.getKey());
                    slice.setEndpoints(group.getValue());
                    slice.getMetadata().setLabels(labels(service));
                    context.store().touch(slice);
                    changed = true;
                }
            }
            wanted.add(slice);
        }
        changed |= removeManagedSlices(context, service, wanted);
        return changed;
    }

    private static Map<String, String> labels(Service service) {
        Map<String, String> labels = new LinkedHashMap<>();
        if (service.getMetadata().getLabels() != null) {
            labels.putAll(service.getMetadata().getLabels());
        }
        labels.put(MANAGED_BY_LABEL, MANAGED_BY);
        labels.put(WellKnownLabels.SERVICE_NAME, service.getMetadata().getName());
        if ("None".equals(service.getSpec().getClusterIP())) {
            labels.put("service.kubernetes.io/headless", "");
        }
        return labels;
    }

    private static List<EndpointSlice> managedSlices(ControllerContext context, Service service) {
        List<EndpointSlice> result = new ArrayList<>();
        for (EndpointSlice slice : context.store().listForReading(EndpointSlice.class, "EndpointSlice",
                service.getMetadata().getNamespace())) {
            Map<String, String> labels = slice.getMetadata().getLabels();
            if (labels != null && service.getMetadata().getName().equals(labels.get(WellKnownLabels.SERVICE_NAME))
                    && MANAGED_BY.equals(labels.get(MANAGED_BY_LABEL))) {
                result.add(slice);
            }
        }
        return result;
    }

    private static boolean removeManagedSlices(ControllerContext context, Service service, List<EndpointSlice> keep) {
        boolean changed = false;
        List<String> kept = new ArrayList<>(keep.size());
        for (EndpointSlice slice : keep) {
            kept.add(slice.getMetadata().getName());
        }
        for (EndpointSlice slice : managedSlices(context, service)) {
            if (!kept.contains(slice.getMetadata().getName())) {
                context.store().remove("EndpointSlice", slice.getMetadata().getNamespace(), slice.getMetadata().getName());
                changed = true;
            }
        }
        return changed;
    }

    /** {@code ShouldPodBeInEndpoints}: not Succeeded or Failed, and has an IP. Terminating pods stay. */
    static boolean shouldBeInEndpoints(Pod pod) {
        if (pod.getStatus() == null || pod.getStatus().getPodIP() == null) {
            return false;
        }
        String phase = pod.getStatus().getPhase();
        return !"Succeeded".equals(phase) && !"Failed".equals(phase);
    }

    /** The Service's ports as this pod serves them: numeric targetPorts as-is, named ones looked up in the pod. */
    static List<EndpointPort> resolvePorts(Service service, Pod pod) {
        List<EndpointPort> ports = new ArrayList<>();
        for (ServicePort sp : service.getSpec().getPorts()) {
            Integer number = findPort(pod, sp);
            if (number == null) {
                continue;
            }
            ports.add(new EndpointPort(sp.getAppProtocol(), Objects.requireNonNullElse(sp.getName(), ""), number,
                    Objects.requireNonNullElse(sp.getProtocol(), "TCP")));
        }
        return ports;
    }

    /** {@code findPort}: a named targetPort matches a container port with that name and the same protocol. */
    public static Integer findPort(Pod pod, ServicePort servicePort) {
        IntOrString target = servicePort.getTargetPort();
        if (target == null) {
            return servicePort.getPort();
        }
        if (target.getIntVal() != null) {
            return target.getIntVal();
        }
        String name = target.getStrVal();
        if (name != null && name.chars().allMatch(Character::isDigit) && !name.isEmpty()) {
            return Integer.parseInt(name);
        }
        String protocol = Objects.requireNonNullElse(servicePort.getProtocol(), "TCP");
        for (Container c : pod.getSpec().getContainers()) {
            if (c.getPorts() == null) {
                continue;
            }
            for (ContainerPort p : c.getPorts()) {
                if (name != null && name.equals(p.getName())
                        && protocol.equals(Objects.requireNonNullElse(p.getProtocol(), "TCP"))) {
                    return p.getContainerPort();
                }
            }
        }
        return null;
    }

    private static Endpoint toEndpoint(Service service, Pod pod) {
        boolean serving = ReplicaSetController.isReady(pod);
        boolean terminating = pod.getMetadata().getDeletionTimestamp() != null;
        boolean ready = Boolean.TRUE.equals(service.getSpec().getPublishNotReadyAddresses()) || (serving && !terminating);
        // Constructors rather than builders: this runs for every selected pod of every changed Service.
        ObjectReference targetRef = new ObjectReference();
        targetRef.setKind("Pod");
        targetRef.setName(pod.getMetadata().getName());
        targetRef.setNamespace(pod.getMetadata().getNamespace());
        targetRef.setUid(pod.getMetadata().getUid());
        Endpoint endpoint = new Endpoint();
        endpoint.setAddresses(new ArrayList<>(List.of(pod.getStatus().getPodIP())));
        endpoint.setConditions(new EndpointConditions(ready, serving, terminating));
        endpoint.setNodeName(pod.getSpec().getNodeName());
        endpoint.setTargetRef(targetRef);
        String hostname = pod.getSpec().getHostname();
        if (hostname != null && !hostname.isEmpty()
                && service.getMetadata().getName().equals(pod.getSpec().getSubdomain())) {
            endpoint.setHostname(hostname);
        }
        return endpoint;
    }

    @Override
    public void copyStateFrom(Controller original) {
        EndpointSliceController o = (EndpointSliceController) original;
        changes.copyFrom(o.changes);
        inputs.copyFrom(o.inputs);
    }

    @Override
    public void writeState(academy.minicluster.net.api.StateWriter out) {
        changes.writeState(out);
        inputs.writeState(out);
    }

    @Override
    public void readState(academy.minicluster.net.api.StateReader in) {
        changes.readState(in);
        inputs.readState(in);
    }
}
