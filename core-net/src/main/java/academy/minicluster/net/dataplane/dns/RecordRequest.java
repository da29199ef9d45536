package academy.minicluster.net.dataplane.dns;

/**
 * A name of the cluster zone taken apart before any lookup, as CoreDNS's {@code plugin/kubernetes/parse.go}
 * ({@code parseRequest} into a {@code recordRequest}) does:
 *
 * <pre>
 * _port._protocol.service.namespace.pod|svc.zone
 * endpoint.service.namespace.pod|svc.zone
 * service.namespace.pod|svc.zone
 * </pre>
 *
 * <p>{@link ZoneName#parse} takes a name apart; a part the name does not have is empty (CoreDNS's wildcard),
 * underscores are stripped from {@code _port} and {@code _protocol}. The multicluster and zonal forms are not parsed: kubeadm's Corefile enables neither, so a name
 * with three or more labels left of the service is too long, as it is for CoreDNS then.
 *
 * @param port      the named port of an SRV name ({@code http} from {@code _http._tcp...}), empty otherwise
 * @param protocol  the protocol of an SRV name ({@code tcp}), empty otherwise
 * @param endpoint  the endpoint's label ({@code web-0} of {@code web-0.web.default.svc...}), empty otherwise
 * @param service   the Service's name (for a pod name, the dashed IP), empty for {@code namespace.svc.zone}
 * @param namespace the namespace
 * @param kind      a Service name or a pod name
 */
record RecordRequest(String port, String protocol, String endpoint, String service, String namespace, Kind kind)
        implements ZoneName {

    /** The label that decides how the rest is read: {@code svc} or {@code pod}. */
    enum Kind {
        SVC, POD;

        /** "Service" or "Pod", as the explanations name what a name stands for. */
        String noun() {
            return this == POD ? "Pod" : "Service";
        }
    }
}
