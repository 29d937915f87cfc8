package io.zyphos.http2.frame;

import io.netty.buffer.ByteBuf;

/**
 * CONTINUATION (RFC 9113 §6.10): the next fragment of a field block that a HEADERS or
 * PUSH_PROMISE frame without END_HEADERS began. It must follow that frame, or another
 * CONTINUATION, on the same stream with nothing in between.
 *
 * <pre>
 * CONTINUATION Frame {
 *   Length (24),
 *   Type (8) = 0x09,
 *
 *   Unused Flags (5),
 *   END_HEADERS Flag (1),
 *   Unused Flags (2),
 *
 *   Reserved (1),
 *   Stream Identifier (31),
 *
 *   Field Block Fragment (..),
 * }
 * </pre>
 *
 * @param streamId the stream of the field block, never 0
 * @param fragment the Field Block Fragment; the frame holds one reference ({@link #release()})
 * @param endHeaders the END_HEADERS flag: the fragment ends the field block
 */
public record ContinuationFrame(int streamId, ByteBuf fragment, boolean endHeaders) implements Http2Frame {

    /** Checks the stream. */
    public ContinuationFrame {
        FrameChecks.requireStream(FrameType.CONTINUATION, streamId);
    }

    @Override
    public FrameType type() {
        return FrameType.CONTINUATION;
    }

    @Override
    public int payloadLength() {
        return fragment.readableBytes();
    }

    @Override
    public void release() {
        fragment.release();
    }
}
