package io.zyphos.http2.frame;

import static io.zyphos.http2.frame.FrameHarness.assertFrames;
import static io.zyphos.http2.frame.Hex.bytes;

import org.junit.jupiter.api.Test;

/**
 * RFC 9113 §6.3, PRIORITY: the priority signal of RFC 7540, deprecated by §5.3.2 but still sent
 * by some clients, and read so that they keep working. Its one error with a stream's scope: a
 * wrong length resets only that stream.
 */
class PriorityFrameTest {

    @Test
    void aPriorityFrameAsTheRfcDrawsIt() {
        assertFrames(bytes("""
                000005        // Length = 5
                02            // Type = PRIORITY
                00            // Unused Flags
                00000003      // Stream Identifier = 3
                80000001      // Exclusive = 1, Stream Dependency = 1
                ff            // Weight = 255, that is 256
                """),
                "PRIORITY stream=3 dependency=1 weight=256 exclusive");
    }

    @Test
    void priorityOnStream0IsAConnectionError() {
        assertFrames(bytes("000005 02 00 00000000 0000000010"),
                "connection error PROTOCOL_ERROR: PRIORITY on stream 0 (RFC 9113 §6.3)");
    }

    @Test
    void aLengthOtherThan5IsAStreamErrorAndDecodingGoesOn() {
        assertFrames(bytes("""
                000004 02 00 00000003 00000001    // PRIORITY of 4 octets
                000006 02 00 00000005 000000010f00 // PRIORITY of 6 octets
                000005 02 00 00000007 000000010f  // a good one
                """),
                "stream error on stream 3 FRAME_SIZE_ERROR: PRIORITY of 4 octets, not 5 (RFC 9113 §6.3)",
                "stream error on stream 5 FRAME_SIZE_ERROR: PRIORITY of 6 octets, not 5 (RFC 9113 §6.3)",
                "PRIORITY stream=7 dependency=1 weight=16");
    }
}
