package io.zyphos.bench.echo;

/**
 * One row of the echo table: a transport at a number of connections.
 *
 * @param measured the measurement window, untraced
 * @param syscalls the strace summary of the traced window, or {@code null} without strace
 * @param tracedRequests the round trips completed while strace was attached
 * @param errors lost connections and mismatched bytes over every window of the cell
 */
record EchoCell(String transport, int connections, LoadResult measured, StraceSummary syscalls,
        long tracedRequests, long errors) {

    /** System calls the server made per round trip while traced, or NaN when not traced. */
    double syscallsPerRequest() {
        return syscalls == null || tracedRequests == 0 ? Double.NaN : syscalls.totalCalls() / (double) tracedRequests;
    }
}
