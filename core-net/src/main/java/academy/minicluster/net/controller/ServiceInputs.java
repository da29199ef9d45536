package academy.minicluster.net.controller;

import academy.minicluster.net.api.StateReader;
import academy.minicluster.net.api.StateWriter;

import io.fabric8.kubernetes.api.model.Service;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What a per-Service controller last reconciled each Service from: the Service's resourceVersion and the last
 * writes of the kinds it reads in the Service's namespace. A controller whose output is a function of these skips a
 * Service whose inputs were not written since, as running it again would write nothing. It remembers a Service
 * after its own writes of the run, which leave that Service's objects as wanted.
 */
final class ServiceInputs {

    private final List<String> kinds;
    private final Map<String, List<Object>> reconciledFrom = new HashMap<>();

    /** Inputs: the Service and the objects of {@code kinds} in its namespace. */
    ServiceInputs(String... kinds) {
        this.kinds = List.of(kinds);
    }

    /** Whether nothing {@code service} is reconciled from was written since it was last {@link #remember}ed. */
    boolean unchanged(ControllerContext context, Service service) {
        return now(context, service).equals(reconciledFrom.get(key(service)));
    }

    void remember(ControllerContext context, Service service) {
        reconciledFrom.put(key(service), now(context, service));
    }

    /** Takes over what {@code original} remembered (a forked cluster's controllers go on where it left off). */
    void copyFrom(ServiceInputs original) {
        reconciledFrom.putAll(original.reconciledFrom);
    }

    /** Writes what {@link #copyFrom} copies, by Service in sorted order. */
    void writeState(StateWriter out) {
        var sorted = new java.util.TreeMap<>(reconciledFrom);
        out.writeInt(sorted.size());
        sorted.forEach((service, inputs) -> {
            out.writeString(service);
            out.writeObject(inputs);
        });
    }

    void readState(StateReader in) {
        int n = in.readInt();
        for (int i = 0; i < n; i++) {
            String service = in.readString();
            @SuppressWarnings("unchecked")
            List<Object> inputs = (List<Object>) in.readObject();
            reconciledFrom.put(service, inputs);
        }
    }

    private List<Object> now(ControllerContext context, Service service) {
        String namespace = service.getMetadata().getNamespace();
        Object[] inputs = new Object[kinds.size() + 1];
        inputs[0] = service.getMetadata().getResourceVersion();
        for (int i = 0; i < kinds.size(); i++) {
            inputs[i + 1] = context.store().lastWrite(kinds.get(i), namespace);
        }
        return List.of(inputs);
    }

    private static String key(Service service) {
        return service.getMetadata().getNamespace() + "/" + service.getMetadata().getName();
    }
}
