package io.zyphos.http2.frame;

import static io.zyphos.http2.frame.FrameHarness.assertFrames;
import static io.zyphos.http2.frame.Hex.bytes;

import org.junit.jupiter.api.Test;

/**
 * RFC 9113 §6.7, PING: eight opaque octets on stream 0, answered with the same eight and ACK.
 * The listener is told which of the two arrived: it must answer a PING, never a PING ACK.
 */
class PingFrameTest {

    @Test
    void aPingAndItsAnswerAsTheRfcDrawsThem() {
        assertFrames(bytes("""
                000008        // Length = 8
                06            // Type = PING
                00            // Unused Flags (7), ACK = 0
                00000000      // Stream Identifier = 0
                0102030405060708  // Opaque Data
                000008 06 01 00000000 0102030405060708  // the same with ACK
                """),
                "PING data=0x0102030405060708",
                "PING ACK data=0x0102030405060708");
    }

    @Test
    void pingOnAStreamIsAConnectionError() {
        assertFrames(bytes("000008 06 00 00000001 0000000000000000"),
                "connection error PROTOCOL_ERROR: PING on stream 1, not 0 (RFC 9113 §6.7)");
    }

    @Test
    void aLengthOtherThan8IsAFrameSizeError() {
        assertFrames(bytes("000007 06 00 00000000 00000000000000"),
                "connection error FRAME_SIZE_ERROR: PING of 7 octets, not 8 (RFC 9113 §6.7)");
        assertFrames(bytes("000009 06 01 00000000 000000000000000000"),
                "connection error FRAME_SIZE_ERROR: PING of 9 octets, not 8 (RFC 9113 §6.7)");
    }
}
