package io.zyphos.http2.frame;

/**
 * PING (RFC 9113 §6.7): measures a round trip, or checks an idle connection is alive. The
 * receiver of a PING without ACK answers with a PING with ACK and the same 8 octets.
 *
 * <pre>
 * PING Frame {
 *   Length (24) = 0x08,
 *   Type (8) = 0x06,
 *
 *   Unused Flags (7),
 *   ACK Flag (1),
 *
 *   Reserved (1),
 *   Stream Identifier (31) = 0,
 *
 *   Opaque Data (64),
 * }
 * </pre>
 *
 * @param ack the ACK flag: this PING answers one
 * @param opaqueData the 8 octets of Opaque Data, big-endian
 */
public record PingFrame(boolean ack, long opaqueData) implements Http2Frame {

    /** The fixed payload length. */
    public static final int LENGTH = 8;

    @Override
    public FrameType type() {
        return FrameType.PING;
    }

    @Override
    public int streamId() {
        return 0;
    }

    @Override
    public int payloadLength() {
        return LENGTH;
    }
}
