package io.zyphos.http2.frame;

import static io.zyphos.http2.frame.FrameHarness.assertFrames;
import static io.zyphos.http2.frame.Hex.bytes;

import org.junit.jupiter.api.Test;

/**
 * RFC 9113 §6.8, GOAWAY: the peer is ending the connection, and says the last of this endpoint's
 * streams it might have acted on, an error code, and optional debug data for people to read.
 */
class GoAwayFrameTest {

    @Test
    void aGoAwayFrameAsTheRfcDrawsIt() {
        assertFrames(bytes("""
                00000b        // Length = 11
                07            // Type = GOAWAY
                00            // Unused Flags
                00000000      // Stream Identifier = 0
                00000007      // Reserved, Last-Stream-ID = 7
                00000001      // Error Code = PROTOCOL_ERROR
                627965        // Additional Debug Data = "bye"
                """),
                "GOAWAY last=7 error=PROTOCOL_ERROR debug=\"bye\"");
    }

    @Test
    void debugDataIsOptionalAndTheReservedBitIgnored() {
        assertFrames(bytes("000008 07 00 00000000 80000005 00000000"), "GOAWAY last=5 error=NO_ERROR");
        assertFrames(bytes("000008 07 00 00000000 7fffffff 00001234"), "GOAWAY last=2147483647 error=0x1234");
    }

    @Test
    void goAwayOnAStreamIsAConnectionError() {
        assertFrames(bytes("000008 07 00 00000003 00000000 00000000"),
                "connection error PROTOCOL_ERROR: GOAWAY on stream 3, not 0 (RFC 9113 §6.8)");
    }
}
