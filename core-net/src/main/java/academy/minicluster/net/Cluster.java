package academy.minicluster.net;

import academy.minicluster.net.api.ApiServer;
import academy.minicluster.net.api.Budget;
import academy.minicluster.net.api.ClusterLimits;
import academy.minicluster.net.api.EventRecorder;
import academy.minicluster.net.api.ObjectStore;
import academy.minicluster.net.api.SeededRandom;
import academy.minicluster.net.api.ServiceAllocator;
import academy.minicluster.net.api.SimulatedClock;
import academy.minicluster.net.api.StateReader;
import academy.minicluster.net.api.StateWriter;
import academy.minicluster.net.api.NetworkPolicyValidation;
import academy.minicluster.net.controller.ContainerRuntime;
import academy.minicluster.net.controller.Controller;
import academy.minicluster.net.controller.gateway.EnvoyGatewayInfrastructure;
import academy.minicluster.net.controller.gateway.GatewayStatusController;
import academy.minicluster.net.dataplane.ingress.IngressAdmission;
import academy.minicluster.net.controller.ingress.IngressStatusController;
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
    /** Mixed into the seed for the names Envoy Gateway's install draws. */
    private static final long ENVOY_GATEWAY_SEQUENCE = 0x6761746577617931L;

    private final ClusterProfile profile;
    private final long seed;
    private final SimulatedClock clock;
    private final ObjectStore store;
    private final EventRecorder events;
    private final SeededRandom random;
    private final ControllerContext context;
    private final List<Controller> controllers;
    private final ApiServer api;
    private final ContainerRuntime runtime;
    private final DataPlane dataPlane;
    private final ClusterLimits limits;
    /** This session's spending against the limits: a fork starts a session of its own. */
    private final Budget budget;

    /** A cluster of these parts, wired together; the parts come new ({@link #bootstrap}) or forked ({@link #fork}). */
    private Cluster(ClusterProfile profile, long seed, SimulatedClock clock, ObjectStore store, EventRecorder events,
                    SeededRandom random, ContainerRuntime runtime, ClusterLimits limits) {
        this.limits = Objects.requireNonNull(limits, "limits");
        this.budget = new Budget(limits);
        this.profile = Objects.requireNonNull(profile, "profile");
        this.seed = seed;
        this.clock = clock;
        this.store = store;
        this.events = events;
        this.random = random;
        this.runtime = runtime;
        this.context = new ControllerContext(store, events, clock, profile, random, limits);
        // The order of a change's path through the control plane (ARCHITECTURE.md).
        this.controllers = List.of(new DeploymentController(), new ReplicaSetController(), new GarbageCollector(),
                new Scheduler(), new PodNetworkAllocator(), new Kubelet(runtime), new LoadBalancerController(),
                new EndpointSliceController(), new EndpointsController(),
                new IngressStatusController(() -> dataPlane().ingressRouter()),
                new EnvoyGatewayInfrastructure(this::api),
                new GatewayStatusController(() -> dataPlane().gatewayRouter()));
        this.dataPlane = new DataPlane(store, runtime, profile, random);
        this.api = new ApiServer(store, new ServiceAllocator(random), this::reconcile, limits);
        api.addAdmission(new IngressAdmission());
        api.addAdmission((object, previous, objects) -> object instanceof NetworkPolicy np
                ? NetworkPolicyValidation.validate(np) : List.of());
    }

    /** Builds the profile's cluster from nothing: nodes, system namespaces, CoreDNS, ingress-nginx. */
    static Cluster bootstrap(ClusterProfile profile, long seed) {
        SimulatedClock clock = new SimulatedClock();
        Cluster cluster = new Cluster(profile, seed, clock, new ObjectStore(clock), new EventRecorder(clock),
                new SeededRandom(seed), new ContainerRuntime(ClusterLimits.DEFAULTS.maxLogBytes()), ClusterLimits.DEFAULTS);
        Bootstrap.install(profile, cluster.store, cluster.api);
        // Envoy Gateway draws its generated names and ClusterIP from a sequence of its own and its install takes no
        // time on the clock, so that everything the learner does afterwards gets the names, addresses and times it
        // would get on a cluster without it (lessons and labs were written against that cluster).
        SeededRandom before = cluster.random.copy();
        SimulatedClock then = clock.copy();
        cluster.random.setSeed(seed ^ ENVOY_GATEWAY_SEQUENCE);
        Bootstrap.installEnvoyGateway(cluster.api);
        cluster.random.resumeFrom(before);
        clock.resumeFrom(then);
        // The coredns ConfigMap came later than the rest: it takes no time, uid or resourceVersion from the sequences
        // either, for the same reason.
        SimulatedClock beforeConfig = clock.copy();
        cluster.store.aside(() -> Bootstrap.installCoreDnsConfig(cluster.store));
        // The ServiceAccounts and RBAC objects came later still, and are set aside the same way.
        cluster.store.aside(() -> Bootstrap.installRbac(cluster.store));
        clock.resumeFrom(beforeConfig);
        // System objects look a few minutes old when the learner arrives.
        clock.advance(300);
        return cluster;
    }

    /**
     * A fresh cluster of the profile. Bootstrapping is the same for the same profile and seed, so it is done once
     * per (profile, seed) and every further cluster is a fork of that one: what a learner gets is the same, byte
     * for byte, and costs a fork instead of a bootstrap.
     */
    public static Cluster create(ClusterProfile profile, long seed) {
        return BootstrappedClusters.snapshot(profile, seed).fork();
    }

    /** A fresh cluster of the profile held to {@code limits} (see {@link #create(ClusterProfile, long)}). */
    public static Cluster create(ClusterProfile profile, long seed, ClusterLimits limits) {
        return BootstrappedClusters.snapshot(profile, seed).fork(limits);
    }

    public static Cluster create() {
        return create(ClusterProfile.DEFAULT, DEFAULT_SEED);
    }

    /**
     * A cluster in the same state as this one that goes on by itself: the same objects, clock, events, random
     * sequence, containers (with their logs) and controller state, so it answers every later command exactly as
     * this one would. Objects are shared until either cluster first touches them (copy on first access).
     */
    public Cluster fork() {
        return fork(limits);
    }

    /** A fork ({@link #fork()}) held to other limits, with a budget of its own. */
    public Cluster fork(ClusterLimits forkLimits) {
        SimulatedClock forkClock = clock.copy();
        Cluster fork = new Cluster(profile, seed, forkClock, store.fork(forkClock), events.fork(forkClock),
                random.copy(), runtime.copy(forkLimits.maxLogBytes()), forkLimits);
        for (int i = 0; i < controllers.size(); i++) {
            fork.controllers.get(i).copyStateFrom(controllers.get(i));
        }
        fork.dataPlane.copyStateFrom(dataPlane);
        return fork;
    }

    /**
     * This cluster's present state, kept to be forked again and again (from any thread): a lab's starting
     * state is computed once and every learner's attempt starts from a fork of it. This cluster goes on as
     * before; the snapshot does not see what it does next.
     */
    public Snapshot snapshot() {
        Cluster frozen = fork();
        frozen.store.freeze();
        frozen.events.freeze();
        return new Snapshot(frozen);
    }

    /** The layout of {@link #writeState}'s bytes: a reader refuses any other (and a changed model, see below). */
    private static final int STATE_FORMAT = 1;

    /**
     * Writes this cluster's state: what {@link #fork} copies (objects, clock, events, random sequence, containers with
     * their logs, controllers' and data plane's state), in a fixed order, so that {@link #restore} gives a cluster
     * that answers every later command exactly as this one would. The same state writes the same bytes.
     *
     * <p>The bytes hold the state, not the rules: a cluster restored by a model whose code changed since answers by
     * the new rules from the old state, which replaying the commands on the new model might not reach. Whoever
     * keeps the bytes keeps them per model version.
     */
    public void writeState(StateWriter out) {
        out.writeInt(STATE_FORMAT);
        out.writeString(profile.name());
        out.writeLong(seed);
        clock.writeState(out);
        random.writeState(out);
        store.writeState(out);
        events.writeState(out);
        runtime.writeState(out);
        for (Controller c : controllers) {
            c.writeState(out);
        }
        dataPlane.writeState(out);
    }

    /**
     * The cluster {@link #writeState} wrote, held to {@code limits}, with a budget of its own (as a fork has). What it
     * holds as the freshly bootstrapped cluster of its profile and seed held it (system objects, their events and
     * containers) it shares with that cluster's snapshot, as every fork does, so it weighs what a fork weighs.
     *
     * @throws IllegalArgumentException when the bytes are not a cluster state of this format
     */
    public static Cluster restore(StateReader in, ClusterLimits limits) {
        return restore(in, limits, null);
    }

    /**
     * The cluster {@link #writeState} wrote (see {@link #restore(StateReader, ClusterLimits)}), sharing what it holds
     * as {@code base} holds it (such as a lab's starting state, which every learner's cluster of the lab was forked
     * from); null: the bootstrapped cluster of the state's profile and seed.
     */
    public static Cluster restore(StateReader in, ClusterLimits limits, Snapshot base) {
        int format = in.readInt();
        if (format != STATE_FORMAT) {
            throw new IllegalArgumentException("cluster state of format " + format + ", not " + STATE_FORMAT);
        }
        String profileName = in.readString();
        ClusterProfile profile = ClusterProfile.named(profileName).orElseThrow(
                () -> new IllegalArgumentException("cluster state of an unknown profile \"" + profileName + "\""));
        long seed = in.readLong();
        Cluster shared = (base != null ? base : BootstrappedClusters.snapshot(profile, seed)).frozen;
        SimulatedClock clock = new SimulatedClock();
        clock.readState(in);
        SeededRandom random = new SeededRandom(seed);
        random.readState(in);
        ObjectStore store = new ObjectStore(clock);
        store.readState(in, shared.store);
        EventRecorder events = new EventRecorder(clock);
        events.readState(in, shared.events);
        ContainerRuntime runtime = new ContainerRuntime(limits.maxLogBytes());
        runtime.readState(in, shared.runtime);
        Cluster cluster = new Cluster(profile, seed, clock, store, events, random, runtime, limits);
        for (Controller c : cluster.controllers) {
            c.readState(in);
        }
        cluster.dataPlane.readState(in);
        return cluster;
    }

    /** A cluster's state at one moment, forked by {@link #fork()}; never changed, so safe to share between threads. */
    public static final class Snapshot {
        private final Cluster frozen;

        private Snapshot(Cluster frozen) {
            this.frozen = frozen;
        }

        public ClusterProfile profile() {
            return frozen.profile;
        }

        /** A new cluster in the snapshot's state. */
        public Cluster fork() {
            return frozen.fork();
        }

        /** A new cluster in the snapshot's state, held to {@code limits}. */
        public Cluster fork(ClusterLimits limits) {
            return frozen.fork(limits);
        }
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
    public java.util.Random random() {
        return random;
    }

    /** The data plane: kube-proxy, CoreDNS, ingress-nginx and NetworkPolicy, compiled from the objects. */
    public DataPlane dataPlane() {
        return dataPlane;
    }

    /** What this cluster may cost ({@link ClusterLimits}). */
    public ClusterLimits limits() {
        return limits;
    }

    /** This session's spending against {@link #limits()}: the shell starts and ends commands on it. */
    public Budget budget() {
        return budget;
    }

    /** Runs every controller, in order, until a full round changes nothing. */
    public void reconcile() {
        if (reconciling) {
            // A controller wrote through the API server (Envoy Gateway's infrastructure): the round it is in
            // reports a change, and the loop below runs the controllers again.
            return;
        }
        reconciling = true;
        try {
            reconcileToFixedPoint();
        } finally {
            reconciling = false;
        }
    }

    private boolean reconciling;

    private void reconcileToFixedPoint() {
        for (int round = 0; round < MAX_RECONCILE_ROUNDS; round++) {
            budget.checkpoint();
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
