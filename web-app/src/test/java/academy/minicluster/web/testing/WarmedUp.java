package academy.minicluster.web.testing;

import academy.minicluster.web.workspace.ClusterWarmUp;
import java.util.concurrent.TimeUnit;

/**
 * For browser tests that open the playground or a lab: until the platform's warm-up ends, a browser loading either
 * gets the starting page, which opens it by itself a few seconds later (StartingPageBrowserTest).
 * A test that measures, scans or works in the page itself waits for the warm-up first.
 */
public final class WarmedUp {

    private WarmedUp() {
    }

    public static void await(ClusterWarmUp warmUp) {
        try {
            warmUp.done().get(5, TimeUnit.MINUTES);
        } catch (Exception e) {
            throw new AssertionError("the platform's warm-up did not end in 5 minutes", e);
        }
    }
}
