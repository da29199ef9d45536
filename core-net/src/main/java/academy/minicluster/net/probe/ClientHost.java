package academy.minicluster.net.probe;

import academy.minicluster.net.api.ObjectRef;
import academy.minicluster.net.dataplane.dns.SearchList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Where a client tool runs.
 *
 * @param kind        a pod, a node ({@code kubectl debug node/...}) or the workstation outside the cluster
 * @param hostname    what {@code hostname} prints: the pod name, the node name, or {@code workstation}
 * @param ip          the client's address: pod IP, node IP, or 172.18.0.1 for the workstation
 * @param resolvConf  the lines of {@code /etc/resolv.conf}
 * @param etcHosts    the lines of {@code /etc/hosts}
 * @param executables the commands found in {@code $PATH} (busybox has wget and nc but no curl)
 * @param ref         the object that is the client (a Pod or a Node), or null for the workstation
 * @param cLibrary    whose resolver its getaddrinfo is: musl in Alpine-based images, glibc elsewhere
 */
public record ClientHost(Kind kind, String hostname, String ip, List<String> resolvConf, List<String> etcHosts,
                         Set<String> executables, ObjectRef ref, SearchList.Resolver cLibrary) {

    public enum Kind { POD, NODE, WORKSTATION }

    /** A host whose C library is glibc. */
    public ClientHost(Kind kind, String hostname, String ip, List<String> resolvConf, List<String> etcHosts,
                      Set<String> executables, ObjectRef ref) {
        this(kind, hostname, ip, resolvConf, etcHosts, executables, ref, SearchList.Resolver.GLIBC);
    }

    public ClientHost {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(hostname, "hostname");
        Objects.requireNonNull(ip, "ip");
        resolvConf = List.copyOf(resolvConf);
        etcHosts = List.copyOf(etcHosts);
        executables = Set.copyOf(executables);
        Objects.requireNonNull(cLibrary, "cLibrary");
    }

    public boolean has(String executable) {
        return executables.contains(executable);
    }
}
