package io.zyphos.http2.frame;

import static io.zyphos.http2.frame.FrameHarness.assertFrames;
import static io.zyphos.http2.frame.Hex.bytes;

import org.junit.jupiter.api.Test;

/**
 * RFC 9113 §6.9, WINDOW_UPDATE: flow-control credit for one stream, or on stream 0 for the
 * connection. An increment of 0 is an error of the stream it names, or of the connection.
 */
class WindowUpdateFrameTest {

    @Test
    void aWindowUpdateFrameAsTheRfcDrawsIt() {
        assertFrames(bytes("""
                000004        // Length = 4
                08            // Type = WINDOW_UPDATE
                00            // Unused Flags
                00000000      // Stream Identifier = 0: the connection
                0000ffff      // Reserved, Window Size Increment = 65535
                000004 08 00 00000001 7fffffff  // stream 1, the largest increment
                """),
                "WINDOW_UPDATE stream=0 increment=65535",
                "WINDOW_UPDATE stream=1 increment=2147483647");
    }

    @Test
    void anIncrementOf0OnAStreamIsAStreamErrorAndDecodingGoesOn() {
        assertFrames(bytes("""
                000004 08 00 00000003 00000000
                000004 08 00 00000003 80000000   // 0 with the reserved bit set
                000004 08 00 00000003 00000400
                """),
                "stream error on stream 3 PROTOCOL_ERROR: WINDOW_UPDATE with an increment of 0 (RFC 9113 §6.9)",
                "stream error on stream 3 PROTOCOL_ERROR: WINDOW_UPDATE with an increment of 0 (RFC 9113 §6.9)",
                "WINDOW_UPDATE stream=3 increment=1024");
    }

    @Test
    void anIncrementOf0OnTheConnectionIsAConnectionError() {
        assertFrames(bytes("000004 08 00 00000000 00000000"),
                "connection error PROTOCOL_ERROR: WINDOW_UPDATE with an increment of 0 on the connection"
                        + " (RFC 9113 §6.9)");
    }

    @Test
    void aLengthOtherThan4IsAConnectionErrorEvenOnAStream() {
        assertFrames(bytes("000003 08 00 00000001 000001"),
                "connection error FRAME_SIZE_ERROR: WINDOW_UPDATE of 3 octets, not 4 (RFC 9113 §6.9)");
    }
}
