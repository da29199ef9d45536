package academy.minicluster.net.controller;

import academy.minicluster.net.api.ObjectCopier;
import java.lang.reflect.Field;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * FNV-32a over a Kubernetes object's content, as the deployment controller's {@code ComputeHash} hashes a pod
 * template: the value changes exactly when the content does. Like {@code hashutil.DeepHashObject} (a spew dump with
 * sorted map keys), map entries are hashed in key order, so two templates that differ only in the order their
 * labels were written have the same hash. Fields are read directly (found once per class, in name order): printing
 * the template, as this model once did, cost more than the rest of creating a Deployment.
 */
final class TemplateHash {

    private static final int OFFSET_BASIS = 0x811c9dc5;
    private static final int PRIME = 0x01000193;

    /** Each class's fields (as {@link ObjectCopier} finds them), in name order: stable across JVMs. */
    private static final ClassValue<Field[]> FIELDS = new ClassValue<>() {
        @Override
        protected Field[] computeValue(Class<?> type) {
            Field[] fields = ObjectCopier.fields(type);
            Arrays.sort(fields, Comparator.comparing(Field::getName));
            return fields;
        }
    };

    private int hash = OFFSET_BASIS;

    private TemplateHash() {
    }

    /** The FNV-32a hash of {@code object}'s content. */
    static int of(Object object) {
        TemplateHash h = new TemplateHash();
        h.value(object);
        return h.hash;
    }

    private void value(Object value) {
        if (value == null) {
            mark('~');
        } else if (value instanceof String s) {
            mark('"');
            text(s);
            mark('"');
        } else if (value instanceof Number || value instanceof Boolean || value instanceof Enum<?>) {
            mark('#');
            text(value.toString());
        } else if (value instanceof List<?> list) {
            mark('[');
            for (Object element : list) {
                value(element);
                mark(',');
            }
            mark(']');
        } else if (value instanceof Map<?, ?> map) {
            mark('{');
            TreeMap<String, Object> sorted = new TreeMap<>();
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                sorted.put(String.valueOf(entry.getKey()), entry.getValue());
            }
            for (Map.Entry<String, Object> entry : sorted.entrySet()) {
                text(entry.getKey());
                mark(':');
                value(entry.getValue());
                mark(',');
            }
            mark('}');
        } else {
            mark('(');
            for (Field f : FIELDS.get(value.getClass())) {
                Object fieldValue;
                try {
                    fieldValue = f.get(value);
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException("cannot read " + f, e);
                }
                if (fieldValue == null || (fieldValue instanceof Map<?, ?> m && m.isEmpty())
                        || (fieldValue instanceof List<?> l && l.isEmpty())) {
                    continue; // absent, empty and null are one state in the API: the hash must not tell them apart
                }
                text(f.getName());
                mark('=');
                value(fieldValue);
                mark(';');
            }
            mark(')');
        }
    }

    private void mark(char c) {
        hash = (hash ^ c) * PRIME;
    }

    private void text(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            hash = (hash ^ (c & 0xff)) * PRIME;
            if (c > 0xff) {
                hash = (hash ^ (c >>> 8)) * PRIME;
            }
        }
    }
}
