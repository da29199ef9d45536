package academy.minicluster.net.api;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GRPCRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GatewayClass;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Objects;

/** What an update may change and what the server keeps: the desired state versus the observed one. */
final class Specs {

    /** The parts of an object that are its desired state, by the getter that reads them. */
    private static final List<String> DESIRED_STATE = List.of("getSpec", "getData", "getStringData", "getType",
            "getAddressType", "getEndpoints", "getPorts", "getImmutable");

    private Specs() {
    }

    /** Copies what the server and controllers own from the stored version: status, allocated addresses. */
    static void keepServerOwnedFields(HasMetadata object, HasMetadata previous) {
        if (object instanceof Service s && previous instanceof Service p) {
            s.setStatus(p.getStatus());
            if (s.getSpec().getClusterIP() == null || s.getSpec().getClusterIP().isEmpty()) {
                s.getSpec().setClusterIP(p.getSpec().getClusterIP());
            }
        } else if (object instanceof Pod s && previous instanceof Pod p) {
            s.setStatus(p.getStatus());
            if (s.getSpec().getNodeName() == null) {
                s.getSpec().setNodeName(p.getSpec().getNodeName());
            }
        } else if (object instanceof Deployment s && previous instanceof Deployment p) {
            s.setStatus(p.getStatus());
        } else if (object instanceof ReplicaSet s && previous instanceof ReplicaSet p) {
            s.setStatus(p.getStatus());
        } else if (object instanceof Ingress s && previous instanceof Ingress p) {
            s.setStatus(p.getStatus());
        } else if (object instanceof GatewayClass s && previous instanceof GatewayClass p) {
            s.setStatus(p.getStatus());   // the status subresource: a write of the object does not change it
        } else if (object instanceof Gateway s && previous instanceof Gateway p) {
            s.setStatus(p.getStatus());
        } else if (object instanceof HTTPRoute s && previous instanceof HTTPRoute p) {
            s.setStatus(p.getStatus());
        } else if (object instanceof GRPCRoute s && previous instanceof GRPCRoute p) {
            s.setStatus(p.getStatus());
        }
        if (previous.getMetadata().getOwnerReferences() != null && !previous.getMetadata().getOwnerReferences().isEmpty()
                && (object.getMetadata().getOwnerReferences() == null || object.getMetadata().getOwnerReferences().isEmpty())) {
            object.getMetadata().setOwnerReferences(previous.getMetadata().getOwnerReferences());
        }
        if (previous.getMetadata().getGenerateName() != null && object.getMetadata().getGenerateName() == null) {
            object.getMetadata().setGenerateName(previous.getMetadata().getGenerateName());
        }
    }

    /** Whether two versions of an object want the same thing (metadata and status aside). */
    static boolean sameSpec(HasMetadata a, HasMetadata b) {
        for (String getter : DESIRED_STATE) {
            if (!Objects.equals(read(a, getter), read(b, getter))) {
                return false;
            }
        }
        return true;
    }

    private static Object read(HasMetadata object, String getter) {
        try {
            Method m = object.getClass().getMethod(getter);
            return m.invoke(object);
        } catch (NoSuchMethodException e) {
            return null;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }
}
