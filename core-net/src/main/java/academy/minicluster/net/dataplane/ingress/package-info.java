/**
 * The ingress controller of the mini-cluster: ingress-nginx's routing table compiled from Ingress and IngressClass
 * objects, and the Ingress API rules kube-apiserver enforces before any controller sees an Ingress.
 *
 * <p>{@link academy.minicluster.net.dataplane.ingress.IngressRouter} answers "where does this request go" the way
 * ingress-nginx controller-v1.13.9 and its nginx do (host, then the location nginx picks for the normalised path
 * ({@link academy.minicluster.net.dataplane.ingress.NginxUri}), then default backend or the controller's own 404;
 * nginx's 301 to a trailing slash; TLS certificate by SNI; the HTTP to HTTPS redirect; the default server's
 * {@code /healthz}), with each Ingress's annotations parsed once
 * ({@link academy.minicluster.net.dataplane.ingress.IngressAnnotations}). {@link academy.minicluster.net.dataplane.ingress.IngressValidation} and
 * {@link academy.minicluster.net.dataplane.ingress.IngressClassDefaults} answer what the API server says about an
 * Ingress before it is stored.
 */
package academy.minicluster.net.dataplane.ingress;
