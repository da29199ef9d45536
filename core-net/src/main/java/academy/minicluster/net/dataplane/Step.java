package academy.minicluster.net.dataplane;

import academy.minicluster.net.probe.Connection;
import academy.minicluster.net.trace.Hop;
import java.util.List;

/**
 * What one stage of the walk decided about a packet: it goes on (possibly rewritten) to the next stage, or the walk
 * ends here, with a server that accepted the connection or with the way it failed. Each stage adds its decisions to
 * the connection's hops.
 */
sealed interface Step {

    /** The packet goes on to the next stage. */
    record Continue(Packet packet) implements Step {
    }

    /** The connection is established with {@code server}, which sees it as {@code peer}. */
    record Accepted(Server server, Server.Peer peer) implements Step {
    }

    /** The connection failed: refused, timed out (dropped, or a policy's verdict) or no route. */
    record Failed(Connection.Outcome outcome) implements Step {
    }

    Failed REFUSED = new Failed(Connection.Outcome.REFUSED);
    Failed TIMEOUT = new Failed(Connection.Outcome.TIMEOUT);
    Failed NO_ROUTE = new Failed(Connection.Outcome.NO_ROUTE);

    /** One stage of the walk: the packet as it arrives, and the connection's hops to add its decisions to. */
    @FunctionalInterface
    interface Stage {
        Step decide(Packet packet, List<Hop> hops);
    }

    /** The next stage's decision when the packet goes on; this one's when the walk ended here. */
    default Step then(Stage next, List<Hop> hops) {
        return this instanceof Continue c ? next.decide(c.packet(), hops) : this;
    }
}
