package io.zyphos.server;

import io.netty.buffer.ByteBuf;

/**
 * The per-connection side of a {@link Protocol}: the transport's callbacks into a protocol engine.
 *
 * <h2>Threading</h2>
 * Every method is called by the connection's own thread (its event loop, or its blocking thread),
 * one at a time, never concurrently: a handler needs no locks. Work from other threads comes back
 * through {@link Connection#execute}.
 *
 * <h2>Order of calls</h2>
 * {@link #onRead} any number of times; then {@link #onInputClosed} if the peer half-closes; any
 * time, {@link #onWritabilityChanged}, {@link #onTimeout} and {@link #onShutdown}; last, exactly
 * once, {@link #onClosed}, or {@link #onSwitchedAway} if the connection moved to another protocol
 * ({@link Connection#switchProtocol}). After any call the transport asks
 * {@link #nextDeadlineNanos()} again.
 *
 * <h2>Errors</h2>
 * An exception thrown from any callback closes this connection at once (queued writes are
 * dropped and released), is counted in the server's metrics, and touches no other connection.
 * Protocol errors with a defined answer (a 400, a GOAWAY) are the engine's to write before it
 * closes; an exception is for bugs and the unexpected.
 */
public interface ProtocolHandler {

    /**
     * Bytes arrived.
     *
     * @param in borrowed, valid only during this call. Consume by advancing its reader index.
     *     Bytes left unread are kept by the transport and presented again, followed by what arrives
     *     next, on the next call: an engine never accumulates partial input itself.
     * @param nowNanos the time, from {@link System#nanoTime()}, at which the bytes were read
     */
    void onRead(ByteBuf in, long nowNanos);

    /**
     * The peer closed its sending side (TCP FIN), and the handler has seen every byte before it.
     * Return {@code true} to have the connection closed once queued writes are flushed (the
     * default); return {@code false} to keep it half-closed, still writing, and close it yourself
     * when done. Bytes the handler left unread at this point are discarded.
     */
    default boolean onInputClosed(long nowNanos) {
        return true;
    }

    /**
     * The write queue crossed a watermark: {@code false} above the high watermark (reading is
     * paused), {@code true} once it drained below the low one (reading resumed).
     */
    default void onWritabilityChanged(boolean writable) {}

    /**
     * The next time at which {@link #onTimeout} should be called, in {@link System#nanoTime()}
     * terms, or {@link Long#MAX_VALUE} for none. Engines read no clock of their own: their timers
     * come from here.
     */
    default long nextDeadlineNanos() {
        return Long.MAX_VALUE;
    }

    /** The deadline from {@link #nextDeadlineNanos()} has passed. */
    default void onTimeout(long nowNanos) {}

    /**
     * The server is shutting down gracefully. Return {@code true} if the connection can be closed
     * now (nothing in flight); return {@code false} to finish what is in flight first and then
     * close the connection yourself. Connections still open at the shutdown deadline are closed by
     * the server.
     */
    default boolean onShutdown(long nowNanos) {
        return true;
    }

    /** The connection is closed. Release whatever the handler holds. Called exactly once. */
    default void onClosed() {}

    /**
     * The connection moved to another protocol ({@link Connection#switchProtocol}) and this
     * handler gets no further call: release whatever it holds, as in {@link #onClosed}, which is
     * not called for it afterwards. The connection stays open; closing it here would close it
     * under the next protocol. By default this is {@link #onClosed()}: a handler that releases
     * its buffers there needs nothing more, and one that must tell the two apart (to count
     * upgrades rather than closes, say) overrides this.
     */
    default void onSwitchedAway() {
        onClosed();
    }
}
