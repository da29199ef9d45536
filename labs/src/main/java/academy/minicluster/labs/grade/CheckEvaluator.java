package academy.minicluster.labs.grade;

import academy.minicluster.labs.check.Check;
import academy.minicluster.labs.check.CheckKind;
import academy.minicluster.labs.check.CheckKind.FieldValue;
import academy.minicluster.labs.check.CheckKind.IngressRoutes;
import academy.minicluster.labs.check.CheckKind.ObjectExists;
import academy.minicluster.labs.check.CheckKind.PodsMatch;
import academy.minicluster.labs.check.CheckKind.PolicyMatrix;
import academy.minicluster.labs.check.CheckKind.Reach;
import academy.minicluster.labs.check.CheckKind.ReadyEndpoints;
import academy.minicluster.labs.check.CheckKind.TranscriptUses;
import academy.minicluster.labs.check.Expectation;
import academy.minicluster.labs.check.FieldPath;
import academy.minicluster.labs.check.Origin;
import academy.minicluster.net.api.Kinds;
import academy.minicluster.net.api.ObjectRef;
import academy.minicluster.net.dataplane.Hop;
import academy.minicluster.net.dataplane.ingress.IngressRoute;
import academy.minicluster.net.dataplane.ingress.IngressRouter;
import academy.minicluster.net.shell.CommandLine;
import academy.minicluster.net.shell.Shell;
import academy.minicluster.net.shell.ShellResult;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressClass;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/** Evaluates one check against a graded cluster and explains the verdict from the model. */
final class CheckEvaluator {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> RESOURCE_VERBS = Set.of("get", "describe", "delete", "edit", "expose", "label",
            "annotate", "scale", "create");
    private static final String STATUS_MARK = "@@minicluster-http-code=";
    private static final int MAX_OUTPUT_IN_EXPLANATION = 160;

    private final Shell shell;
    private final Model model;
    private final List<String> transcript;

    CheckEvaluator(Shell shell, List<String> transcript) {
        this.shell = shell;
        this.model = new Model(shell.cluster());
        this.transcript = List.copyOf(transcript);
    }

    CheckResult evaluate(Check check) {
        Outcome o;
        try {
            CheckKind k = check.kind();
            if (k instanceof ObjectExists e) {
                o = exists(e);
            } else if (k instanceof FieldValue f) {
                o = field(f);
            } else if (k instanceof PodsMatch p) {
                o = pods(p);
            } else if (k instanceof ReadyEndpoints r) {
                o = endpoints(r);
            } else if (k instanceof IngressRoutes i) {
                o = ingress(i);
            } else if (k instanceof Reach r) {
                o = reach(r);
            } else if (k instanceof PolicyMatrix m) {
                o = matrix(m);
            } else {
                o = transcript((TranscriptUses) k);
            }
        } catch (RuntimeException e) {
            o = new Outcome(Verdict.ERROR, "the check could not be evaluated: " + e, "", List.of());
        }
        return new CheckResult(check.id(), check.title(), o.verdict, o.verdict == Verdict.PASS ? check.points() : 0,
                check.points(), o.explanation, o.cause, o.command, o.trace);
    }

    /**
     * A verdict and its explanation, split: {@code explanation} is the symptom (what was seen), {@code cause} which
     * object made it so, written to follow the symptom ("; ..." or ": ...").
     */
    private record Outcome(Verdict verdict, String explanation, String cause, String command, List<Hop> trace) {
        Outcome(Verdict verdict, String explanation, String command, List<Hop> trace) {
            this(verdict, explanation, "", command, trace);
        }

        static Outcome of(boolean pass, String explanation) {
            return new Outcome(pass ? Verdict.PASS : Verdict.FAIL, explanation, "", List.of());
        }

        static Outcome of(boolean pass, String symptom, String cause) {
            return new Outcome(pass ? Verdict.PASS : Verdict.FAIL, symptom, cause, "", List.of());
        }
    }

    // ------------------------------------------------------------------------------------------ state

    private static String ref(String kind, String namespace, String name) {
        return kind + " " + (namespace == null ? name : namespace + "/" + name);
    }

    private Optional<HasMetadata> object(String kind, String namespace, String name) {
        return model.store().getForReading(HasMetadata.class, kind, namespace, name);
    }

    private Outcome exists(ObjectExists e) {
        Optional<HasMetadata> found = object(e.kind(), e.namespace(), e.name());
        String ref = ref(e.kind(), e.namespace(), e.name());
        if (e.absent()) {
            return Outcome.of(found.isEmpty(), found.isEmpty() ? ref + " does not exist, as required"
                    : ref + " still exists; it must be deleted");
        }
        if (found.isPresent()) {
            return Outcome.of(true, ref + " exists");
        }
        List<String> others = model.store().listAny(e.kind()).stream()
                .filter(o -> e.namespace() == null || e.namespace().equals(o.getMetadata().getNamespace()))
                .map(o -> o.getMetadata().getName()).toList();
        String plural = Kinds.byKind(e.kind()).map(Kinds.Resource::kind).orElse(e.kind()) + "s";
        return Outcome.of(false, ref + " does not exist" + (others.isEmpty()
                ? (e.namespace() == null ? "" : "; there is no " + e.kind() + " in " + e.namespace())
                : "; " + plural + (e.namespace() == null ? "" : " in " + e.namespace()) + ": " + String.join(", ", others)));
    }

    private Outcome field(FieldValue f) {
        String ref = ref(f.kind(), f.namespace(), f.name());
        Optional<HasMetadata> found = object(f.kind(), f.namespace(), f.name());
        if (found.isEmpty()) {
            return Outcome.of(false, ref + " does not exist");
        }
        JsonNode tree = JSON.valueToTree(found.get());
        List<JsonNode> values = FieldPath.parse(f.path()).select(tree);
        if (f.oneOf().isEmpty()) {
            boolean present = values.stream().anyMatch(v -> !v.isNull() && !v.isMissingNode());
            return Outcome.of(present, present ? ref + " has " + f.path() : ref + " has no " + f.path());
        }
        String expected = f.oneOf().size() == 1 ? f.oneOf().get(0) : "one of " + String.join(", ", f.oneOf());
        if (values.isEmpty()) {
            return Outcome.of(false, ref + " has no " + f.path() + "; expected " + expected);
        }
        List<String> texts = values.stream().map(v -> v.isValueNode() ? v.asText() : v.toString()).toList();
        boolean pass = texts.stream().anyMatch(f.oneOf()::contains);
        String is = String.join(", ", texts);
        return Outcome.of(pass, pass ? ref + ": " + f.path() + " is " + is
                : ref + ": " + f.path() + " is " + is + "; expected " + expected);
    }

    private Outcome pods(PodsMatch p) {
        List<Pod> matched = model.pods(p.namespace(), p.selector());
        List<Pod> counted = p.ready() ? matched.stream().filter(Model::ready).toList() : matched;
        String what = p.ready() ? "Ready pods" : "pods";
        String names = counted.isEmpty() ? "" : " (" + counted.stream().map(Model::name)
                .collect(Collectors.joining(", ")) + ")";
        if (counted.size() == p.count()) {
            return Outcome.of(true, p.selector() + " matches " + counted.size() + " " + what + " in " + p.namespace()
                    + names);
        }
        StringBuilder s = new StringBuilder(p.selector()).append(" matches ").append(counted.size()).append(' ')
                .append(what).append(" in ").append(p.namespace()).append(names).append("; expected ")
                .append(p.count());
        String cause = "";
        if (p.ready() && matched.size() > counted.size()) {
            Pod first = matched.stream().filter(x -> !Model.ready(x)).findFirst().orElseThrow();
            cause = "; " + model.notReadyReason(first);
        } else if (matched.isEmpty()) {
            List<String> labels = model.pods(p.namespace()).stream().map(x -> Model.name(x) + " ("
                    + academy.minicluster.net.api.LabelSelectors.format(x.getMetadata().getLabels() == null
                    ? java.util.Map.of() : x.getMetadata().getLabels()) + ")").limit(5).toList();
            cause = labels.isEmpty() ? "; there is no pod in " + p.namespace()
                    : "; pods there: " + String.join(", ", labels);
        }
        return Outcome.of(false, s.toString(), cause);
    }

    private Outcome endpoints(ReadyEndpoints r) {
        String ref = "Service " + r.namespace() + "/" + r.service();
        if (model.service(r.namespace(), r.service()).isEmpty()) {
            return Outcome.of(false, model.whyNoTraffic(r.namespace(), r.service()));
        }
        List<String> ready = model.readyEndpoints(r.namespace(), r.service());
        List<Integer> ports = model.endpointPorts(r.namespace(), r.service());
        boolean portOk = r.port() == null || ready.isEmpty() || ports.equals(List.of(r.port()));
        if (ready.size() == r.ready() && portOk) {
            return Outcome.of(true, ref + " has " + Model.count(ready.size(), "ready endpoint")
                    + (ready.isEmpty() ? "" : ": " + String.join(", ", ready)));
        }
        StringBuilder s = new StringBuilder(ref).append(" has ").append(Model.count(ready.size(), "ready endpoint"));
        if (!ready.isEmpty()) {
            s.append(" (").append(String.join(", ", ready)).append(')');
        }
        if (ready.size() != r.ready()) {
            s.append(", expected ").append(r.ready());
        } else {
            s.append(", on port ").append(ports.stream().map(String::valueOf).collect(Collectors.joining(",")))
                    .append(" instead of ").append(r.port());
        }
        String why = model.whyNoTraffic(r.namespace(), r.service());
        return Outcome.of(false, s.toString(), why.isEmpty() ? "" : ": " + why);
    }

    private Outcome ingress(IngressRoutes i) {
        IngressRouter router = IngressRouter.of(model.store().listForReading(Ingress.class, "Ingress"),
                model.store().listForReading(IngressClass.class, "IngressClass"),
                model.store().listForReading(Secret.class, "Secret").stream()
                        .filter(s -> "kubernetes.io/tls".equals(s.getType())).toList(),
                IngressRouter.INGRESS_NGINX);
        String url = (i.tls() ? "https://" : "http://") + (i.host().isEmpty() ? "<ingress address>" : i.host())
                + i.path();
        IngressRoute route = router.route(i.host(), i.path(), i.tls());
        List<Hop> hops = route.hops();
        String decisions = hops.stream().map(Hop::decision).collect(Collectors.joining("; "));
        if (route instanceof IngressRoute.Routed routed) {
            String where = "Service " + routed.namespace() + "/" + routed.serviceName() + " port "
                    + routed.servicePort() + " (Ingress " + routed.ingress().getMetadata().getNamespace() + "/"
                    + routed.ingress().getMetadata().getName() + (routed.defaultBackend() ? ", defaultBackend"
                    : ", path " + routed.matchedPath() + " " + routed.pathType()) + ")";
            if (i.service() == null) {
                return new Outcome(Verdict.FAIL, url + " goes to " + where + "; it must get ingress-nginx's 404",
                        "", hops);
            }
            boolean pass = routed.serviceName().equals(i.service())
                    && (i.namespace() == null || i.namespace().equals(routed.namespace()))
                    && (i.port() == null || i.port().equals(routed.servicePort()));
            return new Outcome(pass ? Verdict.PASS : Verdict.FAIL, url + " goes to " + where
                    + (pass ? "" : "; expected Service " + i.service() + (i.port() == null ? "" : " port " + i.port())),
                    "", hops);
        }
        if (route instanceof IngressRoute.NotFound nf) {
            boolean pass = i.service() == null;
            String owned = router.ownedIngresses().isEmpty() ? "; ingress-nginx serves no Ingress"
                    + ignored(router) : "";
            return new Outcome(pass ? Verdict.PASS : Verdict.FAIL, url + " gets ingress-nginx's 404: " + nf.reason()
                    + owned + (pass ? "" : "; expected Service " + i.service()), "", hops);
        }
        return new Outcome(Verdict.FAIL, url + " is redirected: " + decisions, "", hops);
    }

    private String ignored(IngressRouter router) {
        List<String> names = model.store().listForReading(Ingress.class, "Ingress").stream().filter(x -> !router.owns(x))
                .map(x -> "Ingress " + x.getMetadata().getNamespace() + "/" + x.getMetadata().getName()
                        + " (ingressClassName " + (x.getSpec().getIngressClassName() == null ? "not set"
                        : x.getSpec().getIngressClassName()) + ")").toList();
        return names.isEmpty() ? "" : " (ignored: " + String.join(", ", names) + ")";
    }

    private Outcome transcript(TranscriptUses t) {
        List<String> want = normalize(t.uses());
        for (String line : transcript) {
            List<String> words = normalize(line);
            if (words.size() >= want.size() && words.subList(0, want.size()).equals(want)) {
                return Outcome.of(true, "you ran `" + line.strip() + "`");
            }
        }
        String ran = transcript.isEmpty() ? "you ran no command"
                : "you ran: " + transcript.stream().map(l -> "`" + l.strip() + "`").limit(6)
                .collect(Collectors.joining(", "));
        return Outcome.of(false, "no command you ran starts with `" + t.uses() + "`; " + ran);
    }

    /** Words of a command line with {@code k} read as kubectl and namespace flags left out. */
    static List<String> normalize(String line) {
        List<String> words;
        try {
            words = new ArrayList<>(CommandLine.split(line));
        } catch (CommandLine.SyntaxError | RuntimeException e) {
            return List.of();
        }
        if (!words.isEmpty() && words.get(0).equals("k")) {
            words.set(0, "kubectl");
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < words.size(); i++) {
            String w = words.get(i);
            if (w.equals("-n") || w.equals("--namespace")) {
                i++;
            } else if (!w.startsWith("--namespace=")) {
                out.add(w);
            }
        }
        // `kubectl get no`, `get node/worker`, `get nodes`: the same resource, named by its plural.
        if (out.size() > 2 && out.get(0).equals("kubectl") && RESOURCE_VERBS.contains(out.get(1))) {
            String type = out.get(2);
            int slash = type.indexOf('/');
            String name = slash < 0 ? type : type.substring(0, slash);
            Kinds.byName(name).ifPresent(r -> out.set(2, r.plural()));
        }
        return out;
    }

    // ------------------------------------------------------------------------------------------ probes

    /** A command that ran for a check: where from, the line typed, and what came back. */
    private record Probe(String where, String command, ShellResult result, String problem) {
    }

    private Probe run(Origin from, String run) {
        if (from instanceof Origin.FromWorkstation) {
            return new Probe("the workstation", run, shell.execute(run), null);
        }
        if (from instanceof Origin.FromNode n) {
            // What a learner would type; run without the debugging pod kubectl leaves, so probing changes nothing.
            String cmd = "kubectl debug node/" + n.node() + " -it --image=nicolaka/netshoot -- " + run;
            return new Probe("node " + n.node(), cmd, shell.onNode(n.node(), "nicolaka/netshoot", run, cmd), null);
        }
        Origin.FromPod p = (Origin.FromPod) from;
        Optional<Pod> pod = p.name() != null ? model.pod(p.namespace(), p.name())
                : model.pods(p.namespace(), p.selector()).stream().findFirst();
        if (pod.isEmpty()) {
            return new Probe(p.describe(), run, null, p.describe() + " does not exist");
        }
        return runInPod(pod.get(), p.container(), run);
    }

    private Probe runInPod(Pod pod, String container, String run) {
        String ns = pod.getMetadata().getNamespace();
        String cmd = "kubectl exec " + (ns.equals("default") ? "" : "-n " + ns + " ") + Model.name(pod)
                + (container == null ? "" : " -c " + container) + " -- " + run;
        String where = "pod " + (ns.equals("default") ? "" : ns + "/") + Model.name(pod);
        return new Probe(where, cmd, shell.execute(cmd), null);
    }

    private static final java.util.regex.Pattern PLACEHOLDER =
            java.util.regex.Pattern.compile("\\{(podIP|clusterIP|loadBalancerIP|nodeIP):([a-z0-9.-]+(?:/[a-z0-9.-]+)?)}");

    /**
     * Fills {@code {podIP:NAME}}, {@code {clusterIP:NAME}}, {@code {loadBalancerIP:NAME}} ({@code NAME} or
     * {@code NAMESPACE/NAME}) and {@code {nodeIP:NODE}} from the cluster, for addresses a lab cannot know in advance.
     * Throws with a learner-facing reason when the object or its address is missing.
     */
    private String fill(String text) {
        java.util.regex.Matcher m = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String kind = m.group(1);
            String ref = m.group(2);
            int slash = ref.indexOf('/');
            String ns = slash < 0 ? "default" : ref.substring(0, slash);
            String name = slash < 0 ? ref : ref.substring(slash + 1);
            String value = switch (kind) {
                case "podIP" -> model.pod(ns, name).map(Model::ip).orElse(null);
                case "clusterIP" -> model.service(ns, name).map(sv -> sv.getSpec().getClusterIP()).orElse(null);
                case "loadBalancerIP" -> model.service(ns, name).map(sv -> sv.getStatus() == null
                        || sv.getStatus().getLoadBalancer() == null
                        || sv.getStatus().getLoadBalancer().getIngress() == null
                        || sv.getStatus().getLoadBalancer().getIngress().isEmpty() ? null
                        : sv.getStatus().getLoadBalancer().getIngress().get(0).getIp()).orElse(null);
                default -> model.store().getForReading(io.fabric8.kubernetes.api.model.Node.class, "Node", null, name)
                        .flatMap(n -> n.getStatus().getAddresses().stream()
                                .filter(a -> "InternalIP".equals(a.getType())).map(a -> a.getAddress()).findFirst())
                        .orElse(null);
            };
            if (value == null || value.isEmpty()) {
                String what = switch (kind) {
                    case "podIP" -> "pod " + ref + " does not exist or has no IP";
                    case "clusterIP" -> "Service " + ref + " does not exist";
                    case "loadBalancerIP" -> "Service " + ref + " does not exist or has no load-balancer IP "
                            + "(EXTERNAL-IP <pending>: is it of type LoadBalancer?)";
                    default -> "node " + ref + " does not exist";
                };
                throw new MissingAddress(what);
            }
            m.appendReplacement(out, java.util.regex.Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** A placeholder whose object is not there: the check fails, saying which. */
    private static final class MissingAddress extends RuntimeException {
        MissingAddress(String message) {
            super(message, null, false, false);
        }
    }

    private Outcome reach(Reach r) {
        try {
            Expectation e = r.expect();
            Expectation filled = new Expectation(e.success(), e.status(),
                    e.bodyContains() == null ? null : fill(e.bodyContains()), e.servedBy());
            return reachFilled(new Reach(r.from(), fill(r.run()), filled, r.attempts(), r.reachAllReplicas()));
        } catch (MissingAddress m) {
            return new Outcome(Verdict.FAIL, "cannot run `" + r.run() + "`: " + m.getMessage(), "", List.of());
        }
    }

    private Outcome reachFilled(Reach r) {
        Expectation x = r.expect();
        String run = r.run();
        if (x.status() != null) {
            run = run + " -w '\\n" + STATUS_MARK + "%{http_code}'";
        }
        Set<String> workloadPods = new TreeSet<>();
        Set<String> readyWorkloadPods = new TreeSet<>();
        if (x.servedBy() != null) {
            List<Pod> pods = workloadPods(x.servedBy());
            pods.forEach(p -> workloadPods.add(Model.name(p)));
            pods.stream().filter(Model::ready).forEach(p -> readyWorkloadPods.add(Model.name(p)));
        }
        Set<String> servedBy = new LinkedHashSet<>();
        Probe last = null;
        for (int attempt = 1; attempt <= r.attempts(); attempt++) {
            Probe probe = run(r.from(), run);
            last = probe;
            if (probe.problem() != null) {
                return new Outcome(Verdict.FAIL, "cannot run `" + r.run() + "`: " + probe.problem(), "", List.of());
            }
            ShellResult res = probe.result();
            String stdout = res.stdout();
            Integer status = null;
            int mark = stdout.lastIndexOf(STATUS_MARK);
            if (mark >= 0) {
                String code = stdout.substring(mark + STATUS_MARK.length()).strip();
                stdout = stdout.substring(0, mark);
                if (stdout.endsWith("\n")) {
                    stdout = stdout.substring(0, stdout.length() - 1);
                }
                try {
                    status = Integer.parseInt(code);
                } catch (NumberFormatException e) {
                    status = 0;
                }
            }
            String head = "`" + r.run() + "` from " + probe.where() + (r.attempts() > 1 ? " (attempt " + attempt
                    + " of " + r.attempts() + ")" : "");
            String failure = null;
            if (x.success() != null && x.success() != res.succeeded()) {
                failure = x.success() ? head + " failed: " + failureText(res) : head + " succeeded ("
                        + describeAnswer(stdout, status) + "), but it must fail";
            } else if (x.status() != null && (status == null || !status.equals(x.status()))) {
                failure = res.succeeded() || (status != null && status > 0)
                        ? head + " answered " + (status == null ? "no HTTP status" : "HTTP " + status) + ", expected "
                        + x.status() + bodyPreview(stdout)
                        : head + " failed: " + failureText(res) + "; expected HTTP " + x.status();
            } else if (x.bodyContains() != null && !stdout.contains(x.bodyContains())
                    && !res.stderr().contains(x.bodyContains())) {
                failure = res.succeeded() ? head + " answered without \"" + x.bodyContains() + "\"" + bodyPreview(stdout)
                        + translations(res.trace()) : head + " failed: " + failureText(res);
            } else if (x.servedBy() != null) {
                String answer = stdout;
                Optional<String> pod = workloadPods.stream().filter(n -> names(answer, n)).findFirst();
                if (pod.isEmpty()) {
                    failure = !res.succeeded() ? head + " failed: " + failureText(res)
                            : head + " was not answered by a pod of " + x.servedBy().describe()
                            + (workloadPods.isEmpty() ? " (it has no pods)" : " (" + String.join(", ", workloadPods)
                            + ")") + bodyPreview(stdout);
                } else {
                    servedBy.add(pod.get());
                }
            }
            if (failure != null) {
                return new Outcome(Verdict.FAIL, failure, culprit(res.trace()), probe.command(), res.trace());
            }
        }
        ShellResult res = last.result();
        String head = "`" + r.run() + "` from " + last.where();
        if (r.reachAllReplicas()) {
            Set<String> missing = new TreeSet<>(readyWorkloadPods);
            missing.removeAll(servedBy);
            if (readyWorkloadPods.isEmpty() || !missing.isEmpty()) {
                return new Outcome(Verdict.FAIL, head + " reached " + servedBy.size() + " of "
                        + readyWorkloadPods.size() + " ready pods of " + x.servedBy().describe() + " in " + r.attempts()
                        + " attempts" + (missing.isEmpty() ? "" : "; never " + String.join(", ", missing)),
                        last.command(), res.trace());
            }
        }
        String summary = x.success() != null && !x.success() ? head + " failed, as required: " + failureText(res)
                : head + " " + (servedBy.isEmpty() ? "succeeded" : "was served by " + String.join(", ", servedBy))
                + (x.status() != null ? " with HTTP " + x.status() : "");
        return new Outcome(Verdict.PASS, summary, last.command(), res.trace());
    }

    /** The address translations a probe went through: what explains an unexpected source or destination. */
    private static String translations(List<Hop> trace) {
        return trace.stream().filter(h -> h.stage() == Hop.Stage.NAT).map(h -> "; " + h.decision())
                .collect(Collectors.joining());
    }

    private List<Pod> workloadPods(Expectation.Workload w) {
        if (w.deployment() != null) {
            Optional<Deployment> d = model.deployment(w.namespace(), w.deployment());
            return d.map(model::podsOf).orElse(List.of());
        }
        return model.pods(w.namespace(), w.selector());
    }

    /** Whether the output names the pod as a word (whoami's "Hostname: NAME", agnhost's /hostname). */
    private static boolean names(String output, String pod) {
        for (String word : output.split("[\\s:,\"]+")) {
            if (word.equals(pod)) {
                return true;
            }
        }
        return false;
    }

    private static String failureText(ShellResult r) {
        List<String> lines = r.stderr().strip().lines()
                .filter(l -> !l.isBlank() && !l.startsWith("command terminated with exit code")).toList();
        List<String> out = r.stdout().strip().lines().filter(l -> !l.isBlank()).toList();
        String first = !lines.isEmpty() ? lines.get(lines.size() - 1) : out.isEmpty() ? "" : out.get(out.size() - 1);
        return "exit " + r.exitCode() + (first.isEmpty() ? "" : ", " + abbreviate(first.strip()));
    }

    private static String describeAnswer(String stdout, Integer status) {
        return status != null ? "HTTP " + status : stdout.isBlank() ? "exit 0" : abbreviate(stdout.strip()
                .lines().findFirst().orElse(""));
    }

    private static String bodyPreview(String stdout) {
        String s = stdout.strip();
        return s.isEmpty() ? "" : ": " + abbreviate(s.replace('\n', ' '));
    }

    private static String abbreviate(String s) {
        return s.length() <= MAX_OUTPUT_IN_EXPLANATION ? s : s.substring(0, MAX_OUTPUT_IN_EXPLANATION) + "...";
    }

    /**
     * Where the trace stopped and what decided it, and, when a Service decided, why it had nothing to send to, from
     * the model.
     */
    private String culprit(List<Hop> trace) {
        for (Hop h : trace) {
            if (!h.passed()) {
                StringBuilder s = new StringBuilder("; stopped at ").append(h.stage()).append(": ").append(h.decision());
                if (!h.decidedBy().isEmpty()) {
                    s.append(" (").append(h.decidedBy().stream().map(ObjectRef::toString)
                            .collect(Collectors.joining(", "))).append(')');
                }
                for (ObjectRef ref : h.decidedBy()) {
                    if (ref.kind().equals("Service")) {
                        String why = model.whyNoTraffic(ref.namespace(), ref.name());
                        if (!why.isEmpty()) {
                            s.append("; ").append(why);
                        }
                        break;
                    }
                }
                return s.toString();
            }
        }
        return "";
    }

    private Outcome matrix(PolicyMatrix m) {
        List<String> wrong = new ArrayList<>();
        List<String> causes = new ArrayList<>();
        List<Hop> firstTrace = List.of();
        String firstCommand = "";
        int cells = 0;
        for (PolicyMatrix.Cell cell : m.cells()) {
            List<Pod> sources = group(m.pods().get(cell.from()));
            List<Pod> targets = group(m.pods().get(cell.to()));
            if (sources.isEmpty() || targets.isEmpty()) {
                wrong.add((sources.isEmpty() ? cell.from() : cell.to()) + " matches no pod");
                continue;
            }
            for (Pod src : sources) {
                for (Pod dst : targets) {
                    if (src == dst || Model.ip(dst) == null) {
                        continue;
                    }
                    cells++;
                    String run = m.run().replace("{ip}", Model.ip(dst)).replace("{port}", String.valueOf(m.port()));
                    Probe probe = runInPod(src, m.pods().get(cell.from()).container(), run);
                    ShellResult res = probe.result();
                    if (res.exitCode() == 126 || res.exitCode() == 127) {
                        // The tool is missing from the source's image: that says nothing about the network.
                        return new Outcome(Verdict.ERROR, "cannot probe from " + probe.where() + ": " + failureText(res),
                                probe.command(), res.trace());
                    }
                    boolean allowed = res.succeeded();
                    if (allowed != cell.allowed()) {
                        String symptom = cell.from() + " -> " + cell.to() + " (" + Model.name(src) + " -> "
                                + Model.name(dst) + " " + Model.ip(dst) + ":" + m.port() + "/" + m.protocol() + ") "
                                + (cell.allowed() ? "is blocked, must be allowed" : "is allowed, must be blocked");
                        String policy = res.trace().stream().filter(h -> h.stage() == Hop.Stage.POLICY)
                                .reduce((a, b) -> cell.allowed() ? (a.passed() ? b : a) : b)
                                .map(h -> ": " + h.decision() + (h.decidedBy().isEmpty() ? "" : " (" + h.decidedBy()
                                        .stream().map(ObjectRef::toString).collect(Collectors.joining(", ")) + ")"))
                                .orElse(allowed ? "" : ": " + failureText(res));
                        wrong.add(symptom);
                        causes.add(cell.from() + " -> " + cell.to() + policy);
                        if (firstTrace.isEmpty()) {
                            firstTrace = res.trace();
                            firstCommand = probe.command();
                        }
                    }
                }
            }
        }
        if (wrong.isEmpty()) {
            return new Outcome(Verdict.PASS, "all " + Model.count(cells, "connection") + " of the matrix behave as "
                    + "expected on port " + m.port() + "/" + m.protocol(), "", List.of());
        }
        // The symptom lists the cells that behave wrongly; the cause, the policy hop that decided each.
        return new Outcome(Verdict.FAIL, String.join("; ", wrong), "; decided by " + String.join("; ", causes),
                firstCommand, firstTrace);
    }

    private List<Pod> group(Origin.FromPod g) {
        if (g.name() != null) {
            return model.pod(g.namespace(), g.name()).map(List::of).orElse(List.of());
        }
        return model.pods(g.namespace(), g.selector());
    }
}
