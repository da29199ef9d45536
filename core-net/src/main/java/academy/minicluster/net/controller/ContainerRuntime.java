package academy.minicluster.net.controller;

import academy.minicluster.net.workload.SimulatedContainer;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The containers running on the nodes, by pod uid and container name: what the kubelet started, what the data
 * plane delivers packets to, and what {@code kubectl logs} and {@code exec} reach. A replaced pod gets new
 * containers (new uid), so logs start afresh as on a real node.
 */
public final class ContainerRuntime {

    private final Map<String, Map<String, SimulatedContainer>> byPodUid = new HashMap<>();
    private final Map<String, Set<String>> podUidsByNamespace = new HashMap<>();
    /** Bytes of log the kubelet keeps per container ({@code containerLogMaxSize}). */
    private final long maxLogBytes;

    public ContainerRuntime(long maxLogBytes) {
        this.maxLogBytes = maxLogBytes;
    }

    /** The same containers for a forked cluster, each one a copy. */
    public ContainerRuntime copy() {
        return copy(maxLogBytes);
    }

    /** The same containers, each a copy, their logs held to {@code logLimit} bytes from now on. */
    public ContainerRuntime copy(long logLimit) {
        ContainerRuntime copy = new ContainerRuntime(logLimit);
        for (Map.Entry<String, Map<String, SimulatedContainer>> pod : byPodUid.entrySet()) {
            Map<String, SimulatedContainer> containers = new LinkedHashMap<>();
            pod.getValue().forEach((name, container) -> {
                SimulatedContainer c = container.copy();
                c.limitLog(logLimit);
                containers.put(name, c);
            });
            copy.byPodUid.put(pod.getKey(), containers);
        }
        podUidsByNamespace.forEach((namespace, uids) -> copy.podUidsByNamespace.put(namespace, new HashSet<>(uids)));
        return copy;
    }

    /** Writes what {@link #copy} copies: every started container (see {@link SimulatedContainer#writeState}). */
    public void writeState(academy.minicluster.net.api.StateWriter out) {
        var pods = new java.util.TreeMap<>(byPodUid);
        out.writeInt(pods.size());
        pods.forEach((uid, containers) -> {
            out.writeString(uid);
            out.writeInt(containers.size());
            containers.forEach((name, container) -> {
                out.writeString(name);
                container.writeState(out);
            });
        });
        var namespaces = new java.util.TreeMap<>(podUidsByNamespace);
        out.writeInt(namespaces.size());
        namespaces.forEach((namespace, uids) -> {
            out.writeString(namespace);
            out.writeStrings(new java.util.TreeSet<>(uids));
        });
    }

    /**
     * Reads what {@link #writeState} wrote into this new runtime; the logs are held to this runtime's limit. A
     * container started as {@code base}'s container of the same pod and name was shares what it was started with
     * (its program, argv, environment), as a fork's copy does.
     */
    public void readState(academy.minicluster.net.api.StateReader in, ContainerRuntime base) {
        int pods = in.readInt();
        for (int p = 0; p < pods; p++) {
            String uid = in.readString();
            int n = in.readInt();
            Map<String, SimulatedContainer> containers = new LinkedHashMap<>();
            for (int i = 0; i < n; i++) {
                String name = in.readString();
                SimulatedContainer c = SimulatedContainer.readState(in,
                        base.byPodUid.getOrDefault(uid, Map.of()).get(name));
                c.limitLog(maxLogBytes);
                containers.put(name, c);
            }
            byPodUid.put(uid, containers);
        }
        int namespaces = in.readInt();
        for (int i = 0; i < namespaces; i++) {
            String namespace = in.readString();
            podUidsByNamespace.put(namespace, in.readStrings(new HashSet<>()));
        }
    }

    /** The pod's containers in spec order; empty when the kubelet has not started them. */
    public Map<String, SimulatedContainer> containers(Pod pod) {
        return byPodUid.getOrDefault(pod.getMetadata().getUid(), Map.of());
    }

    public Optional<SimulatedContainer> container(Pod pod, String name) {
        return Optional.ofNullable(containers(pod).get(name));
    }

    boolean isStarted(Pod pod) {
        return byPodUid.containsKey(pod.getMetadata().getUid());
    }

    void start(Pod pod, Map<String, SimulatedContainer> containers) {
        containers.values().forEach(c -> c.limitLog(maxLogBytes));
        byPodUid.put(pod.getMetadata().getUid(), new LinkedHashMap<>(containers));
        podUidsByNamespace.computeIfAbsent(pod.getMetadata().getNamespace(), n -> new HashSet<>())
                .add(pod.getMetadata().getUid());
    }

    /** Forgets the containers of the pods of {@code namespace} that no longer exist. */
    void retainPods(String namespace, Set<String> liveUids) {
        Set<String> started = podUidsByNamespace.get(namespace);
        if (started == null) {
            return;
        }
        for (Iterator<String> uids = started.iterator(); uids.hasNext(); ) {
            String uid = uids.next();
            if (!liveUids.contains(uid)) {
                byPodUid.remove(uid);
                uids.remove();
            }
        }
    }
}
