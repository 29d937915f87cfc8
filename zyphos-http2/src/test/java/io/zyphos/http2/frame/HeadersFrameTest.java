package io.zyphos.http2.frame;

import static io.zyphos.http2.frame.FrameHarness.assertFrames;
import static io.zyphos.http2.frame.Hex.bytes;

import org.junit.jupiter.api.Test;

/**
 * RFC 9113 §6.2, HEADERS: opens a stream with a field block fragment, the HPACK-encoded header
 * section (RFC 7541). It may carry padding and the deprecated priority fields of RFC 7540. The
 * frame layer hands the block on undecoded; HPACK is the next layer's.
 */
class HeadersFrameTest {

    /** RFC 7541 §C.3.1: :method GET, :scheme http, :path /, :authority www.example.com. */
    private static final String REQUEST_BLOCK = "828684410f7777772e6578616d706c652e636f6d";

    @Test
    void aHeadersFrameAsTheRfcDrawsIt() {
        assertFrames(bytes("""
                000014        // Length = 20
                01            // Type = HEADERS
                05            // PRIORITY = 0, PADDED = 0, END_HEADERS = 1, END_STREAM = 1
                00000001      // Stream Identifier = 1
                828684410f7777772e6578616d706c652e636f6d   // Field Block Fragment
                """),
                "HEADERS stream=1 block=0x" + REQUEST_BLOCK + " END_STREAM");
    }

    @Test
    void everyOptionalFieldAtOnce() {
        assertFrames(bytes("""
                00001c 01 2c 00000003     // Length = 28, HEADERS, PRIORITY | PADDED | END_HEADERS
                02                        // Pad Length = 2
                80000001                  // Exclusive = 1, Stream Dependency = 1
                0f                        // Weight = 15, that is 16
                828684410f7777772e6578616d706c652e636f6d
                0000                      // Padding
                """),
                "HEADERS stream=3 block=0x" + REQUEST_BLOCK + " dependency=1 weight=16 exclusive padding=3");
    }

    @Test
    void weightsRunFrom1To256() {
        assertFrames(bytes("000006 01 24 00000005 00000000 00 88  // Weight octet 0"),
                "HEADERS stream=5 block=0x88 dependency=0 weight=1");
        assertFrames(bytes("000006 01 24 00000005 00000003 ff 88  // Weight octet 255"),
                "HEADERS stream=5 block=0x88 dependency=3 weight=256");
    }

    @Test
    void headersOnStream0IsAConnectionError() {
        assertFrames(bytes("000001 01 04 00000000 88"),
                "connection error PROTOCOL_ERROR: HEADERS on stream 0 (RFC 9113 §6.2)");
    }

    @Test
    void paddingMustLeaveRoomForThePriorityFields() {
        assertFrames(bytes("000007 01 2c 00000001 02 00000000 0f 00  // Pad Length 2, 1 octet left after priority"),
                "connection error PROTOCOL_ERROR: HEADERS with a Pad Length of 2 in a payload of 7 octets (RFC 9113 §6.2)");
        assertFrames(bytes("000007 01 2c 00000001 01 00000000 0f 00  // Pad Length 1: an empty fragment"),
                "HEADERS stream=1 block=\"\" dependency=0 weight=16 padding=2");
    }
}
