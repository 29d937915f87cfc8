package io.zyphos.http2.stream;

/**
 * The states of an HTTP/2 stream (RFC 9113 §5.1) and the transitions of its diagram, as this
 * endpoint sees them.
 *
 * <pre>
 *                              +--------+
 *                      send PP |        | recv PP
 *                     ,--------+  idle  +--------.
 *                    /         |        |         \
 *                   v          +--------+          v
 *            +----------+          |           +----------+
 *            |          |          | send H /  |          |
 *     ,------+ reserved |          | recv H    | reserved +------.
 *     |      | (local)  |          |           | (remote) |      |
 *     |      +---+------+          v           +------+---+      |
 *     |          |             +--------+             |          |
 *     |          |     recv ES |        | send ES     |          |
 *     |   send H |     ,-------+  open  +-------.     | recv H   |
 *     |          |    /        |        |        \    |          |
 *     |          v   v         +---+----+         v   v          |
 *     |      +----------+          |           +----------+      |
 *     |      |   half-  |          |           |   half-  |      |
 *     |      |  closed  |          | send R /  |  closed  |      |
 *     |      | (remote) |          | recv R    | (local)  |      |
 *     |      +----+-----+          |           +-----+----+      |
 *     |           |                |                 |           |
 *     |           | send ES /      |       recv ES / |           |
 *     |           |  send R /      v        send R / |           |
 *     |           |  recv R    +--------+   recv R   |           |
 *     | send R /  `-----------&gt;|        |&lt;-----------'  send R / |
 *     | recv R                 | closed |               recv R   |
 *     `-----------------------&gt;|        |&lt;-----------------------'
 *                              +--------+
 * </pre>
 *
 * <p>The RFC has one "closed" state, but its paragraphs on it give three different answers to a
 * frame that arrives there, by how the stream closed; and an endpoint cannot remember every closed
 * stream. So "closed" is five values here: {@link #CLOSED} (both sides sent END_STREAM),
 * {@link #CLOSED_RESET_SENT}, {@link #CLOSED_RESET_RECEIVED}, {@link #CLOSED_FORGOTTEN} (closed
 * longer ago than a {@link StreamRegistry} remembers) and {@link #CLOSED_UNUSED} (an idle stream
 * closed implicitly because the peer opened a higher one, §5.1.1). {@link #isClosed()} is true of
 * all five, and {@link #after(StreamEvent)} never leaves them.
 */
public enum StreamState {
    /** Not used yet: every stream starts here. */
    IDLE,
    /** This endpoint promised the stream with a PUSH_PROMISE it sent. */
    RESERVED_LOCAL,
    /** The peer promised the stream with a PUSH_PROMISE this endpoint received. */
    RESERVED_REMOTE,
    /** Both sides may send. */
    OPEN,
    /** This endpoint sent END_STREAM; the peer may still send. */
    HALF_CLOSED_LOCAL,
    /** The peer sent END_STREAM; this endpoint may still send. */
    HALF_CLOSED_REMOTE,
    /** Closed by END_STREAM in both directions. */
    CLOSED,
    /** Closed because this endpoint sent RST_STREAM. */
    CLOSED_RESET_SENT,
    /** Closed because the peer sent RST_STREAM. */
    CLOSED_RESET_RECEIVED,
    /** Closed, so long ago that how it closed is no longer remembered. */
    CLOSED_FORGOTTEN,
    /** Never opened: closed when the peer opened a stream with a higher identifier (§5.1.1). */
    CLOSED_UNUSED;

    /** Whether this is one of the values of the RFC's "closed" state. */
    public boolean isClosed() {
        return ordinal() >= CLOSED.ordinal();
    }

    /**
     * Whether a stream in this state counts toward SETTINGS_MAX_CONCURRENT_STREAMS: open and both
     * half-closed states do, reserved ones do not (RFC 9113 §5.1.2).
     */
    public boolean isActive() {
        return this == OPEN || this == HALF_CLOSED_LOCAL || this == HALF_CLOSED_REMOTE;
    }

    /** Whether this endpoint may still send DATA in this state (§5.1: open, half-closed (remote)). */
    public boolean canSendData() {
        return this == OPEN || this == HALF_CLOSED_REMOTE;
    }

    /**
     * The state the diagram goes to from this one on {@code event}, or null where the diagram has
     * no such arrow. A PRIORITY, WINDOW_UPDATE or DATA frame without END_STREAM is no event: it
     * leaves the state as it is, where it is allowed at all ({@link ReceiveRules}).
     */
    public StreamState after(StreamEvent event) {
        return switch (this) {
            case IDLE -> switch (event) {
                case SEND_HEADERS, RECV_HEADERS -> OPEN;
                case SEND_PUSH_PROMISE -> RESERVED_LOCAL;
                case RECV_PUSH_PROMISE -> RESERVED_REMOTE;
                default -> null;
            };
            case RESERVED_LOCAL -> switch (event) {
                case SEND_HEADERS -> HALF_CLOSED_REMOTE;
                case SEND_RST_STREAM -> CLOSED_RESET_SENT;
                case RECV_RST_STREAM -> CLOSED_RESET_RECEIVED;
                default -> null;
            };
            case RESERVED_REMOTE -> switch (event) {
                case RECV_HEADERS -> HALF_CLOSED_LOCAL;
                case SEND_RST_STREAM -> CLOSED_RESET_SENT;
                case RECV_RST_STREAM -> CLOSED_RESET_RECEIVED;
                default -> null;
            };
            case OPEN -> switch (event) {
                // Trailers, or a HEADERS after a 1xx response: the state stays (RFC 9113 §8.1).
                case SEND_HEADERS, RECV_HEADERS -> OPEN;
                case SEND_END_STREAM -> HALF_CLOSED_LOCAL;
                case RECV_END_STREAM -> HALF_CLOSED_REMOTE;
                case SEND_RST_STREAM -> CLOSED_RESET_SENT;
                case RECV_RST_STREAM -> CLOSED_RESET_RECEIVED;
                default -> null;
            };
            case HALF_CLOSED_LOCAL -> switch (event) {
                case RECV_HEADERS -> HALF_CLOSED_LOCAL;
                case RECV_END_STREAM -> CLOSED;
                case SEND_RST_STREAM -> CLOSED_RESET_SENT;
                case RECV_RST_STREAM -> CLOSED_RESET_RECEIVED;
                default -> null;
            };
            case HALF_CLOSED_REMOTE -> switch (event) {
                case SEND_HEADERS -> HALF_CLOSED_REMOTE;
                case SEND_END_STREAM -> CLOSED;
                case SEND_RST_STREAM -> CLOSED_RESET_SENT;
                case RECV_RST_STREAM -> CLOSED_RESET_RECEIVED;
                default -> null;
            };
            case CLOSED, CLOSED_RESET_SENT, CLOSED_RESET_RECEIVED, CLOSED_FORGOTTEN, CLOSED_UNUSED -> null;
        };
    }

    /** The RFC's name of the state: "half-closed (remote)", "closed", ... */
    public String rfcName() {
        return switch (this) {
            case IDLE -> "idle";
            case RESERVED_LOCAL -> "reserved (local)";
            case RESERVED_REMOTE -> "reserved (remote)";
            case OPEN -> "open";
            case HALF_CLOSED_LOCAL -> "half-closed (local)";
            case HALF_CLOSED_REMOTE -> "half-closed (remote)";
            case CLOSED, CLOSED_RESET_SENT, CLOSED_RESET_RECEIVED, CLOSED_FORGOTTEN, CLOSED_UNUSED -> "closed";
        };
    }
}
