/**
 * NetworkPolicy in the data plane: {@link academy.minicluster.net.dataplane.policy.PolicyIndex} compiles the
 * cluster's NetworkPolicies per namespace and decides each post-DNAT
 * {@link academy.minicluster.net.dataplane.policy.Flow} between two
 * {@link academy.minicluster.net.dataplane.policy.Peer}s, explaining its verdict with POLICY hops that name the
 * policies (and rules) that decided.
 */
package academy.minicluster.net.dataplane.policy;
