package io.zyphos.http2.hpack;

import static io.zyphos.http2.hpack.Hpack.decode;
import static io.zyphos.http2.hpack.Hpack.entries;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every MUST of RFC 7541 a decoder checks, one test each, with the octets that break it: a broken
 * block is a COMPRESSION_ERROR, which ends the connection (RFC 9113 §4.3), since the dynamic table
 * can no longer be trusted. Then the limits against HPACK bombs (RFC 9113 §10.5.1): a header list
 * that grows too large fails only its stream, after the rest of the block has kept the table in
 * step, and costs little on the way.
 */
class DecodingErrorsTest {

    @Test
    void indexZeroIsAnError() {
        assertCompressionError("80", "index 0", "§6.1");
    }

    @Test
    void anIndexPastBothTablesIsAnError() {
        // 62 is the first dynamic index, and the dynamic table is empty.
        assertCompressionError("be", "index 62 is past the end", "§2.3.3");
        // A literal whose name is index 62.
        assertCompressionError("7e01 61", "index 62 is past the end", "§2.3.3");
    }

    @Test
    void anIntegerAbove2To31Minus1IsAnError() {
        // 127 + 127 + 127 << 7 + 127 << 14 + 127 << 21 + 15 << 28 > 2^31 - 1.
        assertCompressionError("ffff ffff ff0f", "exceeds 2^31-1", "§5.1");
    }

    @Test
    void anIntegerWithMoreThanFiveContinuationOctetsIsAnError() {
        // Padded with zero groups, the value stays small, but no encoder needs six octets for 2^31-1.
        assertCompressionError("ff80 8080 8080 00", "exceeds 2^31-1", "§5.1");
    }

    @Test
    void anIntegerCutOffByTheEndOfTheBlockIsAnError() {
        assertCompressionError("ff", "runs past the end", "§5.1");
        assertCompressionError("ff80", "runs past the end", "§5.1");
    }

    @Test
    void aStringLongerThanWhatIsLeftOfTheBlockIsAnError() {
        assertCompressionError("4005 61", "runs past the end of the block", "§5.2");
    }

    @Test
    void aStringMissingAtTheEndOfTheBlockIsAnError() {
        assertCompressionError("40", "missing", "§5.2");
        assertCompressionError("41", "missing", "§5.2");
    }

    @Test
    void huffmanPaddingLongerThanSevenBitsIsAnError() {
        // "a" is 00011; padded with 3 ones is 0x1f; a whole octet more of ones is too much padding.
        assertEquals(List.of(":authority: a"), decode(new HpackDecoder(), "0181 1f"));
        assertCompressionError("0182 1fff", "padding longer than 7 bits", "§5.2");
    }

    @Test
    void huffmanPaddingThatIsNotAllOnesIsAnError() {
        assertCompressionError("0181 18", "not the most significant bits of EOS", "§5.2");
    }

    @Test
    void huffmanCodedEosIsAnError() {
        // 32 ones hold EOS, 30 ones, as a symbol.
        assertCompressionError("0184 ffff ffff", "contains EOS", "§5.2");
    }

    @Test
    void aSizeUpdateAfterAFieldIsAnError() {
        assertCompressionError("8220", "at the beginning of a block", "§4.2");
    }

    @Test
    void aSizeUpdateAboveTheSettingIsAnError() {
        // 001 11111, then 4066 in two octets: 4097.
        assertCompressionError("3fe2 1f", "exceeds SETTINGS_HEADER_TABLE_SIZE 4096", "§6.3");
        assertEquals(List.of(":method: GET"), decode(new HpackDecoder(), "3fe1 1f82"), "4096 itself is allowed");
    }

    @Test
    void afterTheSettingIsLoweredTheNextBlockMustBeginWithASizeUpdate() {
        HpackDecoder decoder = new HpackDecoder();
        decode(decoder, "400a 6375 7374 6f6d 2d6b 6579 0d63 7573 746f 6d2d 6865 6164 6572");
        decoder.setMaxTableSize(0);
        assertCompressionError(decoder, "82", "does not begin with a dynamic table size update", "§4.2");
        assertCompressionError(decoder, "", "does not begin with a dynamic table size update", "§4.2");
    }

    @Test
    void aSizeUpdateAfterTheSettingWasLoweredEvictsAndSatisfiesIt() {
        HpackDecoder decoder = new HpackDecoder();
        decode(decoder, "400a 6375 7374 6f6d 2d6b 6579 0d63 7573 746f 6d2d 6865 6164 6572");
        decoder.setMaxTableSize(100);
        // Two updates at the start: to 0, evicting all, then to 100 (§4.2 allows the smallest, then the final).
        assertEquals(List.of(":method: GET"), decode(decoder, "203f 4582"));
        assertEquals(0, decoder.table().length());
        assertEquals(100, decoder.table().capacity());
        assertEquals(List.of(":method: GET"), decode(decoder, "82"), "owed only once");
    }

    @Test
    void raisingTheSettingOwesNoSizeUpdate() {
        HpackDecoder decoder = new HpackDecoder();
        decoder.setMaxTableSize(8192);
        assertEquals(List.of(":method: GET"), decode(decoder, "82"));
        assertEquals(4096, decoder.table().capacity(), "the encoder's table is as it was");
    }

    @Test
    void aHeaderListPastTheLimitFailsOnlyTheStreamAndTheTableStaysInStep() {
        // Three literals with indexing, "x-N: vvvvv", each 3 + 5 + 32 = 40 octets of header list:
        // the first two fit in 100, the third does not.
        HpackDecoder decoder = new HpackDecoder(4096, 100, 100);
        List<String> delivered = new ArrayList<>();
        String block = "4003 782d 3105 7676 7676 76"
                + "4003 782d 3205 7676 7676 76"
                + "4003 782d 3305 7676 7676 76";
        HpackException e = assertThrows(HpackException.class, () -> decodeInto(decoder, block, delivered));
        assertEquals(HpackException.Kind.HEADER_LIST_TOO_LARGE, e.kind());
        assertTrue(e.getMessage().contains("SETTINGS_MAX_HEADER_LIST_SIZE 100"), e.getMessage());
        assertEquals(List.of("x-1: vvvvv", "x-2: vvvvv"), delivered);
        assertEquals(List.of("x-3: vvvvv", "x-2: vvvvv", "x-1: vvvvv"), entries(decoder.table()),
                "the third field was stored though not delivered");
        assertEquals(List.of("x-3: vvvvv"), decode(decoder, "be"), "the next block refers to it");
    }

    @Test
    void aBombOfReferencesToOneLargeEntryStopsGrowingAtTheLimit() {
        HpackDecoder decoder = new HpackDecoder(4096, 8192, 4096);
        // One 4000-octet value stored (4000 + 1 + 32 = 4033 octets of table).
        StringBuilder first = new StringBuilder("4001 617f a11e");
        first.append(" 62".repeat(4000));
        decode(decoder, first.toString());
        // Then 16,384 one-octet references to it: 66 MB of header list from 16 KB.
        byte[] bomb = new byte[16_384];
        java.util.Arrays.fill(bomb, (byte) 0xbe);
        long[] delivered = new long[1];
        HpackException e = assertThrows(HpackException.class, () -> decoder.decode(Unpooled.wrappedBuffer(bomb),
                (name, value, neverIndexed) -> delivered[0] += name.length() + value.length() + 32));
        assertEquals(HpackException.Kind.HEADER_LIST_TOO_LARGE, e.kind());
        assertEquals(2 * 4033, delivered[0], "two references fit in 8192 octets; nothing after");
    }

    @Test
    void aStringPastTheLengthLimitIsSkippedUnlessTheTableNeedsIt() {
        HpackDecoder decoder = new HpackDecoder(4096, 16384, 4);
        List<String> delivered = new ArrayList<>();
        // Without indexing, a 5-octet value: skipped. With indexing, another: stored all the same.
        String block = "0f2b 0576 7676 7676" + "4003 782d 3105 7777 7777 77";
        HpackException e = assertThrows(HpackException.class, () -> decodeInto(decoder, block, delivered));
        assertEquals(HpackException.Kind.HEADER_LIST_TOO_LARGE, e.kind());
        assertTrue(e.getMessage().contains("5 octets exceeds the limit of 4"), e.getMessage());
        assertEquals(List.of(), delivered);
        assertEquals(List.of("x-1: wwwww"), entries(decoder.table()));
    }

    @Test
    void theCallerKeepsTheBlockBufferAndItsReaderIndexMovesToTheEnd() {
        HpackDecoder decoder = new HpackDecoder();
        ByteBuf block = io.zyphos.buffer.Buffers.allocator().directBuffer();
        try {
            block.writeBytes(Hpack.octets("8286 8441 0f77 7777 2e65 7861 6d70 6c65 2e63 6f6d"));
            decoder.decode(block, (name, value, neverIndexed) -> { });
            assertEquals(1, block.refCnt());
            assertEquals(block.writerIndex(), block.readerIndex());
        } finally {
            block.release();
        }
    }

    private static void decodeInto(HpackDecoder decoder, String hex, List<String> into) {
        decoder.decode(Unpooled.wrappedBuffer(Hpack.octets(hex)),
                (name, value, neverIndexed) -> into.add(name + ": " + value));
    }

    private static void assertCompressionError(String hex, String problem, String section) {
        assertCompressionError(new HpackDecoder(), hex, problem, section);
    }

    private static void assertCompressionError(HpackDecoder decoder, String hex, String problem, String section) {
        HpackException e = assertThrows(HpackException.class, () -> decode(decoder, hex));
        assertEquals(HpackException.Kind.COMPRESSION_ERROR, e.kind(), e.getMessage());
        assertTrue(e.kind().connectionError());
        assertEquals(0x9, e.kind().http2ErrorCode());
        assertTrue(e.getMessage().contains(problem), () -> "\"" + e.getMessage() + "\" should say " + problem);
        assertTrue(e.getMessage().contains("RFC 7541 " + section), () -> "\"" + e.getMessage() + "\" should cite " + section);
    }
}
