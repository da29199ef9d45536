package academy.minicluster.net;

import academy.minicluster.net.api.ApiServer;
import academy.minicluster.net.api.EventRecorder;
import academy.minicluster.net.api.ObjectStore;
import academy.minicluster.net.api.ServiceAllocator;
import academy.minicluster.net.api.SimulatedClock;
import academy.minicluster.net.api.NetworkPolicyValidation;
import academy.minicluster.net.controller.ContainerRuntime;
import academy.minicluster.net.controller.Controller;
import academy.minicluster.net.dataplane.ingress.IngressAdmission;
import academy.minicluster.net.dataplane.ingress.IngressStatusController;
import academy.minicluster.net.controller.Kubelet;
import academy.minicluster.net.dataplane.DataPlane;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import academy.minicluster.net.controller.ControllerContext;
import academy.minicluster.net.controller.DeploymentController;
import academy.minicluster.net.controller.EndpointSliceController;
import academy.minicluster.net.controller.EndpointsController;
import academy.minicluster.net.controller.GarbageCollector;
import academy.minicluster.net.controller.LoadBalancerController;
import academy.minicluster.net.controller.PodNetworkAllocator;
import academy.minicluster.net.controller.ReplicaSetController;
import academy.minicluster.net.controller.Scheduler;
import academy.minicluster.net.profile.Bootstrap;
import academy.minicluster.net.profile.ClusterProfile;
import java.util.List;
import java.util.Objects;
import java.util.Random;

/**
 * One mini-cluster: its API server and store, its controllers, and (compiled on demand) its data plane.
 *
 * <p>A cluster is a pure function of its profile, its seed and the writes applied to it: every random choice
 * (generated names, ClusterIPs, node ports, endpoint choice) comes from one seeded generator, and time from a
 * simulated clock. That is what lets a server rebuild a learner's cluster from their command log.
 */
public final class Cluster {

    /** A cluster is built from this seed unless told otherwise. */
    public static final long DEFAULT_SEED = 1;

    private static final int MAX_RECONCILE_ROUNDS = 50;

    private final ClusterProfile profile;
    private final long seed;
    private final SimulatedClock clock = new SimulatedClock();
    private final ObjectStore store = new ObjectStore(clock);
    private final EventRecorder events = new EventRecorder(clock);
    private final Random random;
    private final ControllerContext context;
    private final List<Controller> controllers;
    private final ApiServer api;
    private final ContainerRuntime runtime = new ContainerRuntime();
    private final DataPlane dataPlane;

    private Cluster(ClusterProfile profile, long seed) {
        this.profile = Objects.requireNonNull(profile, "profile");
        this.seed = seed;
        this.random = new Random(seed);
        this.context = new ControllerContext(store, events, clock, profile, random);
        // The order of a change's path through the control plane (ARCHITECTURE.md).
        this.controllers = List.of(new DeploymentController(), new ReplicaSetController(), new GarbageCollector(),
                new Scheduler(), new PodNetworkAllocator(), new Kubelet(runtime), new LoadBalancerController(),
                new EndpointSliceController(), new EndpointsController(),
                new IngressStatusController(() -> dataPlane().ingressRouter()));
        this.dataPlane = new DataPlane(store, runtime, profile, random);
        this.api = new ApiServer(store, new ServiceAllocator(random), this::reconcile);
        api.addAdmission(new IngressAdmission());
        api.addAdmission((object, previous, objects) -> object instanceof NetworkPolicy np
                ? NetworkPolicyValidation.validate(np) : List.of());
        Bootstrap.install(profile, store, api);
        // System objects look a few minutes old when the learner arrives.
        clock.advance(300);
    }

    public static Cluster create(ClusterProfile profile, long seed) {
        return new Cluster(profile, seed);
    }

    public static Cluster create() {
        return new Cluster(ClusterProfile.DEFAULT, DEFAULT_SEED);
    }

    public ClusterProfile profile() {
        return profile;
    }

    public long seed() {
        return seed;
    }

    public ApiServer api() {
        return api;
    }

    public ObjectStore store() {
        return store;
    }

    public EventRecorder events() {
        return events;
    }

    public SimulatedClock clock() {
        return clock;
    }

    /** The cluster's one source of randomness; the data plane draws endpoint choices from it too. */
    public Random random() {
        return random;
    }

    /** The data plane: kube-proxy, CoreDNS, ingress-nginx and NetworkPolicy, compiled from the objects. */
    public DataPlane dataPlane() {
        return dataPlane;
    }

    /** Runs every controller, in order, until a full round changes nothing. */
    public void reconcile() {
        for (int round = 0; round < MAX_RECONCILE_ROUNDS; round++) {
            boolean changed = false;
            for (Controller c : controllers) {
                changed |= c.reconcile(context);
            }
            if (!changed) {
                return;
            }
        }
        throw new IllegalStateException("controllers did not settle after " + MAX_RECONCILE_ROUNDS + " rounds");
    }
}
