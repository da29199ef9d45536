/**
 * The ingress controller of the mini-cluster: ingress-nginx's routing table compiled from Ingress and IngressClass
 * objects, and the Ingress API rules kube-apiserver enforces before any controller sees an Ingress.
 *
 * <p>{@link academy.minicluster.net.dataplane.ingress.IngressRouter} answers "where does this request go" the way
 * ingress-nginx does (host, then path, then default backend or the controller's own 404; TLS certificate by SNI;
 * the HTTP to HTTPS redirect). {@link academy.minicluster.net.dataplane.ingress.IngressValidation} and
 * {@link academy.minicluster.net.dataplane.ingress.IngressClassDefaults} answer what the API server says about an
 * Ingress before it is stored.
 */
package academy.minicluster.net.dataplane.ingress;
