package academy.minicluster.net.shell;

import static org.assertj.core.api.Assertions.assertThat;

import academy.minicluster.net.Cluster;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Named fixtures of the kubectl tests: a fresh default cluster, with or without the web app of {@code web.yaml}. */
final class KubectlFixture {

    private KubectlFixture() {
    }

    /** A shell on a fresh default cluster, nothing applied. */
    static Shell emptyCluster() {
        return Shell.open(Cluster.create());
    }

    /** A shell on a fresh cluster with {@code web.yaml} applied (file {@code web.yaml} readable by {@code -f}). */
    static Shell webApp() {
        Shell shell = emptyCluster();
        shell.putFile("web.yaml", resource("/shell/web.yaml"));
        ShellResult applied = shell.execute("kubectl apply -f web.yaml");
        assertThat(applied.exitCode()).as(applied.stderr()).isZero();
        return shell;
    }

    static String resource(String path) {
        try (InputStream in = KubectlFixture.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
