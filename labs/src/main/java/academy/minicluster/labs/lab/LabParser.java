package academy.minicluster.labs.lab;

import academy.minicluster.labs.check.Check;
import academy.minicluster.labs.check.CheckKind;
import academy.minicluster.labs.check.Expectation;
import academy.minicluster.labs.check.FieldPath;
import academy.minicluster.labs.check.Origin;
import academy.minicluster.labs.check.Selectors;
import academy.minicluster.labs.check.Target;
import academy.minicluster.net.api.DecodeError;
import academy.minicluster.net.api.Kinds;
import academy.minicluster.net.api.ManifestDecoder;
import academy.minicluster.net.profile.ClusterProfile;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Reads a lab file, strictly: an unknown key, a missing required field, a value of the wrong type, a reference to
 * something the lab does not define (a profile, a policy-matrix group, a check kind), or a manifest the API server
 * would refuse, is an error naming the file, the line and the field. Every error in the file is reported at once.
 */
public final class LabParser {

    private static final Pattern ID = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
    static final List<String> TOP = List.of("id", "version", "title", "summary", "difficulty", "minutes",
            "lesson", "profile", "seed", "start", "tasks", "tasksFile", "hints", "solutions", "checks", "kind", "feedback",
            "wrongAnswers", "alternativeAnswers");
    static final List<String> CHECK_KINDS = List.of("exists", "field", "pods", "endpoints", "ingress",
            "reach", "matrix", "policyMatrix", "likeReference", "answer", "transcript");

    private final String source;
    private final Path directory;
    private final LocatedYaml yaml;
    private final List<LabError> errors = new ArrayList<>();

    private LabParser(String source, Path directory, LocatedYaml yaml) {
        this.source = source;
        this.directory = directory;
        this.yaml = yaml;
    }

    /** Reads a lab file; a {@code tasksFile} is read from the file's directory. */
    public static Lab parse(Path file) throws LabFormatException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new LabFormatException(List.of(new LabError(file.toString(), 0, "", "cannot read: " + e.getMessage())));
        }
        return parse(text, file.toString(), file.toAbsolutePath().getParent());
    }

    /** Reads a lab from text; {@code source} names it in errors. */
    public static Lab parse(String text, String source) throws LabFormatException {
        return parse(text, source, null);
    }

    static Lab parse(String text, String source, Path directory) throws LabFormatException {
        LocatedYaml yaml;
        try {
            yaml = LocatedYaml.parse(text);
        } catch (IOException e) {
            int line = 0;
            if (e instanceof com.fasterxml.jackson.core.JsonProcessingException j && j.getLocation() != null) {
                line = j.getLocation().getLineNr();
            }
            String message = e.getMessage() == null ? "not valid YAML" : e.getMessage().lines().findFirst().orElse("");
            throw new LabFormatException(List.of(new LabError(source, line, "", "not valid YAML: " + message)));
        }
        LabParser p = new LabParser(source, directory, yaml);
        Lab lab = p.lab();
        if (!p.errors.isEmpty() || lab == null) {
            throw new LabFormatException(p.errors.isEmpty()
                    ? List.of(new LabError(source, 0, "", "not a lab")) : p.errors);
        }
        return lab;
    }

    // ---------------------------------------------------------------------------------------------- the lab

    private Lab lab() {
        for (String dup : yaml.duplicates()) {
            error(dup, "written twice");
        }
        ObjectNode root = object(yaml.root, "", TOP);
        if (root == null) {
            return null;
        }
        String id = string(root, "", "id", true);
        if (id != null && !ID.matcher(id).matches()) {
            error("id", "\"" + id + "\" is not a lab id: lower-case letters, digits and '-', starting and ending "
                    + "with a letter or digit");
        }
        int version = integer(root, "", "version", 1, 1, 1_000_000);
        String title = string(root, "", "title", true);
        String summary = string(root, "", "summary", true);
        Difficulty difficulty = Difficulty.beginner;
        String d = string(root, "", "difficulty", true);
        if (d != null) {
            try {
                difficulty = Difficulty.valueOf(d);
            } catch (IllegalArgumentException e) {
                error("difficulty", "\"" + d + "\" is not one of beginner, intermediate, advanced");
            }
        }
        int minutes = integer(root, "", "minutes", null, 1, 600);
        String lesson = string(root, "", "lesson", true);
        String profile = string(root, "", "profile", false);
        if (profile == null) {
            profile = ClusterProfile.DEFAULT.name();
        } else if (ClusterProfile.named(profile).isEmpty()) {
            error("profile", "unknown profile \"" + profile + "\" (known: " + String.join(", ",
                    ClusterProfile.all().stream().map(ClusterProfile::name).toList()) + ")");
        }
        long seed = integer(root, "", "seed", 1, 0, Integer.MAX_VALUE);
        Steps start = root.has("start") ? steps(root.get("start"), "start") : Steps.NONE;
        String tasks = tasks(root);
        List<String> hints = new ArrayList<>();
        JsonNode h = root.get("hints");
        if (h == null) {
            error("hints", "missing: give at least one hint");
        } else if (!h.isArray() || h.isEmpty()) {
            error("hints", "must be a list of at least one hint (Markdown), from a nudge to nearly the answer");
        } else {
            for (int i = 0; i < h.size(); i++) {
                if (!h.get(i).isTextual() || h.get(i).asText().isBlank()) {
                    error("hints[" + i + "]", "must be non-empty text");
                } else {
                    hints.add(h.get(i).asText().strip());
                }
            }
        }
        List<Solution> solutions = solutions(root.get("solutions"), "solutions", true);
        List<Solution> wrong = root.has("wrongAnswers")
                ? solutions(root.get("wrongAnswers"), "wrongAnswers", true) : List.of();
        List<Solution> alternatives = root.has("alternativeAnswers")
                ? solutions(root.get("alternativeAnswers"), "alternativeAnswers", true) : List.of();
        Set<String> answerIds = new HashSet<>();
        for (List<Solution> list : List.of(solutions, wrong, alternatives)) {
            for (Solution s : list) {
                if (!answerIds.add(s.id()) && list != solutions) {
                    error(list == wrong ? "wrongAnswers" : "alternativeAnswers", "answer id \"" + s.id()
                            + "\" is also used by another solution or answer");
                }
            }
        }
        LabKind kind = LabKind.guided;
        String k = string(root, "", "kind", false);
        if (k != null) {
            try {
                kind = LabKind.valueOf(k);
            } catch (IllegalArgumentException e) {
                error("kind", "\"" + k + "\" is not one of guided, troubleshooting");
            }
        }
        Feedback feedback = root.has("feedback") ? feedback(root.get("feedback"), kind) : Feedback.defaultFor(kind);
        List<Check> checks = checks(root.get("checks"));
        Set<String> questions = new TreeSet<>();
        checks.stream().filter(c -> c.kind() instanceof CheckKind.Answer).forEach(c -> questions.add(c.id()));
        for (List<Solution> list : List.of(solutions, wrong, alternatives)) {
            String key = list == solutions ? "solutions" : list == wrong ? "wrongAnswers" : "alternativeAnswers";
            for (int i = 0; i < list.size(); i++) {
                for (String q : list.get(i).answers().keySet()) {
                    if (!questions.contains(q)) {
                        error(key + "[" + i + "].answers." + q, "\"" + q + "\" is not an answer check of the lab"
                                + (questions.isEmpty() ? "" : " (questions: " + String.join(", ", questions) + ")"));
                    }
                }
            }
        }
        for (int i = 0; i < checks.size(); i++) {
            if (checks.get(i).kind() instanceof CheckKind.LikeReference like) {
                List<String> ids = solutions.stream().map(Solution::id).toList();
                if (like.solution().isEmpty() ? ids.isEmpty() : !ids.contains(like.solution())) {
                    error("checks", "check " + checks.get(i).id() + " compares with "
                            + (like.solution().isEmpty() ? "the first reference solution, but the lab has none"
                            : "solution \"" + like.solution() + "\", which the lab does not have (solutions: "
                            + String.join(", ", ids) + ")"));
                }
            }
        }
        if (id == null || title == null) {
            return null;
        }
        return new Lab(id, version, title, summary == null ? "" : summary.strip(), difficulty, minutes, lesson,
                profile, seed, start, tasks, hints, solutions, checks, source, kind, feedback, wrong, alternatives);
    }

    /** {@code feedback: {revealCauseAfter: {hints: 1, failedChecks: 3}}} or {@code {revealCauseAfter: never}}. */
    private Feedback feedback(JsonNode node, LabKind kind) {
        ObjectNode o = object(node, "feedback", List.of("revealCauseAfter"));
        if (o == null) {
            return Feedback.defaultFor(kind);
        }
        JsonNode after = o.get("revealCauseAfter");
        String path = "feedback.revealCauseAfter";
        if (after == null) {
            error(path, "missing: {hints: N, failedChecks: N} or never");
            return Feedback.defaultFor(kind);
        }
        if (after.isTextual() && after.asText().equals("never")) {
            return Feedback.SYMPTOMS_ONLY;
        }
        ObjectNode a = object(after, path, List.of("hints", "failedChecks"));
        if (a == null) {
            return Feedback.defaultFor(kind);
        }
        if (a.isEmpty()) {
            error(path, "give hints, failedChecks or both (or write never)");
        }
        int hints = a.has("hints") ? integer(a, path, "hints", null, 0, 100) : Feedback.NEVER;
        int failed = a.has("failedChecks") ? integer(a, path, "failedChecks", null, 0, 1000) : Feedback.NEVER;
        return new Feedback(hints, failed);
    }

    private String tasks(ObjectNode root) {
        String tasks = string(root, "", "tasks", false);
        String file = string(root, "", "tasksFile", false);
        if (tasks != null && file != null) {
            error("tasksFile", "give tasks or tasksFile, not both");
        }
        if (file != null) {
            if (directory == null) {
                error("tasksFile", "a lab read from text cannot name a file; write tasks inline");
                return "";
            }
            Path p = directory.resolve(file).normalize();
            if (!p.startsWith(directory) || !Files.isRegularFile(p)) {
                error("tasksFile", "no such file beside the lab: " + file);
                return "";
            }
            try {
                tasks = Files.readString(p, StandardCharsets.UTF_8);
            } catch (IOException e) {
                error("tasksFile", "cannot read " + file + ": " + e.getMessage());
                return "";
            }
        }
        if (tasks == null || tasks.isBlank()) {
            error("tasks", "missing: say in Markdown what the learner is asked to do");
            return "";
        }
        return tasks.strip() + "\n";
    }

    private Steps steps(JsonNode node, String path) {
        ObjectNode o = object(node, path, List.of("manifests", "commands"));
        if (o == null) {
            return Steps.NONE;
        }
        String manifests = string(o, path, "manifests", false);
        String commands = string(o, path, "commands", false);
        int line = manifests == null ? 0 : yaml.line(join(path, "manifests"));
        if (manifests != null && !manifests.isBlank()) {
            // A block scalar's text starts on the line after its key.
            for (DecodeError e : new ManifestDecoder().decode(manifests, source).errors()) {
                int at = e.line() == null ? line : line + e.line();
                errors.add(new LabError(source, at, join(path, "manifests"), e.printed()));
            }
        }
        return new Steps(manifests, line, commands);
    }

    private List<Solution> solutions(JsonNode node, String key, boolean required) {
        List<Solution> out = new ArrayList<>();
        if (node == null || !node.isArray() || node.isEmpty()) {
            if (required) {
                error(key, key.equals("solutions")
                        ? "must be a list of at least one reference solution (manifests and/or commands)"
                        : "must be a list of answers, each with id, description, manifests and/or commands");
            }
            return out;
        }
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < node.size(); i++) {
            String path = key + "[" + i + "]";
            ObjectNode o = object(node.get(i), path, List.of("id", "description", "manifests", "commands",
                    "answers"));
            if (o == null) {
                continue;
            }
            String id = string(o, path, "id", true);
            if (id != null && !ids.add(id)) {
                error(path + ".id", "id \"" + id + "\" is used twice in " + key);
            }
            String description = string(o, path, "description", false);
            Steps steps = stepsAt(o, path);
            java.util.Map<String, String> answers = new TreeMap<>();
            if (o.has("answers")) {
                JsonNode a = o.get("answers");
                if (!a.isObject()) {
                    error(join(path, "answers"), "must map the ids of answer checks to the answers");
                } else {
                    a.fields().forEachRemaining(e -> {
                        if (e.getValue().isValueNode() && !e.getValue().isNull()) {
                            answers.put(e.getKey(), e.getValue().asText());
                        } else {
                            error(join(path, "answers") + "." + e.getKey(), "must be the answer, as text");
                        }
                    });
                }
            }
            if (steps.isEmpty() && answers.isEmpty()) {
                error(path, key.equals("solutions") ? "a solution needs manifests or commands"
                        : "an answer needs manifests or commands");
            }
            if (id != null) {
                out.add(new Solution(id, description, steps, answers));
            }
        }
        return out;
    }

    private Steps stepsAt(ObjectNode o, String path) {
        String manifests = string(o, path, "manifests", false);
        String commands = string(o, path, "commands", false);
        int line = manifests == null ? 0 : yaml.line(join(path, "manifests"));
        if (manifests != null && !manifests.isBlank()) {
            for (DecodeError e : new ManifestDecoder().decode(manifests, source).errors()) {
                int at = e.line() == null ? line : line + e.line();
                errors.add(new LabError(source, at, join(path, "manifests"), e.printed()));
            }
        }
        return new Steps(manifests, line, commands);
    }

    // ---------------------------------------------------------------------------------------------- checks

    private List<Check> checks(JsonNode node) {
        List<Check> out = new ArrayList<>();
        if (node == null || !node.isArray() || node.isEmpty()) {
            error("checks", "must be a list of at least one check");
            return out;
        }
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < node.size(); i++) {
            String path = "checks[" + i + "]";
            List<String> known = new ArrayList<>(List.of("id", "title", "points"));
            known.addAll(CHECK_KINDS);
            ObjectNode o = object(node.get(i), path, known);
            if (o == null) {
                continue;
            }
            String id = string(o, path, "id", true);
            if (id != null && !ids.add(id)) {
                error(path + ".id", "check id \"" + id + "\" is used twice");
            }
            String title = string(o, path, "title", true);
            int points = integer(o, path, "points", 1, 1, 100);
            List<String> present = CHECK_KINDS.stream().filter(o::has).toList();
            if (present.size() != 1) {
                error(path, present.isEmpty() ? "says nothing to check: give one of " + String.join(", ", CHECK_KINDS)
                        : "gives " + String.join(" and ", present) + ": one check verifies one thing");
                continue;
            }
            String key = present.get(0);
            CheckKind kind = kind(key, o.get(key), join(path, key));
            if (id != null && title != null && kind != null) {
                out.add(new Check(id, title, points, kind));
            }
        }
        return out;
    }

    private CheckKind kind(String key, JsonNode node, String path) {
        return switch (key) {
            case "exists" -> {
                ObjectNode o = object(node, path, List.of("kind", "namespace", "name", "absent"));
                if (o == null) {
                    yield null;
                }
                String kind = objectKind(o, path);
                String name = string(o, path, "name", true);
                yield kind == null || name == null ? null
                        : new CheckKind.ObjectExists(kind, namespace(o, path, kind), name, bool(o, path, "absent", false));
            }
            case "field" -> {
                ObjectNode o = object(node, path, List.of("kind", "namespace", "name", "path", "equals", "oneOf", "present"));
                if (o == null) {
                    yield null;
                }
                String kind = objectKind(o, path);
                String name = string(o, path, "name", true);
                String fieldPath = string(o, path, "path", true);
                if (fieldPath != null) {
                    try {
                        FieldPath.parse(fieldPath);
                    } catch (IllegalArgumentException e) {
                        error(join(path, "path"), e.getMessage());
                    }
                }
                List<String> values = new ArrayList<>();
                int given = (o.has("equals") ? 1 : 0) + (o.has("oneOf") ? 1 : 0) + (o.has("present") ? 1 : 0);
                if (given != 1) {
                    error(path, "give exactly one of equals, oneOf, present");
                } else if (o.has("present")) {
                    if (!bool(o, path, "present", false)) {
                        error(join(path, "present"), "must be true (use exists with absent: true for a missing object)");
                    }
                } else if (o.has("equals")) {
                    scalar(o.get("equals"), join(path, "equals"), values);
                } else if (!o.get("oneOf").isArray() || o.get("oneOf").isEmpty()) {
                    error(join(path, "oneOf"), "must be a list of at least one value");
                } else {
                    for (int i = 0; i < o.get("oneOf").size(); i++) {
                        scalar(o.get("oneOf").get(i), join(path, "oneOf") + "[" + i + "]", values);
                    }
                }
                yield kind == null || name == null || fieldPath == null ? null
                        : new CheckKind.FieldValue(kind, namespace(o, path, kind), name, fieldPath, values);
            }
            case "pods" -> {
                ObjectNode o = object(node, path, List.of("namespace", "selector", "count", "ready"));
                if (o == null) {
                    yield null;
                }
                String selector = selector(o, path, "selector", true);
                int count = integer(o, path, "count", null, 0, 10_000);
                yield selector == null ? null
                        : new CheckKind.PodsMatch(ns(o, path), selector, count, bool(o, path, "ready", false));
            }
            case "endpoints" -> {
                ObjectNode o = object(node, path, List.of("namespace", "service", "ready", "port"));
                if (o == null) {
                    yield null;
                }
                String service = string(o, path, "service", true);
                int ready = integer(o, path, "ready", null, 0, 10_000);
                Integer port = o.has("port") ? integer(o, path, "port", null, 1, 65535) : null;
                yield service == null ? null : new CheckKind.ReadyEndpoints(ns(o, path), service, ready, port);
            }
            case "ingress" -> {
                ObjectNode o = object(node, path, List.of("host", "path", "tls", "namespace", "service", "port",
                        "notFound"));
                if (o == null) {
                    yield null;
                }
                String host = string(o, path, "host", false);
                String p = string(o, path, "path", true);
                if (p != null && !p.startsWith("/")) {
                    error(join(path, "path"), "must start with '/': " + p);
                }
                String service = string(o, path, "service", false);
                boolean notFound = bool(o, path, "notFound", false);
                if ((service == null) != notFound) {
                    error(path, "give service (where the request must go) or notFound: true (it must get the 404)");
                }
                String port = o.has("port") ? o.get("port").asText() : null;
                yield p == null ? null : new CheckKind.IngressRoutes(host == null ? "" : host, p,
                        bool(o, path, "tls", false), o.has("namespace") ? ns(o, path) : null, service, port);
            }
            case "reach" -> reach(node, path);
            case "policyMatrix" -> policyMatrix(node, path);
            case "matrix" -> matrix(node, path);
            case "likeReference" -> likeReference(node, path);
            case "answer" -> answer(node, path);
            case "transcript" -> {
                ObjectNode o = object(node, path, List.of("uses"));
                if (o == null) {
                    yield null;
                }
                String uses = string(o, path, "uses", true);
                yield uses == null ? null : new CheckKind.TranscriptUses(uses.strip());
            }
            default -> null;
        };
    }

    private CheckKind reach(JsonNode node, String path) {
        ObjectNode o = object(node, path, List.of("from", "run", "expect", "attempts", "reachAllReplicas"));
        if (o == null) {
            return null;
        }
        Origin from = origin(o.get("from"), join(path, "from"));
        String run = string(o, path, "run", true);
        if (run != null && run.strip().startsWith("kubectl")) {
            error(join(path, "run"), "is the command run at the origin (curl, wget, nc, dig, nslookup, "
                    + "/agnhost connect), not a kubectl command: say where with from");
        }
        int attempts = integer(o, path, "attempts", 1, 1, 100);
        boolean all = bool(o, path, "reachAllReplicas", false);
        Expectation expect = null;
        String ep = join(path, "expect");
        ObjectNode e = object(o.get("expect"), ep, List.of("success", "status", "bodyContains", "servedBy"));
        if (e != null) {
            Boolean success = e.has("success") ? bool(e, ep, "success", true) : null;
            Integer status = e.has("status") ? integer(e, ep, "status", null, 100, 599) : null;
            String body = string(e, ep, "bodyContains", false);
            Expectation.Workload servedBy = null;
            if (e.has("servedBy")) {
                String sp = join(ep, "servedBy");
                ObjectNode s = object(e.get("servedBy"), sp, List.of("namespace", "deployment", "selector"));
                if (s != null) {
                    String dep = string(s, sp, "deployment", false);
                    String sel = selector(s, sp, "selector", false);
                    if ((dep == null) == (sel == null)) {
                        error(sp, "give exactly one of deployment, selector");
                    }
                    servedBy = new Expectation.Workload(ns(s, sp), dep, sel);
                }
            }
            if (success == null && status == null && body == null && servedBy == null) {
                error(ep, "expects nothing: give success, status, bodyContains or servedBy");
            }
            if (status != null && run != null && !run.strip().startsWith("curl")) {
                error(join(ep, "status"), "an HTTP status can only be read from curl");
            }
            if (Boolean.FALSE.equals(success) && (status != null || body != null || servedBy != null)) {
                error(ep, "success: false cannot be combined with status, bodyContains or servedBy");
            }
            expect = new Expectation(success, status, body, servedBy);
        }
        if (all && (expect == null || expect.servedBy() == null)) {
            error(join(path, "reachAllReplicas"), "needs expect.servedBy: the workload whose replicas must answer");
        }
        if (all && attempts < 2) {
            error(join(path, "attempts"), "reachAllReplicas needs several attempts");
        }
        return from == null || run == null || expect == null ? null
                : new CheckKind.Reach(from, run.strip(), expect, attempts, all);
    }

    private CheckKind policyMatrix(JsonNode node, String path) {
        ObjectNode o = object(node, path, List.of("port", "protocol", "run", "pods", "expect"));
        if (o == null) {
            return null;
        }
        int port = integer(o, path, "port", null, 1, 65535);
        String protocol = string(o, path, "protocol", false);
        if (protocol == null) {
            protocol = "TCP";
        } else if (!List.of("TCP", "UDP").contains(protocol)) {
            error(join(path, "protocol"), "must be TCP or UDP");
        }
        String run = string(o, path, "run", false);
        if (run == null) {
            run = protocol.equals("UDP") ? "nc -z -u -w 1 {ip} {port}" : "nc -z -w 1 {ip} {port}";
        } else if (!run.contains("{ip}")) {
            error(join(path, "run"), "must contain {ip}, the target pod's IP");
        }
        Map<String, Origin.FromPod> pods = new TreeMap<>();
        String pp = join(path, "pods");
        JsonNode pn = o.get("pods");
        if (pn == null || !pn.isObject() || pn.isEmpty()) {
            error(pp, "must map group names to pods: {frontend: {selector: app=frontend, namespace: shop}}");
        } else {
            for (Iterator<Map.Entry<String, JsonNode>> it = pn.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> en = it.next();
                Origin o2 = origin(en.getValue(), join(pp, en.getKey()));
                if (o2 instanceof Origin.FromPod fp) {
                    pods.put(en.getKey(), fp);
                } else if (o2 != null) {
                    error(join(pp, en.getKey()), "a policy matrix is made of pods");
                }
            }
        }
        List<CheckKind.PolicyMatrix.Cell> cells = new ArrayList<>();
        String xp = join(path, "expect");
        JsonNode xn = o.get("expect");
        if (xn == null || !xn.isArray() || xn.isEmpty()) {
            error(xp, "must list the expected cells: - {from: frontend, to: api, allowed: true}");
        } else {
            for (int i = 0; i < xn.size(); i++) {
                String cp = xp + "[" + i + "]";
                ObjectNode c = object(xn.get(i), cp, List.of("from", "to", "allowed"));
                if (c == null) {
                    continue;
                }
                String from = string(c, cp, "from", true);
                String to = string(c, cp, "to", true);
                boolean allowed = bool(c, cp, "allowed", true);
                if (!c.has("allowed")) {
                    error(cp + ".allowed", "missing: true or false");
                }
                for (String[] ref : new String[][] {{"from", from}, {"to", to}}) {
                    if (ref[1] != null && pn != null && pn.isObject() && !pn.has(ref[1])) {
                        error(cp + "." + ref[0], "\"" + ref[1] + "\" is not one of the matrix's pods ("
                                + String.join(", ", pods.keySet()) + ")");
                    }
                }
                if (from != null && to != null) {
                    cells.add(new CheckKind.PolicyMatrix.Cell(from, to, allowed));
                }
            }
        }
        return new CheckKind.PolicyMatrix(port, protocol, run, pods, cells);
    }

    private CheckKind matrix(JsonNode node, String path) {
        ObjectNode o = object(node, path, List.of("from", "to", "expect", "unlisted", "run"));
        if (o == null) {
            return null;
        }
        Map<String, Origin> sources = new TreeMap<>();
        String fp = join(path, "from");
        JsonNode fn = o.get("from");
        if (fn == null || !fn.isObject() || fn.isEmpty()) {
            error(fp, "must name the sources: {frontend: {pod: frontend, namespace: shop}, outside: workstation}");
        } else {
            for (Iterator<Map.Entry<String, JsonNode>> it = fn.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> en = it.next();
                Origin origin = origin(en.getValue(), join(fp, en.getKey()));
                if (origin != null) {
                    sources.put(en.getKey(), origin);
                }
            }
        }
        Map<String, Target> destinations = new TreeMap<>();
        String tp = join(path, "to");
        JsonNode tn = o.get("to");
        if (tn == null || !tn.isObject() || tn.isEmpty()) {
            error(tp, "must name the destinations: {api: {selector: app=api, namespace: shop}, "
                    + "kubernetes: apiServer, dns: {dns: kubernetes.default}}");
        } else {
            for (Iterator<Map.Entry<String, JsonNode>> it = tn.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> en = it.next();
                Target t = target(en.getValue(), join(tp, en.getKey()));
                if (t != null) {
                    destinations.put(en.getKey(), t);
                }
            }
        }
        List<CheckKind.Matrix.Row> rows = new ArrayList<>();
        String xp = join(path, "expect");
        JsonNode xn = o.get("expect");
        CheckKind.Matrix.Unlisted unlisted = CheckKind.Matrix.Unlisted.UNCHECKED;
        String u = string(o, path, "unlisted", false);
        if (u != null) {
            switch (u) {
                case "allowed" -> unlisted = CheckKind.Matrix.Unlisted.ALLOWED;
                case "denied" -> unlisted = CheckKind.Matrix.Unlisted.DENIED;
                default -> error(join(path, "unlisted"), "must be allowed or denied, not \"" + u + "\"");
            }
        }
        if ((xn == null || !xn.isArray() || xn.isEmpty()) && u == null) {
            error(xp, "must list rows: - {from: frontend, to: api, ports: [8080], allowed: true} "
                    + "(or give unlisted: denied)");
        } else if (xn != null && !xn.isArray()) {
            error(xp, "must be a list of rows: - {from: frontend, to: api, ports: [8080], allowed: true}");
        } else if (xn != null) {
            for (int i = 0; i < xn.size(); i++) {
                String rp = xp + "[" + i + "]";
                ObjectNode r = object(xn.get(i), rp, List.of("from", "to", "ports", "allowed"));
                if (r == null) {
                    continue;
                }
                List<String> from = names(r, rp, "from", fn);
                List<String> to = names(r, rp, "to", tn);
                List<Target.PortRef> ports = new ArrayList<>();
                JsonNode pn = r.get("ports");
                if (pn != null) {
                    if (!pn.isArray() || pn.isEmpty()) {
                        error(rp + ".ports", "must be a list of ports: [8080] or [53/UDP]");
                    } else {
                        for (int j = 0; j < pn.size(); j++) {
                            Target.PortRef ref = port(pn.get(j), rp + ".ports[" + j + "]");
                            if (ref != null) {
                                ports.add(ref);
                            }
                        }
                    }
                }
                if (!r.has("allowed")) {
                    error(rp + ".allowed", "missing: true or false");
                }
                boolean allowed = bool(r, rp, "allowed", true);
                if (!from.isEmpty() && !to.isEmpty()) {
                    rows.add(new CheckKind.Matrix.Row(from, to, ports, allowed));
                }
            }
        }
        String run = string(o, path, "run", false);
        if (run != null && !run.contains("{ip}")) {
            error(join(path, "run"), "must contain {ip}, the target pod's IP");
        }
        return new CheckKind.Matrix(sources, destinations, rows, unlisted,
                run == null ? CheckKind.Matrix.defaultRun("TCP") : run.strip());
    }

    /** A row's {@code from} or {@code to}: one name or a list of names, each defined in the matrix. */
    private List<String> names(ObjectNode row, String path, String key, JsonNode defined) {
        JsonNode n = row.get(key);
        List<String> out = new ArrayList<>();
        if (n == null) {
            error(join(path, key), "missing");
            return out;
        }
        List<JsonNode> items = new ArrayList<>();
        if (n.isArray()) {
            n.forEach(items::add);
        } else {
            items.add(n);
        }
        for (JsonNode item : items) {
            if (!item.isTextual()) {
                error(join(path, key), "must be a name or a list of names");
                continue;
            }
            String name = item.asText();
            if (defined != null && defined.isObject() && !defined.has(name)) {
                List<String> known = new ArrayList<>();
                defined.fieldNames().forEachRemaining(known::add);
                error(join(path, key), "\"" + name + "\" is not one of the matrix's " + (key.equals("from")
                        ? "sources" : "destinations") + " (" + String.join(", ", known) + ")");
            } else {
                out.add(name);
            }
        }
        return out;
    }

    private Target.PortRef port(JsonNode n, String path) {
        String text = n.asText();
        String protocol = "TCP";
        int slash = text.indexOf('/');
        if (slash > 0) {
            protocol = text.substring(slash + 1);
            text = text.substring(0, slash);
        }
        if (!List.of("TCP", "UDP", "SCTP").contains(protocol)) {
            error(path, "protocol must be TCP, UDP or SCTP, not \"" + protocol + "\"");
            return null;
        }
        try {
            int port = Integer.parseInt(text);
            if (port >= 1 && port <= 65535 && (n.isIntegralNumber() || n.isTextual())) {
                return new Target.PortRef(port, protocol);
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        error(path, "must be a port from 1 to 65535, optionally with /UDP or /SCTP, not " + n);
        return null;
    }

    private Target target(JsonNode node, String path) {
        if (node != null && node.isTextual()) {
            return switch (node.asText()) {
                case "apiServer" -> new Target.ApiServer();
                case "dns" -> new Target.Dns("kubernetes.default");
                default -> {
                    error(path, "\"" + node.asText() + "\": write apiServer, dns, {pod: NAME}, {selector: LABELS}, "
                            + "{service: NAME}, {ingress: {host: HOST, path: PATH}} or {dns: NAME}");
                    yield null;
                }
            };
        }
        ObjectNode o = object(node, path, List.of("pod", "selector", "namespace", "service", "ingress", "dns"));
        if (o == null) {
            return null;
        }
        if (o.has("service")) {
            String name = string(o, path, "service", true);
            return name == null ? null : new Target.Service(ns(o, path), name);
        }
        if (o.has("ingress")) {
            String ip = join(path, "ingress");
            ObjectNode i = object(o.get("ingress"), ip, List.of("host", "path", "tls"));
            if (i == null) {
                return null;
            }
            String p = string(i, ip, "path", false);
            if (p != null && !p.startsWith("/")) {
                error(join(ip, "path"), "must start with '/': " + p);
            }
            String host = string(i, ip, "host", false);
            return new Target.Ingress(host == null ? "" : host, p == null ? "/" : p, bool(i, ip, "tls", false));
        }
        if (o.has("dns")) {
            String name = string(o, path, "dns", true);
            return name == null ? null : new Target.Dns(name);
        }
        String pod = string(o, path, "pod", false);
        String selector = selector(o, path, "selector", false);
        if ((pod == null) == (selector == null)) {
            error(path, "give exactly one of pod, selector, service, ingress, dns");
            return null;
        }
        return new Target.Pods(new Origin.FromPod(ns(o, path), pod, selector, null));
    }

    private CheckKind likeReference(JsonNode node, String path) {
        ObjectNode o = object(node, path, List.of("solution", "namespaces"));
        if (o == null) {
            return null;
        }
        String solution = string(o, path, "solution", false);
        List<String> namespaces = new ArrayList<>();
        JsonNode n = o.get("namespaces");
        if (n != null) {
            if (!n.isArray() || n.isEmpty()) {
                error(join(path, "namespaces"), "must be a list of namespaces");
            } else {
                for (int i = 0; i < n.size(); i++) {
                    scalar(n.get(i), join(path, "namespaces") + "[" + i + "]", namespaces);
                }
            }
        }
        return new CheckKind.LikeReference(solution == null ? "" : solution, namespaces);
    }

    private CheckKind answer(JsonNode node, String path) {
        ObjectNode o = object(node, path, List.of("question", "expect"));
        if (o == null) {
            return null;
        }
        String question = string(o, path, "question", true);
        String ep = join(path, "expect");
        ObjectNode e = object(o.get("expect"), ep, List.of("field", "equals", "oneOf"));
        if (e == null) {
            return null;
        }
        int given = (e.has("field") ? 1 : 0) + (e.has("equals") ? 1 : 0) + (e.has("oneOf") ? 1 : 0);
        if (given != 1) {
            error(ep, "give exactly one of field (a value read from the cluster), equals, oneOf");
            return null;
        }
        CheckKind.Answer.Expected expected;
        if (e.has("field")) {
            String fp = join(ep, "field");
            ObjectNode f = object(e.get("field"), fp, List.of("kind", "namespace", "name", "path"));
            if (f == null) {
                return null;
            }
            String kind = objectKind(f, fp);
            String name = string(f, fp, "name", true);
            String fieldPath = string(f, fp, "path", true);
            if (fieldPath != null) {
                try {
                    FieldPath.parse(fieldPath);
                } catch (IllegalArgumentException x) {
                    error(join(fp, "path"), x.getMessage());
                    return null;
                }
            }
            if (kind == null || name == null || fieldPath == null) {
                return null;
            }
            expected = new CheckKind.Answer.Expected.FromField(new CheckKind.FieldValue(kind,
                    namespace(f, fp, kind), name, fieldPath, List.of()));
        } else {
            List<String> values = new ArrayList<>();
            if (e.has("equals")) {
                scalar(e.get("equals"), join(ep, "equals"), values);
            } else if (!e.get("oneOf").isArray() || e.get("oneOf").isEmpty()) {
                error(join(ep, "oneOf"), "must be a list of at least one value");
            } else {
                for (int i = 0; i < e.get("oneOf").size(); i++) {
                    scalar(e.get("oneOf").get(i), join(ep, "oneOf") + "[" + i + "]", values);
                }
            }
            expected = new CheckKind.Answer.Expected.OneOf(values);
        }
        return question == null ? null : new CheckKind.Answer(question.strip(), expected);
    }

    private Origin origin(JsonNode node, String path) {
        if (node == null) {
            error(path, "missing: workstation, {pod: NAME}, {selector: LABELS}, or {node: NAME}");
            return null;
        }
        if (node.isTextual()) {
            if (node.asText().equals("workstation")) {
                return new Origin.FromWorkstation();
            }
            error(path, "\"" + node.asText() + "\": write workstation, {pod: NAME}, {selector: LABELS} or {node: NAME}");
            return null;
        }
        ObjectNode o = object(node, path, List.of("pod", "selector", "namespace", "container", "node"));
        if (o == null) {
            return null;
        }
        if (o.has("node")) {
            if (o.size() > 1) {
                error(path, "a node origin takes only node");
            }
            String n = string(o, path, "node", true);
            return n == null ? null : new Origin.FromNode(n);
        }
        String pod = string(o, path, "pod", false);
        String selector = selector(o, path, "selector", false);
        if ((pod == null) == (selector == null)) {
            error(path, "give exactly one of pod, selector");
            return null;
        }
        return new Origin.FromPod(ns(o, path), pod, selector, string(o, path, "container", false));
    }

    // ---------------------------------------------------------------------------------------------- values

    private String objectKind(ObjectNode o, String path) {
        String kind = string(o, path, "kind", true);
        if (kind != null && Kinds.byKind(kind).isEmpty()) {
            error(join(path, "kind"), "unknown kind \"" + kind + "\" (known: " + String.join(", ",
                    Kinds.ALL.stream().map(Kinds.Resource::kind).toList()) + ")");
            return null;
        }
        return kind;
    }

    private String namespace(ObjectNode o, String path, String kind) {
        if (kind != null && !Kinds.isNamespaced(kind)) {
            if (o.has("namespace")) {
                error(join(path, "namespace"), kind + " is not namespaced");
            }
            return null;
        }
        return ns(o, path);
    }

    private String ns(ObjectNode o, String path) {
        String ns = string(o, path, "namespace", false);
        return ns == null ? "default" : ns;
    }

    private String selector(ObjectNode o, String path, String key, boolean required) {
        String s = string(o, path, key, required);
        if (s != null) {
            try {
                Selectors.parse(s);
            } catch (IllegalArgumentException e) {
                error(join(path, key), e.getMessage());
                return null;
            }
        }
        return s;
    }

    private void scalar(JsonNode n, String path, List<String> out) {
        if (n.isValueNode() && !n.isNull()) {
            out.add(n.asText());
        } else {
            error(path, "must be a string, number or boolean");
        }
    }

    private ObjectNode object(JsonNode node, String path, List<String> known) {
        if (node == null || !node.isObject()) {
            error(path, "must be a mapping" + (known.isEmpty() ? "" : " with " + String.join(", ", known)));
            return null;
        }
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!known.contains(name)) {
                error(join(path, name), "unknown field \"" + name + "\" (known: " + String.join(", ", known) + ")");
            }
        }
        return (ObjectNode) node;
    }

    private String string(ObjectNode o, String path, String key, boolean required) {
        JsonNode n = o.get(key);
        if (n == null || n.isNull()) {
            if (required) {
                error(join(path, key), "missing");
            }
            return null;
        }
        if (!n.isValueNode()) {
            error(join(path, key), "must be text");
            return null;
        }
        String s = n.asText();
        if (required && s.isBlank()) {
            error(join(path, key), "must not be empty");
            return null;
        }
        return s;
    }

    private int integer(ObjectNode o, String path, String key, Integer defaultValue, int min, int max) {
        JsonNode n = o.get(key);
        if (n == null || n.isNull()) {
            if (defaultValue == null) {
                error(join(path, key), "missing");
                return min;
            }
            return defaultValue;
        }
        if (!n.isIntegralNumber() || n.asLong() < min || n.asLong() > max) {
            error(join(path, key), "must be a whole number from " + min + " to " + max + ", not " + n);
            return defaultValue == null ? min : defaultValue;
        }
        return n.asInt();
    }

    private boolean bool(ObjectNode o, String path, String key, boolean defaultValue) {
        JsonNode n = o.get(key);
        if (n == null || n.isNull()) {
            return defaultValue;
        }
        if (!n.isBoolean()) {
            error(join(path, key), "must be true or false, not " + n);
            return defaultValue;
        }
        return n.asBoolean();
    }

    private void error(String field, String message) {
        errors.add(new LabError(source, yaml.line(field), field, message));
    }

    private static String join(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }
}
