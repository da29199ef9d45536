package academy.minicluster.net.api;

import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Reads what {@link StateWriter} wrote, in the same order. Objects come back as {@link ObjectCopier} would have
 * copied them: lists as {@code ArrayList}, maps as {@code LinkedHashMap} (sorted ones as {@code TreeMap}), sets as
 * {@code LinkedHashSet}, fabric8 objects field by field. Only fabric8 classes are made, whatever the bytes say.
 *
 * @throws IllegalArgumentException from every method, when the bytes are not a state this version wrote
 */
public final class StateReader {

    private final byte[] bytes;
    private int at;
    private final List<String> strings = new ArrayList<>();

    public StateReader(byte[] bytes) {
        this.bytes = bytes;
    }

    public long readLong() {
        long v = 0;
        int shift = 0;
        while (true) {
            int b = readByte();
            v |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                break;
            }
            shift += 7;
            if (shift > 63) {
                throw new IllegalArgumentException("malformed cluster state: a number longer than 64 bits");
            }
        }
        return (v >>> 1) ^ -(v & 1);
    }

    public int readInt() {
        return Math.toIntExact(readLong());
    }

    public boolean readBoolean() {
        return readByte() != 0;
    }

    public String readString() {
        long id = readLong();
        if (id < 0) {
            return null;
        }
        if (id < strings.size()) {
            return strings.get((int) id);
        }
        if (id != strings.size()) {
            throw new IllegalArgumentException("malformed cluster state: string " + id + " out of order");
        }
        int length = readInt();
        if (length < 0 || length > bytes.length - at) {
            throw new IllegalArgumentException("malformed cluster state: a string of " + length + " bytes");
        }
        String s = new String(bytes, at, length, StandardCharsets.UTF_8);
        at += length;
        strings.add(s);
        return s;
    }

    /** Strings into {@code into}, in the order written. */
    public <C extends Collection<String>> C readStrings(C into) {
        int n = readCount();
        for (int i = 0; i < n; i++) {
            into.add(readString());
        }
        return into;
    }

    public <M extends Map<String, String>> M readStringMap(M into) {
        int n = readCount();
        for (int i = 0; i < n; i++) {
            into.put(readString(), readString());
        }
        return into;
    }

    public <M extends Map<String, Integer>> M readStringIntMap(M into) {
        int n = readCount();
        for (int i = 0; i < n; i++) {
            into.put(readString(), readInt());
        }
        return into;
    }

    public <M extends Map<String, Long>> M readStringLongMap(M into) {
        int n = readCount();
        for (int i = 0; i < n; i++) {
            into.put(readString(), readLong());
        }
        return into;
    }

    public <C extends Collection<ObjectKey>> C readObjectKeys(C into) {
        int n = readCount();
        for (int i = 0; i < n; i++) {
            into.add(new ObjectKey(readString(), readString(), readString()));
        }
        return into;
    }

    /** A value {@link StateWriter#writeObject} wrote. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public Object readObject() {
        int tag = readByte();
        switch (tag) {
            case StateWriter.NULL:
                return null;
            case StateWriter.STRING:
                return readString();
            case StateWriter.INT:
                return readInt();
            case StateWriter.LONG:
                return readLong();
            case StateWriter.TRUE:
                return Boolean.TRUE;
            case StateWriter.FALSE:
                return Boolean.FALSE;
            case StateWriter.DOUBLE:
                return Double.longBitsToDouble(readLong());
            case StateWriter.ENUM: {
                Class<?> type = fabric8Class(readString());
                String name = readString();
                if (!type.isEnum()) {
                    throw new IllegalArgumentException("malformed cluster state: " + type.getName() + " is no enum");
                }
                return Enum.valueOf((Class) type, name);
            }
            case StateWriter.LIST: {
                int n = readCount();
                List<Object> list = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    list.add(readObject());
                }
                return list;
            }
            case StateWriter.MAP:
            case StateWriter.SORTED_MAP: {
                int n = readCount();
                Map<Object, Object> map = tag == StateWriter.MAP ? new LinkedHashMap<>(n * 2) : new TreeMap<>();
                for (int i = 0; i < n; i++) {
                    Object key = readObject();
                    map.put(key, readObject());
                }
                return map;
            }
            case StateWriter.SET: {
                int n = readCount();
                Set<Object> set = new LinkedHashSet<>();
                for (int i = 0; i < n; i++) {
                    set.add(readObject());
                }
                return set;
            }
            case StateWriter.OBJECT: {
                String name = readString();
                ObjectCopier.Shape shape = ObjectCopier.shape(fabric8Class(name));
                try {
                    Object object = shape.constructor().newInstance();
                    for (Field f : shape.fields()) {
                        f.set(object, readObject());
                    }
                    return object;
                } catch (ReflectiveOperationException | IllegalArgumentException e) {
                    throw new IllegalArgumentException("malformed cluster state: cannot read a " + name, e);
                }
            }
            default:
                throw new IllegalArgumentException("malformed cluster state: unknown tag " + tag);
        }
    }

    /** Whether every byte was read: a state read to its end and no further is whole. */
    public boolean atEnd() {
        return at == bytes.length;
    }

    private int readCount() {
        int n = readInt();
        if (n < 0 || n > bytes.length - at) {
            // every element takes at least one byte
            throw new IllegalArgumentException("malformed cluster state: a count of " + n);
        }
        return n;
    }

    private static Class<?> fabric8Class(String name) {
        if (name == null || !name.startsWith("io.fabric8.")) {
            throw new IllegalArgumentException("malformed cluster state: " + name + " is not a Kubernetes object");
        }
        try {
            return Class.forName(name, false, StateReader.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalArgumentException("malformed cluster state: no class " + name, e);
        }
    }

    private int readByte() {
        if (at >= bytes.length) {
            throw new IllegalArgumentException("malformed cluster state: it ends too early");
        }
        return bytes[at++] & 0xFF;
    }
}
