package io.zyphos.http2.frame;

import static io.zyphos.http2.frame.FrameHarness.CLIENT;
import static io.zyphos.http2.frame.FrameHarness.assertFrames;
import static io.zyphos.http2.frame.Hex.bytes;

import org.junit.jupiter.api.Test;

/**
 * RFC 9113 §6.5, SETTINGS: the sender's configuration as identifier and value pairs on stream 0,
 * or with ACK and nothing else, the acknowledgement of the peer's. Each value is checked against
 * what its setting allows (§6.5.2, RFC 8441 §3, RFC 9218 §2.1) before any is reported, so a bad
 * frame changes nothing; unknown identifiers are skipped.
 */
class SettingsFrameTest {

    @Test
    void aSettingsFrameAsTheRfcDrawsIt() {
        assertFrames(bytes("""
                000012        // Length = 18: three settings of 6 octets
                04            // Type = SETTINGS
                00            // Unused Flags (7), ACK = 0
                00000000      // Stream Identifier = 0
                0002 00000000 // SETTINGS_ENABLE_PUSH = 0
                0003 00000064 // SETTINGS_MAX_CONCURRENT_STREAMS = 100
                0004 00100000 // SETTINGS_INITIAL_WINDOW_SIZE = 1048576
                """),
                "SETTINGS {ENABLE_PUSH=0, MAX_CONCURRENT_STREAMS=100, INITIAL_WINDOW_SIZE=1048576}");
    }

    @Test
    void theAcknowledgementIsEmptyWithAck() {
        assertFrames(bytes("000000 04 01 00000000"), "SETTINGS ACK");
    }

    @Test
    void everyDefinedSettingIsRead() {
        assertFrames(bytes("""
                000030 04 00 00000000
                0001 00001000   0002 00000001   0003 ffffffff   0004 7fffffff
                0005 00ffffff   0006 00002000   0008 00000001   0009 00000001
                """),
                "SETTINGS {HEADER_TABLE_SIZE=4096, ENABLE_PUSH=1, MAX_CONCURRENT_STREAMS=4294967295,"
                        + " INITIAL_WINDOW_SIZE=2147483647, MAX_FRAME_SIZE=16777215, MAX_HEADER_LIST_SIZE=8192,"
                        + " ENABLE_CONNECT_PROTOCOL=1, NO_RFC7540_PRIORITIES=1}");
    }

    @Test
    void anEmptySettingsFrameGivesNothing() {
        assertFrames(bytes("000000 04 00 00000000"), "SETTINGS {}");
    }

    @Test
    void unknownSettingsAreIgnored() {
        assertFrames(bytes("""
                000012 04 00 00000000
                0007 00000001   // 0x7 is unassigned
                abcd ffffffff
                0005 00004001   // SETTINGS_MAX_FRAME_SIZE = 16385
                """),
                "SETTINGS {MAX_FRAME_SIZE=16385}");
    }

    @Test
    void aSettingGivenTwiceHasItsLaterValueSinceSettingsAreProcessedInOrder() {
        assertFrames(bytes("00000c 04 00 00000000 0001 00000000 0001 00000100"), "SETTINGS {HEADER_TABLE_SIZE=256}");
    }

    @Test
    void settingsOnAStreamIsAConnectionError() {
        assertFrames(bytes("000000 04 00 00000001"),
                "connection error PROTOCOL_ERROR: SETTINGS on stream 1, not 0 (RFC 9113 §6.5)");
    }

    @Test
    void anAcknowledgementWithAPayloadIsAFrameSizeError() {
        assertFrames(bytes("000006 04 01 00000000 0003 00000064"),
                "connection error FRAME_SIZE_ERROR: SETTINGS ACK with a payload of 6 octets (RFC 9113 §6.5)");
    }

    @Test
    void aLengthNotAMultipleOf6IsAFrameSizeError() {
        assertFrames(bytes("000005 04 00 00000000 0003000000"),
                "connection error FRAME_SIZE_ERROR: SETTINGS of 5 octets, not a multiple of 6 (RFC 9113 §6.5)");
    }

    @Test
    void enablePushIs0Or1() {
        assertFrames(bytes("000006 04 00 00000000 0002 00000002"),
                "connection error PROTOCOL_ERROR: SETTINGS_ENABLE_PUSH of 2, neither 0 nor 1 (RFC 9113 §6.5.2)");
    }

    @Test
    void aClientRefusesEnablePushOf1FromAServer() {
        assertFrames(CLIENT, bytes("000006 04 00 00000000 0002 00000001"),
                "connection error PROTOCOL_ERROR: SETTINGS_ENABLE_PUSH of 1 from a server (RFC 9113 §6.5.2)");
        assertFrames(CLIENT, bytes("000006 04 00 00000000 0002 00000000"), "SETTINGS {ENABLE_PUSH=0}");
    }

    @Test
    void anInitialWindowSizeAbove2To31Minus1IsAFlowControlError() {
        assertFrames(bytes("000006 04 00 00000000 0004 80000000"),
                "connection error FLOW_CONTROL_ERROR: SETTINGS_INITIAL_WINDOW_SIZE of 2147483648, above the largest"
                        + " window 2^31-1 (RFC 9113 §6.5.2)");
    }

    @Test
    void maxFrameSizeIsBetween2To14And2To24Minus1() {
        String tooSmall = "connection error PROTOCOL_ERROR: SETTINGS_MAX_FRAME_SIZE of 16383, outside 16384 to 16777215"
                + " (RFC 9113 §6.5.2)";
        assertFrames(bytes("000006 04 00 00000000 0005 00003fff"), tooSmall);
        assertFrames(bytes("000006 04 00 00000000 0005 01000000"),
                "connection error PROTOCOL_ERROR: SETTINGS_MAX_FRAME_SIZE of 16777216, outside 16384 to 16777215"
                        + " (RFC 9113 §6.5.2)");
        assertFrames(bytes("000006 04 00 00000000 0005 00004000"), "SETTINGS {MAX_FRAME_SIZE=16384}");
    }

    @Test
    void enableConnectProtocolIs0Or1() {
        assertFrames(bytes("000006 04 00 00000000 0008 00000002"),
                "connection error PROTOCOL_ERROR: SETTINGS_ENABLE_CONNECT_PROTOCOL of 2, neither 0 nor 1 (RFC 8441 §3)");
    }

    @Test
    void noRfc7540PrioritiesIs0Or1() {
        assertFrames(bytes("000006 04 00 00000000 0009 00000007"),
                "connection error PROTOCOL_ERROR: SETTINGS_NO_RFC7540_PRIORITIES of 7, neither 0 nor 1 (RFC 9218 §2.1)");
    }

    @Test
    void oneBadValueRefusesTheWholeFrame() {
        assertFrames(bytes("""
                00000c 04 00 00000000
                0003 00000064   // a good value, never reported
                0002 00000009   // a bad one
                """),
                "connection error PROTOCOL_ERROR: SETTINGS_ENABLE_PUSH of 9, neither 0 nor 1 (RFC 9113 §6.5.2)");
    }
}
