package io.zyphos.server;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * When a connection entered each {@link ConnectionState}, and how many bytes it moved.
 *
 * <p>Written by the connection's own thread, readable from any thread: each figure is published
 * with release semantics, so a reader that sees a state's timestamp also sees everything written
 * before it.
 */
public final class ConnectionLifecycle {

    private static final ConnectionState[] STATES = ConnectionState.values();

    private final AtomicLongArray enteredNanos = new AtomicLongArray(STATES.length);
    private volatile ConnectionState state = ConnectionState.ACCEPTED;
    private volatile long bytesRead;
    private volatile long bytesWritten;
    private final long acceptedEpochMillis;

    /** Starts a lifecycle in {@link ConnectionState#ACCEPTED}. */
    public ConnectionLifecycle(long acceptedNanos, long acceptedEpochMillis) {
        this.acceptedEpochMillis = acceptedEpochMillis;
        enteredNanos.setRelease(ConnectionState.ACCEPTED.ordinal(), acceptedNanos);
    }

    public ConnectionState state() {
        return state;
    }

    /**
     * Moves to {@code next} if that is a move forward, and answers the state left, or
     * {@code null} if the move is not allowed (already there, or later).
     */
    public ConnectionState advance(ConnectionState next, long nowNanos) {
        ConnectionState current = state;
        if (next.compareTo(current) <= 0) {
            return null;
        }
        enteredNanos.setRelease(next.ordinal(), nowNanos == 0 ? 1 : nowNanos);
        state = next;
        return current;
    }

    /** Whether the connection ever entered {@code s}. */
    public boolean reached(ConnectionState s) {
        return enteredNanos.getAcquire(s.ordinal()) != 0;
    }

    /** When the connection entered {@code s} ({@link System#nanoTime()} terms), or 0 if never. */
    public long enteredNanos(ConnectionState s) {
        return enteredNanos.getAcquire(s.ordinal());
    }

    /** Wall-clock time of acceptance, for logs. */
    public long acceptedEpochMillis() {
        return acceptedEpochMillis;
    }

    /** Nanoseconds from acceptance to close, or -1 while still open. */
    public long lifetimeNanos() {
        long closed = enteredNanos(ConnectionState.CLOSED);
        return closed == 0 ? -1 : closed - enteredNanos(ConnectionState.ACCEPTED);
    }

    public long bytesRead() {
        return bytesRead;
    }

    public long bytesWritten() {
        return bytesWritten;
    }

    /** Called by the connection's own thread only. */
    public void addBytesRead(long n) {
        bytesRead = bytesRead + n;
    }

    /** Called by the connection's own thread only. */
    public void addBytesWritten(long n) {
        bytesWritten = bytesWritten + n;
    }
}
