package academy.minicluster.net.api;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
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
        String key = kind + '\0' + namespace + '\0' + name + '\0' + reason + '\0' + message;
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
        Event event = new EventBuilder()
                .withNewMetadata().withName(name + "." + Long.toHexString(0x18000000L + ++counter))
                .withNamespace(namespace).withCreationTimestamp(clock.timestamp()).endMetadata()
                .withNewInvolvedObject().withKind(kind).withName(name).withNamespace(object.getMetadata().getNamespace())
                .withUid(object.getMetadata().getUid()).withApiVersion(object.getApiVersion()).endInvolvedObject()
                .withType(type).withReason(reason).withMessage(message)
                .withNewSource().withComponent(component).endSource()
                .withFirstTimestamp(clock.timestamp()).withLastTimestamp(clock.timestamp()).withCount(1)
                .build();
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
