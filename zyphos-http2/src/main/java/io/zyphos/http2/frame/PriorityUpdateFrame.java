package io.zyphos.http2.frame;

import io.netty.buffer.ByteBuf;

/**
 * PRIORITY_UPDATE (RFC 9218 §7.1): a client's new priority for a response, in the text of the
 * Priority header field ({@code u=1, i}), for the stream it names. Sent on stream 0, by clients only.
 *
 * <pre>
 * HTTP/2 PRIORITY_UPDATE Frame {
 *   Length (24),
 *   Type (8) = 0x10,
 *
 *   Unused Flags (8),
 *
 *   Reserved (1),
 *   Stream Identifier (31),
 *
 *   Reserved (1),
 *   Prioritized Stream ID (31),
 *   Priority Field Value (..),
 * }
 * </pre>
 *
 * @param prioritizedStreamId the stream whose priority changes, never 0
 * @param priorityFieldValue the Priority Field Value, ASCII in the Structured Fields syntax of the
 *     Priority header (RFC 9218 §5); the frame holds one reference ({@link #release()})
 */
public record PriorityUpdateFrame(int prioritizedStreamId, ByteBuf priorityFieldValue) implements Http2Frame {

    /** The payload before the field value: the Prioritized Stream ID. */
    public static final int MIN_LENGTH = 4;

    /** Checks the prioritized stream. */
    public PriorityUpdateFrame {
        FrameChecks.requireStream(FrameType.PRIORITY_UPDATE, prioritizedStreamId);
    }

    @Override
    public FrameType type() {
        return FrameType.PRIORITY_UPDATE;
    }

    @Override
    public int streamId() {
        return 0;
    }

    @Override
    public int payloadLength() {
        return MIN_LENGTH + priorityFieldValue.readableBytes();
    }

    @Override
    public void release() {
        priorityFieldValue.release();
    }
}
