package io.zyphos.http2.frame;

import static io.zyphos.http2.frame.FrameHarness.CLIENT;
import static io.zyphos.http2.frame.FrameHarness.assertFrames;
import static io.zyphos.http2.frame.Hex.bytes;

import org.junit.jupiter.api.Test;

/**
 * RFC 9218 §7.1, PRIORITY_UPDATE: the priority scheme that replaces RFC 7540's. A client sends,
 * on stream 0, a stream's new priority in the syntax of the Priority header field; the frame
 * layer checks where it may come and hands the text on unparsed.
 */
class PriorityUpdateFrameTest {

    @Test
    void aPriorityUpdateFrameAsTheRfcDrawsIt() {
        assertFrames(bytes("""
                00000a        // Length = 10
                10            // Type = PRIORITY_UPDATE
                00            // Unused Flags
                00000000      // Stream Identifier = 0
                00000005      // Reserved, Prioritized Stream ID = 5
                753d312c2069  // Priority Field Value = "u=1, i"
                """),
                "PRIORITY_UPDATE prioritized=5 value=\"u=1, i\"");
    }

    @Test
    void theReservedBitIsIgnoredAndTheValueMayBeEmpty() {
        assertFrames(bytes("000004 10 00 00000000 80000003"), "PRIORITY_UPDATE prioritized=3 value=\"\"");
    }

    @Test
    void priorityUpdateOnAStreamIsAConnectionError() {
        assertFrames(bytes("000005 10 00 00000001 00000001 30"),
                "connection error PROTOCOL_ERROR: PRIORITY_UPDATE on stream 1, not 0 (RFC 9218 §7.1)");
    }

    @Test
    void priorityUpdateForStream0IsAConnectionError() {
        assertFrames(bytes("000004 10 00 00000000 00000000"),
                "connection error PROTOCOL_ERROR: PRIORITY_UPDATE for stream 0 (RFC 9218 §7.1)");
    }

    @Test
    void aClientRefusesPriorityUpdate() {
        assertFrames(CLIENT, bytes("000004 10 00 00000000 00000001"),
                "connection error PROTOCOL_ERROR: PRIORITY_UPDATE from a server (RFC 9218 §7.1)");
    }

    @Test
    void aPayloadWithoutItsStreamIdIsAFrameSizeError() {
        assertFrames(bytes("000003 10 00 00000000 000001"),
                "connection error FRAME_SIZE_ERROR: PRIORITY_UPDATE of 3 octets, too short for the 4 octets of fields"
                        + " it must carry (RFC 9113 §4.2; RFC 9218 §7.1)");
    }
}
