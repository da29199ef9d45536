package academy.minicluster.net.api;

import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.AnnotatedMember;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.api.model.Quantity;
import java.lang.reflect.Method;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * kube-apiserver's strict decoding ({@code sigs.k8s.io/json}, field validation {@code Strict}, the kubectl default
 * since 1.27), over fabric8 objects: fabric8 keeps unknown keys in {@code additionalProperties} instead of failing,
 * so the decoded object is walked beside the JSON it came from, in document order, and each unknown key is reported
 * with its path ({@code spec.template.spec.containers[0].imagePullPolicyy}). Wrong types are worded as Go's
 * {@code encoding/json} words them ({@code json: cannot unmarshal string into Go struct field
 * ServicePort.spec.ports.port of type int32}).
 */
final class StrictDecoding {

    private final ObjectMapper mapper;

    /** JSON name -> accessor, per fabric8 class; ClassValue keeps this safe to share without java.util.concurrent. */
    private final ClassValue<Map<String, BeanPropertyDefinition>> properties = new ClassValue<>() {
        @Override
        protected Map<String, BeanPropertyDefinition> computeValue(Class<?> type) {
            BeanDescription description = mapper.getDeserializationConfig().introspect(mapper.constructType(type));
            Map<String, BeanPropertyDefinition> byName = new HashMap<>();
            for (BeanPropertyDefinition property : description.findProperties()) {
                if (property.getAccessor() != null) {
                    // Once, here: otherwise every call checks the caller's access again.
                    property.getAccessor().fixAccess(true);
                }
                byName.put(property.getName(), property);
            }
            return byName;
        }
    };

    private static final ClassValue<Optional<Method>> ADDITIONAL_PROPERTIES = new ClassValue<>() {
        @Override
        protected Optional<Method> computeValue(Class<?> type) {
            try {
                Method method = type.getMethod("getAdditionalProperties");
                method.setAccessible(true); // once, rather than an access check on every call
                return Optional.of(method);
            } catch (NoSuchMethodException e) {
                return Optional.empty();
            }
        }
    };

    StrictDecoding(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** The strict decoding problems of a decoded object: its unknown fields and IntOrString values of a wrong type. */
    Problems walk(JsonNode node, Object value, Class<?> rootType) {
        Problems problems = new Problems();
        walk(node, value, "", rootType.getSimpleName(), "", problems);
        return problems;
    }

    /** What strict decoding found: unknown field paths, or a type error that stops decoding. */
    static final class Problems {
        final List<String> unknownFields = new ArrayList<>();
        String typeError;
    }

    private void walk(JsonNode node, Object value, String path, String struct, String goPath, Problems problems) {
        if (value == null || node == null || problems.typeError != null) {
            return;
        }
        if (value instanceof Collection<?> list && node.isArray()) {
            int i = 0;
            for (Object element : list) {
                walk(node.get(i), element, path + "[" + i + "]", struct, goPath, problems);
                i++;
            }
            return;
        }
        if (!(value instanceof KubernetesResource) || value instanceof Quantity || !node.isObject()) {
            return;
        }
        Map<String, BeanPropertyDefinition> known = properties.get(value.getClass());
        Map<?, ?> additional = additionalProperties(value);
        String structName = value.getClass().getSimpleName();
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            String name = field.getKey();
            String childPath = path.isEmpty() ? name : path + "." + name;
            String childGoPath = goPath.isEmpty() ? name : goPath + "." + name;
            BeanPropertyDefinition property = known.get(name);
            if (property == null || additional.containsKey(name)) {
                problems.unknownFields.add(childPath);
                continue;
            }
            AnnotatedMember accessor = property.getAccessor();
            if (accessor == null) {
                continue;
            }
            Object child = accessor.getValue(value);
            if (child instanceof IntOrString intOrString) {
                checkIntOrString(field.getValue(), intOrString, structName, childGoPath, problems);
                continue;
            }
            walk(field.getValue(), child, childPath, structName, childGoPath, problems);
        }
    }

    private static void checkIntOrString(JsonNode node, IntOrString value, String struct, String goPath,
            Problems problems) {
        boolean ok = node.isTextual() || (node.isIntegralNumber() && node.canConvertToInt());
        if (!ok && !node.isNull()) {
            problems.typeError = "json: cannot unmarshal " + describe(node, true) + " into Go struct field " + struct
                    + "." + goPath + " of type intstr.IntOrString";
        }
    }

    private static Map<?, ?> additionalProperties(Object value) {
        return ADDITIONAL_PROPERTIES.get(value.getClass())
                .map(method -> {
                    try {
                        Object extra = method.invoke(value);
                        return extra instanceof Map<?, ?> map ? map : Map.of();
                    } catch (ReflectiveOperationException e) {
                        return Map.of();
                    }
                })
                .orElse(Map.of());
    }

    /**
     * Go's {@code UnmarshalTypeError} text for a Jackson failure: the Go struct holding the field, the field path
     * without list indices or map keys, and the Go type.
     */
    String typeError(JsonMappingException e, JsonNode root, Class<?> rootType) {
        JavaType type = mapper.constructType(rootType);
        String struct = rootType.getSimpleName();
        List<String> goFields = new ArrayList<>();
        JsonNode node = root;
        for (JsonMappingException.Reference reference : e.getPath()) {
            if (reference.getFieldName() != null) {
                String name = reference.getFieldName();
                node = node == null ? null : node.get(name);
                if (type.isMapLikeType()) {
                    type = type.getContentType();
                } else {
                    BeanPropertyDefinition property = properties.get(type.getRawClass()).get(name);
                    if (property == null) {
                        break;
                    }
                    struct = type.getRawClass().getSimpleName();
                    goFields.add(name);
                    type = property.getPrimaryType();
                }
            } else if (reference.getIndex() >= 0) {
                node = node == null ? null : node.get(reference.getIndex());
                type = type.getContentType() == null ? type : type.getContentType();
            }
        }
        String goType = goType(type);
        String what = node == null ? "value" : describe(node, goType.startsWith("int"));
        if (goFields.isEmpty()) {
            return "json: cannot unmarshal " + what + " into Go value of type " + goType;
        }
        return "json: cannot unmarshal " + what + " into Go struct field " + struct + "." + String.join(".", goFields)
                + " of type " + goType;
    }

    /** How Go names a JSON value in an unmarshal error: {@code string}, {@code number}, {@code number 1.5}. */
    private static String describe(JsonNode node, boolean intTarget) {
        if (node.isTextual()) {
            return "string";
        }
        if (node.isBoolean()) {
            return "bool";
        }
        if (node.isObject()) {
            return "object";
        }
        if (node.isArray()) {
            return "array";
        }
        if (node.isNumber()) {
            boolean fitsInt = node.isIntegralNumber() && node.bigIntegerValue().bitLength() < 32;
            return intTarget && !fitsInt ? "number " + numberText(node) : "number";
        }
        return "null";
    }

    private static String numberText(JsonNode node) {
        if (node.isIntegralNumber()) {
            BigInteger value = node.bigIntegerValue();
            return value.toString();
        }
        String text = node.asText();
        return text.endsWith(".0") ? text.substring(0, text.length() - 2) : text;
    }

    /** The Go type a fabric8 Java type stands for, as {@code reflect.Type.String()} prints it. */
    static String goType(JavaType type) {
        Class<?> raw = type.getRawClass();
        if (raw == Integer.class || raw == int.class) {
            return "int32";
        }
        if (raw == Long.class || raw == long.class) {
            return "int64";
        }
        if (raw == String.class) {
            return "string";
        }
        if (raw == Boolean.class || raw == boolean.class) {
            return "bool";
        }
        if (raw == Double.class || raw == Float.class || raw == double.class) {
            return "float64";
        }
        if (raw == IntOrString.class) {
            return "intstr.IntOrString";
        }
        if (raw == Quantity.class) {
            return "resource.Quantity";
        }
        if (type.isCollectionLikeType() || type.isArrayType()) {
            return "[]" + goType(type.getContentType());
        }
        if (type.isMapLikeType()) {
            return "map[string]" + goType(type.getContentType());
        }
        if (KubernetesResource.class.isAssignableFrom(raw)) {
            return "v1." + raw.getSimpleName();
        }
        return "interface {}";
    }
}
