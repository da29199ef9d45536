package academy.minicluster.net.controller;

import academy.minicluster.net.api.StateReader;
import academy.minicluster.net.api.StateWriter;

/**
 * A controller whose only state between runs is where it left off in what it watches ({@link Changes}): a fork,
 * or a cluster restored from bytes, takes over that and nothing else.
 */
public interface WatchingController extends Controller {

    /** What this controller watches, and what of it changed since its last run. */
    Changes changes();

    @Override
    default void copyStateFrom(Controller original) {
        changes().copyFrom(((WatchingController) original).changes());
    }

    @Override
    default void writeState(StateWriter out) {
        changes().writeState(out);
    }

    @Override
    default void readState(StateReader in) {
        changes().readState(in);
    }
}
