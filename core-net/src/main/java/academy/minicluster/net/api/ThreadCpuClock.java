package academy.minicluster.net.api;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * The running thread's CPU time, read as seldom as {@link Budget} can afford. Reading it is a system call
 * (microseconds on a virtual machine with page-table isolation: two reads were a third of a curl's cost), reading
 * the wall clock is not; and one thread's CPU time never grows faster than the wall clock. So each thread keeps its
 * last read (CPU time and wall time): until {@link #REUSE_NANOS} of wall time have passed since, that read is a
 * lower bound of the CPU time now, and it plus the wall time since is an upper bound. Past that, or when a bound is
 * not enough, the clock is read again.
 *
 * <p>One thread's reads serve every session whose commands run on it (a web server's worker threads): a bound
 * never depends on whose command ran in between, only on the thread's clock.
 */
final class ThreadCpuClock {

    /** How old a read may be and still stand for the CPU time now (each bound is off by at most this much). */
    static final long REUSE_NANOS = 100_000;
    /**
     * The two clocks may run apart by NTP's slew (at most 500 ppm: {@link #slack} adds 1/1024 of the wall time) and
     * by their resolutions (nanoseconds on Linux: a microsecond covers it).
     */
    private static final long RESOLUTION_NANOS = 1_000;
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final ThreadLocal<ThreadCpuClock> CURRENT = ThreadLocal.withInitial(ThreadCpuClock::new);

    /** The thread's CPU time at the last read. */
    private long cpu;
    /** {@link System#nanoTime()} just before that read; meaningful once {@link #read} is set. */
    private long wall;
    private boolean read;

    private ThreadCpuClock() {
    }

    /** The running thread's clock. */
    static ThreadCpuClock current() {
        return CURRENT.get();
    }

    /** A reading of this thread's CPU time: its value, and the wall time from which bounds on it grow. */
    record Reading(long cpu, long wall) {
    }

    /**
     * A lower bound of the CPU time now, and the wall time it holds from: the last read when it is recent (the
     * command is charged at most {@link #REUSE_NANOS} of what ran before it), else a new read.
     */
    Reading atLeast() {
        long now = System.nanoTime();
        if (!recent(now)) {
            readAt(now);
        }
        return new Reading(cpu, wall);
    }

    /** The CPU time now, read from the clock. */
    Reading exact() {
        readAt(System.nanoTime());
        return new Reading(cpu, wall);
    }

    /**
     * An upper bound of the CPU time now, within {@link #REUSE_NANOS} of it: the last read plus the wall time since
     * when the read is recent, else a new read.
     */
    long atMost() {
        long now = System.nanoTime();
        if (recent(now)) {
            return cpu + slack(now - wall);
        }
        readAt(now);
        return cpu;
    }

    /** What {@code wallSince} of wall time may have added to the thread's CPU time, at most. */
    static long slack(long wallSince) {
        return wallSince + (wallSince >> 10) + RESOLUTION_NANOS;
    }

    private boolean recent(long now) {
        long since = now - wall;
        return read && since >= 0 && since <= REUSE_NANOS;
    }

    /** The wall clock first: the CPU spent between the two reads is then inside the wall time counted from it. */
    private void readAt(long now) {
        wall = now;
        cpu = THREADS.isCurrentThreadCpuTimeSupported() ? THREADS.getCurrentThreadCpuTime() : System.nanoTime();
        read = true;
    }
}
