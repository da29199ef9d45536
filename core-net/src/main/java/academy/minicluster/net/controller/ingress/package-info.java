/**
 * ingress-nginx's status controller: it writes the controller Service's load-balancer address into each Ingress it
 * serves ({@code status.loadBalancer}), reading the routes ingress-nginx compiled
 * ({@link academy.minicluster.net.dataplane.ingress.IngressRouter}), which in turn know no controller.
 */
package academy.minicluster.net.controller.ingress;
