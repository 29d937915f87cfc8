package io.zyphos.http2.frame;

import static io.zyphos.http2.frame.FrameHarness.CLIENT;
import static io.zyphos.http2.frame.FrameHarness.assertFrames;
import static io.zyphos.http2.frame.Hex.bytes;

import org.junit.jupiter.api.Test;

/**
 * RFC 9113 §6.10 and §4.3, CONTINUATION: a field block too large for one frame goes on in
 * CONTINUATION frames, on the same stream, with no other frame between them, until one carries
 * END_HEADERS. The decoder joins the fragments and reports the block once, as the HEADERS (or
 * PUSH_PROMISE) frame that began it; any break in the sequence ends the connection, since HPACK
 * state would be lost with the block.
 */
class ContinuationFrameTest {

    private static final String HEADERS_WITHOUT_END_HEADERS = "000002 01 01 00000003 8286  // HEADERS, END_STREAM only";

    @Test
    void aFieldBlockInThreeFramesIsReportedOnceWhole() {
        assertFrames(bytes("""
                000007 01 21 00000003     // HEADERS: PRIORITY, END_STREAM, no END_HEADERS
                00000001 0f               //   depends on stream 1, weight 16
                8286                      //   first fragment
                000001                    // Length = 1
                09                        // Type = CONTINUATION
                00                        // Unused Flags (5), END_HEADERS = 0, Unused Flags (2)
                00000003                  // Stream Identifier = 3
                84                        // Field Block Fragment
                000000 09 00 00000003     // an empty CONTINUATION is allowed
                000002 09 04 00000003 4188  // END_HEADERS
                """),
                "HEADERS stream=3 block=0x8286844188 dependency=1 weight=16 END_STREAM");
    }

    @Test
    void pushPromiseContinuesTheSameWay() {
        assertFrames(CLIENT, bytes("""
                000005 05 00 00000001 00000002 82   // PUSH_PROMISE without END_HEADERS
                000002 09 04 00000001 8784
                """),
                "PUSH_PROMISE stream=1 promised=2 block=0x828784");
    }

    @Test
    void anyOtherFrameInsideAFieldBlockIsAConnectionError() {
        String open = HEADERS_WITHOUT_END_HEADERS;
        assertFrames(bytes(open + "\n000001 00 00 00000003 61          // DATA on the same stream"),
                "connection error PROTOCOL_ERROR: DATA inside the field block of stream 3, where only CONTINUATION"
                        + " may come (RFC 9113 §6.10)");
        assertFrames(bytes(open + "\n000005 02 00 00000003 000000010f  // PRIORITY"),
                "connection error PROTOCOL_ERROR: PRIORITY inside the field block of stream 3, where only CONTINUATION"
                        + " may come (RFC 9113 §6.10)");
        assertFrames(bytes(open + "\n000008 06 00 00000000 0000000000000000  // PING"),
                "connection error PROTOCOL_ERROR: PING inside the field block of stream 3, where only CONTINUATION"
                        + " may come (RFC 9113 §6.10)");
        assertFrames(bytes(open + "\n000002 01 05 00000005 8286        // HEADERS of another stream"),
                "connection error PROTOCOL_ERROR: HEADERS inside the field block of stream 3, where only CONTINUATION"
                        + " may come (RFC 9113 §6.10)");
    }

    @Test
    void aContinuationOnAnotherStreamIsAConnectionError() {
        assertFrames(bytes(HEADERS_WITHOUT_END_HEADERS + "\n000001 09 04 00000005 84"),
                "connection error PROTOCOL_ERROR: CONTINUATION on stream 5 inside the field block of stream 3"
                        + " (RFC 9113 §6.10)");
    }

    @Test
    void anExtensionFrameInsideAFieldBlockIsAConnectionErrorThoughOtherwiseIgnored() {
        assertFrames(bytes(HEADERS_WITHOUT_END_HEADERS + "\n000000 63 00 00000003"),
                "connection error PROTOCOL_ERROR: a frame of unknown type 0x63 inside the field block of stream 3;"
                        + " extension frames may not come there (RFC 9113 §5.5)");
    }

    @Test
    void aContinuationWithNothingToContinueIsAConnectionError() {
        String error = "connection error PROTOCOL_ERROR: CONTINUATION with no HEADERS or PUSH_PROMISE without END_HEADERS"
                + " before it (RFC 9113 §6.10)";
        assertFrames(bytes("000001 09 04 00000003 84"), error);
        assertFrames(bytes("000002 01 04 00000003 8286 \n 000001 09 04 00000003 84  // after END_HEADERS"),
                "HEADERS stream=3 block=0x8286", error);
    }

    @Test
    void continuationOnStream0IsAConnectionError() {
        assertFrames(bytes(HEADERS_WITHOUT_END_HEADERS + "\n000001 09 04 00000000 84"),
                "connection error PROTOCOL_ERROR: CONTINUATION on stream 0 (RFC 9113 §6.10)");
    }
}
