package academy.minicluster.net.probe;

import academy.minicluster.net.wire.Protocol;
import academy.minicluster.net.wire.RecordType;

/**
 * The network as a client tool sees it from where it runs: a pod, a node, or the learner's workstation.
 *
 * <p>The client tools (curl, wget, nc, dig, nslookup, agnhost connect) are written against this view and know
 * nothing of Services or policies; the data plane implements it, and every answer carries the hops that
 * produced it, so the tool's output and its trace come from one walk.
 */
public interface NetworkView {

    /** Where the tool runs: its addresses, hostname, resolver configuration and the executables it has. */
    ClientHost client();

    /**
     * The argv of the client container's main process (PID 1 in its PID namespace), as {@code ps} lists it; empty
     * where the client is no container (the workstation, a node's own view).
     */
    default java.util.List<String> mainProcess() {
        return java.util.List.of();
    }

    /**
     * Sends one DNS question over UDP to {@code nameserver}:53, as dig and the libc resolver do (no search
     * expansion here: that is the client's job, from {@link ClientHost#resolvConf()}).
     */
    DnsExchange query(String nameserver, String name, RecordType type);

    /** Opens a connection (TCP, SCTP) or a UDP flow to {@code ip:port}, as the client's kernel would. */
    Connection connect(String ip, int port, Protocol protocol);
}
