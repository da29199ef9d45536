package academy.minicluster.net.controller;

/**
 * Why a node cannot take a pod, in kube-scheduler's words ({@code node(s) didn't match Pod's node affinity/selector}),
 * and whether evicting lower-priority pods could change that: kube-scheduler's {@code UnschedulableAndUnresolvable}
 * status, which its preemption reports as {@code Preemption is not helpful for scheduling}.
 */
record Unfit(String reason, Preemption preemption) {

    /** What kube-scheduler's DefaultPreemption says about a node the filters rejected. */
    enum Preemption {
        /** Taints, node affinity, missing topology labels, required pod affinity: no eviction makes the node fit. */
        NOT_HELPFUL("Preemption is not helpful for scheduling"),
        /** Ports, anti-affinity, spread: evicting pods could help, but the mini-cluster's pods share one priority. */
        NO_VICTIMS("No preemption victims found for incoming pod");

        final String message;

        Preemption(String message) {
            this.message = message;
        }
    }

    static Unfit unresolvable(String reason) {
        return new Unfit(reason, Preemption.NOT_HELPFUL);
    }

    static Unfit resolvable(String reason) {
        return new Unfit(reason, Preemption.NO_VICTIMS);
    }
}
