package academy.minicluster.net.controller;

import academy.minicluster.net.api.AssignedAddresses;
import academy.minicluster.net.api.Ipv4;
import academy.minicluster.net.api.ObjectKey;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodIPBuilder;
import io.fabric8.kubernetes.api.model.PodStatus;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The CNI's IPAM (host-local style): a scheduled pod gets the next free address of its node's podCIDR after the
 * last one handed out, skipping the network address and .1 (the node's bridge). Addresses are not reused right
 * away, so a replacement pod gets a new IP, as on a real node. A hostNetwork pod takes its node's IP.
 */
public final class PodNetworkAllocator implements Controller {

    private final Map<String, Long> lastOffsetByNode = new HashMap<>();
    private final Changes changes = Changes.of("Pod", "Node");
    /** Scheduled pods the last run could not give an address (node gone, podCIDR full): tried at every run. */
    private final Set<ObjectKey> waiting = new HashSet<>();

    @Override
    public boolean reconcile(ControllerContext context) {
        boolean changed = false;
        Set<String> used = null;
        List<Pod> candidates = changes.podsToReconcile(context.store(), waiting);
        waiting.clear();
        for (Pod pod : candidates) {
            String nodeName = pod.getSpec().getNodeName();
            if (nodeName == null || (pod.getStatus() != null && pod.getStatus().getPodIP() != null)) {
                continue;
            }
            Node node = context.store().getForReading(Node.class, "Node", "", nodeName).orElse(null);
            if (node == null) {
                waiting.add(ObjectKey.of(pod));
                continue;
            }
            String nodeIp = AssignedAddresses.internalIp(node);
            if (used == null) {
                used = usedAddresses(context);
            }
            String ip = Boolean.TRUE.equals(pod.getSpec().getHostNetwork()) ? nodeIp : allocate(node, used);
            if (ip == null) {
                waiting.add(ObjectKey.of(pod));
                continue;
            }
            used.add(ip);
            PodStatus status = pod.getStatus() == null ? new PodStatus() : pod.getStatus();
            status.setPodIP(ip);
            status.setPodIPs(List.of(new PodIPBuilder().withIp(ip).build()));
            status.setHostIP(nodeIp);
            status.setHostIPs(List.of(new io.fabric8.kubernetes.api.model.HostIPBuilder().withIp(nodeIp).build()));
            status.setStartTime(context.clock().timestamp());
            pod.setStatus(status);
            context.store().touch(pod);
            changed = true;
        }
        return changed;
    }

    /** The pod IPs in use, gathered once per run and kept up to date as addresses are handed out. */
    private static Set<String> usedAddresses(ControllerContext context) {
        Set<String> used = new HashSet<>();
        for (Pod p : context.store().listForReading(Pod.class, "Pod")) {
            if (p.getStatus() != null && p.getStatus().getPodIP() != null) {
                used.add(p.getStatus().getPodIP());
            }
        }
        return used;
    }

    private String allocate(Node node, Set<String> used) {
        Ipv4.Cidr cidr = Ipv4.Cidr.parse(node.getSpec().getPodCIDR());
        long size = cidr.size();
        long last = lastOffsetByNode.getOrDefault(node.getMetadata().getName(), 1L);
        for (long i = 1; i < size; i++) {
            long offset = (last + i) % size;
            if (offset < 2 || offset == size - 1) {
                continue;
            }
            String candidate = cidr.address(offset);
            if (!used.contains(candidate)) {
                lastOffsetByNode.put(node.getMetadata().getName(), offset);
                return candidate;
            }
        }
        return null;
    }

    @Override
    public void copyStateFrom(Controller original) {
        PodNetworkAllocator o = (PodNetworkAllocator) original;
        changes.copyFrom(o.changes);
        lastOffsetByNode.putAll(o.lastOffsetByNode);
        waiting.addAll(o.waiting);
    }

    @Override
    public void writeState(academy.minicluster.net.api.StateWriter out) {
        changes.writeState(out);
        out.writeStringLongMap(new java.util.TreeMap<>(lastOffsetByNode));
        out.writeObjectKeys(new java.util.TreeSet<>(waiting));
    }

    @Override
    public void readState(academy.minicluster.net.api.StateReader in) {
        changes.readState(in);
        in.readStringLongMap(lastOffsetByNode);
        in.readObjectKeys(waiting);
    }
}
