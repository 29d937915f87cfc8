package io.zyphos.http2.frame;

import io.netty.buffer.ByteBuf;

/**
 * HEADERS (RFC 9113 §6.2): opens a stream and carries the first fragment of a field block (a
 * header or trailer section, HPACK-encoded). Without END_HEADERS, {@link ContinuationFrame}s on the
 * same stream carry the rest, and no other frame may come between them.
 *
 * <pre>
 * HEADERS Frame {
 *   Length (24),
 *   Type (8) = 0x01,
 *
 *   Unused Flags (2),
 *   PRIORITY Flag (1),
 *   Unused Flag (1),
 *   PADDED Flag (1),
 *   END_HEADERS Flag (1),
 *   Unused Flag (1),
 *   END_STREAM Flag (1),
 *
 *   Reserved (1),
 *   Stream Identifier (31),
 *
 *   [Pad Length (8)],
 *   [Exclusive (1)],
 *   [Stream Dependency (31)],
 *   [Weight (8)],
 *   Field Block Fragment (..),
 *   Padding (..2040),
 * }
 * </pre>
 *
 * @param streamId the stream, never 0
 * @param priority the Exclusive, Stream Dependency and Weight fields (the PRIORITY flag), or null
 * @param fragment the Field Block Fragment; the frame holds one reference ({@link #release()})
 * @param padding octets of padding with the Pad Length octet: 0 without the PADDED flag, else 1 to 256
 * @param endHeaders the END_HEADERS flag: the fragment ends the field block
 * @param endStream the END_STREAM flag: the field block is the last the sender sends on the stream
 */
public record HeadersFrame(int streamId, StreamPriority priority, ByteBuf fragment, int padding, boolean endHeaders,
        boolean endStream) implements Http2Frame {

    /** Checks the stream and the padding. */
    public HeadersFrame {
        FrameChecks.requireStream(FrameType.HEADERS, streamId);
        FrameChecks.requirePadding(padding);
    }

    @Override
    public FrameType type() {
        return FrameType.HEADERS;
    }

    @Override
    public int payloadLength() {
        return padding + (priority != null ? 5 : 0) + fragment.readableBytes();
    }

    @Override
    public void release() {
        fragment.release();
    }
}
