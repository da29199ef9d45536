package academy.minicluster.net.api;

import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Deep copies of Kubernetes objects (fabric8 model classes), field by field: what {@link academy.minicluster.net.Cluster#fork}
 * needs to give a forked cluster objects of its own, since controllers write status into stored objects in place.
 *
 * <p>fabric8's own way, {@code object.edit().build()}, copies just as deeply but through a builder per nested object,
 * about ten times slower; this copier reads and writes the fields of each class, found once per class. Values that
 * cannot change (strings, boxed numbers, booleans, enums) are shared; lists, sets and maps are copied with their
 * order; any other object is copied field by field, so a type this class does not know fails loudly rather than
 * being shared between two clusters.
 */
public final class ObjectCopier {

    /** How to make and fill an object of one class, found once per class. */
    record Shape(Constructor<?> constructor, Field[] fields) {
    }

    /** How objects of {@code type} are made and filled (the state writer and reader walk them the same way). */
    static Shape shape(Class<?> type) {
        return SHAPES.get(type);
    }

    private static final ClassValue<Shape> SHAPES = new ClassValue<>() {
        @Override
        protected Shape computeValue(Class<?> type) {
            if (!type.getName().startsWith("io.fabric8.")) {
                throw new IllegalArgumentException("cannot copy a " + type.getName() + ": not a Kubernetes object");
            }
            List<Field> fields = new ArrayList<>();
            for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
                for (Field f : c.getDeclaredFields()) {
                    if (!Modifier.isStatic(f.getModifiers())) {
                        f.setAccessible(true);
                        fields.add(f);
                    }
                }
            }
            // Made without running the class's constructor: fabric8's constructors allocate a dozen empty lists and
            // maps that the copy would overwrite at once (every field is copied).
            Constructor<?> constructor = sun.reflect.ReflectionFactory.getReflectionFactory()
                    .newConstructorForSerialization(type, OBJECT_CONSTRUCTOR);
            return new Shape(constructor, fields.toArray(Field[]::new));
        }
    };

    private static final Constructor<Object> OBJECT_CONSTRUCTOR;

    static {
        try {
            OBJECT_CONSTRUCTOR = Object.class.getDeclaredConstructor();
        } catch (NoSuchMethodException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private ObjectCopier() {
    }

    /**
     * The instance fields of a fabric8 class and its superclasses, made accessible, as this copier reads them
     * (for code that walks objects the same way, such as the pod-template hash). A new array on every call.
     */
    public static Field[] fields(Class<?> type) {
        return SHAPES.get(type).fields().clone();
    }

    /** A copy of {@code object} that shares nothing mutable with it. */
    @SuppressWarnings("unchecked")
    public static <T> T deepCopy(T object) {
        return (T) copy(object);
    }

    private static Object copy(Object value) {
        if (value == null || isImmutable(value)) {
            return value;
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            for (Object element : list) {
                copy.add(copy(element));
            }
            return copy;
        }
        if (value instanceof Map<?, ?> map) {
            Map<Object, Object> copy = map instanceof SortedMap<?, ?> sorted
                    ? new TreeMap<>((java.util.Comparator<Object>) sorted.comparator()) : new LinkedHashMap<>(map.size() * 2);
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                copy.put(entry.getKey(), copy(entry.getValue()));
            }
            return copy;
        }
        if (value instanceof Set<?> set) {
            Set<Object> copy = new LinkedHashSet<>();
            for (Object element : set) {
                copy.add(copy(element));
            }
            return copy;
        }
        if (value instanceof Collection<?> || value.getClass().isArray()) {
            throw new IllegalArgumentException("cannot copy a " + value.getClass().getName());
        }
        return copyFields(value);
    }

    private static Object copyFields(Object value) {
        Shape shape = SHAPES.get(value.getClass());
        try {
            Object copy = shape.constructor().newInstance();
            for (Field f : shape.fields()) {
                f.set(copy, copy(f.get(value)));
            }
            return copy;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot copy a " + value.getClass().getName(), e);
        }
    }

    private static boolean isImmutable(Object value) {
        return value instanceof String || value instanceof Integer || value instanceof Long
                || value instanceof Boolean || value instanceof Double || value instanceof Enum<?>;
    }
}
