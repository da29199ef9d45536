import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where the server's CPU time went during one measured run: the JFR execution samples of the request threads
 * (Quarkus' {@code executor-thread-*} workers and the vert.x event loops), each put in the first category whose
 * marker appears anywhere on its stack. Categories are checked in order, so a sample inside grading is "grade" even
 * though Hibernate is further down the stack.
 *
 * <p>Run by {@code loadtest/run.sh --jfr}; by hand: {@code java loadtest/JfrBreakdown.java FILE.jfr [TOP [FROM TO]]}.
 * Prints a markdown table, then (with TOP) the TOP hottest leaf frames. FROM and TO (seconds since the recording's
 * first event) keep only the samples of one window, e.g. one step of the learner ladder in a recording of the whole
 * run ({@code -XX:StartFlightRecording}).
 */
public final class JfrBreakdown {

    /** Category, and the stack markers (substrings of "class.method") that put a sample in it. */
    private static final Map<String, List<String>> CATEGORIES = new LinkedHashMap<>();

    static {
        CATEGORIES.put("bcrypt (sign-in with a password)", List.of("BCrypt"));
        CATEGORIES.put("lab lookup (LabCatalog: SQL, lab YAML parse)", List.of("web.workspace.LabCatalog"));
        CATEGORIES.put("fresh mini-cluster (Cluster.create)", List.of("net.Cluster.create"));
        CATEGORIES.put("grade: apply the lab's start manifests and the submission", List.of("labs.grade.Grader.apply"));
        CATEGORIES.put("grade: run the checks", List.of("labs.grade.CheckEvaluator"));
        CATEGORIES.put("grade: other", List.of("labs.grade."));
        CATEGORIES.put("simulation: apply and run the commands (Shell)", List.of("net.shell.Shell."));
        CATEGORIES.put("JSON out (TraceJson/GradeJson, Jackson)", List.of("labs.json.", "GradeJson", "attemptJson",
                "SimulationsResource.run"));
        CATEGORIES.put("page render (Qute)", List.of("io.quarkus.qute."));
        // Not the HTTP security handler itself: vert.x handlers call the next one, so it is under every request.
        CATEGORIES.put("auth: session cookie to identity (cookie decryption, security-jpa account query)",
                List.of("io.quarkus.security.jpa", "PersistentLoginManager", "FormAuthenticationMechanism",
                        "Workspaces.me", "Viewer.account"));
        CATEGORIES.put("database: Hibernate, JDBC, pool, transactions",
                List.of("org.hibernate.", "org.postgresql.", "io.agroal.", "com.arjuna.", "io.quarkus.narayana."));
        CATEGORIES.put("JSON in (Jackson)", List.of("com.fasterxml.jackson."));
        CATEGORIES.put("health check (SmallRye Health)", List.of("io.smallrye.health."));
        CATEGORIES.put("HTTP: vert.x, netty, RESTEasy Reactive, security and request handlers",
                List.of("io.vertx.", "io.netty.", "org.jboss.resteasy.", "io.quarkus."));
    }

    private JfrBreakdown() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 1) {
            System.err.println("usage: java JfrBreakdown.java FILE.jfr [TOP [FROM_S TO_S]]");
            System.exit(2);
        }
        int top = args.length > 1 ? Integer.parseInt(args[1]) : 0;
        double from = args.length > 3 ? Double.parseDouble(args[2]) : Double.NEGATIVE_INFINITY;
        double to = args.length > 3 ? Double.parseDouble(args[3]) : Double.POSITIVE_INFINITY;
        java.time.Instant start = null;
        Map<String, Integer> counts = new LinkedHashMap<>();
        CATEGORIES.keySet().forEach(k -> counts.put(k, 0));
        counts.put("other", 0);
        Map<String, Integer> leaves = new TreeMap<>();
        int total = 0;
        int allThreads = 0;
        List<RecordedEvent> events = RecordingFile.readAllEvents(Path.of(args[0]));
        for (RecordedEvent e : events) {
            if (start == null || e.getStartTime().isBefore(start)) {
                start = e.getStartTime();
            }
        }
        for (RecordedEvent e : events) {
            if (!e.getEventType().getName().equals("jdk.ExecutionSample")) {
                continue;
            }
            double at = java.time.Duration.between(start, e.getStartTime()).toMillis() / 1000.0;
            if (at < from || at > to) {
                continue;
            }
            allThreads++;
            String thread = e.getThread("sampledThread") == null ? "" : e.getThread("sampledThread").getJavaName();
            if (thread == null || !(thread.startsWith("executor-thread") || thread.startsWith("vert.x-eventloop"))) {
                continue;
            }
            RecordedStackTrace stack = e.getStackTrace();
            if (stack == null) {
                continue;
            }
            List<String> frames = new ArrayList<>();
            for (RecordedFrame f : stack.getFrames()) {
                frames.add(f.getMethod().getType().getName() + "." + f.getMethod().getName());
            }
            counts.merge(category(frames), 1, Integer::sum);
            if (!frames.isEmpty()) {
                leaves.merge(frames.get(0), 1, Integer::sum);
            }
            total++;
        }
        System.out.printf("%d execution samples on the request threads (%d on all threads)%n%n", total, allThreads);
        System.out.println("| where the request threads' CPU went | samples | share |");
        System.out.println("|---|---:|---:|");
        final int n = Math.max(total, 1);
        counts.entrySet().stream().filter(c -> c.getValue() > 0)
                .sorted((a, b) -> b.getValue() - a.getValue())
                .forEach(c -> System.out.printf("| %s | %d | %.1f%% |%n", c.getKey(), c.getValue(), 100.0 * c.getValue() / n));
        if (top > 0) {
            System.out.printf("%nHottest leaf frames:%n%n");
            leaves.entrySet().stream().sorted((a, b) -> b.getValue() - a.getValue()).limit(top)
                    .forEach(l -> System.out.printf("    %5.1f%%  %s%n", 100.0 * l.getValue() / n, l.getKey()));
        }
    }

    private static String category(List<String> frames) {
        for (Map.Entry<String, List<String>> c : CATEGORIES.entrySet()) {
            for (String frame : frames) {
                for (String marker : c.getValue()) {
                    if (frame.contains(marker)) {
                        return c.getKey();
                    }
                }
            }
        }
        return "other";
    }
}
