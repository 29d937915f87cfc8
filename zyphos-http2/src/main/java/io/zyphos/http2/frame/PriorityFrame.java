package io.zyphos.http2.frame;

import java.util.Objects;

/**
 * PRIORITY (RFC 9113 §6.3): a priority signal of RFC 7540 for a stream in any state. Deprecated
 * (§5.3.2), still read so that peers that send it are understood.
 *
 * <pre>
 * PRIORITY Frame {
 *   Length (24) = 0x05,
 *   Type (8) = 0x02,
 *
 *   Unused Flags (8),
 *
 *   Reserved (1),
 *   Stream Identifier (31),
 *
 *   Exclusive (1),
 *   Stream Dependency (31),
 *   Weight (8),
 * }
 * </pre>
 *
 * @param streamId the stream the signal is about, never 0
 * @param priority the Exclusive, Stream Dependency and Weight fields
 */
public record PriorityFrame(int streamId, StreamPriority priority) implements Http2Frame {

    /** The fixed payload length. */
    public static final int LENGTH = 5;

    /** Checks the stream. */
    public PriorityFrame {
        FrameChecks.requireStream(FrameType.PRIORITY, streamId);
        Objects.requireNonNull(priority, "priority");
    }

    @Override
    public FrameType type() {
        return FrameType.PRIORITY;
    }

    @Override
    public int payloadLength() {
        return LENGTH;
    }
}
