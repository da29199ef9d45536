package academy.minicluster.net.controller;

import academy.minicluster.net.workload.ContainerState;
import academy.minicluster.net.workload.ProbeResult;
import academy.minicluster.net.workload.SimulatedContainer;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerStateBuilder;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.Service;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The kubelets of all nodes: start the containers of every pod that has a node and an IP, report their state in
 * {@code status.containerStatuses}, run the readiness probes and set the pod's Ready condition from them. Probes
 * run once, at start: the simulated containers answer the same way for as long as they run.
 */
public final class Kubelet implements WatchingController {

    static final String COMPONENT = "kubelet";

    private final ContainerRuntime runtime;

    public Kubelet(ContainerRuntime runtime) {
        this.runtime = runtime;
    }

    private final Changes changes = Changes.of("Pod", "Service");

    @Override
    public boolean reconcile(ControllerContext context) {
        boolean changed = false;
        // A pod starts with its own namespace's Services in its environment: only namespaces where a Pod or a
        // Service changed can hold a pod to start or containers to forget.
        for (String namespace : changes.namespacesSinceLastRun(context.store())) {
            Set<String> live = new HashSet<>();
            for (Pod pod : context.store().list(Pod.class, "Pod", namespace)) {
                live.add(pod.getMetadata().getUid());
                if (pod.getStatus() == null || pod.getStatus().getPodIP() == null || runtime.isStarted(pod)) {
                    continue;
                }
                start(context, pod);
                changed = true;
            }
            runtime.retainPods(namespace, live);
        }
        return changed;
    }

    private void start(ControllerContext context, Pod pod) {
        String node = pod.getSpec().getNodeName();
        Map<String, String> serviceEnv = serviceEnvironment(context, pod.getMetadata().getNamespace());
        Map<String, SimulatedContainer> containers = new LinkedHashMap<>();
        List<ContainerStatus> statuses = new ArrayList<>();
        boolean allReady = true;
        boolean anyRunning = false;
        boolean allSucceeded = true;
        String restartPolicy = Objects.requireNonNullElse(pod.getSpec().getRestartPolicy(), "Always");
        for (Container c : pod.getSpec().getContainers()) {
            SimulatedContainer sim = SimulatedContainer.of(pod, c, serviceEnv);
            containers.put(c.getName(), sim);
            context.events().normal(pod, "Pulled", COMPONENT, "Container image \"" + c.getImage()
                    + "\" already present on machine");
            ContainerState state = sim.state();
            ContainerStatusBuilder status = new ContainerStatusBuilder().withName(c.getName()).withImage(c.getImage())
                    .withImageID(c.getImage()).withContainerID("containerd://" + containerId(pod, c))
                    .withRestartCount(0).withStarted(state.isRunning());
            boolean ready;
            if (state instanceof ContainerState.Terminated t) {
                String column = t.statusColumn(restartPolicy);
                if (column.equals("CrashLoopBackOff")) {
                    status.withRestartCount(5).withState(new ContainerStateBuilder().withNewWaiting()
                            .withReason("CrashLoopBackOff").withMessage("back-off 5m0s restarting failed container="
                                    + c.getName() + " pod=" + pod.getMetadata().getName() + "_"
                                    + pod.getMetadata().getNamespace() + "(" + pod.getMetadata().getUid() + ")")
                            .endWaiting().build())
                            .withLastState(new ContainerStateBuilder().withNewTerminated().withExitCode(t.exitCode())
                                    .withReason(t.reason()).withMessage(t.message().isEmpty() ? null : t.message())
                                    .endTerminated().build());
                    context.events().warning(pod, "BackOff", COMPONENT, "Back-off restarting failed container "
                            + c.getName() + " in pod " + pod.getMetadata().getName() + "_"
                            + pod.getMetadata().getNamespace() + "(" + pod.getMetadata().getUid() + ")");
                } else {
                    status.withState(new ContainerStateBuilder().withNewTerminated().withExitCode(t.exitCode())
                            .withReason(t.reason()).withMessage(t.message().isEmpty() ? null : t.message())
                            .endTerminated().build());
                }
                if (t.reason().equals("StartError")) {
                    context.events().warning(pod, "Failed", COMPONENT, "Error: " + t.message());
                } else {
                    context.events().normal(pod, "Created", COMPONENT, "Created container: " + c.getName());
                    context.events().normal(pod, "Started", COMPONENT, "Started container " + c.getName());
                }
                allSucceeded &= t.exitCode() == 0;
                ready = false;
            } else {
                anyRunning = true;
                allSucceeded = false;
                context.events().normal(pod, "Created", COMPONENT, "Created container: " + c.getName());
                context.events().normal(pod, "Started", COMPONENT, "Started container " + c.getName());
                status.withState(new ContainerStateBuilder().withNewRunning()
                        .withStartedAt(context.clock().timestamp()).endRunning().build());
                ProbeResult liveness = sim.probe(ProbeResult.ProbeType.LIVENESS, c.getLivenessProbe(),
                        pod.getStatus().getPodIP());
                if (!liveness.success()) {
                    context.events().warning(pod, "Unhealthy", COMPONENT, liveness.message());
                    context.events().normal(pod, "Killing", COMPONENT, "Container " + c.getName()
                            + " failed liveness probe, will be restarted");
                    status.withRestartCount(3);
                }
                ProbeResult readiness = sim.probe(ProbeResult.ProbeType.READINESS, c.getReadinessProbe(),
                        pod.getStatus().getPodIP());
                ready = readiness.success();
                if (!ready) {
                    context.events().warning(pod, "Unhealthy", COMPONENT, readiness.message());
                }
            }
            allReady &= ready;
            statuses.add(status.withReady(ready).build());
        }
        runtime.start(pod, containers);
        PodStatus st = pod.getStatus();
        st.setContainerStatuses(statuses);
        String phase = anyRunning ? "Running" : allSucceeded && !restartPolicy.equals("Always") ? "Succeeded"
                : restartPolicy.equals("Always") || restartPolicy.equals("OnFailure") ? "Running" : "Failed";
        st.setPhase(phase);
        String now = context.clock().timestamp();
        Scheduler.setCondition(st, "PodReadyToStartContainers", "True", null, null, now);
        Scheduler.setCondition(st, "Initialized", "True", null, null, now);
        Scheduler.setCondition(st, "Ready", allReady ? "True" : "False", allReady ? null : "ContainersNotReady",
                allReady ? null : "containers with unready status: [" + String.join(" ", notReady(statuses)) + "]", now);
        Scheduler.setCondition(st, "ContainersReady", allReady ? "True" : "False",
                allReady ? null : "ContainersNotReady",
                allReady ? null : "containers with unready status: [" + String.join(" ", notReady(statuses)) + "]", now);
        context.store().touch(pod);
    }

    private static List<String> notReady(List<ContainerStatus> statuses) {
        return statuses.stream().filter(s -> !Boolean.TRUE.equals(s.getReady())).map(ContainerStatus::getName).toList();
    }

    private static String containerId(Pod pod, Container c) {
        String seed = pod.getMetadata().getUid() + "/" + c.getName();
        StringBuilder hex = new StringBuilder();
        int h = seed.hashCode();
        for (int i = 0; i < 8; i++) {
            String word = Integer.toHexString(h);
            hex.append("00000000", word.length(), 8).append(word);
            h = h * 31 + i;
        }
        return hex.toString();
    }

    /**
     * The Docker-link-style variables the kubelet injects for every Service in the pod's namespace that existed
     * when the pod started ({@code WEB_SERVICE_HOST}, {@code WEB_SERVICE_PORT}, ...), plus the {@code kubernetes}
     * Service's.
     */
    static Map<String, String> serviceEnvironment(ControllerContext context, String namespace) {
        Map<String, String> env = new LinkedHashMap<>();
        List<Service> services = new ArrayList<>(context.store().listForReading(Service.class, "Service", namespace));
        if (!"default".equals(namespace)) {
            context.store().getForReading(Service.class, "Service", "default", "kubernetes").ifPresent(services::add);
        }
        for (Service s : services) {
            String ip = s.getSpec().getClusterIP();
            if (ip == null || "None".equals(ip) || s.getSpec().getPorts() == null || s.getSpec().getPorts().isEmpty()) {
                continue;
            }
            String prefix = s.getMetadata().getName().toUpperCase(Locale.ROOT).replace('-', '_');
            var first = s.getSpec().getPorts().get(0);
            env.put(prefix + "_SERVICE_HOST", ip);
            env.put(prefix + "_SERVICE_PORT", String.valueOf(first.getPort()));
            for (var p : s.getSpec().getPorts()) {
                if (p.getName() != null && !p.getName().isEmpty()) {
                    env.put(prefix + "_SERVICE_PORT_" + p.getName().toUpperCase(Locale.ROOT).replace('-', '_'),
                            String.valueOf(p.getPort()));
                }
            }
            String proto = Objects.requireNonNullElse(first.getProtocol(), "TCP");
            env.put(prefix + "_PORT", proto.toLowerCase(Locale.ROOT) + "://" + ip + ":" + first.getPort());
        }
        return env;
    }

    @Override
    public Changes changes() {
        return changes;
    }
}
