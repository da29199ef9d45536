package academy.minicluster.net.trace;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * The path of one connection so far, hop after hop, as the servers it reaches add to it. Append-only: a server adds
 * what it decided (the Ingress rule, the upstream it proxied to) and can neither remove nor rewrite a hop another
 * stage took, and a client learns what one exchange added with {@link #mark()} before it and {@link #since(Mark)}
 * after.
 */
public final class Trace {

    private final List<Hop> hops;

    private Trace(List<Hop> hops) {
        this.hops = hops;
    }

    /** A trace that starts with {@code path} (copied: the trace grows, the given list does not). */
    public static Trace startingWith(List<Hop> path) {
        return new Trace(new ArrayList<>(path));
    }

    public void add(Hop hop) {
        hops.add(Objects.requireNonNull(hop, "hop"));
    }

    public void addAll(List<Hop> path) {
        hops.addAll(path);
    }

    /** The hops so far, in order: a read-only view that grows with the trace. */
    public List<Hop> hops() {
        return Collections.unmodifiableList(hops);
    }

    /** Where the trace ends now; {@link #since(Mark)} it is what was added afterwards. */
    public Mark mark() {
        return new Mark(hops.size());
    }

    /** The hops added after {@code mark} was taken, in order: a read-only view, to be read before the trace grows. */
    public List<Hop> since(Mark mark) {
        return Collections.unmodifiableList(hops.subList(mark.position(), hops.size()));
    }

    /**
     * A point in a path: the number of hops it held when the mark was taken. Valid for the path it was taken on,
     * which only grows.
     */
    public record Mark(int position) {

        public Mark {
            if (position < 0) {
                throw new IllegalArgumentException("position " + position + " < 0");
            }
        }

        /** The hops of {@code path} after this mark: what an exchange added to a connection's path. */
        public List<Hop> in(List<Hop> path) {
            return path.subList(Math.min(position, path.size()), path.size());
        }
    }
}
