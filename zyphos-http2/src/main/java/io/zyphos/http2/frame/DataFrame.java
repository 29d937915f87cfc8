package io.zyphos.http2.frame;

import io.netty.buffer.ByteBuf;

/**
 * DATA (RFC 9113 §6.1): bytes of a stream's message content. Subject to flow control: the whole
 * payload counts against the windows, padding and Pad Length octet included (§6.1, §6.9.1).
 *
 * <pre>
 * DATA Frame {
 *   Length (24),
 *   Type (8) = 0x00,
 *
 *   Unused Flags (4),
 *   PADDED Flag (1),
 *   Unused Flags (2),
 *   END_STREAM Flag (1),
 *
 *   Reserved (1),
 *   Stream Identifier (31),
 *
 *   [Pad Length (8)],
 *   Data (..),
 *   Padding (..2040),
 * }
 * </pre>
 *
 * @param streamId the stream, never 0
 * @param data the Data field; the frame holds one reference ({@link #release()})
 * @param padding octets of padding with the Pad Length octet: 0 without the PADDED flag, else 1 to
 *     256 (a Pad Length of {@code padding - 1})
 * @param endStream the END_STREAM flag: the sender's last frame on the stream
 */
public record DataFrame(int streamId, ByteBuf data, int padding, boolean endStream) implements Http2Frame {

    /** Checks the stream and the padding. */
    public DataFrame {
        FrameChecks.requireStream(FrameType.DATA, streamId);
        FrameChecks.requirePadding(padding);
    }

    @Override
    public FrameType type() {
        return FrameType.DATA;
    }

    @Override
    public int payloadLength() {
        return padding + data.readableBytes();
    }

    @Override
    public void release() {
        data.release();
    }
}
