package io.zyphos.http2.stream;

import io.zyphos.http2.frame.FrameType;

/**
 * The frame types that arrive on a stream, other than 0, and so have a rule in every stream state:
 * the columns of {@link ReceiveRules}. CONTINUATION is not one (the frame decoder joins it to the
 * HEADERS or PUSH_PROMISE it continues); SETTINGS, PING, GOAWAY and PRIORITY_UPDATE belong to the
 * connection.
 */
public enum StreamFrame {
    /** RFC 9113 §6.2. */
    HEADERS(FrameType.HEADERS),
    /** RFC 9113 §6.1, flow-controlled. */
    DATA(FrameType.DATA),
    /** RFC 9113 §6.3. */
    PRIORITY(FrameType.PRIORITY),
    /** RFC 9113 §6.4. */
    RST_STREAM(FrameType.RST_STREAM),
    /** RFC 9113 §6.9. */
    WINDOW_UPDATE(FrameType.WINDOW_UPDATE),
    /** RFC 9113 §6.6, on the stream the promise is associated with. */
    PUSH_PROMISE(FrameType.PUSH_PROMISE);

    private final FrameType type;

    StreamFrame(FrameType type) {
        this.type = type;
    }

    /** The frame type on the wire. */
    public FrameType type() {
        return type;
    }

    /**
     * The stream frame of {@code type}.
     *
     * @throws IllegalArgumentException for SETTINGS, PING, GOAWAY, CONTINUATION, PRIORITY_UPDATE
     */
    public static StreamFrame of(FrameType type) {
        return switch (type) {
            case HEADERS -> HEADERS;
            case DATA -> DATA;
            case PRIORITY -> PRIORITY;
            case RST_STREAM -> RST_STREAM;
            case WINDOW_UPDATE -> WINDOW_UPDATE;
            case PUSH_PROMISE -> PUSH_PROMISE;
            case SETTINGS, PING, GOAWAY, CONTINUATION, PRIORITY_UPDATE ->
                    throw new IllegalArgumentException(type + " is not a frame of one stream");
        };
    }
}
