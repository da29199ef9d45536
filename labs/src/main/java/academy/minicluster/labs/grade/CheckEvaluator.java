package academy.minicluster.labs.grade;

import academy.minicluster.labs.check.Check;
import academy.minicluster.labs.check.CheckKind;
import academy.minicluster.labs.check.CheckKind.FieldValue;
import academy.minicluster.labs.check.CheckKind.IngressRoutes;
import academy.minicluster.labs.check.CheckKind.LikeReference;
import academy.minicluster.labs.check.CheckKind.Matrix;
import academy.minicluster.labs.check.CheckKind.ObjectExists;
import academy.minicluster.labs.check.CheckKind.PodsMatch;
import academy.minicluster.labs.check.CheckKind.PolicyMatrix;
import academy.minicluster.labs.check.CheckKind.Reach;
import academy.minicluster.labs.check.CheckKind.ReadyEndpoints;
import academy.minicluster.labs.check.CheckKind.TranscriptUses;
import academy.minicluster.labs.check.Expectation;
import academy.minicluster.labs.check.FieldPath;
import academy.minicluster.labs.check.Origin;
import academy.minicluster.labs.probe.Seen;
import academy.minicluster.net.api.Kinds;
import academy.minicluster.net.api.ObjectRef;
import academy.minicluster.net.trace.Hop;
import academy.minicluster.net.dataplane.ingress.IngressRouter;
import academy.minicluster.net.probe.Observation;
import academy.minicluster.net.shell.CommandLine;
import academy.minicluster.net.shell.Shell;
import academy.minicluster.net.shell.ShellResult;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/** Evaluates one check against a graded cluster and explains the verdict from the model. */
final class CheckEvaluator {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> RESOURCE_VERBS = Set.of("get", "describe", "delete", "edit", "expose", "label",
            "annotate", "scale", "create");
    private static final int MAX_OUTPUT_IN_EXPLANATION = 160;
    private static final int MAX_DIFFERENCES = 5;

    private final Model model;
    private final Probes probes;
    private final List<String> transcript;
    private final Map<String, String> answers;
    private final ReferenceAnswers.Lookup references;

    CheckEvaluator(Shell shell, List<String> transcript, Map<String, String> answers,
                   ReferenceAnswers.Lookup references, Consumer<Probes.Probe> ran) {
        this.model = new Model(shell.cluster());
        this.probes = new Probes(shell, model, ran);
        this.transcript = List.copyOf(transcript);
        this.answers = Map.copyOf(answers);
        this.references = references;
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
                o = matrix(MatrixCheck.of(m));
            } else if (k instanceof Matrix m) {
                o = matrix(m);
            } else if (k instanceof LikeReference l) {
                o = likeReference(l);
            } else if (k instanceof CheckKind.Answer a) {
                o = answer(check.id(), a);
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

    /**
     * Sends the request through ingress-nginx as {@code curl} from the workstation sends it, and reads where it went
     * from what curl observed: the pod that answered and the Service the controller routed to (its hops).
     */
    private Outcome ingress(IngressRoutes i) {
        String url = (i.tls() ? "https://" : "http://") + (i.host().isEmpty() ? "<ingress address>" : i.host())
                + i.path();
        Optional<String> address = probes.ingressAddress();
        if (address.isEmpty()) {
            return Outcome.of(false, url + ": ingress-nginx has no load-balancer address (Service "
                    + Probes.INGRESS_NAMESPACE + "/" + Probes.INGRESS_SERVICE + ")");
        }
        Probes.Probe probe = probes.run(new Origin.FromWorkstation(),
                Probes.ingressCurl(address.get(), i.host(), i.path(), i.tls()));
        ShellResult res = probe.result();
        Seen seen = Seen.of(res);
        List<Hop> hops = res.trace();
        List<Hop> ingressHops = hops.stream().filter(h -> h.stage() == Hop.Stage.INGRESS).toList();
        String decisions = ingressHops.stream().map(Hop::decision).collect(Collectors.joining("; "));
        Optional<ObjectRef> service = ingressHops.stream().flatMap(h -> h.decidedBy().stream())
                .filter(r -> r.kind().equals("Service")).reduce((a, b) -> b);
        if (seen.reply() != Seen.Reply.CONNECTS) {
            return new Outcome(Verdict.FAIL, url + " " + seen.reply().words() + " (`" + probe.command() + "`: "
                    + failureText(res) + ")", culprit(hops), probe.command(), hops);
        }
        if (seen.status() >= 300 && seen.status() < 400) {
            return new Outcome(Verdict.FAIL, url + " is redirected (HTTP " + seen.status() + "): " + decisions,
                    probe.command(), hops);
        }
        if (service.isPresent() && seen.status() != 404 || seen.servedBy().isPresent()) {
            Optional<ObjectRef> ingress = ingressHops.stream().flatMap(h -> h.decidedBy().stream())
                    .filter(r -> r.kind().equals("Ingress")).findFirst();
            String where = service.map(ObjectRef::toString).orElse("a pod") + ingress.map(r -> " through " + r)
                    .orElse("") + seen.servedBy().map(p -> " (answered by pod " + p.name() + " with HTTP "
                    + seen.status() + ")").orElse(" (HTTP " + seen.status() + ")");
            if (i.service() == null) {
                return new Outcome(Verdict.FAIL, url + " goes to " + where + "; it must get ingress-nginx's 404",
                        "; " + decisions, probe.command(), hops);
            }
            boolean pass = service.isPresent() && service.get().name().equals(i.service())
                    && (i.namespace() == null || i.namespace().equals(service.get().namespace()))
                    && (i.port() == null || servicePortExists(service.get(), i.port()))
                    && seen.servedBy().isPresent();
            return new Outcome(pass ? Verdict.PASS : Verdict.FAIL, url + " goes to " + where
                    + (pass ? "" : ": " + decisions + "; expected Service " + i.service()
                    + (i.port() == null ? "" : " port " + i.port())), probe.command(), hops);
        }
        boolean pass = i.service() == null && seen.status() == 404;
        String owned = model.store().listForReading(Ingress.class, "Ingress").isEmpty() ? "" : ignored();
        return new Outcome(pass ? Verdict.PASS : Verdict.FAIL, url + " gets ingress-nginx's " + seen.status()
                + (decisions.isEmpty() ? "" : ": " + decisions) + owned
                + (pass || i.service() == null ? "" : "; expected Service " + i.service()), probe.command(), hops);
    }

    private boolean servicePortExists(ObjectRef service, String port) {
        return model.service(service.namespace(), service.name()).map(s -> s.getSpec().getPorts().stream()
                .anyMatch(p -> port.equals(p.getName()) || port.equals(String.valueOf(p.getPort())))).orElse(false);
    }

    /** Ingresses the data plane's ingress-nginx does not serve (another or no class), which explain a 404. */
    private String ignored() {
        IngressRouter router = model.cluster().dataPlane().ingressRouter();
        List<String> names = model.store().listForReading(Ingress.class, "Ingress").stream()
                .filter(x -> !router.owns(x))
                .map(x -> "Ingress " + x.getMetadata().getNamespace() + "/" + x.getMetadata().getName()
                        + " (ingressClassName " + (x.getSpec().getIngressClassName() == null ? "not set"
                        : x.getSpec().getIngressClassName()) + ")").toList();
        return names.isEmpty() ? "" : " (not served by ingress-nginx: " + String.join(", ", names) + ")";
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
        Set<String> workloadPods = new TreeSet<>();
        Set<String> readyWorkloadPods = new TreeSet<>();
        String workloadNamespace = x.servedBy() == null ? "" : x.servedBy().namespace();
        if (x.servedBy() != null) {
            List<Pod> pods = workloadPods(x.servedBy());
            pods.forEach(p -> workloadPods.add(Model.name(p)));
            pods.stream().filter(Model::ready).forEach(p -> readyWorkloadPods.add(Model.name(p)));
        }
        Set<String> servedBy = new LinkedHashSet<>();
        Probes.Probe last = null;
        for (int attempt = 1; attempt <= r.attempts(); attempt++) {
            Probes.Probe probe = probes.run(r.from(), r.run());
            last = probe;
            if (probe.problem() != null) {
                return new Outcome(Verdict.FAIL, "cannot run `" + r.run() + "`: " + probe.problem(), "", List.of());
            }
            ShellResult res = probe.result();
            Seen seen = Seen.of(res);
            String answer = answerText(res);
            String head = "`" + r.run() + "` from " + probe.where() + (r.attempts() > 1 ? " (attempt " + attempt
                    + " of " + r.attempts() + ")" : "");
            String failure = null;
            if (x.success() != null && x.success() != res.succeeded()) {
                failure = x.success() ? head + " failed: " + failureText(res) : head + " succeeded ("
                        + describeAnswer(seen, answer) + "), but it must fail";
            } else if (x.status() != null && seen.status() != x.status()) {
                failure = seen.status() > 0
                        ? head + " answered HTTP " + seen.status() + ", expected " + x.status() + bodyPreview(answer)
                        : head + " failed: " + failureText(res) + "; expected HTTP " + x.status();
            } else if (x.bodyContains() != null && !answer.contains(x.bodyContains())) {
                failure = res.succeeded() ? head + " answered without \"" + x.bodyContains() + "\""
                        + bodyPreview(answer) + translations(res.trace()) : head + " failed: " + failureText(res);
            } else if (x.servedBy() != null) {
                Optional<String> pod = seen.servedBy().filter(p -> p.namespace().equals(workloadNamespace))
                        .map(ObjectRef::name).filter(workloadPods::contains);
                if (pod.isEmpty()) {
                    failure = !res.succeeded() ? head + " failed: " + failureText(res)
                            : head + " was " + seen.servedBy().map(p -> "answered by pod " + p.name() + ", not")
                            .orElse("not answered") + " by a pod of " + x.servedBy().describe()
                            + (workloadPods.isEmpty() ? " (it has no pods)" : " (" + String.join(", ", workloadPods)
                            + ")") + bodyPreview(answer);
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

    /**
     * What a probe got back, as values: the HTTP body, the certificate's subject and issuer (as curl -v names
     * them), the DNS records (name and data), the raw replies. {@code bodyContains} is looked for here.
     */
    static String answerText(ShellResult res) {
        StringBuilder s = new StringBuilder();
        for (Observation o : res.observations()) {
            if (o instanceof Observation.HttpExchange h && h.response().isPresent()) {
                s.append(h.response().get().body()).append('\n');
            } else if (o instanceof Observation.TlsSession t && t.handshake().established()) {
                s.append("subject: ").append(t.handshake().subject()).append('\n')
                        .append("issuer: ").append(t.handshake().issuer()).append('\n');
            } else if (o instanceof Observation.DnsAnswer d) {
                for (var rec : d.records()) {
                    s.append(rec.name()).append(' ').append(rec.data()).append('\n');
                }
            } else if (o instanceof Observation.Datagram d && d.reply().isPresent()) {
                s.append(d.reply().get()).append('\n');
            }
        }
        return s.toString();
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

    static String failureText(ShellResult r) {
        List<String> lines = r.stderr().strip().lines()
                .filter(l -> !l.isBlank() && !l.startsWith("command terminated with exit code")).toList();
        List<String> out = r.stdout().strip().lines().filter(l -> !l.isBlank()).toList();
        String first = !lines.isEmpty() ? lines.get(lines.size() - 1) : out.isEmpty() ? "" : out.get(out.size() - 1);
        return "exit " + r.exitCode() + (first.isEmpty() ? "" : ", " + abbreviate(first.strip()));
    }

    private static String describeAnswer(Seen seen, String answer) {
        return seen.status() > 0 ? "HTTP " + seen.status() : answer.isBlank() ? "exit 0" : abbreviate(answer.strip()
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

    private Outcome matrix(Matrix m) {
        MatrixCheck.Result r = new MatrixCheck(model, probes).evaluate(m);
        if (r.cannotProbe()) {
            return new Outcome(Verdict.ERROR, r.wrong().get(0), r.first().command(), r.first().result().trace());
        }
        if (r.wrong().isEmpty()) {
            return new Outcome(Verdict.PASS, "all " + Model.count(r.cells(), "connection") + " of the matrix behave "
                    + "as expected", "", List.of());
        }
        // The symptom lists the cells that behave wrongly; the cause, what decided each.
        return new Outcome(Verdict.FAIL, String.join("; ", r.wrong()), r.causes().isEmpty() ? ""
                : "; decided by " + String.join("; ", r.causes()), r.first() == null ? "" : r.first().command(),
                r.first() == null ? List.of() : r.first().result().trace());
    }

    private Outcome likeReference(LikeReference l) {
        ReferenceAnswers.Diff diff = references.compare(l, model);
        if (diff.differences().isEmpty()) {
            return Outcome.of(true, "your cluster answers like the reference's on all "
                    + Model.count(diff.probed(), "probe"));
        }
        List<String> shown = diff.differences().stream().limit(MAX_DIFFERENCES).toList();
        return Outcome.of(false, String.join("; ", shown) + (diff.differences().size() > shown.size()
                ? "; and " + (diff.differences().size() - shown.size()) + " more" : ""));
    }

    private Outcome answer(String id, CheckKind.Answer a) {
        String given = answers.getOrDefault(id, "").strip();
        List<String> right;
        if (a.expect() instanceof CheckKind.Answer.Expected.FromField f) {
            FieldValue fv = f.field();
            Optional<HasMetadata> found = object(fv.kind(), fv.namespace(), fv.name());
            if (found.isEmpty()) {
                return Outcome.of(false, "the answer cannot be checked: " + ref(fv.kind(), fv.namespace(), fv.name())
                        + " does not exist");
            }
            right = FieldPath.parse(fv.path()).select(JSON.valueToTree(found.get())).stream()
                    .map(v -> v.isValueNode() ? v.asText() : v.toString()).toList();
        } else {
            right = ((CheckKind.Answer.Expected.OneOf) a.expect()).values();
        }
        if (given.isEmpty()) {
            return Outcome.of(false, "no answer given to \"" + a.question() + "\"");
        }
        boolean pass = right.stream().anyMatch(v -> v.strip().equalsIgnoreCase(given));
        return Outcome.of(pass, pass ? "\"" + given + "\" is right" : "\"" + given + "\" is not the answer to \""
                + a.question() + "\"");
    }
}
