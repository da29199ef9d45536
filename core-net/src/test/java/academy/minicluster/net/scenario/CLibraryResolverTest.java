package academy.minicluster.net.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import academy.minicluster.net.shell.ShellResult;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two images, two resolvers over the same search list (SearchList's rules, applied by the tools): busybox's default
 * tags are its glibc build, which goes on to the next search domain after an answer without addresses; its
 * {@code -musl} tags (and the Alpine-based images) stop at any answer but NXDOMAIN, and try a name with ndots
 * dots as-is only.
 */
class CLibraryResolverTest {

    private static final String PODS = """
            apiVersion: v1
            kind: Service
            metadata: {name: gone}
            spec: {type: ExternalName, externalName: nowhere.invalid}
            ---
            apiVersion: v1
            kind: Pod
            metadata: {name: glibc}
            spec:
              containers: [{name: c, image: "busybox:1.36", command: [sleep, "3600"]}]
            ---
            apiVersion: v1
            kind: Pod
            metadata: {name: musl}
            spec:
              containers: [{name: c, image: "busybox:1.36-musl", command: [sleep, "3600"]}]
            """;

    private Scenario s;

    @BeforeEach
    void apply() {
        s = Scenario.fresh().file("pods.yaml", PODS);
        assertThat(s.run("kubectl apply -f pods.yaml").exitCode()).isZero();
    }

    /** The names the resolver asked, in order, from the trace's resolver hops. */
    private List<String> asked(String pod, String name) {
        ShellResult r = s.run("kubectl exec " + pod + " -- wget -q -T 2 -O- http://" + name + "/");
        assertThat(r.exitCode()).isNotZero();
        return Scenario.trace(r).lines().filter(l -> l.contains("resolver: " + name + " -> "))
                .map(l -> l.substring(l.indexOf(" -> ") + 4, l.indexOf(" (")))
                .toList();
    }

    @Test
    void glibcGoesOnAfterAnAnswerWithoutAddressesMuslStops() {
        // gone.default.svc.cluster.local is a CNAME to a name that does not exist: NOERROR, no A record.
        assertThat(asked("glibc", "gone")).containsExactly("gone.default.svc.cluster.local.",
                "gone.svc.cluster.local.", "gone.cluster.local.", "gone.");
        assertThat(asked("musl", "gone")).containsExactly("gone.default.svc.cluster.local.");
    }

    @Test
    void aNameWithNdotsDotsIsTriedAsIsOnlyByMusl() {
        String name = "a.b.c.d.e.invalid";
        assertThat(asked("glibc", name)).containsExactly(name + ".", name + ".default.svc.cluster.local.",
                name + ".svc.cluster.local.", name + ".cluster.local.");
        assertThat(asked("musl", name)).containsExactly(name + ".");
    }
}
