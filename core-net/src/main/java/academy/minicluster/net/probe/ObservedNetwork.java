package academy.minicluster.net.probe;

import academy.minicluster.net.trace.Hop;
import academy.minicluster.net.trace.Trace;
import academy.minicluster.net.wire.HttpRequest;
import academy.minicluster.net.wire.HttpResponse;
import academy.minicluster.net.wire.Protocol;
import academy.minicluster.net.wire.RecordType;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A {@link NetworkView} that keeps, as {@link Observation}s, everything a tool received through it: the values the
 * tool prints its output from. One is made per tool run; the tool is unaware of it.
 */
public final class ObservedNetwork implements NetworkView {

    private final NetworkView network;
    private final List<Observation> observations = new ArrayList<>();

    public ObservedNetwork(NetworkView network) {
        this.network = network;
    }

    /** What was observed so far, in order. */
    public List<Observation> observations() {
        return List.copyOf(observations);
    }

    @Override
    public ClientHost client() {
        return network.client();
    }

    @Override
    public java.util.List<String> mainProcess() {
        return network.mainProcess();
    }

    @Override
    public DnsExchange query(String nameserver, String name, RecordType type) {
        DnsExchange exchange = network.query(nameserver, name, type);
        observations.add(Observation.DnsAnswer.of(nameserver, name, type, exchange));
        return exchange;
    }

    @Override
    public Connection connect(String ip, int port, Protocol protocol) {
        Connection c = network.connect(ip, port, protocol);
        observations.add(new Observation.Connect(ip, port, protocol, c.outcome(), c.hops()));
        return new Observed(c, ip + ":" + port);
    }

    /** A connection whose exchanges are observed; everything else is the connection's own. */
    private final class Observed implements Connection {
        private final Connection connection;
        private final String address;

        Observed(Connection connection, String address) {
            this.connection = connection;
            this.address = address;
        }

        @Override
        public Outcome outcome() {
            return connection.outcome();
        }

        @Override
        public List<Hop> hops() {
            return connection.hops();
        }

        @Override
        public Trace.Mark mark() {
            return connection.mark();
        }

        @Override
        public List<Hop> hopsSince(Trace.Mark mark) {
            return connection.hopsSince(mark);
        }

        @Override
        public String remoteAddress() {
            return connection.remoteAddress();
        }

        @Override
        public String localAddress() {
            return connection.localAddress();
        }

        @Override
        public Optional<HttpResponse> http(HttpRequest request) {
            Trace.Mark mark = connection.mark();
            Optional<HttpResponse> response = connection.http(request);
            List<Hop> exchange = connection.hopsSince(mark);
            observations.add(Observation.HttpExchange.of(address, request, response, exchange));
            return response;
        }

        @Override
        public TlsHandshake startTls(String serverName) {
            TlsHandshake tls = connection.startTls(serverName);
            observations.add(new Observation.TlsSession(serverName, tls));
            if (tls.http() == null) {
                return tls;
            }
            return new TlsHandshake(tls.established(), tls.subject(), tls.issuer(), tls.subjectAltNames(),
                    tls.trustedByDefault(), tls.failure(),
                    tls.http() == connection ? this : new Observed(tls.http(), address));
        }

        @Override
        public Optional<String> datagram(String payload) {
            Optional<String> reply = connection.datagram(payload);
            observations.add(new Observation.Datagram(address, payload, reply));
            return reply;
        }
    }
}
