package io.zyphos.http2.stream;

/**
 * The arrows of the stream state diagram of RFC 9113 §5.1: what an endpoint sends or receives that
 * moves a stream from one state to another. "send H" is {@link #SEND_HEADERS}, "recv ES" is
 * {@link #RECV_END_STREAM}, and so on.
 *
 * <p>A HEADERS or DATA frame with the END_STREAM flag is two events, the frame and then END_STREAM
 * (§5.1: "the END_STREAM flag is processed as a separate event to the frame that bears it"). A
 * PUSH_PROMISE moves the promised stream, not the stream it is sent on.
 */
public enum StreamEvent {
    /** This endpoint sends a HEADERS frame. */
    SEND_HEADERS,
    /** This endpoint receives a HEADERS frame. */
    RECV_HEADERS,
    /** This endpoint sends a frame with the END_STREAM flag. */
    SEND_END_STREAM,
    /** This endpoint receives a frame with the END_STREAM flag. */
    RECV_END_STREAM,
    /** This endpoint sends RST_STREAM. */
    SEND_RST_STREAM,
    /** This endpoint receives RST_STREAM. */
    RECV_RST_STREAM,
    /** This endpoint sends a PUSH_PROMISE naming the stream as the promised one. */
    SEND_PUSH_PROMISE,
    /** This endpoint receives a PUSH_PROMISE naming the stream as the promised one. */
    RECV_PUSH_PROMISE;

    /** Whether this endpoint sends it, rather than receives it. */
    public boolean isSent() {
        return switch (this) {
            case SEND_HEADERS, SEND_END_STREAM, SEND_RST_STREAM, SEND_PUSH_PROMISE -> true;
            case RECV_HEADERS, RECV_END_STREAM, RECV_RST_STREAM, RECV_PUSH_PROMISE -> false;
        };
    }
}
