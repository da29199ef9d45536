package academy.minicluster.net.workload;

import java.util.Objects;

/**
 * The container's state as the kubelet reports it in {@code status.containerStatuses[].state}: running, or
 * terminated with an exit code and a reason. A container whose process exits is restarted by the kubelet when the
 * pod's {@code restartPolicy} says so, and backs off: {@link #statusColumn(String)} answers what
 * {@code kubectl get pods} shows once that has settled.
 */
public sealed interface ContainerState permits ContainerState.Running, ContainerState.Terminated {

    boolean isRunning();

    /**
     * The STATUS column of {@code kubectl get pods} in the steady state for this container alone.
     *
     * @param restartPolicy the pod's {@code spec.restartPolicy} ({@code Always} when null, the API default)
     */
    String statusColumn(String restartPolicy);

    /** The process runs (servers, {@code sleep}, {@code pause}). */
    record Running() implements ContainerState {
        @Override
        public boolean isRunning() {
            return true;
        }

        @Override
        public String statusColumn(String restartPolicy) {
            return "Running";
        }
    }

    /**
     * The process ended, or never started.
     *
     * @param exitCode the exit status ({@code 128} for a process the runtime could not start)
     * @param reason   {@code Completed} (exit 0), {@code Error} (non-zero), or {@code StartError} (the runtime could not
     *                 start the process, e.g. the command is not in {@code $PATH})
     * @param message  what the runtime says ({@code StartError}) or what the process printed last; may be empty
     */
    record Terminated(int exitCode, String reason, String message) implements ContainerState {

        public Terminated {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(message, "message");
        }

        static Terminated exited(int exitCode, String lastWords) {
            return new Terminated(exitCode, exitCode == 0 ? "Completed" : "Error", lastWords);
        }

        static Terminated notFoundInPath(String executable) {
            return new Terminated(128, "StartError",
                    "failed to create containerd task: failed to create shim task: OCI runtime create failed: "
                            + "runc create failed: unable to start container process: "
                            + Executables.notFoundMessage(executable) + ": unknown");
        }

        @Override
        public boolean isRunning() {
            return false;
        }

        /**
         * {@code Always} restarts even a process that exited 0, so a Deployment of {@code busybox} without a command
         * ends in {@code CrashLoopBackOff}; {@code OnFailure} restarts only failures; {@code Never} leaves the
         * reason ({@code Completed}, {@code Error}, {@code StartError}).
         */
        @Override
        public String statusColumn(String restartPolicy) {
            String policy = restartPolicy == null ? "Always" : restartPolicy;
            boolean restarts = policy.equals("Always") || (policy.equals("OnFailure") && exitCode != 0);
            if (restarts) {
                return "CrashLoopBackOff";
            }
            return reason;
        }
    }
}
