package academy.minicluster.net.dataplane.dns;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The DNS settings the kubelet hands the container runtime for one pod, and the resolv.conf the runtime writes.
 *
 * @param dnsPolicy    the pod's {@code spec.dnsPolicy} as given ({@code ClusterFirst} when unset)
 * @param applied      how the kubelet applied it: {@code ClusterFirst} (cluster DNS), {@code Default} (node
 *                     resolv.conf) or {@code None}; a hostNetwork pod with {@code ClusterFirst} gets {@code Default}
 * @param nameservers  at most 3, in order
 * @param searches     search domains, duplicates removed
 * @param options      resolver options ({@code ndots:5}, {@code edns0}, ...)
 * @param explanation  one line a learner can read: why these settings
 * @param events       the kubelet's warning events while forming the config (limits exceeded), worded as the
 *                     kubelet words them; empty when none
 */
public record PodDnsConfig(String dnsPolicy, String applied, List<String> nameservers, List<String> searches,
                           List<String> options, String explanation, List<String> events) {

    public PodDnsConfig {
        Objects.requireNonNull(dnsPolicy, "dnsPolicy");
        Objects.requireNonNull(applied, "applied");
        nameservers = List.copyOf(nameservers);
        searches = List.copyOf(searches);
        options = List.copyOf(options);
        Objects.requireNonNull(explanation, "explanation");
        events = List.copyOf(events);
    }

    /**
     * The pod's {@code /etc/resolv.conf} as containerd writes it ({@code parseDNSOptions}): a {@code search} line,
     * one {@code nameserver} line per server, an {@code options} line, each only when non-empty.
     */
    public List<String> resolvConfLines() {
        List<String> lines = new ArrayList<>();
        if (!searches.isEmpty()) {
            lines.add("search " + String.join(" ", searches));
        }
        for (String server : nameservers) {
            lines.add("nameserver " + server);
        }
        if (!options.isEmpty()) {
            lines.add("options " + String.join(" ", options));
        }
        return List.copyOf(lines);
    }

    /** Whether nothing at all is configured: containerd then copies the node's own resolv.conf. */
    public boolean isEmpty() {
        return nameservers.isEmpty() && searches.isEmpty() && options.isEmpty();
    }
}
