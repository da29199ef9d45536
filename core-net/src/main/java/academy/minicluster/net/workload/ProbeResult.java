package academy.minicluster.net.workload;

import java.util.Objects;

/**
 * The outcome of one kubelet probe against a simulated container.
 *
 * @param success whether the kubelet counts the probe as passed
 * @param message empty on success; otherwise the event message exactly as the kubelet records it, e.g.
 *                {@code Readiness probe failed: HTTP probe failed with statuscode: 404}
 */
public record ProbeResult(boolean success, String message) {

    public static final ProbeResult SUCCESS = new ProbeResult(true, "");

    public ProbeResult {
        Objects.requireNonNull(message, "message");
    }

    static ProbeResult failed(ProbeType type, String output) {
        return new ProbeResult(false, type.label() + " probe failed: " + output);
    }

    /** The kubelet words a probe that could not even run ("errored") differently from one that failed. */
    static ProbeResult errored(ProbeType type, String error) {
        return new ProbeResult(false, type.label() + " probe errored: " + error);
    }

    /** Which probe of the container is run: the kubelet names it at the start of its event message. */
    public enum ProbeType {
        READINESS("Readiness"), LIVENESS("Liveness"), STARTUP("Startup");

        private final String label;

        ProbeType(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }
}
