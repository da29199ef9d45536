package academy.minicluster.net.workload;

import academy.minicluster.net.wire.Protocol;
import java.util.Objects;

/**
 * What a raw (non-HTTP) client sent a server in one go: the transport it came over (TCP, UDP, SCTP) and the bytes,
 * as text. The port it reached is the connection's ({@link ConnectionInfo#serverPort()}).
 */
record RawPayload(Protocol protocol, String payload) {

    RawPayload {
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(payload, "payload");
    }
}
