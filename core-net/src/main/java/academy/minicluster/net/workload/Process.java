package academy.minicluster.net.workload;

import academy.minicluster.net.wire.HttpRequest;
import academy.minicluster.net.wire.HttpResponse;
import academy.minicluster.net.wire.Protocol;
import java.util.List;
import java.util.Optional;

/**
 * The main process of a simulated container, once the image's entrypoint, the pod's command and args and the
 * environment have decided what runs. Each implementation is one real program; it appends what it logs to the
 * log it is given.
 */
sealed interface Process permits NginxProcess, HttpEchoProcess, NetexecProcess, ServeHostnameProcess, PorterProcess,
        WhoamiProcess, EchoBasicProcess, GrpcEchoProcess, EnvoyProcess,
        EchoserverProcess, HelloAppProcess, GenericHttpProcess, IdleProcess, ExitedProcess, CoreDnsProcess, IngressControllerProcess {

    /** The sockets it listens on, sorted by port then protocol. */
    List<Listener> listeners();

    /** What it prints when it starts. */
    List<String> startupLog(ProcessContext context);

    /** Running, for every server that starts and stays up; a process that exits or crashes says otherwise. */
    default ContainerState state() {
        return new ContainerState.Running();
    }

    default Optional<HttpResponse> serveHttp(int port, HttpRequest request, ConnectionInfo conn,
                                             ProcessContext context, List<String> log) {
        return Optional.empty();
    }

    default Optional<String> serveRaw(int port, Protocol protocol, String payload, ConnectionInfo conn,
                                      ProcessContext context, List<String> log) {
        return Optional.empty();
    }
}
