package io.zyphos.server;

/**
 * Where a connection is in its life, after the TCP states a server can observe (RFC 9293 §3.3.2):
 * the kernel completes the handshake, we see the rest.
 *
 * <pre>
 *   ACCEPTED ──registered──▶ ACTIVE ──peer FIN──▶ HALF_CLOSED
 *                              │                     │
 *                              ├──close / shutdown───┤──▶ DRAINING ──flushed──▶ CLOSED
 *                              └──────abort, reset, error, idle timeout────────▶ CLOSED
 * </pre>
 *
 * Any state may go straight to {@link #CLOSED}. No state is entered twice.
 */
public enum ConnectionState {
    /** The kernel completed the handshake and we accepted the socket; no loop owns it yet. */
    ACCEPTED,
    /** Owned by its thread, reading and writing. */
    ACTIVE,
    /** The peer sent FIN (it will send nothing more); we may still be writing. */
    HALF_CLOSED,
    /** Closing: flushing what is queued, or finishing in-flight work at server shutdown. */
    DRAINING,
    /** The socket is closed and every buffer of the connection released. */
    CLOSED
}
