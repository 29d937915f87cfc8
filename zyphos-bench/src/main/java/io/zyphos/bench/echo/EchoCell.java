package io.zyphos.bench.echo;

/**
 * One row of the echo table: a transport, with its accept mode on NIO, at a number of connections.
 *
 * @param accept {@code round-robin} or {@code reuse-port} on NIO; {@link #ONE_LISTENER} otherwise
 * @param measured the measurement window, untraced
 * @param syscalls the strace summary of the traced window, or {@code null} without strace
 * @param tracedRequests the round trips completed while strace was attached, drained ones included
 * @param errors lost connections and mismatched bytes over every window of the cell
 */
record EchoCell(String transport, String accept, int connections, LoadResult measured, StraceSummary syscalls,
        long tracedRequests, long errors) {

    /** The accept column of a thread-per-connection transport: one acceptor thread, one listener. */
    static final String ONE_LISTENER = "one acceptor";

    /** System calls the server made per round trip while traced, or NaN when not traced. */
    double syscallsPerRequest() {
        return syscalls == null || tracedRequests == 0 ? Double.NaN : syscalls.totalCalls() / (double) tracedRequests;
    }
}
