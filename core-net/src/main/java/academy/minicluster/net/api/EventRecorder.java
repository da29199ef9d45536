package academy.minicluster.net.api;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventSource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectReference;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Set;
import java.util.List;
import java.util.Map;

/**
 * What the controllers did, as {@code kubectl get events} and {@code kubectl describe} show it. Repeats of the same
 * reason and message on the same object are counted, not duplicated, as the real event recorder aggregates them.
 */
public final class EventRecorder {

    private final List<Event> events = new ArrayList<>();
    /** The event of each (object, reason, message), for counting repeats without scanning every event. */
    private final Map<String, Event> byKey = new HashMap<>();
    private final SimulatedClock clock;
    private long counter;

    /** Events shared with a forked recorder: copied before a repeat counts on them. */
    private final Set<Event> shared = Collections.newSetFromMap(new IdentityHashMap<>());
    private boolean frozen;

    public EventRecorder(SimulatedClock clock) {
        this.clock = clock;
    }

    /** The same events for a forked cluster; an event is copied only when one of the two counts a repeat on it. */
    public EventRecorder fork(SimulatedClock forkClock) {
        EventRecorder fork = new EventRecorder(forkClock);
        fork.events.addAll(events);
        fork.byKey.putAll(byKey);
        fork.counter = counter;
        fork.shared.addAll(events);
        if (!frozen) {
            shared.addAll(events);
        }
        return fork;
    }

    /** Writes what {@link #fork} copies: the events, oldest first, and the name counter. */
    public void writeState(StateWriter out) {
        out.writeLong(counter);
        out.writeInt(events.size());
        for (Event e : events) {
            out.writeObject(e);
        }
    }

    /**
     * Reads what {@link #writeState} wrote into this new, empty recorder; an event equal to {@code base}'s at the
     * same place is shared with it (a frozen recorder) and copied when a repeat counts on it, as a fork's are.
     */
    public void readState(StateReader in, EventRecorder base) {
        if (!base.frozen) {
            throw new IllegalStateException("events are shared only with a frozen recorder");
        }
        if (!events.isEmpty() || frozen) {
            throw new IllegalStateException("a state is read into a new event recorder");
        }
        counter = in.readLong();
        int n = in.readInt();
        for (int i = 0; i < n; i++) {
            if (!(in.readObject() instanceof Event read)) {
                throw new IllegalArgumentException("malformed cluster state: not an event");
            }
            Event event = read;
            if (i < base.events.size() && base.events.get(i).equals(read)) {
                event = base.events.get(i);
                shared.add(event);
            }
            events.add(event);
            // The key record() counts repeats by: the involved object, the reason and the message.
            byKey.put(key(event.getInvolvedObject().getKind(), event.getMetadata().getNamespace(),
                    event.getInvolvedObject().getName(), event.getReason(), event.getMessage()), event);
        }
    }

    private static String key(String kind, String namespace, String name, String reason, String message) {
        return kind + '\0' + namespace + '\0' + name + '\0' + reason + '\0' + message;
    }

    /** From now on this recorder is only forked, possibly from several threads. */
    public void freeze() {
        frozen = true;
    }

    public void normal(HasMetadata object, String reason, String component, String message) {
        record(object, "Normal", reason, component, message);
    }

    public void warning(HasMetadata object, String reason, String component, String message) {
        record(object, "Warning", reason, component, message);
    }

    private void record(HasMetadata object, String type, String reason, String component, String message) {
        String kind = object.getKind();
        String namespace = object.getMetadata().getNamespace() == null ? "default" : object.getMetadata().getNamespace();
        String name = object.getMetadata().getName();
        String key = key(kind, namespace, name, reason, message);
        if (frozen) {
            throw new IllegalStateException("a frozen event recorder is only forked");
        }
        Event repeated = byKey.get(key);
        if (repeated != null && !shared.isEmpty() && shared.remove(repeated)) {
            Event copy = ObjectCopier.deepCopy(repeated);
            for (int i = events.size() - 1; i >= 0; i--) {
                if (events.get(i) == repeated) {
                    events.set(i, copy);
                    break;
                }
            }
            byKey.put(key, copy);
            repeated = copy;
        }
        if (repeated != null) {
            repeated.setCount(repeated.getCount() + 1);
            repeated.setLastTimestamp(clock.timestamp());
            return;
        }
        // Set field by field rather than through EventBuilder: the kubelet records several events per pod.
        String now = clock.timestamp();
        ObjectMeta meta = new ObjectMeta();
        meta.setName(name + "." + Long.toHexString(0x18000000L + ++counter));
        meta.setNamespace(namespace);
        meta.setCreationTimestamp(now);
        ObjectReference involved = new ObjectReference();
        involved.setKind(kind);
        involved.setName(name);
        involved.setNamespace(object.getMetadata().getNamespace());
        involved.setUid(object.getMetadata().getUid());
        involved.setApiVersion(object.getApiVersion());
        EventSource source = new EventSource();
        source.setComponent(component);
        Event event = new Event();
        event.setMetadata(meta);
        event.setInvolvedObject(involved);
        event.setType(type);
        event.setReason(reason);
        event.setMessage(message);
        event.setSource(source);
        event.setFirstTimestamp(now);
        event.setLastTimestamp(now);
        event.setCount(1);
        events.add(event);
        byKey.put(key, event);
    }

    /** All events, oldest first. */
    public List<Event> all() {
        return List.copyOf(events);
    }

    /** Events about one object, oldest first. */
    public List<Event> about(String kind, String namespace, String name) {
        List<Event> result = new ArrayList<>();
        for (Event e : events) {
            if (e.getInvolvedObject().getKind().equals(kind) && e.getInvolvedObject().getName().equals(name)
                    && (namespace == null || namespace.equals(e.getMetadata().getNamespace()))) {
                result.add(e);
            }
        }
        return result;
    }
}
