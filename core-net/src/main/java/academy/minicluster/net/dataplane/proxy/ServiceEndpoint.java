package academy.minicluster.net.dataplane.proxy;

import academy.minicluster.net.api.ObjectRef;

/**
 * One endpoint of one Service port as kube-proxy sees it in the EndpointSlices: address, target port, node and
 * conditions.
 *
 * @param target the Pod behind the address (null for a user-made slice pointing elsewhere)
 * @param slice  the EndpointSlice that listed it
 */
public record ServiceEndpoint(String ip, int port, String nodeName, boolean ready, boolean serving,
                              boolean terminating, ObjectRef target, ObjectRef slice) {

    public String address() {
        return ip + ":" + port;
    }

    /** {@code 10.244.1.3:8080 (pod web-7d4b9c-abcde)}. */
    public String describe() {
        return address() + (target == null ? "" : " (pod " + target.name() + ")");
    }
}
