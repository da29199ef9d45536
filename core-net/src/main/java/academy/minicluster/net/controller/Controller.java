package academy.minicluster.net.controller;

import academy.minicluster.net.api.StateReader;
import academy.minicluster.net.api.StateWriter;

/**
 * One control loop. After every write the cluster runs all controllers, in a fixed order, until none changes
 * anything: the synchronous, deterministic stand-in for Kubernetes' watch-driven loops.
 */
public interface Controller {

    /** Brings what this controller owns in line with the objects it watches; true when it wrote anything. */
    boolean reconcile(ControllerContext context);

    /**
     * Takes over the state {@code original} (a controller of the same class in the cluster being forked) keeps
     * between runs, so that the fork's next run does what the original's next run would do.
     */
    void copyStateFrom(Controller original);

    /** Writes the state {@link #copyStateFrom} copies, for a cluster restored from bytes ({@code Cluster.restore}). */
    void writeState(StateWriter out);

    /** Reads what {@link #writeState} wrote into this new controller. */
    void readState(StateReader in);
}
