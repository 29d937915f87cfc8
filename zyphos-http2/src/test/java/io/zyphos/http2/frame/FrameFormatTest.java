package io.zyphos.http2.frame;

import static io.zyphos.http2.frame.FrameHarness.SERVER;
import static io.zyphos.http2.frame.FrameHarness.assertFrames;
import static io.zyphos.http2.frame.Hex.bytes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.zyphos.buffer.Buffers;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * RFC 9113 §4.1 and §4.2: every frame is a 9-octet header (Length, Type, Flags, a reserved bit
 * and a 31-bit Stream Identifier) and a payload of Length octets, which the receiver's
 * SETTINGS_MAX_FRAME_SIZE bounds. What the receiver does not understand it ignores: unknown types
 * (§5.5), unused flags, the reserved bit. Frames arrive back to back, cut anywhere by TCP.
 */
class FrameFormatTest {

    @Test
    void framesFollowEachOtherWithNothingBetween() {
        assertFrames(bytes("""
                000008 06 00 00000000     // PING: Length 8, Type 6, no flags, stream 0
                0102030405060708          //   Opaque Data
                000004 08 00 00000000     // WINDOW_UPDATE: Length 4, Type 8, stream 0
                00010000                  //   Window Size Increment = 65536
                000005 00 01 00000001     // DATA: Length 5, Type 0, END_STREAM, stream 1
                68656c6c6f                //   Data = "hello"
                """),
                "PING data=0x0102030405060708",
                "WINDOW_UPDATE stream=0 increment=65536",
                "DATA stream=1 data=\"hello\" END_STREAM");
    }

    @Test
    void theReservedBitIsIgnoredOnReceipt() {
        assertFrames(bytes("""
                000004 08 00 80000001     // WINDOW_UPDATE, Reserved = 1, Stream Identifier = 1
                80000100                  //   Reserved = 1, Window Size Increment = 256
                """),
                "WINDOW_UPDATE stream=1 increment=256");
    }

    @Test
    void unusedFlagsAreIgnoredOnReceipt() {
        assertFrames(bytes("""
                000005 00 f6 00000001     // DATA with every flag but PADDED (0x08) and END_STREAM (0x01)
                68656c6c6f
                000008 06 fe 00000000     // PING with every flag but ACK (0x01)
                0000000000000000
                """),
                "DATA stream=1 data=\"hello\"",
                "PING data=0x0000000000000000");
    }

    @Test
    void framesOfUnknownTypesAreDiscarded() {
        assertFrames(bytes("""
                000003 0a 00 00000000     // ALTSVC (RFC 7838), a type this endpoint does not support
                616263
                000002 ff ff 00000005     // type 0xff, every flag, stream 5
                0000
                000000 63 00 00000000     // type 0x63, empty
                000008 06 00 00000000     // PING
                0000000000000007
                """),
                "PING data=0x0000000000000007");
    }

    @Test
    void aPayloadLongerThanSettingsMaxFrameSizeIsAFrameSizeErrorFromItsHeaderAlone() {
        assertFrames(bytes("004001 00 00 00000001      // DATA of 16385 octets; none of them sent"),
                "connection error FRAME_SIZE_ERROR: DATA of 16385 octets, more than SETTINGS_MAX_FRAME_SIZE 16384"
                        + " (RFC 9113 §4.2)");
        assertFrames(bytes("ffffff 63 00 00000000      // an unknown type is held to it too"),
                "connection error FRAME_SIZE_ERROR: a frame of unknown type 0x63 of 16777215 octets, more than"
                        + " SETTINGS_MAX_FRAME_SIZE 16384 (RFC 9113 §4.2)");
    }

    @Test
    void everyEndpointAcceptsPayloadsOf16384Octets() {
        byte[] data = "a".repeat(16_384).getBytes(StandardCharsets.US_ASCII);
        assertFrames(Hex.concat(bytes("004000 00 00 00000001"), data),
                "DATA stream=1 data=\"" + "a".repeat(16_384) + "\"");
    }

    @Test
    void aLargerMaxFrameSizeTakesEffectOnceTheDecoderIsTold() {
        byte[] frame = Hex.concat(bytes("004001 00 00 00000003"), new byte[16_385]);
        assertFrames(SERVER.withMaxFrameSize(16_385), frame, "DATA stream=3 data=0x" + "00".repeat(16_385));

        FrameRecorder recorder = new FrameRecorder();
        try (FrameDecoder decoder = new FrameDecoder(SERVER, recorder)) {
            decoder.maxFrameSize(1 << 20);
            decoder.receive(Buffers.allocator().directBuffer().writeBytes(frame));
            assertEquals(1 << 20, decoder.maxFrameSize());
        }
        assertEquals(List.of("DATA stream=3 data=0x" + "00".repeat(16_385)), recorder.lines);
    }

    @Test
    void aMaxFrameSizeOutsideTheRangeOfSection4_2IsRefusedLocally() {
        try (FrameDecoder decoder = new FrameDecoder(SERVER, new FrameRecorder())) {
            assertThrows(IllegalArgumentException.class, () -> decoder.maxFrameSize(16_383));
            assertThrows(IllegalArgumentException.class, () -> decoder.maxFrameSize(1 << 24));
        }
        assertThrows(IllegalArgumentException.class, () -> SERVER.withMaxFrameSize(1 << 24));
    }

    @Test
    void aFrameTooShortForTheFieldsItMustCarryIsAFrameSizeError() {
        assertFrames(bytes("000000 00 08 00000001      // DATA, PADDED, but no room for Pad Length"),
                "connection error FRAME_SIZE_ERROR: DATA of 0 octets, too short for the 1 octets of fields it must"
                        + " carry (RFC 9113 §4.2, §6.1)");
        assertFrames(bytes("000004 01 24 00000001 00000000 // HEADERS, PRIORITY and END_HEADERS, 4 octets"),
                "connection error FRAME_SIZE_ERROR: HEADERS of 4 octets, too short for the 5 octets of fields it must"
                        + " carry (RFC 9113 §4.2, §6.2)");
        assertFrames(bytes("000007 07 00 00000000 00000000 000000 // GOAWAY of 7 octets"),
                "connection error FRAME_SIZE_ERROR: GOAWAY of 7 octets, too short for the 8 octets of fields it must"
                        + " carry (RFC 9113 §4.2, §6.8)");
    }

    @Test
    void afterAConnectionErrorTheDecoderIgnoresItsInputAndThrowsAgain() {
        // FrameHarness checks this after every connection error; here it is on its own.
        FrameRecorder recorder = new FrameRecorder();
        try (FrameDecoder decoder = new FrameDecoder(SERVER, recorder)) {
            Http2Exception first = assertThrows(Http2Exception.class,
                    () -> decoder.receive(Buffers.allocator().directBuffer().writeBytes(bytes("000008 06 00 00000001"))));
            Http2Exception again = assertThrows(Http2Exception.class,
                    () -> decoder.receive(Buffers.allocator().directBuffer().writeBytes(bytes("000000 04 01 00000000"))));
            assertEquals(first, again);
            assertEquals(Http2Exception.Scope.CONNECTION, first.scope());
            assertEquals(Http2ErrorCode.PROTOCOL_ERROR, first.code());
        }
        assertEquals(List.of(), recorder.lines);
    }

    @Test
    void aClosedDecoderRefusesInputButReleasesIt() {
        FrameDecoder decoder = new FrameDecoder(SERVER, new FrameRecorder());
        decoder.close();
        var bytes = Buffers.allocator().directBuffer().writeByte(0);
        assertThrows(IllegalStateException.class, () -> decoder.receive(bytes));
        assertEquals(0, bytes.refCnt());
    }
}
