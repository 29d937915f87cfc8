package io.zyphos.http2.frame;

/**
 * WINDOW_UPDATE (RFC 9113 §6.9): flow-control credit, for one stream or (on stream 0) for the
 * whole connection.
 *
 * <pre>
 * WINDOW_UPDATE Frame {
 *   Length (24) = 0x04,
 *   Type (8) = 0x08,
 *
 *   Unused Flags (8),
 *
 *   Reserved (1),
 *   Stream Identifier (31),
 *
 *   Reserved (1),
 *   Window Size Increment (31),
 * }
 * </pre>
 *
 * @param streamId the stream whose window grows; 0 for the connection's
 * @param increment octets added to the window, 1 to 2^31-1
 */
public record WindowUpdateFrame(int streamId, int increment) implements Http2Frame {

    /** The fixed payload length. */
    public static final int LENGTH = 4;

    /** Checks the stream and the increment. */
    public WindowUpdateFrame {
        FrameChecks.requireStreamOrConnection(FrameType.WINDOW_UPDATE, streamId);
        if (increment <= 0) {
            throw new IllegalArgumentException("a window increment is 1 to 2^31-1 (RFC 9113 §6.9): " + increment);
        }
    }

    @Override
    public FrameType type() {
        return FrameType.WINDOW_UPDATE;
    }

    @Override
    public int payloadLength() {
        return LENGTH;
    }
}
