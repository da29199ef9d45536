package academy.minicluster.labs.grade;

import academy.minicluster.labs.check.CheckKind.LikeReference;
import academy.minicluster.labs.check.Origin;
import academy.minicluster.labs.check.Target;
import academy.minicluster.labs.lab.Lab;
import academy.minicluster.labs.lab.Solution;
import academy.minicluster.labs.lab.Steps;
import academy.minicluster.net.api.ObjectRef;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPath;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressRule;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The answers a reference solution's cluster gives on a probe set derived from it, computed once per lab version
 * and solution, and the comparison of a learner's cluster with them ({@code likeReference}).
 *
 * <p>The probe set, from the reference's cluster: from one pod of each workload (a Deployment's, a DaemonSet's or
 * StatefulSet's pods, or a bare pod) to one pod of each other workload on every port it declares and on one port
 * no pod declares; to every Service port at its ClusterIP; a DNS lookup of every Service's name; and from the
 * workstation, every Ingress host and path with its near misses (a trailing slash added or removed, an {@code s}
 * appended, upper case, a sub-path). Pods are matched between the clusters by workload, never by generated name,
 * and each probe runs in each cluster with the same code ({@link Seen} of the learner's tools). Probes the
 * reference cannot run (no {@code nc} in the image) are left out.
 */
final class ReferenceAnswers {

    /** Namespaces of the cluster itself, never probed. */
    static final Set<String> SYSTEM_NAMESPACES = Set.of("kube-system", "kube-public", "kube-node-lease",
            "ingress-nginx", "metallb-system", "local-path-storage", "envoy-gateway-system");

    private static final Map<Key, ReferenceAnswers> CACHE = new ConcurrentHashMap<>();

    /** What a learner's cluster is compared with, for the checks of one lab. */
    interface Lookup {
        Diff compare(LikeReference check, Model learner, Probes probes);
    }

    /** The comparison: how many probes ran and each one answered otherwise, worded for the learner. */
    record Diff(int probed, List<String> differences) {
        Diff {
            differences = List.copyOf(differences);
        }
    }

    private record Key(String lab, int version, String profile, long seed, Steps start, Steps solution,
                       List<String> namespaces) {
    }

    /** A lab's lookup: the reference's answers are computed on first use and kept for the lab version. */
    static Lookup of(Lab lab) {
        return (check, learner, probes) -> forCheck(lab, check).compare(learner, probes);
    }

    static ReferenceAnswers forCheck(Lab lab, LikeReference check) {
        Solution solution = check.solution().isEmpty() ? lab.solutions().get(0) : lab.solutions().stream()
                .filter(s -> s.id().equals(check.solution())).findFirst().orElseThrow(() ->
                        new IllegalStateException("the lab has no solution " + check.solution()));
        Key key = new Key(lab.id(), lab.version(), lab.profile(), lab.seed(), lab.start(), solution.steps(),
                check.namespaces());
        return CACHE.computeIfAbsent(key, k -> {
            var shell = Grader.prepare(lab, Submission.of(solution.steps()));
            Model model = new Model(shell.cluster());
            return compute(model, new Probes(shell, model), check.namespaces());
        });
    }

    // ------------------------------------------------------------------------------------------ probes

    /** One probe of the set, named by workloads and objects, so it can run in either cluster. */
    sealed interface Spec {
        /** How the difference reads: "from shop/other to api:8080". */
        String describe();
    }

    /** From one pod of workload {@code from} to one pod of workload {@code to} on a port. */
    record ToPod(String from, String to, Target.PortRef port) implements Spec {
        @Override
        public String describe() {
            return "from " + from + " to " + shortName(from, to) + ":" + port;
        }
    }

    /** From one pod of workload {@code from} to a Service's ClusterIP and port. */
    record ToService(String from, String namespace, String name, Target.PortRef port) implements Spec {
        @Override
        public String describe() {
            return "from " + from + " to Service " + shortName(from, namespace + "/" + name) + ":" + port;
        }
    }

    /** A lookup of a Service's name from one pod of workload {@code from}. */
    record NameLookup(String from, String name) implements Spec {
        @Override
        public String describe() {
            return "from " + from + ", nslookup " + name;
        }
    }

    /** A request for host and path sent to ingress-nginx from the workstation. */
    record ThroughIngress(String host, String path) implements Spec {
        @Override
        public String describe() {
            return "from the workstation, http://" + (host.isEmpty() ? "<ingress address>" : host) + path;
        }
    }

    /** What one probe answered, comparable between clusters. */
    record Answer(Seen.Reply reply, int status, String servedBy, String missing) {
        static Answer missing(String what) {
            return new Answer(Seen.Reply.NOT_RUN, 0, "", what);
        }

        String describe() {
            if (!missing.isEmpty()) {
                return "has " + missing;
            }
            if (reply == Seen.Reply.CONNECTS && status > 0) {
                return "gets HTTP " + status + " from " + (servedBy.isEmpty() ? "ingress-nginx" : servedBy);
            }
            return reply.words();
        }
    }

    private final List<Spec> specs;
    private final Map<Spec, Answer> answers;

    private ReferenceAnswers(List<Spec> specs, Map<Spec, Answer> answers) {
        this.specs = List.copyOf(specs);
        this.answers = Map.copyOf(answers);
    }

    int size() {
        return specs.size();
    }

    private static ReferenceAnswers compute(Model model, Probes probes, List<String> only) {
        Map<String, Pod> workloads = workloads(model, only);
        Set<String> namespaces = new TreeSet<>();
        workloads.values().forEach(p -> namespaces.add(p.getMetadata().getNamespace()));
        List<Spec> candidates = new ArrayList<>();
        Set<Integer> declaredAnywhere = new TreeSet<>();
        workloads.values().forEach(p -> MatrixCheck.declared(p).forEach(d -> declaredAnywhere.add(d.port())));
        int undeclared = 9999;
        while (declaredAnywhere.contains(undeclared)) {
            undeclared++;
        }
        List<Service> services = new ArrayList<>();
        for (String ns : namespaces) {
            model.store().listForReading(Service.class, "Service", ns).stream()
                    .filter(s -> s.getSpec().getClusterIP() != null && !"None".equals(s.getSpec().getClusterIP()))
                    .forEach(services::add);
        }
        for (Map.Entry<String, Pod> from : workloads.entrySet()) {
            for (Map.Entry<String, Pod> to : workloads.entrySet()) {
                if (from.getKey().equals(to.getKey())) {
                    continue;
                }
                Set<Target.PortRef> ports = new LinkedHashSet<>(MatrixCheck.declared(to.getValue()));
                ports.add(new Target.PortRef(undeclared, "TCP"));
                for (Target.PortRef port : ports) {
                    candidates.add(new ToPod(from.getKey(), to.getKey(), port));
                }
            }
            for (Service s : services) {
                for (Target.PortRef port : MatrixCheck.servicePorts(s)) {
                    candidates.add(new ToService(from.getKey(), s.getMetadata().getNamespace(),
                            s.getMetadata().getName(), port));
                }
                candidates.add(new NameLookup(from.getKey(), s.getMetadata().getName() + "."
                        + s.getMetadata().getNamespace()));
            }
        }
        for (Ingress ing : model.store().listForReading(Ingress.class, "Ingress")) {
            for (IngressRule rule : ing.getSpec().getRules() == null ? List.<IngressRule>of()
                    : ing.getSpec().getRules()) {
                String host = rule.getHost() == null ? "" : rule.getHost();
                if (rule.getHttp() == null) {
                    continue;
                }
                for (HTTPIngressPath p : rule.getHttp().getPaths()) {
                    for (String path : nearMisses(p.getPath() == null ? "/" : p.getPath())) {
                        ThroughIngress spec = new ThroughIngress(host, path);
                        if (!candidates.contains(spec)) {
                            candidates.add(spec);
                        }
                    }
                }
            }
        }
        List<Spec> specs = new ArrayList<>();
        Map<Spec, Answer> answers = new HashMap<>();
        Set<String> cannotProbe = new TreeSet<>();
        Set<String> cannotLookUp = new TreeSet<>();
        for (Spec spec : candidates) {
            String from = from(spec);
            if (from != null && (spec instanceof NameLookup ? cannotLookUp : cannotProbe).contains(from)) {
                continue;
            }
            Answer a = answer(spec, workloads, model, probes);
            if (a.reply() == Seen.Reply.NOT_RUN && a.missing().isEmpty()) {
                // The reference's pod has no nc (or nslookup): nothing to compare, from it.
                (spec instanceof NameLookup ? cannotLookUp : cannotProbe).add(from);
                continue;
            }
            specs.add(spec);
            answers.put(spec, a);
        }
        return new ReferenceAnswers(specs, answers);
    }

    private static String from(Spec spec) {
        if (spec instanceof ToPod p) {
            return p.from();
        }
        if (spec instanceof ToService s) {
            return s.from();
        }
        return spec instanceof NameLookup l ? l.from() : null;
    }

    /** A path and the paths a wrong pathType, a stray slash or a wrong case would get wrong. */
    static List<String> nearMisses(String path) {
        Set<String> out = new LinkedHashSet<>();
        out.add(path);
        if (path.length() > 1 && path.endsWith("/")) {
            out.add(path.substring(0, path.length() - 1));
        } else {
            out.add(path + "/");
        }
        String bare = path.endsWith("/") && path.length() > 1 ? path.substring(0, path.length() - 1) : path;
        if (!bare.equals("/")) {
            out.add(bare + "s");
            out.add(bare.toUpperCase(Locale.ROOT));
        }
        out.add((bare.equals("/") ? "" : bare) + "/x");
        return List.copyOf(out);
    }

    /** One pod of each workload, by its key ({@code shop/api}), in the probed namespaces. */
    static Map<String, Pod> workloads(Model model, List<String> only) {
        Map<String, Pod> out = new TreeMap<>();
        for (Pod p : model.store().listForReading(Pod.class, "Pod")) {
            String ns = p.getMetadata().getNamespace();
            if (p.getMetadata().getDeletionTimestamp() != null || Model.ip(p) == null
                    || (only.isEmpty() ? SYSTEM_NAMESPACES.contains(ns) : !only.contains(ns))) {
                continue;
            }
            String key = ns + "/" + workload(p);
            Pod seen = out.get(key);
            if (seen == null || Model.name(p).compareTo(Model.name(seen)) < 0) {
                out.put(key, p);
            }
        }
        return out;
    }

    /** A pod's workload: its Deployment (its ReplicaSet's name without the template hash), its owner, or itself. */
    static String workload(Pod p) {
        var owners = p.getMetadata().getOwnerReferences();
        if (owners == null || owners.isEmpty()) {
            return Model.name(p);
        }
        var owner = owners.get(0);
        String hash = p.getMetadata().getLabels() == null ? null
                : p.getMetadata().getLabels().get("pod-template-hash");
        if (owner.getKind().equals("ReplicaSet") && hash != null && owner.getName().endsWith("-" + hash)) {
            return owner.getName().substring(0, owner.getName().length() - hash.length() - 1);
        }
        return owner.getName();
    }

    private static String shortName(String from, String to) {
        int slash = from.indexOf('/');
        String ns = slash < 0 ? "" : from.substring(0, slash + 1);
        return to.startsWith(ns) ? to.substring(ns.length()) : to;
    }

    /** Runs one probe in a cluster; the same code for the reference and the learner. */
    static Answer answer(Spec spec, Map<String, Pod> workloads, Model model, Probes probes) {
        if (spec instanceof ThroughIngress t) {
            Optional<String> address = probes.ingressAddress();
            if (address.isEmpty()) {
                return Answer.missing("no ingress-nginx address");
            }
            Seen seen = probes.run(new Origin.FromWorkstation(),
                    Probes.ingressCurl(address.get(), t.host(), t.path(), false)).seen();
            return new Answer(seen.reply(), seen.status(), seen.servedBy().flatMap(p -> owner(p, model))
                    .orElse(""), "");
        }
        String from = from(spec);
        Pod source = workloads.get(from);
        if (source == null) {
            return Answer.missing("no pod of " + from);
        }
        String command;
        if (spec instanceof ToPod p) {
            Pod target = workloads.get(p.to());
            if (target == null) {
                return Answer.missing("no pod of " + p.to());
            }
            command = Probes.nc(Model.ip(target), p.port().port(), p.port().protocol());
        } else if (spec instanceof ToService s) {
            Optional<Service> svc = model.service(s.namespace(), s.name());
            if (svc.isEmpty()) {
                return Answer.missing("no Service " + s.namespace() + "/" + s.name());
            }
            command = Probes.nc(svc.get().getSpec().getClusterIP(), s.port().port(), s.port().protocol());
        } else {
            command = "nslookup " + ((NameLookup) spec).name();
        }
        Seen seen = probes.inPod(source, null, command).seen();
        return new Answer(seen.reply(), 0, "", "");
    }

    private static Optional<String> owner(ObjectRef pod, Model model) {
        return model.pod(pod.namespace(), pod.name()).map(p -> p.getMetadata().getNamespace() + "/" + workload(p));
    }

    /** Runs the reference's probe set in the learner's cluster and words each answer that differs. */
    Diff compare(Model learner, Probes probes) {
        Map<String, Pod> workloads = workloads(learner, List.of());
        List<String> differences = new ArrayList<>();
        Set<String> missing = new LinkedHashSet<>();
        for (Spec spec : specs) {
            Answer want = answers.get(spec);
            Answer got = answer(spec, workloads, learner, probes);
            if (!got.missing().isEmpty() && want.missing().isEmpty()) {
                missing.add("yours has " + got.missing() + "; the reference's does");
                continue;
            }
            if (!got.equals(want)) {
                differences.add(spec.describe() + " yours " + got.describe() + "; the reference's "
                        + want.describe());
            }
        }
        List<String> all = new ArrayList<>(missing);
        all.addAll(differences);
        return new Diff(specs.size(), all);
    }

    /** The reference's answers, in probe order: for tests and for lint. */
    Map<Spec, Answer> answers() {
        Map<Spec, Answer> out = new LinkedHashMap<>();
        specs.forEach(s -> out.put(s, answers.get(s)));
        return out;
    }
}
