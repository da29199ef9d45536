package academy.minicluster.labs.lint;

import academy.minicluster.labs.lab.Steps;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Mutants of a reference solution ({@link MutationOperator}): each changes one thing, as a learner's mistake would.
 * Deterministic: the same solution always gives the same mutants in the same order.
 */
public final class Mutations {

    /** One mutant: the operator, what it changed ("drop ports from NetworkPolicy shop/api (spec.ingress[0])"), the steps. */
    public record Mutation(MutationOperator operator, String description, Steps steps) {
    }

    private static final YAMLMapper YAML = new YAMLMapper(YAMLFactory.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER).build());
    private static final Set<String> PORT_FIELDS = Set.of("port", "containerPort", "number", "nodePort");
    private static final Set<String> CLUSTER_SCOPED = Set.of("Namespace", "Node", "IngressClass", "ClusterRole",
            "ClusterRoleBinding", "PersistentVolume", "StorageClass");
    private static final Set<String> WORKLOADS = Set.of("Deployment", "ReplicaSet", "StatefulSet");
    private static final Pattern FLAG_NUMBER = Pattern.compile("(--(?:port|target-port)=)(\\d+)");
    private static final Pattern LABEL_ARG = Pattern.compile("((?:app|run|tier|role)=)([a-z0-9-]+)");

    private Mutations() {
    }

    /** Every mutant of {@code steps}: of its manifests (its commands kept), then of its commands. */
    public static List<Mutation> of(Steps steps) {
        List<Mutation> out = new ArrayList<>();
        if (!steps.manifests().isBlank()) {
            for (Mutation m : ofManifests(steps.manifests())) {
                out.add(new Mutation(m.operator(), m.description(),
                        new Steps(m.steps().manifests(), steps.manifestsLine(), steps.commands())));
            }
        }
        if (!steps.commands().isBlank()) {
            for (Mutation m : ofCommands(steps.commands())) {
                out.add(new Mutation(m.operator(), m.description(),
                        new Steps(steps.manifests(), steps.manifestsLine(), m.steps().commands())));
            }
        }
        return out;
    }

    // ------------------------------------------------------------------------------------------ manifests

    /** Mutants of a multi-document manifest. */
    static List<Mutation> ofManifests(String text) {
        List<JsonNode> docs = read(text);
        List<Mutation> out = new ArrayList<>();
        Set<String> namespaces = new TreeSet<>();
        for (JsonNode d : docs) {
            if (!CLUSTER_SCOPED.contains(d.path("kind").asText())) {
                namespaces.add(d.path("metadata").path("namespace").asText("default"));
            }
            if (d.path("kind").asText().equals("Namespace")) {
                namespaces.add(d.path("metadata").path("name").asText());
            }
        }
        for (int i = 0; i < docs.size(); i++) {
            JsonNode doc = docs.get(i);
            String name = name(doc);
            final int at = i;
            // delete the object
            if (docs.size() > 1) {
                List<JsonNode> rest = new ArrayList<>(docs);
                rest.remove(i);
                out.add(new Mutation(MutationOperator.DELETE_OBJECT, "delete " + name, steps(write(rest))));
            } else {
                out.add(new Mutation(MutationOperator.DELETE_OBJECT, "delete " + name, steps("")));
            }
            for (Edit e : edits(doc, namespaces)) {
                List<JsonNode> copy = new ArrayList<>();
                docs.forEach(x -> copy.add(x.deepCopy()));
                ObjectNode target = (ObjectNode) copy.get(at);
                String what = e.apply().apply(target);
                if (what != null) {
                    out.add(new Mutation(e.operator(), e.operator().verb() + " " + name + " (" + what + ")",
                            steps(write(copy))));
                }
            }
        }
        return out;
    }

    /** One edit of one document: applied to a copy, it returns what it changed, or null when it does not apply. */
    private record Edit(MutationOperator operator, Function<ObjectNode, String> apply) {
    }

    private static List<Edit> edits(JsonNode doc, Set<String> namespaces) {
        String kind = doc.path("kind").asText();
        List<Edit> out = new ArrayList<>();
        List<String> paths = new ArrayList<>();
        walk(doc, "", paths);
        for (String p : paths) {
            String key = p.substring(p.lastIndexOf('/') + 1);
            String parent = p.substring(0, p.lastIndexOf('/'));
            JsonNode v = doc.at(p);
            if (kind.equals("NetworkPolicy")) {
                if (p.equals("/spec/podSelector") && !v.isEmpty()) {
                    out.add(new Edit(MutationOperator.EMPTY_POD_SELECTOR, d -> set(d, p, JsonNodeFactory.instance.objectNode())));
                } else if (key.equals("podSelector") && !v.isEmpty()) {
                    out.add(new Edit(MutationOperator.EMPTY_POD_SELECTOR, d -> set(d, p, JsonNodeFactory.instance.objectNode())));
                }
                if (key.equals("ports") && v.isArray() && (parent.startsWith("/spec/ingress/")
                        || parent.startsWith("/spec/egress/"))) {
                    out.add(new Edit(MutationOperator.DROP_PORTS, d -> remove(d, p)));
                }
                if (p.equals("/spec/policyTypes")) {
                    out.add(new Edit(MutationOperator.DROP_POLICY_TYPES, d -> remove(d, p)));
                }
                if ((p.equals("/spec/ingress") || p.equals("/spec/egress")) && v.isArray()) {
                    for (int i = 0; i < v.size(); i++) {
                        int index = i;
                        out.add(new Edit(MutationOperator.DROP_RULE, d -> removeItem(d, p, index)));
                    }
                }
                if ((key.equals("from") || key.equals("to")) && v.isArray() && v.size() > 1) {
                    for (int i = 0; i < v.size(); i++) {
                        int index = i;
                        out.add(new Edit(MutationOperator.DROP_RULE, d -> removeItem(d, p, index)));
                    }
                }
                if (key.equals("cidr") && v.isTextual() && !v.asText().equals("0.0.0.0/0")) {
                    out.add(new Edit(MutationOperator.WIDEN_CIDR, d -> set(d, p, TextNode.valueOf("0.0.0.0/0"))));
                }
                if (key.equals("except") && parent.endsWith("/ipBlock")) {
                    out.add(new Edit(MutationOperator.WIDEN_CIDR, d -> remove(d, p)));
                }
            }
            if (kind.equals("Ingress")) {
                if (key.equals("pathType") && v.isTextual()) {
                    String to = v.asText().equals("Exact") ? "Prefix" : "Exact";
                    out.add(new Edit(MutationOperator.CHANGE_PATH_TYPE, d -> set(d, p, TextNode.valueOf(to))));
                }
                if (key.equals("path") && v.isTextual() && p.contains("/rules/")) {
                    String path = v.asText();
                    if (!path.equals("/")) {
                        String to = path.endsWith("/") ? path.substring(0, path.length() - 1) : path + "/";
                        out.add(new Edit(MutationOperator.TRAILING_SLASH, d -> set(d, p, TextNode.valueOf(to))));
                        out.add(new Edit(MutationOperator.CHANGE_PATH, d -> set(d, p, TextNode.valueOf("/"))));
                    }
                    out.add(new Edit(MutationOperator.CHANGE_PATH, d -> set(d, p,
                            TextNode.valueOf(path.equals("/") ? "/other" : path + "x"))));
                }
                if (key.equals("host") && v.isTextual() && p.contains("/rules/")) {
                    out.add(new Edit(MutationOperator.CHANGE_PATH, d -> set(d, p, TextNode.valueOf("x" + v.asText()))));
                }
                if (key.equals("hosts") && v.isArray() && parent.startsWith("/spec/tls/")) {
                    for (int i = 0; i < v.size(); i++) {
                        int index = i;
                        out.add(new Edit(MutationOperator.DROP_TLS_HOST, d -> removeItem(d, p, index)));
                    }
                }
            }
            if (key.equals("targetPort") && kind.equals("Service")) {
                out.add(new Edit(MutationOperator.CHANGE_TARGET_PORT, d -> offByOne(d, p)));
            } else if (PORT_FIELDS.contains(key) && (v.isInt() || (v.isTextual() && v.asText().matches("\\d+")))
                    && !parent.contains("/policyTypes")) {
                out.add(new Edit(MutationOperator.CHANGE_PORT, d -> offByOne(d, p)));
            }
            boolean labels = parent.endsWith("/matchLabels") || (parent.equals("/spec/selector")
                    && kind.equals("Service")) || parent.endsWith("/template/metadata/labels")
                    || (parent.equals("/metadata/labels") && kind.equals("Pod"));
            if (labels && v.isTextual()) {
                out.add(new Edit(MutationOperator.CHANGE_SELECTOR, d -> set(d, p, TextNode.valueOf(v.asText() + "x"))));
            }
            if (key.equals("readinessProbe") && v.isObject()) {
                out.add(new Edit(MutationOperator.REMOVE_READINESS_PROBE, d -> remove(d, p)));
            }
        }
        if (WORKLOADS.contains(kind)) {
            out.add(new Edit(MutationOperator.SCALE_TO_ZERO, d -> {
                JsonNode before = d.at("/spec/replicas");
                ((ObjectNode) d.with("spec")).set("replicas", IntNode.valueOf(0));
                return "spec.replicas " + (before.isMissingNode() ? "1 (default)" : before.asText()) + " -> 0";
            }));
        }
        if (!CLUSTER_SCOPED.contains(kind)) {
            String ns = doc.path("metadata").path("namespace").asText("default");
            String other = namespaces.stream().filter(n -> !n.equals(ns)).findFirst()
                    .orElse(ns.equals("default") ? null : "default");
            if (other != null) {
                out.add(new Edit(MutationOperator.CHANGE_NAMESPACE, d -> {
                    ((ObjectNode) d.with("metadata")).set("namespace", TextNode.valueOf(other));
                    return "metadata.namespace " + ns + " -> " + other;
                }));
            }
        }
        return out;
    }

    /** Paths (/a/b/0/c) of every value of a document, parents before children. */
    private static void walk(JsonNode n, String path, List<String> out) {
        if (n.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                String p = path + "/" + e.getKey();
                out.add(p);
                walk(e.getValue(), p, out);
            }
        } else if (n.isArray()) {
            for (int i = 0; i < n.size(); i++) {
                String p = path + "/" + i;
                out.add(p);
                walk(n.get(i), p, out);
            }
        }
    }

    private static String where(String path) {
        return path.substring(1).replaceAll("/(\\d+)(?=/|$)", "[$1]").replace('/', '.');
    }

    private static String set(ObjectNode doc, String path, JsonNode value) {
        int cut = path.lastIndexOf('/');
        JsonNode parent = doc.at(path.substring(0, cut));
        String key = path.substring(cut + 1);
        if (!(parent instanceof ObjectNode o)) {
            return null;
        }
        JsonNode before = o.get(key);
        o.set(key, value);
        return where(path) + " " + (before.isValueNode() ? before.asText() : before.toString()) + " -> "
                + (value.isValueNode() ? value.asText() : value.toString());
    }

    private static String remove(ObjectNode doc, String path) {
        int cut = path.lastIndexOf('/');
        JsonNode parent = doc.at(path.substring(0, cut));
        if (!(parent instanceof ObjectNode o)) {
            return null;
        }
        o.remove(path.substring(cut + 1));
        return where(path) + " removed";
    }

    private static String removeItem(ObjectNode doc, String path, int index) {
        JsonNode list = doc.at(path);
        if (!(list instanceof ArrayNode a) || index >= a.size()) {
            return null;
        }
        a.remove(index);
        return where(path) + "[" + index + "] removed";
    }

    private static String offByOne(ObjectNode doc, String path) {
        JsonNode v = doc.at(path);
        if (v.isTextual() && !v.asText().matches("\\d+")) {
            return set(doc, path, TextNode.valueOf(v.asText() + "x"));
        }
        int n = v.isInt() ? v.asInt() : Integer.parseInt(v.asText());
        return set(doc, path, IntNode.valueOf(n >= 65535 ? n - 1 : n + 1));
    }

    private static String name(JsonNode doc) {
        String ns = doc.path("metadata").path("namespace").asText("");
        return doc.path("kind").asText("?") + " " + (ns.isEmpty() ? "" : ns + "/")
                + doc.path("metadata").path("name").asText("?");
    }

    private static List<JsonNode> read(String text) {
        List<JsonNode> docs = new ArrayList<>();
        try {
            for (Iterator<JsonNode> it = YAML.readerFor(JsonNode.class).readValues(text); it.hasNext(); ) {
                JsonNode d = it.next();
                if (d != null && d.isObject()) {
                    docs.add(d);
                }
            }
        } catch (Exception e) {
            return List.of();
        }
        return docs;
    }

    private static String write(List<JsonNode> docs) {
        StringBuilder s = new StringBuilder();
        for (JsonNode d : docs) {
            try {
                s.append("---\n").append(YAML.writeValueAsString(d));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        return s.toString();
    }

    private static Steps steps(String manifests) {
        return new Steps(manifests, 0, "");
    }

    // ------------------------------------------------------------------------------------------ commands

    /** Mutants of a kubectl transcript: a command left out, a port flag off by one, a label value changed. */
    static List<Mutation> ofCommands(String text) {
        List<Mutation> out = new ArrayList<>();
        List<String> lines = text.lines().toList();
        // A command left out (not inside a here-document, whose lines belong to the command before them).
        String endMarker = null;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (endMarker != null) {
                if (line.equals(endMarker)) {
                    endMarker = null;
                }
                continue;
            }
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int end = i;
            Matcher heredoc = Pattern.compile("<<-?\\s*'?\"?([A-Za-z_]+)").matcher(line);
            if (heredoc.find()) {
                String marker = heredoc.group(1);
                end = i + 1;
                while (end < lines.size() && !lines.get(end).strip().equals(marker)) {
                    end++;
                }
                endMarker = marker;
            }
            List<String> rest = new ArrayList<>(lines.subList(0, i));
            rest.addAll(lines.subList(Math.min(end + 1, lines.size()), lines.size()));
            out.add(new Mutation(MutationOperator.DELETE_OBJECT, "leave out `" + line + "`",
                    new Steps("", 0, String.join("\n", rest) + "\n")));
        }
        for (Pattern p : List.of(FLAG_NUMBER, LABEL_ARG)) {
            Matcher m = p.matcher(text);
            while (m.find()) {
                String value = m.group(2);
                String changed = p == FLAG_NUMBER ? String.valueOf(Integer.parseInt(value) + 1) : value + "x";
                String mutated = text.substring(0, m.start(2)) + changed + text.substring(m.end(2));
                out.add(new Mutation(MutationOperator.CHANGE_COMMAND_ARGUMENT, "change " + m.group(1) + value + " to "
                        + m.group(1) + changed + " in a command", new Steps("", 0, mutated)));
            }
        }
        return out;
    }
}
