package academy.minicluster.net.dataplane.gateway;

/**
 * Where Envoy Gateway's proxy listens for a Gateway listener: its Deployment runs Envoy as a non-root user, so a
 * listener port below 1024 is served on that port + 10000 inside the pod (the Service maps the listener's port to
 * it). Read by the infrastructure controller that writes the Deployment and Service, and by the proxy itself.
 */
public final class EnvoyPorts {

    private EnvoyPorts() {
    }

    /** The container port Envoy listens on for a listener port. */
    public static int containerPort(int listenerPort) {
        return listenerPort < 1024 ? listenerPort + 10000 : listenerPort;
    }
}
