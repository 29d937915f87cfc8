package io.zyphos.http2.frame;

import static io.zyphos.http2.frame.FrameHarness.assertFrames;
import static io.zyphos.http2.frame.Hex.bytes;

import org.junit.jupiter.api.Test;

/**
 * RFC 9113 §6.4, RST_STREAM: ends a stream with an error code. A code §7 does not define is kept
 * as it came; it must trigger nothing special (§7).
 */
class RstStreamFrameTest {

    @Test
    void aRstStreamFrameAsTheRfcDrawsIt() {
        assertFrames(bytes("""
                000004        // Length = 4
                03            // Type = RST_STREAM
                00            // Unused Flags
                00000003      // Stream Identifier = 3
                00000008      // Error Code = CANCEL
                """),
                "RST_STREAM stream=3 error=CANCEL");
    }

    @Test
    void anErrorCodeSection7DoesNotDefineIsKeptAsItCame() {
        assertFrames(bytes("000004 03 00 00000001 0000abcd"), "RST_STREAM stream=1 error=0xabcd");
        assertFrames(bytes("000004 03 00 00000001 ffffffff"), "RST_STREAM stream=1 error=0xffffffff");
    }

    @Test
    void rstStreamOnStream0IsAConnectionError() {
        assertFrames(bytes("000004 03 00 00000000 00000008"),
                "connection error PROTOCOL_ERROR: RST_STREAM on stream 0 (RFC 9113 §6.4)");
    }

    @Test
    void aLengthOtherThan4IsAConnectionFrameSizeError() {
        assertFrames(bytes("000005 03 00 00000001 0000000800"),
                "connection error FRAME_SIZE_ERROR: RST_STREAM of 5 octets, not 4 (RFC 9113 §6.4)");
    }
}
