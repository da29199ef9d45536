/**
 * The trace of a packet: each {@link academy.minicluster.net.trace.Hop} is one decision on its path, with the objects
 * that took it. The bottom of the data plane's packages, beside {@code wire}: the walk ({@code dataplane} and its
 * kube-proxy, CoreDNS, NetworkPolicy, ingress and Gateway packages), the servers and the tools ({@code probe}) all
 * write hops, and the shell, the grader and the web app read them, so it depends on nothing but the API's object
 * references.
 */
package academy.minicluster.net.trace;
