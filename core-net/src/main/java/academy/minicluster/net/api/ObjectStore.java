package academy.minicluster.net.api;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Set;
import java.util.SortedMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;

/**
 * The cluster's objects, as etcd holds them behind kube-apiserver: one map per kind, sorted by namespace and name so
 * every listing comes out in the same order. Writing stamps what the API server stamps: uid, resourceVersion,
 * creationTimestamp and generation, all from counters and the simulated clock.
 *
 * <p>The store does no validation: {@link ApiServer} decides what may be written; controllers write here directly.
 */
public final class ObjectStore {

    private final Map<String, TreeMap<ObjectKey, HasMetadata>> byKind = new HashMap<>();
    /** kind -> namespace ("" for cluster-scoped) -> the revision of its last write: what changed since when. */
    private final Map<String, Map<String, Long>> changedAt = new HashMap<>();
    /** kind -> the revision of its last write in any namespace: most controller runs ask and find nothing new. */
    private final Map<String, Long> kindChangedAt = new HashMap<>();
    /** The revision of the last write of any object. */
    private long lastChange = -1;
    private final SimulatedClock clock;
    private long resourceVersion = 1000;
    private long uids;
    /**
     * Objects this store shares with another (the store it was forked from, or its forks): copied on first access,
     * before anyone can write into them. Compared by identity: fabric8 objects compare by value.
     */
    private final Set<HasMetadata> shared = Collections.newSetFromMap(new IdentityHashMap<>());
    /** A frozen store is only ever forked (see {@link academy.minicluster.net.Cluster#snapshot}): nothing writes it. */
    private boolean frozen;

    /** Whether this store is frozen: only ever forked, from any thread (see {@link #freeze}). */
    public boolean frozen() {
        return frozen;
    }

    public ObjectStore(SimulatedClock clock) {
        this.clock = clock;
    }

    /**
     * A store holding the same objects, counters and change records, for a forked cluster. No object is copied
     * now: both stores share them and each copies one the first time it hands it out, so a fork costs what it
     * touches, not what the cluster holds.
     */
    public ObjectStore fork(SimulatedClock forkClock) {
        ObjectStore fork = new ObjectStore(forkClock);
        fork.resourceVersion = resourceVersion;
        fork.uids = uids;
        fork.asideUids = asideUids;
        for (Map.Entry<String, TreeMap<ObjectKey, HasMetadata>> kind : byKind.entrySet()) {
            fork.byKind.put(kind.getKey(), new TreeMap<>(kind.getValue()));
            if (!frozen) {
                shared.addAll(kind.getValue().values());
            }
            fork.shared.addAll(kind.getValue().values());
        }
        changedAt.forEach((kind, namespaces) -> fork.changedAt.put(kind, new HashMap<>(namespaces)));
        fork.kindChangedAt.putAll(kindChangedAt);
        fork.lastChange = lastChange;
        return fork;
    }

    /**
     * Writes what {@link #fork} copies: every object (field by field, see {@link StateWriter#writeObject}), the
     * uid and resourceVersion sequences and the change records. Kinds and namespaces in sorted order, so the same
     * store writes the same bytes.
     */
    public void writeState(StateWriter out) {
        out.writeLong(resourceVersion);
        out.writeLong(uids);
        out.writeLong(lastChange);
        out.writeLong(asideUids);
        List<String> kinds = new ArrayList<>(byKind.keySet());
        Collections.sort(kinds);
        out.writeInt(kinds.size());
        for (String kind : kinds) {
            TreeMap<ObjectKey, HasMetadata> objects = byKind.get(kind);
            out.writeString(kind);
            out.writeInt(objects.size());
            for (Map.Entry<ObjectKey, HasMetadata> e : objects.entrySet()) {
                out.writeString(e.getKey().namespace());
                out.writeString(e.getKey().name());
                out.writeObject(e.getValue());
            }
        }
        List<String> changedKinds = new ArrayList<>(changedAt.keySet());
        Collections.sort(changedKinds);
        out.writeInt(changedKinds.size());
        for (String kind : changedKinds) {
            out.writeString(kind);
            out.writeStringLongMap(new TreeMap<>(changedAt.get(kind)));
        }
        out.writeStringLongMap(new TreeMap<>(kindChangedAt));
    }

    /**
     * Reads what {@link #writeState} wrote into this new, empty store. An object equal to {@code base}'s object of
     * the same key is not kept twice: this store shares {@code base}'s (a frozen store, such as the snapshot a fork
     * would stand on) and copies it on first access, as a fork does, so a restored cluster weighs what a forked one
     * weighs.
     */
    public void readState(StateReader in, ObjectStore base) {
        if (!base.frozen) {
            throw new IllegalStateException("objects are shared only with a frozen store");
        }
        if (!byKind.isEmpty() || frozen) {
            throw new IllegalStateException("a state is read into a new store");
        }
        resourceVersion = in.readLong();
        uids = in.readLong();
        lastChange = in.readLong();
        asideUids = in.readLong();
        int kinds = in.readInt();
        for (int k = 0; k < kinds; k++) {
            String kind = in.readString();
            int n = in.readInt();
            TreeMap<ObjectKey, HasMetadata> objects = new TreeMap<>();
            for (int i = 0; i < n; i++) {
                ObjectKey key = new ObjectKey(kind, in.readString(), in.readString());
                Object object = in.readObject();
                if (!(object instanceof HasMetadata stored)) {
                    throw new IllegalArgumentException("malformed cluster state: " + key + " is not an object");
                }
                TreeMap<ObjectKey, HasMetadata> baseObjects = base.byKind.get(kind);
                HasMetadata same = baseObjects == null ? null : baseObjects.get(key);
                if (same != null && same.equals(stored)) {
                    stored = same;
                    shared.add(same);
                }
                objects.put(key, stored);
            }
            byKind.put(kind, objects);
        }
        int changedKinds = in.readInt();
        for (int k = 0; k < changedKinds; k++) {
            String kind = in.readString();
            changedAt.put(kind, in.readStringLongMap(new HashMap<>()));
        }
        in.readStringLongMap(kindChangedAt);
    }

    /** From now on this store is only forked: the forks may read its objects from any thread. */
    public void freeze() {
        frozen = true;
    }

    /** The object stored under {@code key}, made this store's own first if it is shared. */
    private HasMetadata own(TreeMap<ObjectKey, HasMetadata> objects, ObjectKey key, HasMetadata object) {
        HasMetadata owned = owned(object);
        if (owned != object) {
            objects.put(key, owned);
        }
        return owned;
    }

    /** {@code object} itself, or, when it is shared with another store, this store's own copy of it. */
    private HasMetadata owned(HasMetadata object) {
        if (object == null || shared.isEmpty() || !shared.remove(object)) {
            return object;
        }
        checkNotFrozen();
        return ObjectCopier.deepCopy(object);
    }

    private void checkNotFrozen() {
        if (frozen) {
            throw new IllegalStateException("a frozen store is only forked");
        }
    }

    /** Every object of the map, in order, each made this store's own. */
    private List<HasMetadata> ownAll(SortedMap<ObjectKey, HasMetadata> objects) {
        List<HasMetadata> result = new ArrayList<>(objects.size());
        for (Map.Entry<ObjectKey, HasMetadata> entry : objects.entrySet()) {
            HasMetadata object = owned(entry.getValue());
            if (object != entry.getValue()) {
                entry.setValue(object);
            }
            result.add(object);
        }
        return result;
    }

    /** How many objects the store holds, of every kind. */
    public int count() {
        int n = 0;
        for (TreeMap<ObjectKey, HasMetadata> objects : byKind.values()) {
            n += objects.size();
        }
        return n;
    }

    /** How many objects of {@code kind} the store holds, in every namespace. */
    public int count(String kind) {
        TreeMap<ObjectKey, HasMetadata> objects = byKind.get(kind);
        return objects == null ? 0 : objects.size();
    }

    /** Grows with every write: the data plane recompiles when it changes. */
    public long revision() {
        return resourceVersion;
    }

    public SimulatedClock clock() {
        return clock;
    }

    public Optional<HasMetadata> get(String kind, String namespace, String name) {
        TreeMap<ObjectKey, HasMetadata> objects = byKind.get(kind);
        if (objects == null) {
            return Optional.empty();
        }
        ObjectKey key = new ObjectKey(kind, namespace, name);
        return Optional.ofNullable(own(objects, key, objects.get(key)));
    }

    public <T extends HasMetadata> Optional<T> get(Class<T> type, String kind, String namespace, String name) {
        return get(kind, namespace, name).filter(type::isInstance).map(type::cast);
    }

    /** All objects of a kind, by namespace then name. */
    public <T extends HasMetadata> List<T> list(Class<T> type, String kind) {
        TreeMap<ObjectKey, HasMetadata> objects = byKind.get(kind);
        if (objects == null) {
            return List.of();
        }
        List<T> result = new ArrayList<>(objects.size());
        for (HasMetadata o : ownAll(objects)) {
            result.add(type.cast(o));
        }
        return result;
    }

    /** Objects of a kind in one namespace, by name. */
    public <T extends HasMetadata> List<T> list(Class<T> type, String kind, String namespace) {
        TreeMap<ObjectKey, HasMetadata> objects = byKind.get(kind);
        if (objects == null) {
            return List.of();
        }
        List<T> result = new ArrayList<>();
        for (HasMetadata o : ownAll(objects.subMap(new ObjectKey(kind, namespace, ""),
                new ObjectKey(kind, namespace + "\0", "")))) {
            result.add(type.cast(o));
        }
        return result;
    }

    /**
     * All objects of a kind, by namespace then name, to read and never to write into: like the objects of a
     * client-go lister's cache, they may be shared with a fork of this cluster, so they cost no copy. Writers use
     * {@link #list} and {@link #get}.
     */
    public <T extends HasMetadata> List<T> listForReading(Class<T> type, String kind) {
        TreeMap<ObjectKey, HasMetadata> objects = byKind.get(kind);
        if (objects == null) {
            return List.of();
        }
        List<T> result = new ArrayList<>(objects.size());
        for (HasMetadata o : objects.values()) {
            result.add(type.cast(o));
        }
        return result;
    }

    /** Objects of a kind in one namespace, by name, to read only (see {@link #listForReading(Class, String)}). */
    public <T extends HasMetadata> List<T> listForReading(Class<T> type, String kind, String namespace) {
        TreeMap<ObjectKey, HasMetadata> objects = byKind.get(kind);
        if (objects == null) {
            return List.of();
        }
        List<T> result = new ArrayList<>();
        for (HasMetadata o : objects.subMap(new ObjectKey(kind, namespace, ""),
                new ObjectKey(kind, namespace + "\0", "")).values()) {
            result.add(type.cast(o));
        }
        return result;
    }

    /** One object, to read only (see {@link #listForReading(Class, String)}). */
    public <T extends HasMetadata> Optional<T> getForReading(Class<T> type, String kind, String namespace,
                                                              String name) {
        TreeMap<ObjectKey, HasMetadata> objects = byKind.get(kind);
        return objects == null ? Optional.empty()
                : Optional.ofNullable(objects.get(new ObjectKey(kind, namespace, name)))
                        .filter(type::isInstance).map(type::cast);
    }

    public List<HasMetadata> listAny(String kind) {
        TreeMap<ObjectKey, HasMetadata> objects = byKind.get(kind);
        return objects == null ? List.of() : Collections.unmodifiableList(ownAll(objects));
    }

    public boolean exists(String kind, String namespace, String name) {
        TreeMap<ObjectKey, HasMetadata> objects = byKind.get(kind);
        return objects != null && objects.containsKey(new ObjectKey(kind, namespace, name));
    }

    /**
     * The kinds whose registry strategy keeps {@code metadata.generation} (kube-apiserver v1.33): the others (Pod,
     * Service, Namespace, Node, Secret, ConfigMap, Endpoints, Event) have none, and {@code -o yaml} shows none.
     */
    private static final java.util.Set<String> GENERATION_TRACKED = java.util.Set.of("Deployment", "ReplicaSet",
            "Ingress", "IngressClass", "NetworkPolicy", "EndpointSlice",
            // custom resources always keep a generation
            "GatewayClass", "Gateway", "HTTPRoute", "GRPCRoute", "ReferenceGrant");

    /** Stores a new object, stamping uid, resourceVersion, creationTimestamp and (where kept) generation. */
    public <T extends HasMetadata> T create(T object) {
        checkNotFrozen();
        ObjectMeta meta = object.getMetadata();
        meta.setUid(nextUid());
        meta.setCreationTimestamp(clock.timestamp());
        meta.setGeneration(GENERATION_TRACKED.contains(object.getKind()) ? 1L : null);
        meta.setResourceVersion(Long.toString(++resourceVersion));
        byKind.computeIfAbsent(object.getKind(), k -> new TreeMap<>()).put(ObjectKey.of(object), object);
        changed(object.getKind(), meta.getNamespace());
        return object;
    }

    /**
     * Runs {@code install} (direct writes to this store, no reconcile in between, of system objects added to the bootstrap after lessons, labs and tests were written
     * against the objects' uids and resourceVersions) and then gives those sequences back, so that every later object
     * gets the uid and resourceVersion it got before. The objects written keep stamps of their own: a uid from a name
     * of its own ({@code minicluster-uid-aside-N}) and the resourceVersion the sequence stood at, so no uid is shared.
     */
    /** How many uids {@link #aside} has given, so that a second call goes on from the first's. */
    private long asideUids;

    public void aside(Runnable install) {
        long uidsBefore = uids;
        long versionBefore = resourceVersion;
        java.util.Set<HasMetadata> before = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        byKind.values().forEach(m -> before.addAll(m.values()));
        install.run();
        for (var m : byKind.values()) {
            for (HasMetadata o : m.values()) {
                if (!before.contains(o)) {
                    o.getMetadata().setUid(UUID.nameUUIDFromBytes(("minicluster-uid-aside-" + (++asideUids))
                            .getBytes(StandardCharsets.UTF_8)).toString());
                    o.getMetadata().setResourceVersion(Long.toString(versionBefore));
                    String ns = o.getMetadata().getNamespace();
                    changedAt.computeIfAbsent(o.getKind(), k -> new HashMap<>()).put(ns == null ? "" : ns,
                            versionBefore);
                    kindChangedAt.put(o.getKind(), versionBefore);
                }
            }
        }
        uids = uidsBefore;
        resourceVersion = versionBefore;
        lastChange = Math.min(lastChange, versionBefore);
    }

    /**
     * Replaces a stored object with a new version of it, keeping what the server owns (uid, creationTimestamp) and
     * bumping generation when the spec changed.
     */
    public <T extends HasMetadata> T update(T object, boolean specChanged) {
        checkNotFrozen();
        ObjectKey key = ObjectKey.of(object);
        HasMetadata old = byKind.getOrDefault(object.getKind(), new TreeMap<>()).get(key);
        if (old != null && old != object && !shared.isEmpty()) {
            shared.remove(old);
        }
        ObjectMeta meta = object.getMetadata();
        if (old != null) {
            meta.setUid(old.getMetadata().getUid());
            meta.setCreationTimestamp(old.getMetadata().getCreationTimestamp());
            if (GENERATION_TRACKED.contains(object.getKind())) {
                long generation = old.getMetadata().getGeneration() == null ? 1 : old.getMetadata().getGeneration();
                meta.setGeneration(specChanged ? generation + 1 : generation);
            } else {
                meta.setGeneration(null);
            }
            if (meta.getDeletionTimestamp() == null) {
                meta.setDeletionTimestamp(old.getMetadata().getDeletionTimestamp());
            }
        }
        meta.setResourceVersion(Long.toString(++resourceVersion));
        byKind.computeIfAbsent(object.getKind(), k -> new TreeMap<>()).put(key, object);
        changed(object.getKind(), meta.getNamespace());
        return object;
    }

    /** Records that a stored object changed in place (status written by a controller). */
    /** Moves the simulated clock one second: every API write takes a second of cluster time. */
    public void tick() {
        clock.tick();
    }

    public void touch(HasMetadata object) {
        object.getMetadata().setResourceVersion(Long.toString(++resourceVersion));
        changed(object.getKind(), object.getMetadata().getNamespace());
    }

    /** Removes an object; what comes back is the removed object, to read only (it may be shared with a fork). */
    public Optional<HasMetadata> remove(String kind, String namespace, String name) {
        TreeMap<ObjectKey, HasMetadata> objects = byKind.get(kind);
        if (objects == null) {
            return Optional.empty();
        }
        checkNotFrozen();
        // Not copied, even when shared with another store: it leaves this store, and the caller only reads it.
        HasMetadata removed = objects.remove(new ObjectKey(kind, namespace, name));
        if (removed != null) {
            if (!shared.isEmpty()) {
                shared.remove(removed);
            }
            resourceVersion++;
            changed(kind, namespace);
        }
        return Optional.ofNullable(removed);
    }

    private void changed(String kind, String namespace) {
        changedAt.computeIfAbsent(kind, k -> new HashMap<>()).put(namespace == null ? "" : namespace, resourceVersion);
        kindChangedAt.put(kind, resourceVersion);
        lastChange = resourceVersion;
    }

    /**
     * The revision of the last write (create, update, touch or remove) of an object of {@code kind} in
     * {@code namespace} ("" for cluster-scoped), or -1 when there was none. Like {@link #changedSince}, it lets a
     * controller skip work whose inputs were not written; it is no part of what the cluster shows.
     */
    public long lastWrite(String kind, String namespace) {
        Map<String, Long> namespaces = changedAt.get(kind);
        Long at = namespaces == null ? null : namespaces.get(namespace == null ? "" : namespace);
        return at == null ? -1 : at;
    }

    /**
     * Whether an object of one of {@code kinds} was written (created, updated, touched or removed) after
     * {@link #revision()} was {@code since}. Controllers and the data plane use it to skip work whose inputs did not
     * change; it is no part of what the cluster shows.
     */
    public boolean changedSince(long since, Collection<String> kinds) {
        for (String kind : kinds) {
            Long at = kindChangedAt.get(kind);
            if (at != null && at > since) {
                return true;
            }
        }
        return false;
    }


    /**
     * The namespaces ("" for cluster-scoped objects) in which an object of one of {@code kinds} (any kind when
     * null) was written after {@link #revision()} was {@code since}, sorted as listings are.
     */
    public SortedSet<String> namespacesChangedSince(long since, Collection<String> kinds) {
        SortedSet<String> result = new TreeSet<>();
        if (kinds == null ? lastChange <= since : !changedSince(since, kinds)) {
            return result;
        }
        for (Map.Entry<String, Map<String, Long>> kind : changedAt.entrySet()) {
            if (kinds != null && !kinds.contains(kind.getKey())) {
                continue;
            }
            for (Map.Entry<String, Long> namespace : kind.getValue().entrySet()) {
                if (namespace.getValue() > since) {
                    result.add(namespace.getKey());
                }
            }
        }
        return result;
    }

    /**
     * {@code UUID.nameUUIDFromBytes("minicluster-uid-N")}, computed without its per-call {@code MessageDigest} lookup
     * (a security-provider search that cost more than the hash): a version 3 UUID from the MD5 of the name.
     */
    private String nextUid() {
        byte[] md5 = md5(("minicluster-uid-" + (++uids)).getBytes(StandardCharsets.UTF_8));
        md5[6] = (byte) ((md5[6] & 0x0f) | 0x30);
        md5[8] = (byte) ((md5[8] & 0x3f) | 0x80);
        long msb = 0;
        long lsb = 0;
        for (int i = 0; i < 8; i++) {
            msb = (msb << 8) | (md5[i] & 0xff);
            lsb = (lsb << 8) | (md5[i + 8] & 0xff);
        }
        return new UUID(msb, lsb).toString();
    }

    private static final MessageDigest MD5_PROTOTYPE;

    static {
        try {
            MD5_PROTOTYPE = MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new InternalError("MD5 not supported", e);
        }
    }

    private static byte[] md5(byte[] input) {
        try {
            return ((MessageDigest) MD5_PROTOTYPE.clone()).digest(input);
        } catch (CloneNotSupportedException e) {
            throw new InternalError("MD5 digest not cloneable", e);
        }
    }
}
