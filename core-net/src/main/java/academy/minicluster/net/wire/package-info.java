/**
 * What travels on the simulated wire, shared by the servers (simulated containers, CoreDNS, ingress-nginx) and the
 * clients (curl, wget, nc, dig, nslookup, agnhost connect): transport protocols, HTTP messages and DNS messages.
 */
package academy.minicluster.net.wire;
