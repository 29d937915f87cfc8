package io.zyphos.http2.frame;

/**
 * One HTTP/2 frame, as a value: what {@link FrameWriter#write(io.netty.buffer.ByteBuf, Http2Frame)}
 * puts on the wire, and what a {@link FrameListener} can build from what {@link FrameDecoder}
 * reads. Every frame starts with the 9-octet header of RFC 9113 §4.1:
 *
 * <pre>
 * HTTP Frame {
 *   Length (24),
 *   Type (8),
 *
 *   Flags (8),
 *
 *   Reserved (1),
 *   Stream Identifier (31),
 *
 *   Frame Payload (..),
 * }
 * </pre>
 *
 * <p>The records hold the fields of the payload; the length and the flags follow from them. Flags
 * a frame type does not define are never set when writing and are ignored when reading (§4.1),
 * so no record carries them; nor the reserved bit, always 0 when sent and ignored on receipt.
 *
 * <h2>Buffers</h2>
 * A frame that carries bytes ({@link DataFrame}, {@link HeadersFrame}, {@link PushPromiseFrame},
 * {@link ContinuationFrame}, {@link GoAwayFrame}, {@link PriorityUpdateFrame}) holds one reference
 * to its {@code ByteBuf}: whoever holds the frame calls {@link #release()} once done with it. The
 * writer only reads the frame, and never releases it.
 */
public sealed interface Http2Frame
        permits DataFrame, HeadersFrame, PriorityFrame, RstStreamFrame, SettingsFrame, PushPromiseFrame, PingFrame,
                GoAwayFrame, WindowUpdateFrame, ContinuationFrame, PriorityUpdateFrame {

    /** The 9 octets of the frame header (RFC 9113 §4.1). */
    int HEADER_LENGTH = 9;

    /** The frame's type. */
    FrameType type();

    /** The stream the frame belongs to; 0 for frames about the whole connection. */
    int streamId();

    /** The octets of the frame payload: the header's Length field. */
    int payloadLength();

    /** The octets of the whole frame on the wire: the header and the payload. */
    default int encodedLength() {
        return HEADER_LENGTH + payloadLength();
    }

    /** Releases the bytes the frame carries; nothing for a frame that carries none. */
    default void release() {}
}
