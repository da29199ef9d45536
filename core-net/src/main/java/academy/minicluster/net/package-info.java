/**
 * The mini-cluster: a Kubernetes networking model that lives in the JVM.
 *
 * <p>The packages follow the path of a change and of a packet: {@code api} (decoding, validation, the object
 * store), {@code controller}, {@code workload} (simulated images), {@code dataplane} ({@code proxy}, {@code dns},
 * {@code ingress}, {@code policy}), {@code probe} (client tools and their traces), {@code shell} (kubectl and
 * in-pod commands) and {@code profile} (cluster profiles). Plain Java: no threads, no I/O, no framework.
 */
package academy.minicluster.net;
