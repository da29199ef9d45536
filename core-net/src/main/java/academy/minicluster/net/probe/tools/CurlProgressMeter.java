package academy.minicluster.net.probe.tools;

/**
 * curl's progress meter on stderr, as a terminal shows it once the transfer is over. curl draws it when its
 * output does not go to a terminal (a pipe, {@code kubectl exec} without {@code -t}, or {@code -o FILE}), and
 * redraws its last line with a carriage return; here the redrawn line replaces the one it overwrites, so the text
 * is what the learner sees, without control characters.
 *
 * <p>Times are zero in the model, so every time column reads {@code --:--:--} and speeds follow curl's own
 * formula for a transfer under a millisecond: {@code bytes * 1000 / 1}.
 */
final class CurlProgressMeter {

    static final String HEADER =
            "  % Total    % Received % Xferd  Average Speed   Time    Time     Time  Current\n"
            + "                                 Dload  Upload   Total   Spent    Left  Speed\n";

    private final StringBuilder stderr;
    private final boolean enabled;
    private boolean started;

    CurlProgressMeter(StringBuilder stderr, boolean enabled) {
        this.stderr = stderr;
        this.enabled = enabled;
    }

    /** Draws the header and the first, empty line, left open: what curl writes next continues on that line. */
    void start() {
        if (!enabled || started) {
            return;
        }
        started = true;
        stderr.append(HEADER).append(line(0, 0));
    }

    /** The final, forced update: overwrites the open line and ends it. */
    void done(long expected, long received) {
        if (!enabled) {
            return;
        }
        start();
        int lastNewline = stderr.lastIndexOf("\n");
        stderr.setLength(lastNewline + 1);
        stderr.append(line(expected, received)).append('\n');
    }

    static String line(long expected, long received) {
        int percent = expected > 0 ? (int) (100 * received / expected) : 0;
        long speed = received * 1000;
        return String.format("%3d %s  %3d %s  %3d %s  %s  %s %s %s %s %s",
                percent, max5(expected), percent, max5(received), 0, max5(0),
                max5(speed), max5(0), "--:--:--", "--:--:--", "--:--:--", max5(speed));
    }

    /** curl's {@code max5data}: a byte count in at most five columns, with k, M, G suffixes. */
    static String max5(long bytes) {
        long k = 1024;
        long m = k * k;
        if (bytes < 100000) {
            return String.format("%5d", bytes);
        }
        if (bytes < 10000 * k) {
            return String.format("%4dk", bytes / k);
        }
        if (bytes < 100 * m) {
            return String.format("%2d.%01dM", bytes / m, (bytes % m) / (m / 10));
        }
        return String.format("%4dM", bytes / m);
    }
}
