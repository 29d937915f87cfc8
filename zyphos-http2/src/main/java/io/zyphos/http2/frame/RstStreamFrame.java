package io.zyphos.http2.frame;

/**
 * RST_STREAM (RFC 9113 §6.4): ends a stream at once, with an error code saying why.
 *
 * <pre>
 * RST_STREAM Frame {
 *   Length (24) = 0x04,
 *   Type (8) = 0x03,
 *
 *   Unused Flags (8),
 *
 *   Reserved (1),
 *   Stream Identifier (31),
 *
 *   Error Code (32),
 * }
 * </pre>
 *
 * @param streamId the stream ended, never 0
 * @param errorCode the Error Code field as sent, an unsigned 32-bit value (see {@link #error()})
 */
public record RstStreamFrame(int streamId, long errorCode) implements Http2Frame {

    /** The fixed payload length. */
    public static final int LENGTH = 4;

    /** Checks the stream and the code. */
    public RstStreamFrame {
        FrameChecks.requireStream(FrameType.RST_STREAM, streamId);
        FrameChecks.requireErrorCode(errorCode);
    }

    /** The error code as one of §7's; an unknown one reads as INTERNAL_ERROR. */
    public Http2ErrorCode error() {
        return Http2ErrorCode.forCode(errorCode);
    }

    @Override
    public FrameType type() {
        return FrameType.RST_STREAM;
    }

    @Override
    public int payloadLength() {
        return LENGTH;
    }
}
