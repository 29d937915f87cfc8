package io.zyphos.http2.frame;

import static io.zyphos.http2.frame.FrameHarness.SERVER;
import static io.zyphos.http2.frame.FrameHarness.assertFrames;
import static io.zyphos.http2.frame.Hex.bytes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.netty.buffer.ByteBuf;
import io.zyphos.buffer.Buffers;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * RFC 9113 §10.5 and §10.5.1: a field block has no size limit in the protocol, and a receiver
 * must hold all of it before HPACK can decode it. In 2024 the "CONTINUATION flood" (CVE-2024-27316
 * in Apache httpd, CVE-2024-28182 in nghttp2, CVE-2023-45288 in Go and others) showed servers that
 * buffered CONTINUATION frames without end, or spent a core on endless empty ones. The decoder
 * bounds both: the octets of a block, and the number of CONTINUATION frames in it; past either
 * the connection ends with ENHANCE_YOUR_CALM, refused from the frame header, before the payload
 * that would pass the limit is read or buffered.
 */
class HeaderBlockLimitsTest {

    /** 16 octets of block, at most 2 CONTINUATION frames. */
    private static final FrameDecoderConfig TINY = SERVER.withHeaderBlockLimits(16, 2);
    private static final String TOO_LARGE = "connection error ENHANCE_YOUR_CALM: a field block of more than 16 octets"
            + " (the decoder's maxHeaderBlockBytes; RFC 9113 §10.5.1)";

    @Test
    void aBlockUpToBothLimitsIsAccepted() {
        assertFrames(TINY, bytes("""
                000006 01 00 00000001 000102030405   // HEADERS, 6 octets
                000005 09 00 00000001 0607080900     // CONTINUATION, 11
                000005 09 04 00000001 0102030405     // CONTINUATION, 16 octets and 2 frames: at both limits
                """),
                "HEADERS stream=1 block=0x000102030405060708090001020304" + "05");
    }

    @Test
    void aContinuationThatWouldPassTheByteLimitIsRefusedFromItsHeader() {
        assertFrames(TINY, bytes("""
                00000a 01 00 00000001 00010203040506070809
                000007 09 04 00000001     // 7 more octets announced: 17; the payload never comes
                """),
                TOO_LARGE);
    }

    @Test
    void aFirstFragmentPastTheByteLimitIsRefusedToo() {
        assertFrames(TINY, bytes("000011 01 00 00000001 000102030405060708090a0b0c0d0e0f10  // 17 octets"), TOO_LARGE);
        assertFrames(TINY, bytes("000011 01 04 00000001 000102030405060708090a0b0c0d0e0f10  // whole, but 17 octets"),
                TOO_LARGE);
    }

    @Test
    void aFloodOfEmptyContinuationsIsCutOffAtTheFrameLimit() {
        assertFrames(TINY, bytes("""
                000001 01 00 00000001 82
                000000 09 00 00000001
                000000 09 00 00000001
                000000 09 00 00000001     // the third
                000000 09 00 00000001
                """),
                "connection error ENHANCE_YOUR_CALM: more than 2 CONTINUATION frames in one field block"
                        + " (the decoder's maxContinuationFrames; RFC 9113 §10.5)");
    }

    @Test
    void byDefaultABlockMayHave8ContinuationFrames() {
        String eight = "000000 09 00 00000001\n".repeat(7) + "000001 09 04 00000001 84";
        assertFrames(bytes("000001 01 00 00000001 82\n" + eight), "HEADERS stream=1 block=0x8284");
        String nine = "000000 09 00 00000001\n".repeat(9);
        assertFrames(bytes("000001 01 00 00000001 82\n" + nine),
                "connection error ENHANCE_YOUR_CALM: more than 8 CONTINUATION frames in one field block"
                        + " (the decoder's maxContinuationFrames; RFC 9113 §10.5)");
    }

    @Test
    void theLimitsApplyToEachBlockAfresh() {
        String block = """
                00000a 01 00 00000001 00010203040506070809
                000003 09 00 00000001 0a0b0c
                000003 09 04 00000001 0d0e0f
                """;
        assertFrames(TINY, bytes(block + block.replace("00000001", "00000003")),
                "HEADERS stream=1 block=0x000102030405060708090a0b0c0d0e0f",
                "HEADERS stream=3 block=0x000102030405060708090a0b0c0d0e0f");
    }

    @Test
    void aMillionEmptyContinuationsCostNineOctetsEachUpToTheLimitThenNothing() {
        // 9 MB of flood in one buffer: the decoder stops at the ninth frame and reads no further.
        int frames = 1_000_000;
        byte[] wire = new byte[10 + 9 * frames];
        System.arraycopy(bytes("000001 01 00 00000001 82"), 0, wire, 0, 10);
        for (int at = 10; at < wire.length; at += 9) {
            wire[at + 3] = 0x09;    // an empty CONTINUATION on stream 1
            wire[at + 8] = 0x01;
        }
        ByteBuf flood = Buffers.allocator().directBuffer(wire.length).writeBytes(wire);
        FrameRecorder recorder = new FrameRecorder();
        try (FrameDecoder decoder = new FrameDecoder(SERVER, recorder)) {
            Http2Exception e = assertThrows(Http2Exception.class, () -> decoder.receive(flood));
            assertEquals(Http2ErrorCode.ENHANCE_YOUR_CALM, e.code());
        }
        assertEquals(0, flood.refCnt());
        assertEquals(List.of(), recorder.lines);
    }

    @Test
    void limitsAreCheckedWhenConfigured() {
        assertThrows(IllegalArgumentException.class, () -> SERVER.withHeaderBlockLimits(0, 8));
        assertThrows(IllegalArgumentException.class, () -> SERVER.withHeaderBlockLimits(1024, -1));
        assertEquals(32 * 1024, FrameDecoderConfig.server().maxHeaderBlockBytes());
        assertEquals(8, FrameDecoderConfig.server().maxContinuationFrames());
    }
}
