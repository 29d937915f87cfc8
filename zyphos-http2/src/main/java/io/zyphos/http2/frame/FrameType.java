package io.zyphos.http2.frame;

/**
 * The frame types this codec reads and writes: the ten of RFC 9113 §6 and PRIORITY_UPDATE of
 * RFC 9218 §7.1. A frame of any other type is an extension this endpoint does not support, and
 * is discarded on receipt (RFC 9113 §4.1, §5.5).
 */
public enum FrameType {
    /** §6.1: stream data. */
    DATA(0x0),
    /** §6.2: opens a stream and carries a field block fragment. */
    HEADERS(0x1),
    /** §6.3: a priority signal of RFC 7540, deprecated. */
    PRIORITY(0x2),
    /** §6.4: ends a stream. */
    RST_STREAM(0x3),
    /** §6.5: configuration of the sender, or an acknowledgement. */
    SETTINGS(0x4),
    /** §6.6: announces a stream the server will push. */
    PUSH_PROMISE(0x5),
    /** §6.7: round-trip measurement and liveness. */
    PING(0x6),
    /** §6.8: ends the connection, saying which streams were processed. */
    GOAWAY(0x7),
    /** §6.9: flow-control credit. */
    WINDOW_UPDATE(0x8),
    /** §6.10: the next fragment of a field block. */
    CONTINUATION(0x9),
    /** RFC 9218 §7.1: the client's new priority for a response. */
    PRIORITY_UPDATE(0x10);

    private static final FrameType[] BY_CODE = new FrameType[256];

    static {
        for (FrameType type : values()) {
            BY_CODE[type.code] = type;
        }
    }

    private final int code;

    FrameType(int code) {
        this.code = code;
    }

    /** The 8-bit type code on the wire. */
    public int code() {
        return code;
    }

    /** The type with this code, or null for a type this codec does not know (an extension). */
    public static FrameType forCode(int code) {
        return BY_CODE[code & 0xFF];
    }
}
