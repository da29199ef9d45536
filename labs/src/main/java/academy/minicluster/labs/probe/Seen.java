package academy.minicluster.labs.probe;

import academy.minicluster.net.api.ObjectRef;
import academy.minicluster.net.probe.Connection;
import academy.minicluster.net.probe.Observation;
import academy.minicluster.net.probe.Observation.Connect;
import academy.minicluster.net.probe.Observation.DnsAnswer;
import academy.minicluster.net.probe.Observation.HttpExchange;
import academy.minicluster.net.shell.ShellResult;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How far a probe got, read from what its tool observed ({@link ShellResult#observations()}), never from its text:
 * the last HTTP exchange, else the last connection, else the last DNS answer. Every verdict a probing check takes
 * is taken from one of these, so it is what the learner's own {@code curl}, {@code nc} or {@code nslookup} saw.
 *
 * @param reply    how the probe ended
 * @param status   the HTTP status, 0 when there was no HTTP answer
 * @param servedBy the pod that answered an HTTP request
 */
public record Seen(Reply reply, int status, Optional<ObjectRef> servedBy) {

    public Seen {
        Objects.requireNonNull(reply, "reply");
        Objects.requireNonNull(servedBy, "servedBy");
    }

    /** How a probe ended. */
    public enum Reply {
        /** A connection was established (and, for HTTP, an answer came back). */
        CONNECTS("connects"),
        /** An HTTP request over an established connection got no answer ("Empty reply from server"). */
        NO_REPLY("connects but gets no reply"),
        /** Connection refused: a reset or kube-proxy's REJECT. */
        REFUSED("is refused"),
        /** Nothing came back: dropped by a NetworkPolicy, or a silent address. */
        TIMES_OUT("times out"),
        /** No route to host. */
        NO_ROUTE("has no route"),
        /** A lookup answered: the name exists. */
        RESOLVES("resolves"),
        /** A lookup answered NXDOMAIN, or had no address: the name does not exist. */
        UNRESOLVED("does not resolve"),
        /** The tool sent nothing: it is missing from the image, or its command line is wrong. */
        NOT_RUN("could not be probed");

        private final String words;

        Reply(String words) {
            this.words = words;
        }

        /** What a learner reads: "from shop/other to api:8080 yours {@code is refused}". */
        public String words() {
            return words;
        }

        /** How a connection attempt ended, as {@code nc} and {@code curl} report it. */
        public static Reply of(Connection.Outcome outcome) {
            return switch (outcome) {
                case ESTABLISHED -> CONNECTS;
                case REFUSED -> REFUSED;
                case TIMEOUT -> TIMES_OUT;
                case NO_ROUTE -> NO_ROUTE;
            };
        }
    }

    public static Seen of(ShellResult result) {
        return of(result.observations());
    }

    public static Seen of(List<Observation> observations) {
        for (int i = observations.size() - 1; i >= 0; i--) {
            if (observations.get(i) instanceof HttpExchange h) {
                return h.response().isPresent() ? new Seen(Reply.CONNECTS, h.status(), h.servedBy())
                        : new Seen(Reply.NO_REPLY, 0, Optional.empty());
            }
        }
        for (int i = observations.size() - 1; i >= 0; i--) {
            if (observations.get(i) instanceof Connect c) {
                return new Seen(Reply.of(c.outcome()), 0, Optional.empty());
            }
        }
        boolean asked = false;
        boolean answered = false;
        for (Observation o : observations) {
            if (o instanceof DnsAnswer d) {
                asked = true;
                if (d.answer() == DnsAnswer.Answer.NOERROR && !d.records().isEmpty()) {
                    return new Seen(Reply.RESOLVES, 0, Optional.empty());
                }
                answered |= d.answer() != DnsAnswer.Answer.TIMED_OUT;
            }
        }
        if (asked) {
            return new Seen(answered ? Reply.UNRESOLVED : Reply.TIMES_OUT, 0, Optional.empty());
        }
        return new Seen(Reply.NOT_RUN, 0, Optional.empty());
    }

    /** Whether the probe got through: a connection, an HTTP answer, a DNS answer. */
    public boolean reached() {
        return reply == Reply.CONNECTS || reply == Reply.RESOLVES || reply == Reply.UNRESOLVED;
    }
}
