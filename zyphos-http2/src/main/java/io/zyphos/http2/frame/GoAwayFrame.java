package io.zyphos.http2.frame;

import io.netty.buffer.ByteBuf;

/**
 * GOAWAY (RFC 9113 §6.8): the sender will start no more streams and process none above
 * {@code lastStreamId}; with an error code other than NO_ERROR, it ends the connection for that
 * error. Always on stream 0.
 *
 * <pre>
 * GOAWAY Frame {
 *   Length (24),
 *   Type (8) = 0x07,
 *
 *   Unused Flags (8),
 *
 *   Reserved (1),
 *   Stream Identifier (31) = 0,
 *
 *   Reserved (1),
 *   Last-Stream-ID (31),
 *   Error Code (32),
 *   Additional Debug Data (..),
 * }
 * </pre>
 *
 * @param lastStreamId the highest peer-initiated stream the sender might have acted on
 * @param errorCode the Error Code field as sent, an unsigned 32-bit value (see {@link #error()})
 * @param debugData opaque diagnostic bytes, possibly empty; the frame holds one reference
 *     ({@link #release()})
 */
public record GoAwayFrame(int lastStreamId, long errorCode, ByteBuf debugData) implements Http2Frame {

    /** The payload before the debug data: Last-Stream-ID and Error Code. */
    public static final int MIN_LENGTH = 8;

    /** Checks the stream and the code. */
    public GoAwayFrame {
        FrameChecks.requireStreamOrConnection(FrameType.GOAWAY, lastStreamId);
        FrameChecks.requireErrorCode(errorCode);
    }

    /** The error code as one of §7's; an unknown one reads as INTERNAL_ERROR. */
    public Http2ErrorCode error() {
        return Http2ErrorCode.forCode(errorCode);
    }

    @Override
    public FrameType type() {
        return FrameType.GOAWAY;
    }

    @Override
    public int streamId() {
        return 0;
    }

    @Override
    public int payloadLength() {
        return MIN_LENGTH + debugData.readableBytes();
    }

    @Override
    public void release() {
        debugData.release();
    }
}
