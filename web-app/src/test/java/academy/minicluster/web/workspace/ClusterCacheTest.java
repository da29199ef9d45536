package academy.minicluster.web.workspace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import academy.minicluster.net.shell.Shell;
import academy.minicluster.labs.session.Sessions;
import academy.minicluster.net.profile.ClusterProfile;
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
    void aCapacityBelowOneIsRefused() {
        assertThatThrownBy(() -> new ClusterCache(0)).hasMessageContaining("minicluster.workspace.cache-size");
    }
}
