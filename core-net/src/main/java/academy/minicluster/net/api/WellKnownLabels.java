package academy.minicluster.net.api;

/** Labels Kubernetes gives a meaning to, written by one component and read by others (kubernetes.io/docs/reference/labels-annotations-taints). */
public final class WellKnownLabels {

    private WellKnownLabels() {
    }

    /**
     * {@code kubernetes.io/service-name}: on an EndpointSlice, the Service it belongs to. The EndpointSlice controller
     * sets it; kube-proxy, CoreDNS and kubectl find a Service's slices by it.
     */
    public static final String SERVICE_NAME = "kubernetes.io/service-name";
}
