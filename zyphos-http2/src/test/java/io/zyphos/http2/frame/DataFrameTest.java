package io.zyphos.http2.frame;

import static io.zyphos.http2.frame.FrameHarness.assertFrames;
import static io.zyphos.http2.frame.Hex.bytes;

import org.junit.jupiter.api.Test;

/**
 * RFC 9113 §6.1, DATA: a stream's content, optionally padded to hide its size. The listener gets
 * the data without the padding, and how much padding there was, since flow control counts the
 * whole payload (§6.9.1).
 */
class DataFrameTest {

    @Test
    void aDataFrameAsTheRfcDrawsIt() {
        assertFrames(bytes("""
                000005        // Length = 5
                00            // Type = DATA
                01            // Unused Flags (4), PADDED = 0, Unused Flags (2), END_STREAM = 1
                00000001      // Reserved (1), Stream Identifier (31) = 1
                68656c6c6f    // Data = "hello"
                """),
                "DATA stream=1 data=\"hello\" END_STREAM");
    }

    @Test
    void paddingIsStrippedAndCountedWithItsPadLengthOctet() {
        assertFrames(bytes("""
                00000a 00 08 00000003     // Length = 10, DATA, PADDED, stream 3
                04                        // Pad Length = 4
                68656c6c6f                // Data = "hello"
                00000000                  // Padding (4 octets)
                """),
                "DATA stream=3 data=\"hello\" padding=5");
    }

    @Test
    void aPadLengthOfZeroStillAddsItsOctet() {
        assertFrames(bytes("000003 00 09 00000001 00 6869"), "DATA stream=1 data=\"hi\" padding=1 END_STREAM");
    }

    @Test
    void anEmptyDataFrameCanEndAStream() {
        assertFrames(bytes("000000 00 01 00000001"), "DATA stream=1 data=\"\" END_STREAM");
        assertFrames(bytes("000004 00 08 00000001 03000000  // all padding, no data"), "DATA stream=1 data=\"\" padding=4");
    }

    @Test
    void dataOnStream0IsAConnectionError() {
        assertFrames(bytes("000002 00 00 00000000 6869"),
                "connection error PROTOCOL_ERROR: DATA on stream 0 (RFC 9113 §6.1)");
    }

    @Test
    void paddingAsLongAsThePayloadOrLongerIsAConnectionError() {
        assertFrames(bytes("000005 00 08 00000001 05 00000000  // Pad Length 5 in a payload of 5"),
                "connection error PROTOCOL_ERROR: DATA with a Pad Length of 5 in a payload of 5 octets (RFC 9113 §6.1)");
        assertFrames(bytes("000001 00 08 00000001 ff"),
                "connection error PROTOCOL_ERROR: DATA with a Pad Length of 255 in a payload of 1 octets (RFC 9113 §6.1)");
    }

    @Test
    void theDataOfEachFrameIsItsOwn() {
        assertFrames(bytes("""
                000002 00 00 00000001 6162
                000002 00 00 00000003 6364
                000002 00 01 00000001 6566
                """),
                "DATA stream=1 data=\"ab\"",
                "DATA stream=3 data=\"cd\"",
                "DATA stream=1 data=\"ef\" END_STREAM");
    }
}
