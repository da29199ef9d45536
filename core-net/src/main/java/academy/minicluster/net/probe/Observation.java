package academy.minicluster.net.probe;

import academy.minicluster.net.api.ObjectRef;
import academy.minicluster.net.trace.Hop;
import academy.minicluster.net.wire.DnsRecord;
import academy.minicluster.net.wire.DnsResponse;
import academy.minicluster.net.wire.HttpRequest;
import academy.minicluster.net.wire.HttpResponse;
import academy.minicluster.net.wire.Protocol;
import academy.minicluster.net.wire.RecordType;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a client tool saw on the network, as values: the DNS answers it got, the connections it opened (or failed
 * to), the TLS sessions and the HTTP exchanges over them. A tool's text output is printed from exactly these
 * values (they are what the tool received from the {@link NetworkView}), so a reader of observations (the grader)
 * sees what the learner's {@code curl} saw, without reading its text.
 *
 * <p>Each carries the hops behind it (the part of the trace it made), so a reader can explain one exchange without
 * searching the whole trace.
 *
 * <p>A tool run yields its observations in the order the tool made them: curl's name lookup, then its connect,
 * then the exchange; one per attempt for curl's address fall-back and wget's redirects.
 */
public sealed interface Observation {

    /**
     * One DNS question and its answer.
     *
     * @param server the nameserver asked
     * @param name   the name asked (fully qualified, with the trailing dot)
     * @param type   the type asked
     * @param answer  what came back (the rcode); {@link Answer#TIMED_OUT} when nothing did
     * @param records the answer section
     * @param hops    the question's path and the decisions behind the answer (the Service, EndpointSlice or Pod
     *                behind each record, or why there is none)
     */
    record DnsAnswer(String server, String name, RecordType type, Answer answer, List<DnsRecord> records,
                     List<Hop> hops) implements Observation {
        public DnsAnswer {
            Objects.requireNonNull(answer, "answer");
            records = List.copyOf(records);
            hops = List.copyOf(hops);
        }

        /** The rcode as dig prints it ({@code NOERROR}, {@code NXDOMAIN}), or {@code TIMED_OUT}. */
        public enum Answer { NOERROR, NXDOMAIN, SERVFAIL, REFUSED, OTHER, TIMED_OUT }

        static DnsAnswer of(String server, String name, RecordType type, DnsExchange exchange) {
            Optional<DnsResponse> response = exchange.response();
            if (response.isEmpty()) {
                return new DnsAnswer(server, name, type, Answer.TIMED_OUT, List.of(), exchange.hops());
            }
            Answer a = switch (response.get().rcode().name()) {
                case "NOERROR" -> Answer.NOERROR;
                case "NXDOMAIN" -> Answer.NXDOMAIN;
                case "SERVFAIL" -> Answer.SERVFAIL;
                case "REFUSED" -> Answer.REFUSED;
                default -> Answer.OTHER;
            };
            return new DnsAnswer(server, name, type, a, response.get().answers(), exchange.hops());
        }
    }

    /**
     * A connection the client opened or tried to: where to, and how it ended ({@link Connection.Outcome}: curl's
     * exit 7 for REFUSED and NO_ROUTE, 28 for TIMEOUT), with the hops of the connection's path up to where it was
     * accepted or stopped (the exchanges over it add theirs to each {@link HttpExchange}).
     */
    record Connect(String address, int port, Protocol protocol, Connection.Outcome outcome, List<Hop> hops)
            implements Observation {
        public Connect {
            Objects.requireNonNull(address, "address");
            Objects.requireNonNull(protocol, "protocol");
            Objects.requireNonNull(outcome, "outcome");
            hops = List.copyOf(hops);
        }

        public boolean established() {
            return outcome == Connection.Outcome.ESTABLISHED;
        }
    }

    /**
     * A TLS handshake over an established connection: the certificate the server presented, or why it failed.
     *
     * @param serverName the SNI name sent, empty for none (an address literal)
     */
    record TlsSession(String serverName, TlsHandshake handshake) implements Observation {
        public TlsSession {
            serverName = Objects.requireNonNullElse(serverName, "");
            Objects.requireNonNull(handshake, "handshake");
        }
    }

    /**
     * One HTTP request over a connection and its answer.
     *
     * @param address   the address and port dialled ({@code 10.96.0.12:80})
     * @param request   the request as sent
     * @param response  the response; empty when the peer closed without one (curl's "Empty reply from server")
     * @param response  the response (status, headers, body); empty when the peer closed without one (curl's
     *                  "Empty reply from server")
     * @param servedBy  the pod whose container answered (through a Service, a NodePort or ingress-nginx, the
     *                  upstream pod; empty when no pod answered: the API server, the Internet, a node's process)
     * @param hops      what the exchange added to the connection's path: the server's decisions (ingress-nginx's
     *                  rule, Envoy's route) and the hops of its upstream leg
     */
    record HttpExchange(String address, HttpRequest request, Optional<HttpResponse> response,
                        Optional<ObjectRef> servedBy, List<Hop> hops) implements Observation {
        public HttpExchange {
            Objects.requireNonNull(address, "address");
            Objects.requireNonNull(request, "request");
            Objects.requireNonNull(response, "response");
            Objects.requireNonNull(servedBy, "servedBy");
            hops = List.copyOf(hops);
        }

        /** One exchange over a connection: {@code hops} is what it added, the pod that answered is read from them. */
        static HttpExchange of(String address, HttpRequest request, Optional<HttpResponse> response,
                               List<Hop> hops) {
            return new HttpExchange(address, request, response, servedBy(hops), hops);
        }

        /** The HTTP status, 0 when no response came (as curl's {@code %{http_code}} says 000). */
        public int status() {
            return response.map(HttpResponse::status).orElse(0);
        }

        /** The pod that answered: the last container on the exchange's hops that answered for a pod. */
        static Optional<ObjectRef> servedBy(List<Hop> exchangeHops) {
            for (int i = exchangeHops.size() - 1; i >= 0; i--) {
                Hop h = exchangeHops.get(i);
                if (h.stage() == Hop.Stage.CONTAINER && h.passed()) {
                    for (ObjectRef ref : h.decidedBy()) {
                        if (ref.kind().equals("Pod")) {
                            return Optional.of(ref);
                        }
                    }
                }
            }
            return Optional.empty();
        }
    }

    /** A raw TCP line or UDP datagram sent over a flow (nc, agnhost connect --protocol=udp) and its reply. */
    record Datagram(String address, String payload, Optional<String> reply) implements Observation {
        public Datagram {
            Objects.requireNonNull(address, "address");
            payload = Objects.requireNonNullElse(payload, "");
            Objects.requireNonNull(reply, "reply");
        }
    }
}
