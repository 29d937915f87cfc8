package io.zyphos.http2.frame;

import static io.zyphos.http2.frame.FrameHarness.CLIENT;
import static io.zyphos.http2.frame.FrameHarness.assertFrames;
import static io.zyphos.http2.frame.Hex.bytes;

import org.junit.jupiter.api.Test;

/**
 * RFC 9113 §6.6, PUSH_PROMISE: a server reserves a stream for a response it will push, and sends
 * the request that response answers as a field block. Only clients read it: a client cannot push
 * (§8.4), so a server treats one as a connection error.
 */
class PushPromiseFrameTest {

    @Test
    void aPushPromiseFrameAsTheRfcDrawsIt() {
        assertFrames(CLIENT, bytes("""
                000007        // Length = 7
                05            // Type = PUSH_PROMISE
                04            // PADDED = 0, END_HEADERS = 1
                00000001      // Stream Identifier = 1
                00000002      // Reserved, Promised Stream ID = 2
                828784        // Field Block Fragment
                """),
                "PUSH_PROMISE stream=1 promised=2 block=0x828784");
    }

    @Test
    void paddedWithTheReservedBitSet() {
        assertFrames(CLIENT, bytes("00000a 05 0c 00000001 02 80000004 828784 0000"),
                "PUSH_PROMISE stream=1 promised=4 block=0x828784 padding=3");
    }

    @Test
    void aServerRefusesPushPromise() {
        assertFrames(bytes("000007 05 04 00000001 00000002 828784"),
                "connection error PROTOCOL_ERROR: PUSH_PROMISE from a client (RFC 9113 §8.4)");
    }

    @Test
    void pushPromiseOnStream0IsAConnectionError() {
        assertFrames(CLIENT, bytes("000004 05 04 00000000 00000002"),
                "connection error PROTOCOL_ERROR: PUSH_PROMISE on stream 0 (RFC 9113 §6.6)");
    }

    @Test
    void promisingStream0IsAConnectionError() {
        assertFrames(CLIENT, bytes("000004 05 04 00000001 80000000"),
                "connection error PROTOCOL_ERROR: PUSH_PROMISE promising stream 0, which no stream can use"
                        + " (RFC 9113 §5.1.1, §6.6)");
    }

    @Test
    void paddingMustLeaveRoomForThePromisedStreamId() {
        assertFrames(CLIENT, bytes("000006 05 0c 00000001 02 00000002 00"),
                "connection error PROTOCOL_ERROR: PUSH_PROMISE with a Pad Length of 2 in a payload of 6 octets"
                        + " (RFC 9113 §6.6)");
        assertFrames(CLIENT, bytes("000003 05 04 00000001 000002"),
                "connection error FRAME_SIZE_ERROR: PUSH_PROMISE of 3 octets, too short for the 4 octets of fields it"
                        + " must carry (RFC 9113 §4.2, §6.6)");
    }
}
