package academy.minicluster.net.controller;

import academy.minicluster.net.api.ObjectCopier;
import academy.minicluster.net.api.WellKnownLabels;
import io.fabric8.kubernetes.api.model.EndpointAddress;
import io.fabric8.kubernetes.api.model.EndpointPort;
import io.fabric8.kubernetes.api.model.EndpointSubset;
import io.fabric8.kubernetes.api.model.Endpoints;
import io.fabric8.kubernetes.api.model.EndpointsBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.discovery.v1.Endpoint;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The legacy v1 Endpoints object, derived read-only from each Service's EndpointSlices so that
 * {@code kubectl get endpoints} and {@code kubectl describe service} show what they show on a real cluster: ready
 * addresses, and not-ready ones apart.
 */
public final class EndpointsController implements Controller {

    private final Changes changes = Changes.of("Service", "EndpointSlice", "Endpoints");
    /** Its Endpoints are a function of the Service and the slices and Endpoints of its namespace. */
    private final ServiceInputs inputs = new ServiceInputs("EndpointSlice", "Endpoints");

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
            String name = service.getMetadata().getName();
            if ("ExternalName".equals(service.getSpec().getType())
                    || inputs.unchanged(context, service)) {
                continue;
            }
            done.add(service);
            List<EndpointSubset> subsets = new ArrayList<>();
            for (EndpointSlice slice : context.store().listForReading(EndpointSlice.class, "EndpointSlice", namespace)) {
                Map<String, String> labels = slice.getMetadata().getLabels();
                if (labels == null || !name.equals(labels.get(WellKnownLabels.SERVICE_NAME))
                        || slice.getEndpoints() == null || slice.getEndpoints().isEmpty() || slice.getPorts() == null
                        || slice.getPorts().isEmpty()) {
                    continue;
                }
                List<EndpointAddress> ready = new ArrayList<>();
                List<EndpointAddress> notReady = new ArrayList<>();
                for (Endpoint e : slice.getEndpoints()) {
                    for (String ip : e.getAddresses()) {
                        EndpointAddress address = new EndpointAddress(e.getHostname(), ip, e.getNodeName(),
                                e.getTargetRef() == null ? null : ObjectCopier.deepCopy(e.getTargetRef()));
                        boolean isReady = e.getConditions() == null || !Boolean.FALSE.equals(e.getConditions().getReady());
                        (isReady ? ready : notReady).add(address);
                    }
                }
                List<EndpointPort> ports = new ArrayList<>();
                for (var p : slice.getPorts()) {
                    ports.add(new EndpointPort(p.getAppProtocol(),
                            p.getName() == null || p.getName().isEmpty() ? null : p.getName(), p.getPort(),
                            p.getProtocol()));
                }
                // Constructors rather than builders, whose copies of every address cost more than the rest.
                subsets.add(new EndpointSubset(ready.isEmpty() ? null : ready, notReady.isEmpty() ? null : notReady,
                        ports));
            }
            Endpoints current = context.store().getForReading(Endpoints.class, "Endpoints", namespace, name)
                    .orElse(null);
            List<EndpointSubset> wanted = subsets.isEmpty() ? null : subsets;
            if (current == null) {
                Endpoints created = new EndpointsBuilder().withNewMetadata().withName(name).withNamespace(namespace)
                        .withLabels(service.getMetadata().getLabels())
                        .withOwnerReferences(Owners.controllerRef(service)).endMetadata().build();
                created.setSubsets(wanted);
                context.store().create(created);
                changed = true;
            } else if (!Objects.equals(Owners.orEmpty(current.getSubsets()), Owners.orEmpty(wanted))) {
                current = context.store().get(Endpoints.class, "Endpoints", namespace, name).orElseThrow();
                current.setSubsets(wanted);
                context.store().touch(current);
                changed = true;
            }
        }
        // Remembered after this run's own writes, which leave every Service's Endpoints as wanted.
        for (Service service : done) {
            inputs.remember(context, service);
        }
        return changed;
    }

    @Override
    public void copyStateFrom(Controller original) {
        EndpointsController o = (EndpointsController) original;
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
