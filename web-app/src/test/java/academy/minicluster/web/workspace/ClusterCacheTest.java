package academy.minicluster.web.workspace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import academy.minicluster.net.shell.Shell;
import academy.minicluster.labs.session.Sessions;
import academy.minicluster.net.profile.ClusterProfile;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The per-server cache of rebuilt clusters: bounded, least recently used out first, lent out one at a time. */
class ClusterCacheTest {

    private static Shell shell() {
        return Sessions.open(ClusterProfile.DEFAULT, 1);
    }

    @Test
    void theLeastRecentlyUsedClusterIsEvictedBeyondTheCapacity() {
        ClusterCache cache = new ClusterCache(2);
        Shell a = shell();
        cache.put(new ClusterCache.Key(1, 0), a);
        cache.put(new ClusterCache.Key(2, 0), shell());
        cache.put(new ClusterCache.Key(3, 0), shell());

        assertThat(cache.size()).isEqualTo(2);
        assertThat(cache.take(new ClusterCache.Key(1, 0))).isEmpty();
        assertThat(cache.take(new ClusterCache.Key(3, 0))).isPresent();
    }

    @Test
    void putAnswersWhichClustersItEvicted() {
        ClusterCache cache = new ClusterCache(2);
        Shell a = shell();
        assertThat(cache.put(new ClusterCache.Key(1, 5), a)).isEmpty();
        assertThat(cache.put(new ClusterCache.Key(2, 0), shell())).isEmpty();

        List<ClusterCache.Evicted> evicted = cache.put(new ClusterCache.Key(3, 0), shell());

        assertThat(evicted).extracting(ClusterCache.Evicted::key).containsExactly(new ClusterCache.Key(1, 5));
        assertThat(evicted.get(0).shell()).isSameAs(a);
    }

    @Test
    void aTakenClusterIsLentToOneRequestOnly() {
        ClusterCache cache = new ClusterCache(2);
        cache.put(new ClusterCache.Key(1, 4), shell());

        assertThat(cache.take(new ClusterCache.Key(1, 4))).isPresent();
        assertThat(cache.take(new ClusterCache.Key(1, 4))).isEmpty();
    }

    @Test
    void aClusterIsFoundOnlyAtItsLogLength() {
        ClusterCache cache = new ClusterCache(2);
        cache.put(new ClusterCache.Key(1, 4), shell());

        assertThat(cache.take(new ClusterCache.Key(1, 5))).isEmpty();
    }

    @Test
    void theCacheNeverHoldsMoreThanItsSizeAndCountsWhatItDrops() {
        ClusterCache cache = new ClusterCache(3);
        Shell one = shell();
        for (int i = 0; i < 20; i++) {
            cache.put(new ClusterCache.Key(i, i), one);
            assertThat(cache.size()).isLessThanOrEqualTo(3);
        }

        assertThat(cache.size()).isEqualTo(3);
        assertThat(cache.evictions()).isEqualTo(17);
    }

    @Test
    void takesAreCountedAsHitsOrMisses() {
        ClusterCache cache = new ClusterCache(2);
        cache.put(new ClusterCache.Key(1, 1), shell());

        cache.take(new ClusterCache.Key(1, 1));
        cache.take(new ClusterCache.Key(1, 1));
        cache.take(new ClusterCache.Key(2, 0));

        assertThat(cache.hits()).isEqualTo(1);
        assertThat(cache.misses()).isEqualTo(2);
    }

    @Test
    void theCacheIsBoundedByTheMemoryItsClustersAreEstimatedToRetain() {
        Shell fresh = shell();
        Shell busy = shell();
        busy.execute("kubectl create deployment web --image=traefik/whoami --replicas=3");
        long freshBytes = ClusterCache.estimatedBytes(fresh);
        long busyBytes = ClusterCache.estimatedBytes(busy);
        // A Deployment, its ReplicaSet and three pods (and their events, endpoints) weigh more than nothing.
        assertThat(busyBytes).isGreaterThan(freshBytes + 4 * ClusterCache.BYTES_PER_OBJECT);

        ClusterCache cache = new ClusterCache(Integer.MAX_VALUE, busyBytes + 2 * freshBytes);
        cache.put(new ClusterCache.Key(1, 0), busy);
        cache.put(new ClusterCache.Key(2, 0), shell());
        cache.put(new ClusterCache.Key(3, 0), shell());
        assertThat(cache.size()).isEqualTo(3);
        assertThat(cache.bytes()).isEqualTo(busyBytes + 2 * freshBytes);

        cache.put(new ClusterCache.Key(4, 0), shell());

        assertThat(cache.size()).isEqualTo(3);
        assertThat(cache.evictions()).isEqualTo(1);
        assertThat(cache.bytes()).isEqualTo(3 * freshBytes);
        assertThat(cache.take(new ClusterCache.Key(1, 0))).isEmpty();
        assertThat(cache.take(new ClusterCache.Key(4, 0))).isPresent();
        assertThat(cache.bytes()).isEqualTo(2 * freshBytes);
    }

    /** A cluster's grader session is lent and weighed with it; a session of another log length is not kept. */
    @Test
    void aClustersSessionIsLentAndWeighedWithIt() {
        ClusterCache cache = new ClusterCache(10);
        Shell fresh = shell();
        long clusterBytes = ClusterCache.estimatedBytes(fresh);
        RecordedSession session = RecordedSession.empty()
                .plus(LogEntry.command("kubectl get pods"), fresh.execute("kubectl get pods"))
                .plus(LogEntry.command("kubectl delete svc nope"), fresh.execute("kubectl delete svc nope"));
        assertThat(session.bytes()).isEqualTo(2 * RecordedSession.BYTES_PER_STEP + "kubectl get pods".length()
                + "kubectl delete svc nope".length() + fresh.execute("kubectl delete svc nope").stderr().length());

        cache.put(new ClusterCache.Key(1, 2), fresh, session);
        assertThat(cache.bytes()).isEqualTo(clusterBytes + session.bytes());
        ClusterCache.Taken taken = cache.lend(new ClusterCache.Key(1, 2)).orElseThrow();
        assertThat(taken.session()).isSameAs(session);
        assertThat(cache.bytes()).isZero();

        cache.put(new ClusterCache.Key(1, 3), fresh, session);
        assertThat(cache.bytes()).as("a session of 2 entries is not the log of 3").isEqualTo(clusterBytes);
        assertThat(cache.lend(new ClusterCache.Key(1, 3)).orElseThrow().session().kind())
                .isEqualTo(RecordedSession.Kind.UNKNOWN);
    }

    @Test
    void aCapacityBelowOneIsRefused() {
        assertThatThrownBy(() -> new ClusterCache(0)).hasMessageContaining("minicluster.workspace.cache-size");
    }
}
