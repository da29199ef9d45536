package academy.minicluster.labs.lint;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Near misses of a reference solution, the mistakes learners make: a label value changed (on one side of a
 * selector), a port number off by one, an Ingress path or host changed, a policy's port changed. Each must make at
 * least one check fail, or the check cannot tell right from nearly right.
 */
final class Mutations {

    /** One near miss: what was changed, and the mutated text. */
    record Mutation(String description, String text) {
    }

    private static final YAMLMapper YAML = new YAMLMapper(YAMLFactory.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER).build());
    private static final List<String> PORT_FIELDS = List.of("port", "targetPort", "containerPort", "number",
            "nodePort");
    private static final String ROOT = "#root";
    private static final Pattern FLAG_NUMBER = Pattern.compile("(--(?:port|target-port)=)(\\d+)");
    private static final Pattern LABEL_ARG = Pattern.compile("((?:app|run|tier|role)=)([a-z0-9-]+)");

    private Mutations() {
    }

    /** Near misses of a multi-document manifest. */
    static List<Mutation> ofManifests(String text) {
        List<JsonNode> docs = new ArrayList<>();
        try {
            for (Iterator<JsonNode> it = YAML.readerFor(JsonNode.class).readValues(text); it.hasNext(); ) {
                JsonNode d = it.next();
                if (d != null && !d.isNull() && !d.isMissingNode()) {
                    docs.add(d);
                }
            }
        } catch (Exception e) {
            return List.of();
        }
        List<Mutation> out = new ArrayList<>();
        for (int d = 0; d < docs.size(); d++) {
            List<String> paths = new ArrayList<>();
            String kind = docs.get(d).path("kind").asText();
            collect(docs.get(d), "", paths, kind.equals("Pod"), kind.equals("NetworkPolicy"));
            for (String p : paths) {
                List<JsonNode> copy = new ArrayList<>();
                docs.forEach(x -> copy.add(x.deepCopy()));
                String what = mutate(copy.get(d), p);
                if (what != null) {
                    out.add(new Mutation(kind(docs.get(d)) + ": " + what, write(copy)));
                }
            }
        }
        return out;
    }

    private static String kind(JsonNode doc) {
        return doc.path("kind").asText("?") + " " + doc.path("metadata").path("name").asText("?");
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

    /** Paths (a/b/0/c) of the values worth mutating. */
    private static void collect(JsonNode n, String path, List<String> out, boolean isPod, boolean isPolicy) {
        if (n.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                String p = path + "/" + e.getKey();
                JsonNode v = e.getValue();
                boolean labels = path.endsWith("/matchLabels") || path.equals("/spec/selector")
                        || path.endsWith("/template/metadata/labels")
                        || (path.equals("/metadata/labels") && isPod);
                if (labels && v.isTextual()) {
                    out.add(p);
                } else if (PORT_FIELDS.contains(e.getKey()) && (v.isInt() || (v.isTextual() && v.asText().matches("\\d+")))) {
                    out.add(p);
                } else if (e.getKey().equals("readinessProbe") && v.isObject()) {
                    out.add(p);
                } else if (e.getKey().equals("ports") && v.isArray() && isPolicy
                        && (path.contains("/ingress/") || path.contains("/egress/"))) {
                    out.add(p); // a rule without ports allows every port: the widening near miss
                    collect(v, p, out, isPod, isPolicy);
                } else if ((e.getKey().equals("path") || e.getKey().equals("host") || e.getKey().equals("pathType"))
                        && v.isTextual() && path.contains("/rules")) {
                    out.add(p);
                    if (e.getKey().equals("path") && !v.asText().equals("/")) {
                        out.add(p + ROOT); // the root path swallows every request under it
                    }
                } else {
                    collect(v, p, out, isPod, isPolicy);
                }
            }
        } else if (n.isArray()) {
            for (int i = 0; i < n.size(); i++) {
                collect(n.get(i), path + "/" + i, out, isPod, isPolicy);
            }
        }
    }

    private static String mutate(JsonNode doc, String mutation) {
        boolean root = mutation.endsWith(ROOT);
        String path = root ? mutation.substring(0, mutation.length() - ROOT.length()) : mutation;
        int cut = path.lastIndexOf('/');
        JsonNode parent = doc.at(path.substring(0, cut));
        String key = path.substring(cut + 1);
        if (!(parent instanceof ObjectNode o)) {
            return null;
        }
        JsonNode v = o.get(key);
        String where = path.substring(1).replace('/', '.');
        if (key.equals("readinessProbe") || key.equals("ports")) {
            o.remove(key);
            return where + " removed";
        }
        if (PORT_FIELDS.contains(key)) {
            int n = v.isInt() ? v.asInt() : Integer.parseInt(v.asText());
            int m = n >= 65535 ? n - 1 : n + 1;
            o.set(key, IntNode.valueOf(m));
            return where + " " + n + " -> " + m;
        }
        if (key.equals("pathType")) {
            String m = v.asText().equals("Exact") ? "Prefix" : "Exact";
            o.set(key, TextNode.valueOf(m));
            return where + " " + v.asText() + " -> " + m;
        }
        if (key.equals("path")) {
            String m = root ? "/" : v.asText().equals("/") ? "/other" : v.asText() + "x";
            o.set(key, TextNode.valueOf(m));
            return where + " " + v.asText() + " -> " + m;
        }
        String m = key.equals("host") ? "x" + v.asText() : v.asText() + "x";
        o.set(key, TextNode.valueOf(m));
        return where + " " + v.asText() + " -> " + m;
    }

    /** Near misses of a kubectl transcript: a port flag off by one, a label value changed. */
    static List<Mutation> ofCommands(String text) {
        List<Mutation> out = new ArrayList<>();
        for (Pattern p : List.of(FLAG_NUMBER, LABEL_ARG)) {
            Matcher m = p.matcher(text);
            while (m.find()) {
                String value = m.group(2);
                String changed = p == FLAG_NUMBER ? String.valueOf(Integer.parseInt(value) + 1) : value + "x";
                String mutated = text.substring(0, m.start(2)) + changed + text.substring(m.end(2));
                out.add(new Mutation("command: " + m.group(1) + value + " -> " + m.group(1) + changed, mutated));
            }
        }
        return out;
    }
}
