package academy.minicluster.net.workload;

import java.util.List;

/**
 * A process that runs and listens on nothing: {@code pause}, {@code sleep 3600}, {@code tail -f /dev/null}, a shell
 * loop, an interactive shell with {@code stdin: true}.
 *
 * @param log what it prints when it starts (agnhost's {@code pause} prints {@code Paused})
 */
record IdleProcess(List<String> log) implements Process {

    IdleProcess {
        log = List.copyOf(log);
    }

    static IdleProcess silent() {
        return new IdleProcess(List.of());
    }

    @Override
    public List<Listener> listeners() {
        return List.of();
    }

    @Override
    public List<String> startupLog(ProcessContext context) {
        return log;
    }
}
