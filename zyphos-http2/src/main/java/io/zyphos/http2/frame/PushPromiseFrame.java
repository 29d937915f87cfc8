package io.zyphos.http2.frame;

import io.netty.buffer.ByteBuf;

/**
 * PUSH_PROMISE (RFC 9113 §6.6): the server announces a stream it will push, with the request it
 * answers as a field block. Only a server sends it, and only if the client allows push
 * (SETTINGS_ENABLE_PUSH). Like HEADERS, a block without END_HEADERS continues in CONTINUATION
 * frames.
 *
 * <pre>
 * PUSH_PROMISE Frame {
 *   Length (24),
 *   Type (8) = 0x05,
 *
 *   Unused Flags (4),
 *   PADDED Flag (1),
 *   END_HEADERS Flag (1),
 *   Unused Flags (2),
 *
 *   Reserved (1),
 *   Stream Identifier (31),
 *
 *   [Pad Length (8)],
 *   Reserved (1),
 *   Promised Stream ID (31),
 *   Field Block Fragment (..),
 *   Padding (..2040),
 * }
 * </pre>
 *
 * @param streamId the client's stream the promise is made on, never 0
 * @param promisedStreamId the stream the server reserves for the push, never 0
 * @param fragment the Field Block Fragment; the frame holds one reference ({@link #release()})
 * @param padding octets of padding with the Pad Length octet: 0 without the PADDED flag, else 1 to 256
 * @param endHeaders the END_HEADERS flag: the fragment ends the field block
 */
public record PushPromiseFrame(int streamId, int promisedStreamId, ByteBuf fragment, int padding, boolean endHeaders)
        implements Http2Frame {

    /** Checks the streams and the padding. */
    public PushPromiseFrame {
        FrameChecks.requireStream(FrameType.PUSH_PROMISE, streamId);
        FrameChecks.requireStream(FrameType.PUSH_PROMISE, promisedStreamId);
        FrameChecks.requirePadding(padding);
    }

    @Override
    public FrameType type() {
        return FrameType.PUSH_PROMISE;
    }

    @Override
    public int payloadLength() {
        return padding + 4 + fragment.readableBytes();
    }

    @Override
    public void release() {
        fragment.release();
    }
}
