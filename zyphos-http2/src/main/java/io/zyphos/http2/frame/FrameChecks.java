package io.zyphos.http2.frame;

/** Argument checks the frame records and the writer share: local misuse, not peer errors. */
final class FrameChecks {

    /** The largest stream identifier: 31 bits (RFC 9113 §5.1.1). */
    static final int MAX_STREAM_ID = 0x7FFF_FFFF;
    /** The most padding a frame can carry, with its Pad Length octet: 1 + 255. */
    static final int MAX_PADDING = 256;

    private FrameChecks() {}

    /** A frame that belongs to a stream: 1 to 2^31-1. */
    static void requireStream(FrameType type, int streamId) {
        if (streamId <= 0) {
            throw new IllegalArgumentException(type + " belongs to a stream, not " + streamId);
        }
    }

    /** A stream identifier or 0. */
    static void requireStreamOrConnection(FrameType type, int streamId) {
        if (streamId < 0) {
            throw new IllegalArgumentException(type + " needs a 31-bit stream identifier, not " + streamId);
        }
    }

    /** Padding counted with its Pad Length octet: 0 (no PADDED flag) to 256. */
    static void requirePadding(int padding) {
        if (padding < 0 || padding > MAX_PADDING) {
            throw new IllegalArgumentException("padding with its Pad Length octet is 0 to 256: " + padding);
        }
    }

    /** An error code: an unsigned 32-bit value. */
    static void requireErrorCode(long errorCode) {
        if (errorCode < 0 || errorCode > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("an error code is 32 bits: " + errorCode);
        }
    }
}
