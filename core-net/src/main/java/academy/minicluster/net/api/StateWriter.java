package academy.minicluster.net.api;

import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;

/**
 * Writes a cluster's state as bytes, to be read back by {@link StateReader} into a cluster that answers every later
 * command exactly as the written one would (see {@code Cluster.restore}). The parts of a cluster write themselves
 * in a fixed order, each what its fork copies ({@code copyStateFrom}); Kubernetes objects are written field by field
 * as {@link ObjectCopier} copies them, so a restored object is what a fork's copy of it would be.
 *
 * <p>Strings and class names are written once and then referred to by number: labels, kinds and namespaces repeat
 * on every object. The bytes are the same for the same state.
 */
public final class StateWriter {

    static final int NULL = 0;
    static final int STRING = 1;
    static final int INT = 2;
    static final int LONG = 3;
    static final int TRUE = 4;
    static final int FALSE = 5;
    static final int DOUBLE = 6;
    static final int ENUM = 7;
    static final int LIST = 8;
    static final int MAP = 9;
    static final int SORTED_MAP = 10;
    static final int SET = 11;
    static final int OBJECT = 12;

    private byte[] buffer = new byte[16 * 1024];
    private int size;
    private final Map<String, Integer> strings = new HashMap<>();

    public void writeLong(long value) {
        // zig-zag varint: small counters and revisions take one to three bytes
        long v = (value << 1) ^ (value >> 63);
        while ((v & ~0x7FL) != 0) {
            writeByte((int) ((v & 0x7F) | 0x80));
            v >>>= 7;
        }
        writeByte((int) v);
    }

    public void writeInt(int value) {
        writeLong(value);
    }

    public void writeBoolean(boolean value) {
        writeByte(value ? 1 : 0);
    }

    /** A string, or null. */
    public void writeString(String value) {
        if (value == null) {
            writeLong(-1);
            return;
        }
        Integer known = strings.get(value);
        if (known != null) {
            writeLong(known);
            return;
        }
        strings.put(value, strings.size());
        writeLong(strings.size() - 1);
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        writeLong(utf8.length);
        ensure(utf8.length);
        System.arraycopy(utf8, 0, buffer, size, utf8.length);
        size += utf8.length;
    }

    /** Strings in order (a list, or a set in its iteration order). */
    public void writeStrings(Collection<String> values) {
        writeInt(values.size());
        for (String v : values) {
            writeString(v);
        }
    }

    /** A map of strings, in its iteration order. */
    public void writeStringMap(Map<String, String> values) {
        writeInt(values.size());
        for (Map.Entry<String, String> e : values.entrySet()) {
            writeString(e.getKey());
            writeString(e.getValue());
        }
    }

    /** A key and its value, in the map's iteration order. */
    public void writeStringIntMap(Map<String, Integer> values) {
        writeInt(values.size());
        for (Map.Entry<String, Integer> e : values.entrySet()) {
            writeString(e.getKey());
            writeInt(e.getValue());
        }
    }

    /** A key and its value, in the map's iteration order. */
    public void writeStringLongMap(Map<String, Long> values) {
        writeInt(values.size());
        for (Map.Entry<String, Long> e : values.entrySet()) {
            writeString(e.getKey());
            writeLong(e.getValue());
        }
    }

    public void writeObjectKeys(Collection<ObjectKey> keys) {
        writeInt(keys.size());
        for (ObjectKey k : keys) {
            writeString(k.kind());
            writeString(k.namespace());
            writeString(k.name());
        }
    }

    /**
     * A Kubernetes object (a fabric8 model object) or a value inside one: what {@link ObjectCopier#deepCopy} copies,
     * written the way it copies it (lists, maps, sorted maps and sets with their order; fabric8 objects field by
     * field); anything else is refused, as the copier refuses it.
     */
    public void writeObject(Object value) {
        if (value == null) {
            writeByte(NULL);
        } else if (value instanceof String s) {
            writeByte(STRING);
            writeString(s);
        } else if (value instanceof Integer i) {
            writeByte(INT);
            writeLong(i);
        } else if (value instanceof Long l) {
            writeByte(LONG);
            writeLong(l);
        } else if (value instanceof Boolean b) {
            writeByte(b ? TRUE : FALSE);
        } else if (value instanceof Double d) {
            writeByte(DOUBLE);
            writeLong(Double.doubleToRawLongBits(d));
        } else if (value instanceof Enum<?> e) {
            writeByte(ENUM);
            writeString(e.getDeclaringClass().getName());
            writeString(e.name());
        } else if (value instanceof List<?> list) {
            writeByte(LIST);
            writeInt(list.size());
            for (Object element : list) {
                writeObject(element);
            }
        } else if (value instanceof Map<?, ?> map) {
            if (map instanceof SortedMap<?, ?> sorted && sorted.comparator() != null) {
                throw new IllegalArgumentException("cannot write a map sorted by " + sorted.comparator());
            }
            writeByte(map instanceof SortedMap<?, ?> ? SORTED_MAP : MAP);
            writeInt(map.size());
            for (Map.Entry<?, ?> e : map.entrySet()) {
                writeObject(e.getKey());
                writeObject(e.getValue());
            }
        } else if (value instanceof Set<?> set) {
            writeByte(SET);
            writeInt(set.size());
            for (Object element : set) {
                writeObject(element);
            }
        } else if (value instanceof Collection<?> || value.getClass().isArray()) {
            throw new IllegalArgumentException("cannot write a " + value.getClass().getName());
        } else {
            writeByte(OBJECT);
            writeString(value.getClass().getName());
            try {
                for (Field f : ObjectCopier.shape(value.getClass()).fields()) {
                    writeObject(f.get(value));
                }
            } catch (IllegalAccessException e) {
                throw new IllegalStateException("cannot write a " + value.getClass().getName(), e);
            }
        }
    }

    /** What was written, in order. */
    public byte[] toByteArray() {
        return Arrays.copyOf(buffer, size);
    }

    private void writeByte(int b) {
        ensure(1);
        buffer[size++] = (byte) b;
    }

    private void ensure(int more) {
        if (size + more > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, size + more));
        }
    }
}
