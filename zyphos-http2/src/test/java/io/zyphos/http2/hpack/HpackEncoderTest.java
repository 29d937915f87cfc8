package io.zyphos.http2.hpack;

import static io.zyphos.http2.hpack.Hpack.decode;
import static io.zyphos.http2.hpack.Hpack.encode;
import static io.zyphos.http2.hpack.Hpack.entries;
import static io.zyphos.http2.hpack.Hpack.written;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * RFC 7541 Appendix C, encoded: with the RFC's choices (store every literal, Huffman on or off)
 * the encoder writes the examples' octets exactly and keeps the same dynamic table. Then the
 * choices an encoder makes on its own: table size updates after a SETTINGS change (§4.2, §6.3),
 * what never to index (§7.1), and Huffman coding only where it is shorter (§5.2).
 */
class HpackEncoderTest {

    @Test
    void eachRepresentationOfAppendixC2() {
        HpackEncoder encoder = new HpackEncoder(4096, 4096, IndexingPolicy.ALWAYS, false);
        assertEquals("400a 6375 7374 6f6d 2d6b 6579 0d63 7573 746f 6d2d 6865 6164 6572",
                written(out -> encoder.encodeField(out, "custom-key", "custom-header", HpackIndexing.INCREMENTAL)), "C.2.1");
        assertEquals("040c 2f73 616d 706c 652f 7061 7468",
                written(out -> encoder.encodeField(out, ":path", "/sample/path", HpackIndexing.WITHOUT_INDEXING)), "C.2.2");
        assertEquals("1008 7061 7373 776f 7264 0673 6563 7265 74",
                written(out -> encoder.encodeField(out, "password", "secret", HpackIndexing.NEVER_INDEXED)), "C.2.3");
        assertEquals("82", written(out -> encoder.encodeField(out, ":method", "GET", HpackIndexing.NEVER_INDEXED)), "C.2.4");
        assertEquals(List.of("custom-key: custom-header"), entries(encoder.table()));
    }

    @Test
    void requestsWithoutHuffman() {
        encodeInOrder(new HpackEncoder(4096, 4096, IndexingPolicy.ALWAYS, false), RfcExamples.C3_REQUESTS);
    }

    @Test
    void requestsWithHuffmanWhereverItIsShorter() {
        encodeInOrder(new HpackEncoder(4096, 4096, IndexingPolicy.ALWAYS, true), RfcExamples.C4_REQUESTS_HUFFMAN);
    }

    @Test
    void responsesInASmallTableWithoutHuffman() {
        int size = RfcExamples.RESPONSE_TABLE_SIZE;
        encodeInOrder(new HpackEncoder(size, size, IndexingPolicy.ALWAYS, false), RfcExamples.C5_RESPONSES);
    }

    @Test
    void responsesInASmallTableWithHuffman() {
        int size = RfcExamples.RESPONSE_TABLE_SIZE;
        encodeInOrder(new HpackEncoder(size, size, IndexingPolicy.ALWAYS, true), RfcExamples.C6_RESPONSES_HUFFMAN);
    }

    @Test
    void aChangedSettingIsSignalledAtTheStartOfTheNextBlockWithItsSmallestAndFinalValues() {
        HpackEncoder encoder = new HpackEncoder();
        HpackDecoder decoder = new HpackDecoder();
        decode(decoder, encode(encoder, List.of("x-a: 1", "x-b: 2")));
        assertEquals(2, encoder.table().length());

        // The peer lowers its setting to 30, then raises it to 200, between two blocks (§4.2).
        encoder.setMaxTableSize(30);
        encoder.setMaxTableSize(200);
        decoder.setMaxTableSize(30);
        decoder.setMaxTableSize(200);
        String block = encode(encoder, List.of(":method: GET"));
        // 001 11110 = 30, then 001 11111 + 169 = 200, then :method GET.
        assertEquals("3e3f a901 82", block);
        assertEquals(List.of(":method: GET"), decode(decoder, block));
        // Shrinking to 30 evicted both entries (36 octets each); the final 200 leaves room for new ones.
        assertEquals(0, encoder.table().length());
        assertEquals(200, encoder.table().capacity());
        assertEquals(encoder.table().capacity(), decoder.table().capacity());

        assertEquals("82", encode(encoder, List.of(":method: GET")), "only the first block after a change says so");
    }

    @Test
    void aSettingThatChangesOnlyOnceIsSignalledOnce() {
        HpackEncoder encoder = new HpackEncoder();
        encoder.setMaxTableSize(8192);
        // The encoder keeps its own maximum of 4096, and says so: RFC 9113 §4.3.1 asks for an update after every change.
        assertEquals("3fe1 1f82", encode(encoder, List.of(":method: GET")));
        encoder.setMaxTableSize(8192);
        assertEquals("82", encode(encoder, List.of(":method: GET")), "the same value again is no change");
    }

    @Test
    void anEncoderThatUsesLessTableThanAllowedSaysSoInItsFirstBlock() {
        HpackEncoder encoder = new HpackEncoder(4096, 1024, IndexingPolicy.DEFAULT, true);
        assertEquals("3fe1 0782", encode(encoder, List.of(":method: GET")));
    }

    @Test
    void aFieldBeforeTheOwedSizeUpdateIsAMisuse() {
        HpackEncoder encoder = new HpackEncoder();
        encoder.setMaxTableSize(0);
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> written(out -> encoder.encodeField(out, ":method", "GET")));
        assertTrue(e.getMessage().contains("beginBlock"), e.getMessage());
    }

    @Test
    void credentialsAndShortCookiesAreNeverIndexed() {
        HpackEncoder encoder = new HpackEncoder();
        HpackDecoder decoder = new HpackDecoder();
        List<String> fields = List.of("authorization: Bearer abc", "cookie: id=42",
                "set-cookie: session=1; Secure", "proxy-authorization: Basic Zm9v");
        List<String> decoded = decode(decoder, encode(encoder, fields));
        assertEquals(fields.stream().map(f -> f + Hpack.NEVER_INDEXED).toList(), decoded);
        assertEquals(0, encoder.table().length(), "§7.1.3: never entered in the table");
        assertEquals(0, decoder.table().length());
    }

    @Test
    void longCookiesAreIndexedAndRepeatCostsOneOctet() {
        HpackEncoder encoder = new HpackEncoder();
        String cookie = "cookie: session=8f14e45fceea167a5a36dedd4bea2543; theme=dark";
        encode(encoder, List.of(cookie));
        assertEquals(List.of(cookie), entries(encoder.table()));
        assertEquals("be", encode(encoder, List.of(cookie)));
    }

    @Test
    void fieldsThatChangeWithEveryMessageAreNotStored() {
        HpackEncoder encoder = new HpackEncoder();
        encode(encoder, List.of(":path: /app.js?v=1", "content-length: 1234", "etag: \"abc\"", "x-custom: kept"));
        assertEquals(List.of("x-custom: kept"), entries(encoder.table()));
    }

    @Test
    void aFieldLargerThanThreeQuartersOfTheTableIsNotStored() {
        HpackEncoder encoder = new HpackEncoder(256, 256, IndexingPolicy.ALWAYS, false);
        encode(encoder, List.of("x-small: 1"));
        encode(encoder, List.of("x-large: " + "v".repeat(200)));
        assertEquals(List.of("x-small: 1"), entries(encoder.table()), "the small entry was not evicted for it");
    }

    @Test
    void aNameInTheDynamicTableIsReferredToByIndex() {
        HpackEncoder encoder = new HpackEncoder(4096, 4096, IndexingPolicy.ALWAYS, false);
        encode(encoder, List.of("x-trace: 1"));
        // 01 111110 = name index 62 (the dynamic entry), then the value "2".
        assertEquals("7e01 32", encode(encoder, List.of("x-trace: 2")));
        // The newest entry with the name comes first: x-trace: 2 is now 62, x-trace: 1 is 63.
        assertEquals("bf", encode(encoder, List.of("x-trace: 1")));
    }

    @Test
    void huffmanIsUsedUnlessItIsLonger() {
        HpackEncoder encoder = new HpackEncoder(4096, 4096, IndexingPolicy.ALWAYS, true);
        // "{}" codes to 29 bits, 4 octets: sent raw. "www" codes to 21 bits, 3 octets like raw: a tie
        // goes to Huffman, as RFC 7541 C.6.2 does for "307".
        assertEquals("4083 f1e3 c702 7b7d", written(out -> encoder.encodeField(out, "www", "{}")));
        // "no-cache" is 6 octets coded instead of 8 (RFC 7541 C.4.2).
        assertEquals("4081 f386 a8eb 1064 9cbf", written(out -> encoder.encodeField(out, "x", "no-cache")));
    }

    @Test
    void aCharThatIsNotAnOctetIsRefused() {
        HpackEncoder encoder = new HpackEncoder();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> written(out -> encoder.encodeField(out, "x-name", "caf\u00e9 \u20ac")));
        assertTrue(e.getMessage().contains("U+20AC"), e.getMessage());
    }

    private static void encodeInOrder(HpackEncoder encoder, List<RfcExamples.Block> blocks) {
        for (RfcExamples.Block block : blocks) {
            assertEquals(block.hex(), encode(encoder, block.fields()), block.section() + " octets");
            assertEquals(block.table(), entries(encoder.table()), block.section() + " dynamic table");
            assertEquals(block.tableSize(), encoder.table().size(), block.section() + " table size");
        }
    }
}
