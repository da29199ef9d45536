/**
 * The simulated containers: what each image listens on, answers, logs and carries, decided by the image and its
 * command, args and environment exactly as on a real node (never by {@code containerPort}, which a real process
 * ignores). {@link academy.minicluster.net.workload.SimulatedContainer} is the entry point.
 */
package academy.minicluster.net.workload;
