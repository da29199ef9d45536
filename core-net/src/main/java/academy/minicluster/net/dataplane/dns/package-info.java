/**
 * Cluster DNS: the zone CoreDNS serves from Services, EndpointSlices and Pods ({@link
 * academy.minicluster.net.dataplane.dns.ClusterDnsZone}), the world outside it ({@link
 * academy.minicluster.net.dataplane.dns.UpstreamDns}), what the kubelet writes into a pod's resolv.conf and hosts file
 * ({@link academy.minicluster.net.dataplane.dns.ResolverConfig}), and the names a pod's resolver tries for one name
 * ({@link academy.minicluster.net.dataplane.dns.SearchList}).
 */
package academy.minicluster.net.dataplane.dns;
