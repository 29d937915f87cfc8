package io.zyphos.http;

/**
 * Whether a handler may block the thread that calls it: the wire engine's cue for where to run it.
 *
 * <p>An event loop serves thousands of connections on one thread, so a handler that waits on a
 * lock, a database or a file read would stall all of them. {@link #BLOCKING}, the default, sends
 * the handler to a virtual thread; a handler that only computes and returns opts in to
 * {@link #NON_BLOCKING} and runs on the loop, saving the hand-off.
 */
public enum InvocationType {
    /** May block: runs on a virtual thread, never on an event loop. The safe default. */
    BLOCKING,
    /** Never blocks: may run on the connection's event loop. */
    NON_BLOCKING;

    /** The type of two pieces of code run one after the other: blocking if either is. */
    public InvocationType and(InvocationType other) {
        return this == NON_BLOCKING && other == NON_BLOCKING ? NON_BLOCKING : BLOCKING;
    }
}
