package academy.minicluster.net.shell;

import academy.minicluster.net.api.ApiKind;
import academy.minicluster.net.api.Kinds;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Quantity;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * {@code kubectl explain RESOURCE[.field...]} for the kinds the mini-cluster serves, in kubectl's plaintext format
 * ({@code KIND:}, {@code VERSION:}, {@code FIELD:}, {@code DESCRIPTION:}, {@code FIELDS:}). The fields and their
 * types come from the fabric8 model the API server decodes with, so every field it accepts is listed, in
 * alphabetical order as kubectl lists them; descriptions come from Kubernetes' OpenAPI for the main fields
 * ({@code explain.properties}), others are listed with their type only.
 */
final class ExplainCommand {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Properties DESCRIPTIONS = descriptions();
    /** The fields OpenAPI marks required, shown as kubectl shows them ({@code -required-}). */
    private static final Set<String> REQUIRED = Set.of("PodSpec.containers", "Container.name",
            "ContainerPort.containerPort", "ServicePort.port", "DeploymentSpec.selector", "DeploymentSpec.template",
            "ReplicaSetSpec.selector", "NodeSelector.nodeSelectorTerms", "PodAffinityTerm.topologyKey",
            "TopologySpreadConstraint.maxSkew", "TopologySpreadConstraint.topologyKey",
            "TopologySpreadConstraint.whenUnsatisfiable", "EnvVar.name", "Toleration.effect");
    /** explain's plaintext template wraps each description at {@code 78 - indent} columns. */
    private static final int WIDTH = 78;

    private static Properties descriptions() {
        Properties p = new Properties();
        try (InputStream in = ExplainCommand.class.getResourceAsStream("explain.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p;
    }

    ShellResult run(String line, List<String> args, KubectlContext context) throws Flags.UnknownFlag {
        Flags f = context.flags(args, Map.of(), "recursive", "api-version", "output");
        if (f.positional.isEmpty()) {
            throw new Kubectl.UsageError("error: You must specify the type of resource to explain. Use \"kubectl "
                    + "api-resources\" for a complete list of supported resources.");
        }
        String[] path = f.positional.get(0).split("\\.");
        Kinds.Resource resource = KubectlContext.resource(path[0]);
        ApiKind kind = ApiKind.of(resource.apiVersion(), resource.kind()).orElseThrow(() ->
                new Kubectl.UsageError("error: the server doesn't have a resource type \"" + path[0] + "\""));
        JavaType type = MAPPER.constructType(kind.type());
        String owner = resource.kind();
        String fieldName = null;
        String fieldKey = null;
        for (int i = 1; i < path.length; i++) {
            String step = path[i];
            BeanPropertyDefinition property = properties(element(type)).stream()
                    .filter(p -> p.getName().equals(step)).findFirst().orElse(null);
            if (property == null) {
                throw new Kubectl.UsageError("error: field \"" + path[i] + "\" does not exist");
            }
            fieldKey = owner + "." + property.getName();
            fieldName = property.getName();
            type = property.getPrimaryType();
            owner = typeName(element(type));
        }
        StringBuilder out = new StringBuilder();
        out.append("KIND:       ").append(resource.kind()).append('\n');
        out.append("VERSION:    ").append(resource.apiVersion()).append("\n\n");
        String description;
        if (fieldName != null) {
            out.append("FIELD: ").append(fieldName).append(" <").append(typeName(type)).append(">\n\n");
            description = description(fieldKey, element(type));
        } else {
            description = DESCRIPTIONS.getProperty(resource.kind(), "");
        }
        out.append("DESCRIPTION:\n");
        wrap(description.isEmpty() ? "<empty>" : description, 4, out);
        out.append("    \n");
        JavaType element = element(type);
        List<BeanPropertyDefinition> fields = isObject(element) ? properties(element) : List.of();
        if (!fields.isEmpty() && f.has("recursive")) {
            out.append("FIELDS:\n");
            recursive(element, 2, new java.util.ArrayDeque<>(), out);
            out.append('\n');
        } else if (!fields.isEmpty()) {
            out.append("FIELDS:\n");
            String ownerName = typeName(element);
            for (BeanPropertyDefinition p : fields) {
                String key = ownerName + "." + p.getName();
                out.append("  ").append(p.getName()).append("\t<").append(typeName(p.getPrimaryType())).append('>');
                if (REQUIRED.contains(key)) {
                    out.append(" -required-");
                }
                out.append('\n');
                String d = fieldDescription(key, resource.kind(), p.getName(), fieldName == null);
                if (!d.isEmpty()) {
                    wrap(d, 4, out);
                }
                out.append('\n');
            }
            out.append('\n');
        }
        return ShellResult.ok(line, out.toString());
    }

    /** {@code --recursive}: every field below, indented by depth, with its type and no description. */
    private static void recursive(JavaType type, int indent, java.util.Deque<Class<?>> path, StringBuilder out) {
        path.push(type.getRawClass());
        for (BeanPropertyDefinition p : properties(type)) {
            out.append(" ".repeat(indent)).append(p.getName()).append("\t<").append(typeName(p.getPrimaryType()))
                    .append(">\n");
            JavaType element = element(p.getPrimaryType());
            // A type inside itself (JSONSchemaProps-like recursion) is listed once, as kubectl does.
            if (isObject(element) && !path.contains(element.getRawClass())) {
                recursive(element, indent + 2, path, out);
            }
        }
        path.pop();
    }

    private static String description(String fieldKey, JavaType element) {
        String d = DESCRIPTIONS.getProperty(fieldKey);
        if (d == null) {
            d = DESCRIPTIONS.getProperty("*." + fieldKey.substring(fieldKey.indexOf('.') + 1));
        }
        if (d == null && isObject(element)) {
            d = DESCRIPTIONS.getProperty(typeName(element));
        }
        return d == null ? "" : d;
    }

    private static String fieldDescription(String key, String kind, String field, boolean topLevel) {
        String d = DESCRIPTIONS.getProperty(topLevel ? kind + "." + field : key);
        if (d == null && topLevel) {
            d = DESCRIPTIONS.getProperty("*." + field);
        }
        if (d == null) {
            d = DESCRIPTIONS.getProperty(key);
        }
        return d == null ? "" : d;
    }

    private static List<BeanPropertyDefinition> properties(JavaType type) {
        if (!isObject(type)) {
            return List.of();
        }
        List<BeanPropertyDefinition> list = new ArrayList<>(MAPPER.getSerializationConfig().introspect(type)
                .findProperties());
        list.removeIf(p -> p.getName().equals("additionalProperties"));
        list.sort(Comparator.comparing(BeanPropertyDefinition::getName));
        return list;
    }

    private static JavaType element(JavaType type) {
        return type.isCollectionLikeType() ? type.getContentType() : type;
    }

    private static boolean isObject(JavaType type) {
        Class<?> c = type.getRawClass();
        return c.getName().startsWith("io.fabric8.") && c != IntOrString.class && c != Quantity.class
                && !type.isMapLikeType() && !type.isCollectionLikeType() && !c.isEnum();
    }

    /** A type as the OpenAPI names it: string, integer, boolean, []Container, map[string]string, PodSpec. */
    static String typeName(JavaType type) {
        if (type.isCollectionLikeType()) {
            return "[]" + typeName(type.getContentType());
        }
        if (type.isMapLikeType()) {
            return "map[string]" + typeName(type.getContentType());
        }
        Class<?> c = type.getRawClass();
        if (c == String.class) {
            return "string";
        }
        if (c == Integer.class || c == Long.class || c == int.class || c == long.class) {
            return "integer";
        }
        if (c == Boolean.class || c == boolean.class) {
            return "boolean";
        }
        if (c == Double.class || c == Float.class) {
            return "number";
        }
        if (c == Object.class) {
            return "Object";
        }
        return c.getSimpleName();
    }

    private static void wrap(String text, int indent, StringBuilder out) {
        String pad = " ".repeat(indent);
        StringBuilder lineText = new StringBuilder();
        for (String word : text.split(" ")) {
            if (lineText.length() > 0 && indent + lineText.length() + 1 + word.length() > WIDTH) {
                out.append(pad).append(lineText).append('\n');
                lineText.setLength(0);
            }
            if (lineText.length() > 0) {
                lineText.append(' ');
            }
            lineText.append(word);
        }
        if (lineText.length() > 0) {
            out.append(pad).append(lineText).append('\n');
        }
    }
}
