import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Issue 17's class of learners, as a load generator (run by loadtest/run.sh --learners; see loadtest/README.md,
 * "Learners"). Each learner is a person at a lab workspace: per minute on average 6 console commands, 1 apply from
 * the editor, half a "Check my work" and 1 page view, each followed by a random think time (exponential, mean
 * 60 / 8.5 s), so a learner waits for an answer before thinking about the next step, as people do. The learners
 * come from run.sh's prepare script, which makes their accounts and 70-entry logs before each step; this program signs
 * each in (form login) the first time a step needs it.
 *
 * <p>A step ladder: learners are added step by step, never removed; each step lets the newcomers settle (their
 * first request misses every cache, as a learner arriving does), then measures a window: per kind of request
 * p50/p95/p99/max and errors; the server's and PostgreSQL's CPU time from /proc over the window, divided by the
 * requests answered in it; the workspace cache's hits and misses from /q/metrics. The ladder stops after the first
 * step whose p99 of any kind is over {@code --stop-p99-ms}. At the end every learner stops, the requests in flight
 * are waited for, and the acknowledged log entries and attempts are written out for run.sh to count in PostgreSQL.
 *
 * <pre>java LearnerLoad.java BASE PREPARE_SCRIPT STEPS SETTLE_S MEASURE_S SERVER_PID PG_PIDFILE STOP_P99_MS ACKED_FILE
 *     [FIRST_SETTLE_S]</pre>
 * FIRST_SETTLE_S (default SETTLE_S) is the first step's settling time: the JIT compiles the paths during the first
 * minutes under load, with its one compiler thread on the server's core.
 */
public class LearnerLoad {

    enum Kind {
        CONSOLE(6), APPLY(1), CHECK(0.5), PAGE(1);

        final double perMinute;

        Kind(double perMinute) {
            this.perMinute = perMinute;
        }
    }

    static final double ACTIONS_PER_MINUTE = Arrays.stream(Kind.values()).mapToDouble(k -> k.perMinute).sum();
    static final double MEAN_THINK_S = 60 / ACTIONS_PER_MINUTE;

    /** What learners type at the console: reads of their cluster, a curl through a Service, events. */
    static final String[] COMMANDS = {
        "kubectl get pods -o wide",
        "kubectl get svc",
        "kubectl get endpointslices",
        "kubectl describe svc practice",
        "kubectl exec practice-client -- curl -sS http://practice/",
        "kubectl get deploy,rs",
    };

    /** What they apply from the editor: their practice Deployment at one or two replicas, its Service, a client. */
    static String practice(int replicas) {
        return """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: practice
                spec:
                  replicas: %d
                  selector:
                    matchLabels:
                      app: practice
                  template:
                    metadata:
                      labels:
                        app: practice
                    spec:
                      containers:
                        - name: whoami
                          image: traefik/whoami
                          ports:
                            - containerPort: 80
                ---
                apiVersion: v1
                kind: Service
                metadata:
                  name: practice
                spec:
                  selector:
                    app: practice
                  ports:
                    - port: 80
                ---
                apiVersion: v1
                kind: Pod
                metadata:
                  name: practice-client
                spec:
                  containers:
                    - name: tools
                      image: nicolaka/netshoot
                      command: ["sleep", "infinity"]
                """.formatted(replicas);
    }

    static final String PASSWORD = "load-test-password-1";

    final String base;
    final HttpClient http;
    final ScheduledExecutorService timer = Executors.newScheduledThreadPool(2);
    final AtomicBoolean running = new AtomicBoolean(true);
    final AtomicInteger inFlight = new AtomicInteger();
    final String csrfCookie;
    final String csrfToken;
    volatile Window window;

    /** One learner: their account, lab and workspace, their cookies as a browser keeps them, what was acked. */
    final class Learner {
        final int index;
        final String username;
        final String labId;
        final long workspaceId;
        final Random random;
        final Map<String, String> cookies = new ConcurrentHashMap<>();
        final LongAdder ackedEntries = new LongAdder();
        final LongAdder ackedAttempts = new LongAdder();
        int applies;
        int commands;

        Learner(int index, String username, String labId, long workspaceId) {
            this.index = index;
            this.username = username;
            this.labId = labId;
            this.workspaceId = workspaceId;
            this.random = new Random(17L * 1_000_003L + index);
        }

        String cookieHeader() {
            StringBuilder b = new StringBuilder();
            cookies.forEach((k, v) -> b.append(b.length() == 0 ? "" : "; ").append(k).append('=').append(v));
            return b.toString();
        }

        void keepCookies(HttpResponse<?> r) {
            for (String c : r.headers().allValues("set-cookie")) {
                String pair = c.split(";", 2)[0];
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    String value = pair.substring(eq + 1);
                    if (value.isEmpty()) {
                        cookies.remove(pair.substring(0, eq));
                    } else {
                        cookies.put(pair.substring(0, eq), value);
                    }
                }
            }
        }

        void signIn() throws IOException, InterruptedException {
            HttpResponse<Void> r = http.send(HttpRequest.newBuilder(URI.create(base + "/j_security_check"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form("j_username", username, "j_password", PASSWORD)))
                    .build(), HttpResponse.BodyHandlers.discarding());
            keepCookies(r);
            if (r.statusCode() != 302 || !cookies.containsKey("minicluster-session")) {
                throw new IllegalStateException("sign-in of " + username + " answered " + r.statusCode());
            }
            cookies.put("csrf-token", csrfCookie);
        }

        void openPage() throws IOException, InterruptedException {
            HttpResponse<String> r = http.send(request(Kind.PAGE), HttpResponse.BodyHandlers.ofString());
            keepCookies(r);
            if (r.statusCode() != 200 || !expected(Kind.PAGE, r.body())) {
                throw new IllegalStateException("GET /labs/" + labId + " for " + username + " answered "
                        + r.statusCode());
            }
        }

        void schedule(double delaySeconds) {
            if (running.get()) {
                long micros = (long) (delaySeconds * 1_000_000);
                long due = System.nanoTime() + micros * 1000;
                timer.schedule(() -> act(due), micros, TimeUnit.MICROSECONDS);
            }
        }

        double think() {
            return -Math.log(1 - random.nextDouble()) * MEAN_THINK_S;
        }

        Kind pick() {
            double x = random.nextDouble() * ACTIONS_PER_MINUTE;
            for (Kind k : Kind.values()) {
                x -= k.perMinute;
                if (x < 0) {
                    return k;
                }
            }
            return Kind.PAGE;
        }

        /**
         * Sends the learner's next request. {@code due} is when the timer should have fired: how late it fired is
         * the generator's own lag (its core busy, its GC), recorded so that a generator too slow to keep the
         * schedule shows in the report instead of passing for the server's latency.
         */
        void act(long due) {
            if (!running.get()) {
                return;
            }
            Kind kind = pick();
            HttpRequest request = request(kind);
            long start = System.nanoTime();
            Window w = window;
            if (w != null) {
                w.started.incrementAndGet();
                w.recordLag(start - due);
            }
            inFlight.incrementAndGet();
            http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).whenComplete((r, error) -> {
                long nanos = System.nanoTime() - start;
                try {
                    boolean ok = error == null && r.statusCode() == 200 && expected(kind, r.body());
                    if (r != null) {
                        keepCookies(r);
                    }
                    if (ok && (kind == Kind.CONSOLE || kind == Kind.APPLY)) {
                        ackedEntries.increment();
                    } else if (ok && kind == Kind.CHECK) {
                        ackedAttempts.increment();
                    }
                    if (!ok) {
                        failures.computeIfAbsent(kind + " " + (error != null ? error.getClass().getSimpleName()
                                : String.valueOf(r.statusCode())), k -> new LongAdder()).increment();
                    }
                    if (w != null) {
                        w.record(kind, nanos, ok);
                    }
                } finally {
                    inFlight.decrementAndGet();
                    schedule(think());
                }
            });
        }

        HttpRequest request(Kind kind) {
            HttpRequest.Builder b;
            switch (kind) {
                case CONSOLE -> {
                    String command = COMMANDS[commands++ % COMMANDS.length];
                    b = post("/workspaces/" + workspaceId + "/console", form("command", command));
                }
                case APPLY -> b = post("/workspaces/" + workspaceId + "/apply",
                        form("yaml", practice(1 + applies++ % 2)));
                case CHECK -> b = post("/labs/" + labId + "/check", "");
                default -> b = HttpRequest.newBuilder(URI.create(base + "/labs/" + labId)).GET();
            }
            return b.header("Cookie", cookieHeader()).timeout(Duration.ofSeconds(60)).build();
        }

        private HttpRequest.Builder post(String path, String formFields) {
            String body = formFields.isEmpty() ? form("csrf-token", csrfToken)
                    : formFields + "&" + form("csrf-token", csrfToken);
            return HttpRequest.newBuilder(URI.create(base + path))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .header("HX-Request", "true")
                    .POST(HttpRequest.BodyPublishers.ofString(body));
        }
    }

    /** What each kind's answer must contain to count as served (a 200 with a login page would not). */
    static boolean expected(Kind kind, String body) {
        return switch (kind) {
            case CONSOLE, APPLY -> body.contains("topology");
            case CHECK -> body.contains("attempt");
            case PAGE -> body.contains("</html>");
        };
    }

    final Map<String, LongAdder> failures = new ConcurrentHashMap<>();

    /** One step's measured window: every answer to a request sent inside it. */
    static final class Window {
        final Map<Kind, List<Long>> latencies = new EnumMap<>(Kind.class);
        final Map<Kind, AtomicLong> errors = new EnumMap<>(Kind.class);
        final AtomicLong started = new AtomicLong();
        final AtomicLong answered = new AtomicLong();
        /** How late the generator sent each request, after its think time (nanoseconds). */
        final List<Long> lags = new ArrayList<>();

        void recordLag(long nanos) {
            synchronized (lags) {
                lags.add(Math.max(0, nanos));
            }
        }

        Window() {
            for (Kind k : Kind.values()) {
                latencies.put(k, new ArrayList<>());
                errors.put(k, new AtomicLong());
            }
        }

        void record(Kind kind, long nanos, boolean ok) {
            List<Long> l = latencies.get(kind);
            synchronized (l) {
                l.add(nanos);
            }
            if (!ok) {
                errors.get(kind).incrementAndGet();
            }
            answered.incrementAndGet();
        }
    }

    LearnerLoad(String base) throws IOException, InterruptedException {
        this.base = base;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .executor(Executors.newFixedThreadPool(4))
                .connectTimeout(Duration.ofSeconds(10)).build();
        // One CSRF token pair (the csrf-token cookie and the form field) for every learner: quarkus-rest-csrf checks
        // that the two agree; a browser gets its own pair from its first page, at no cost worth measuring.
        HttpResponse<String> signup = http.send(HttpRequest.newBuilder(URI.create(base + "/signup")).build(),
                HttpResponse.BodyHandlers.ofString());
        String cookie = null;
        for (String c : signup.headers().allValues("set-cookie")) {
            if (c.startsWith("csrf-token=")) {
                cookie = c.substring("csrf-token=".length()).split(";", 2)[0];
            }
        }
        var m = java.util.regex.Pattern.compile("name=\"csrf-token\" value=\"([^\"]*)\"").matcher(signup.body());
        if (cookie == null || !m.find()) {
            throw new IllegalStateException("no CSRF token on /signup");
        }
        this.csrfCookie = cookie;
        this.csrfToken = m.group(1);
    }

    static String form(String... kv) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < kv.length; i += 2) {
            b.append(i == 0 ? "" : "&").append(URLEncoder.encode(kv[i], StandardCharsets.UTF_8)).append('=')
                    .append(URLEncoder.encode(kv[i + 1], StandardCharsets.UTF_8));
        }
        return b.toString();
    }

    // --- CPU from /proc: utime + stime (fields 14, 15), and for PostgreSQL's postmaster its exited children too ---

    static long ticks(long pid, boolean withChildren) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long t = Long.parseLong(f[11]) + Long.parseLong(f[12]);
            return withChildren ? t + Long.parseLong(f[13]) + Long.parseLong(f[14]) : t;
        } catch (IOException | RuntimeException e) {
            return 0; // a process that ended between listing and reading: counted in its parent's cutime
        }
    }

    static long postgresTicks(Path pidFile) {
        try {
            long postmaster = Long.parseLong(Files.readAllLines(pidFile).get(0).trim());
            long total = ticks(postmaster, true);
            try (var procs = Files.list(Path.of("/proc"))) {
                for (Path p : (Iterable<Path>) procs::iterator) {
                    String name = p.getFileName().toString();
                    if (!name.chars().allMatch(Character::isDigit)) {
                        continue;
                    }
                    try {
                        String stat = Files.readString(p.resolve("stat"));
                        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                        if (Long.parseLong(f[1]) == postmaster) {
                            total += Long.parseLong(f[11]) + Long.parseLong(f[12]);
                        }
                    } catch (IOException | RuntimeException ended) {
                        // gone: its time is in the postmaster's cutime
                    }
                }
            }
            return total;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /**
     * The cores a process may run on (its {@code Cpus_allowed_list}, e.g. "0" when pinned with {@code taskset -c 0}),
     * or all of them.
     */
    static List<Integer> allowedCores(long pid) {
        List<Integer> cores = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("Cpus_allowed_list:")) {
                    for (String range : line.substring(line.indexOf(':') + 1).trim().split(",")) {
                        String[] ends = range.split("-");
                        int first = Integer.parseInt(ends[0]);
                        int last = Integer.parseInt(ends[ends.length - 1]);
                        for (int c = first; c <= last; c++) {
                            cores.add(c);
                        }
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            cores.clear();
        }
        return cores;
    }

    /**
     * Busy and total ticks of the given cores from /proc/stat (busy: everything but idle and iowait), summed: over a
     * window, busy / total is how much of the server's core was used by anyone, the server, its PostgreSQL or other
     * processes sharing the core.
     */
    static long[] coreTicks(List<Integer> cores) {
        long[] t = new long[2];
        try {
            for (String line : Files.readAllLines(Path.of("/proc/stat"))) {
                String[] f = line.split("\\s+");
                if (!f[0].startsWith("cpu") || f[0].equals("cpu")
                        || !cores.contains(Integer.parseInt(f[0].substring(3)))) {
                    continue;
                }
                long total = 0;
                for (int i = 1; i < Math.min(f.length, 9); i++) { // user nice system idle iowait irq softirq steal
                    total += Long.parseLong(f[i]);
                }
                t[0] += total - Long.parseLong(f[4]) - Long.parseLong(f[5]);
                t[1] += total;
            }
        } catch (IOException | RuntimeException e) {
            return new long[2];
        }
        return t;
    }

    /** This generator's own garbage collection time so far (ms), from its collectors' beans. */
    static long ownGcMillis() {
        long ms = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            ms += Math.max(0, gc.getCollectionTime());
        }
        return ms;
    }

    /**
     * The server's stop-the-world GC pauses so far from /q/metrics (Micrometer's {@code jvm_gc_pause_seconds}, every
     * collector and cause): {count, total ms}.
     */
    double[] serverGcPauses() {
        double[] v = new double[2];
        try {
            String text = http.send(HttpRequest.newBuilder(URI.create(base + "/q/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            for (String line : text.split("\n")) {
                if (line.startsWith("jvm_gc_pause_seconds_count{")) {
                    v[0] += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                } else if (line.startsWith("jvm_gc_pause_seconds_sum{")) {
                    v[1] += 1000 * Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                }
            }
        } catch (IOException | InterruptedException | RuntimeException e) {
            return new double[2];
        }
        return v;
    }

    /**
     * The workspace cache's counters from /q/metrics (hits, misses, whole-log replays, restores from a saved state),
     * or zeros.
     */
    long[] cacheCounters() {
        try {
            String text = http.send(HttpRequest.newBuilder(URI.create(base + "/q/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            long[] v = new long[4];
            for (String line : text.split("\n")) {
                String[] names = {"minicluster_workspace_cache_hits_total", "minicluster_workspace_cache_misses_total",
                    "minicluster_workspace_replay_seconds_count", "minicluster_workspace_restore_seconds_count"};
                for (int i = 0; i < names.length; i++) {
                    if (line.startsWith(names[i] + " ") || line.startsWith(names[i] + "{")) {
                        v[i] += (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                    }
                }
            }
            return v;
        } catch (IOException | InterruptedException | RuntimeException e) {
            return new long[4];
        }
    }

    static double percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int i = (int) Math.ceil(p / 100 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))] / 1e6;
    }

    /**
     * {@code seed BASE COOKIE LABS ENTRIES}: opens the signed-in learner's workspace on each lab (a page view) and
     * gives it ENTRIES log entries through the console and the editor, in the mix the learners use (one apply, then
     * six commands, and so on); prints "lab TAB workspace id" per lab, for run.sh to copy to every learner.
     */
    static void seed(String base, String cookie, String labs, int entries) throws Exception {
        LearnerLoad load = new LearnerLoad(base);
        Learner template = load.new Learner(0, "template", "", 0);
        for (String pair : cookie.split("; ")) {
            template.cookies.put(pair.substring(0, pair.indexOf('=')), pair.substring(pair.indexOf('=') + 1));
        }
        template.cookies.put("csrf-token", load.csrfCookie);
        for (String lab : labs.split(",")) {
            HttpResponse<String> page = load.http.send(HttpRequest.newBuilder(URI.create(base + "/labs/" + lab))
                    .header("Cookie", template.cookieHeader()).build(), HttpResponse.BodyHandlers.ofString());
            var m = java.util.regex.Pattern.compile("/workspaces/(\\d+)/console").matcher(page.body());
            if (page.statusCode() != 200 || !m.find()) {
                throw new IllegalStateException("GET /labs/" + lab + " answered " + page.statusCode()
                        + " without a workspace");
            }
            Learner l = load.new Learner(0, "template", lab, Long.parseLong(m.group(1)));
            l.cookies.putAll(template.cookies);
            for (int i = 0; i < entries; i++) {
                Kind kind = i % 7 == 0 ? Kind.APPLY : Kind.CONSOLE;
                HttpResponse<String> r = load.http.send(l.request(kind), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() != 200 || !expected(kind, r.body())) {
                    throw new IllegalStateException("seeding " + lab + ": " + kind + " answered " + r.statusCode()
                            + ": " + r.body());
                }
            }
            System.out.println(lab + "\t" + l.workspaceId);
        }
        System.exit(0);
    }

    /** Runs {@code prepare FROM TO}, which makes learners FROM..TO-1 and prints "username TAB lab TAB workspace". */
    static List<String[]> prepare(String prepare, int from, int to) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("bash", prepare, String.valueOf(from), String.valueOf(to))
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        List<String[]> rows = new ArrayList<>();
        for (String line : new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
            if (!line.isBlank()) {
                rows.add(line.split("\t"));
            }
        }
        if (p.waitFor() != 0 || rows.size() != to - from) {
            throw new IllegalStateException(prepare + " " + from + " " + to + " failed (" + rows.size() + " rows)");
        }
        return rows;
    }

    /**
     * {@code count BASE PREPARE N MARK SERVER_PID PG_PIDFILE [KINDS]}: one learner (made by PREPARE, signed in, their
     * page opened) sends N requests of each kind one after another (check and page first, on the seeded log), each kind
     * warmed up by N requests first; MARK is run with "begin KIND" before and "end KIND" after the counted ones
     * (run.sh's statement count: it writes a marker statement PostgreSQL logs).
     * Prints "KIND TAB requests TAB answer characters TAB server CPU ms TAB PostgreSQL CPU ms" per kind, the CPU per
     * counted request from /proc (SERVER_PID, PG_PIDFILE): one request at a time, so each kind's own cost, with
     * nothing queued beside it (the marker's statements are outside the counted span). KINDS (comma-separated, by
     * default check,page,console,apply): run.sh leaves out the console and the apply when their 2 N entries would not
     * fit in the seeded log's workspace (1,000 entries at most), as on an 870-entry log.
     */
    static void count(String base, String prepare, int n, String mark, long serverPid, Path pgPidFile,
                      List<Kind> kinds) throws Exception {
        LearnerLoad load = new LearnerLoad(base);
        String[] r = prepare(prepare, 0, 1).get(0);
        Learner l = load.new Learner(0, r[0], r[1], Long.parseLong(r[2]));
        l.signIn();
        // The kinds that read the log (check, page) first, while it has the ladder's 70 entries: the console's and
        // the apply's requests add 2 N entries, and what those two read does not depend on the log's length.
        for (Kind kind : kinds) {
            long chars = 0;
            long serverTicks = 0;
            long pgTicks = 0;
            for (int i = 0; i < 2 * n; i++) {
                if (i == n) {
                    exec("bash", mark, "begin", kind.name().toLowerCase());
                    serverTicks = ticks(serverPid, false);
                    pgTicks = postgresTicks(pgPidFile);
                }
                HttpResponse<String> answer = load.http.send(l.request(kind), HttpResponse.BodyHandlers.ofString());
                l.keepCookies(answer);
                // A warm-up request may meet a pooled connection to the PostgreSQL run.sh restarted (503): only
                // the counted ones must be answered.
                if (i >= n && (answer.statusCode() != 200 || !expected(kind, answer.body()))) {
                    throw new IllegalStateException(kind + " answered " + answer.statusCode() + ": " + answer.body());
                }
                if (i >= n) {
                    chars += answer.body().length();
                }
            }
            serverTicks = ticks(serverPid, false) - serverTicks;
            pgTicks = postgresTicks(pgPidFile) - pgTicks;
            exec("bash", mark, "end", kind.name().toLowerCase());
            System.out.printf("%s\t%d\t%d\t%.2f\t%.2f%n", kind.name().toLowerCase(), n, chars / n,
                    serverTicks * 10.0 / n, pgTicks * 10.0 / n); // USER_HZ = 100: 10 ms a tick
        }
        System.exit(0);
    }

    static void exec(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).inheritIO().start();
        if (p.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed");
        }
    }

    public static void main(String[] args) {
        try {
            run(args);
        } catch (Exception | Error e) {
            // The HTTP client's and the timer's threads would keep the JVM up.
            e.printStackTrace();
            System.exit(1);
        }
    }

    static void run(String[] args) throws Exception {
        if (args[0].equals("count")) {
            count(args[1], args[2], Integer.parseInt(args[3]), args[4], Long.parseLong(args[5]), Path.of(args[6]),
                    args.length > 7 ? Arrays.stream(args[7].split(",")).map(k -> Kind.valueOf(k.toUpperCase()))
                            .toList() : List.of(Kind.CHECK, Kind.PAGE, Kind.CONSOLE, Kind.APPLY));
            return;
        }
        if (args[0].equals("seed")) {
            seed(args[1], args[2], args[3], Integer.parseInt(args[4]));
            return;
        }
        String base = args[0];
        String prepare = args[1];
        int[] steps = Arrays.stream(args[2].split(",")).mapToInt(Integer::parseInt).toArray();
        int settle = Integer.parseInt(args[3]);
        int measure = Integer.parseInt(args[4]);
        long serverPid = Long.parseLong(args[5]);
        Path pgPidFile = Path.of(args[6]);
        double stopP99 = Double.parseDouble(args[7]);
        Path ackedFile = Path.of(args[8]);
        int firstSettle = args.length > 9 ? Integer.parseInt(args[9]) : settle;
        PrintStream out = System.out;
        long hz = 100; // USER_HZ on Linux

        LearnerLoad load = new LearnerLoad(base);
        List<Integer> serverCores = allowedCores(serverPid);
        List<Learner> learners = new ArrayList<>();
        int active = 0;
        for (int step : steps) {
            System.err.printf("learnerload: preparing learners %d to %d%n", active + 1, step);
            for (String[] r : prepare(prepare, active, step)) {
                learners.add(load.new Learner(learners.size(), r[0], r[1], Long.parseLong(r[2])));
            }
            // Sign in the newcomers and open their lab's page, two at a time (not measured: a learner arriving
            // rebuilds their cluster once, and a whole class arriving in the same second is another test), then
            // start them at random moments within a
            // mean think time, so they do not arrive in lockstep.
            Semaphore parallel = new Semaphore(2);
            List<CompletableFuture<Void>> signIns = new ArrayList<>();
            for (int i = active; i < step; i++) {
                Learner l = learners.get(i);
                parallel.acquire();
                signIns.add(CompletableFuture.runAsync(() -> {
                    try {
                        l.signIn();
                        l.openPage();
                    } catch (IOException | InterruptedException e) {
                        throw new IllegalStateException(e);
                    } finally {
                        parallel.release();
                    }
                }));
            }
            CompletableFuture.allOf(signIns.toArray(CompletableFuture[]::new)).join();
            for (int i = active; i < step; i++) {
                Learner l = learners.get(i);
                l.schedule(l.random.nextDouble() * MEAN_THINK_S);
            }
            active = step;
            int settling = step == steps[0] ? firstSettle : settle;
            System.err.printf("learnerload: %d learners, settling %d s%n", active, settling);
            Thread.sleep(settling * 1000L);
            Window w = new Window();
            long[] cacheBefore = load.cacheCounters();
            double[] gcBefore = load.serverGcPauses();
            long serverBefore = ticks(serverPid, false);
            long pgBefore = postgresTicks(pgPidFile);
            long[] coreBefore = coreTicks(serverCores);
            long ownBefore = ticks(ProcessHandle.current().pid(), false);
            long ownGcBefore = ownGcMillis();
            load.window = w;
            Thread.sleep(measure * 1000L);
            load.window = null;
            long serverTicks = ticks(serverPid, false) - serverBefore;
            long pgTicks = postgresTicks(pgPidFile) - pgBefore;
            long[] coreAfter = coreTicks(serverCores);
            long ownTicks = ticks(ProcessHandle.current().pid(), false) - ownBefore;
            long ownGc = ownGcMillis() - ownGcBefore;
            double[] gcAfter = load.serverGcPauses();
            long[] cacheAfter = load.cacheCounters();
            // The requests sent inside the window are measured to their answer, however late it comes.
            long drain = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (w.answered.get() < w.started.get() && System.nanoTime() < drain) {
                Thread.sleep(20);
            }
            long requests = 0;
            long errors = 0;
            double worstP99 = 0;
            StringBuilder kinds = new StringBuilder();
            for (Kind k : Kind.values()) {
                long[] sorted;
                List<Long> l = w.latencies.get(k);
                synchronized (l) {
                    sorted = l.stream().mapToLong(Long::longValue).sorted().toArray();
                }
                requests += sorted.length;
                errors += w.errors.get(k).get();
                double p99 = percentile(sorted, 99);
                if (!Double.isNaN(p99)) {
                    worstP99 = Math.max(worstP99, p99);
                }
                kinds.append(String.format(" %s=%d/%.1f/%.1f/%.1f/%.1f/%d", k.name().toLowerCase(), sorted.length,
                        percentile(sorted, 50), percentile(sorted, 95), p99,
                        sorted.length == 0 ? Double.NaN : sorted[sorted.length - 1] / 1e6, w.errors.get(k).get()));
            }
            long[] lags;
            synchronized (w.lags) {
                lags = w.lags.stream().mapToLong(Long::longValue).sorted().toArray();
            }
            double msPerTick = 1000.0 / hz;
            double seconds = measure;
            long coreTotal = coreAfter[1] - coreBefore[1];
            double coreBusy = coreTotal == 0 ? Double.NaN : (coreAfter[0] - coreBefore[0]) / (double) coreTotal;
            // The server's core(s): used by anyone, and by processes other than the server and its PostgreSQL.
            double coreOthers = coreTotal == 0 ? Double.NaN
                    : coreBusy - (serverTicks + pgTicks) / (double) coreTotal;
            out.printf("STEP learners=%d seconds=%d requests=%d rps=%.1f errors=%d server_cpu_ms=%.3f pg_cpu_ms=%.3f"
                            + " server_core=%.2f pg_core=%.2f core_busy=%.2f core_others=%.2f"
                            + " gc_pauses=%.0f gc_pause_ms=%.0f gen_lag_p99_ms=%.1f gen_lag_max_ms=%.1f gen_core=%.2f"
                            + " gen_gc_ms=%d cache_hits=%d cache_misses=%d replays=%d restores=%d%s%n",
                    active, measure, requests, requests / seconds, errors,
                    requests == 0 ? 0 : serverTicks * msPerTick / requests,
                    requests == 0 ? 0 : pgTicks * msPerTick / requests,
                    serverTicks * msPerTick / 1000 / seconds, pgTicks * msPerTick / 1000 / seconds, coreBusy,
                    Math.max(0, coreOthers), gcAfter[0] - gcBefore[0], gcAfter[1] - gcBefore[1],
                    percentile(lags, 99), lags.length == 0 ? Double.NaN : lags[lags.length - 1] / 1e6,
                    ownTicks * msPerTick / 1000 / seconds, ownGc,
                    cacheAfter[0] - cacheBefore[0], cacheAfter[1] - cacheBefore[1], cacheAfter[2] - cacheBefore[2],
                    cacheAfter[3] - cacheBefore[3], kinds);
            out.flush();
            if (worstP99 > stopP99 || errors > 0) {
                System.err.printf("learnerload: p99 %.0f ms (limit %.0f), %d errors: the ladder stops here%n",
                        worstP99, stopP99, errors);
                break;
            }
        }
        // Stop: no new requests; wait for those in flight, so every answer sent is counted as acknowledged or not.
        load.running.set(false);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (load.inFlight.get() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        Map<String, Long> acked = new LinkedHashMap<>();
        StringBuilder b = new StringBuilder();
        for (Learner l : learners.subList(0, active)) {
            b.append(l.workspaceId).append('\t').append(l.ackedEntries.sum()).append('\t')
                    .append(l.username).append('\t').append(l.ackedAttempts.sum()).append('\n');
        }
        Files.writeString(ackedFile, b.toString());
        load.failures.forEach((k, v) -> acked.put(k, v.sum()));
        out.printf("DONE in_flight_left=%d failures=%s%n", load.inFlight.get(), acked);
        load.timer.shutdownNow();
        System.exit(0);
    }
}
