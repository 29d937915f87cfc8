package io.zyphos.http2.hpack;

import static io.zyphos.http2.hpack.Hpack.decode;
import static io.zyphos.http2.hpack.Hpack.entries;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.lang.management.ManagementFactory;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * RFC 7541 Appendix C, decoded: each example's octets give the RFC's header list, and leave the
 * dynamic table exactly as the RFC prints it, entry by entry and octet by octet (§4.1: a name's
 * and a value's length plus 32). Read in order: single representations (C.2, §6), three requests
 * sharing a table (C.3, §2.3), the same with Huffman-coded strings (C.4, §5.2), then responses in
 * a 256-octet table that must evict (C.5, C.6, §4.4).
 */
class HpackDecoderTest {

    @Test
    void aLiteralWithIndexingIsDeliveredAndStored() {
        HpackDecoder decoder = new HpackDecoder();
        assertEquals(List.of("custom-key: custom-header"),
                decode(decoder, "400a 6375 7374 6f6d 2d6b 6579 0d63 7573 746f 6d2d 6865 6164 6572"), "C.2.1");
        assertEquals(List.of("custom-key: custom-header"), entries(decoder.table()));
        assertEquals(55, decoder.table().size());
    }

    @Test
    void aLiteralWithoutIndexingIsDeliveredButNotStored() {
        HpackDecoder decoder = new HpackDecoder();
        assertEquals(List.of(":path: /sample/path"), decode(decoder, "040c 2f73 616d 706c 652f 7061 7468"), "C.2.2");
        assertEquals(0, decoder.table().length());
    }

    @Test
    void aNeverIndexedLiteralIsReportedAsSuch() {
        HpackDecoder decoder = new HpackDecoder();
        assertEquals(List.of("password: secret" + Hpack.NEVER_INDEXED),
                decode(decoder, "1008 7061 7373 776f 7264 0673 6563 7265 74"), "C.2.3");
        assertEquals(0, decoder.table().length());
    }

    @Test
    void anIndexedFieldComesFromTheStaticTable() {
        HpackDecoder decoder = new HpackDecoder();
        assertEquals(List.of(":method: GET"), decode(decoder, "82"), "C.2.4");
        assertEquals(0, decoder.table().length());
    }

    @Test
    void requestsShareOneDynamicTable() {
        decodeInOrder(new HpackDecoder(), RfcExamples.C3_REQUESTS);
    }

    @Test
    void huffmanCodedRequestsDecodeToTheSameLists() {
        decodeInOrder(new HpackDecoder(), RfcExamples.C4_REQUESTS_HUFFMAN);
    }

    @Test
    void responsesEvictTheOldestEntriesToMakeRoom() {
        decodeInOrder(responseDecoder(), RfcExamples.C5_RESPONSES);
    }

    @Test
    void huffmanCodedResponsesEvictByTheDecodedLength() {
        decodeInOrder(responseDecoder(), RfcExamples.C6_RESPONSES_HUFFMAN);
    }

    @Test
    void fieldsFromEitherTableAreTheSameStringInstancesEachTime() {
        HpackDecoder decoder = new HpackDecoder();
        String[] first = new String[2];
        decode(decoder, "7a03 6162 63");  // user-agent: abc, stored
        decodeWith(decoder, "82be", (name, value, neverIndexed) -> {
            if (name.equals("user-agent")) {
                first[0] = name;
                first[1] = value;
            }
        });
        decodeWith(decoder, "82be", (name, value, neverIndexed) -> {
            if (name.equals("user-agent")) {
                assertSame(first[0], name);
                assertSame(first[1], value);
            } else {
                assertSame(StaticTable.name(2), name);
                assertSame(StaticTable.value(2), value);
            }
        });
    }

    @Test
    void commonLiteralStringsAreSharedInstances() {
        HpackDecoder decoder = new HpackDecoder();
        String[] fields = new String[4];
        // sec-fetch-mode: cors, literal name and value, without indexing; twice.
        String block = "000e 7365 632d 6665 7463 682d 6d6f 6465 0463 6f72 73";
        decodeWith(decoder, block, (name, value, neverIndexed) -> {
            fields[0] = name;
            fields[1] = value;
        });
        decodeWith(decoder, block, (name, value, neverIndexed) -> {
            fields[2] = name;
            fields[3] = value;
        });
        assertEquals("sec-fetch-mode", fields[0]);
        assertSame(fields[0], fields[2]);
        assertSame(fields[1], fields[3]);
    }

    @Test
    void aBlockOfIndexedFieldsAllocatesNothing() {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        assumeTrue(threads.isThreadAllocatedMemorySupported() && threads.isThreadAllocatedMemoryEnabled(),
                "this JVM cannot count a thread's allocations");
        HpackDecoder decoder = new HpackDecoder();
        decode(decoder, RfcExamples.C3_REQUESTS.get(0).hex());
        decode(decoder, RfcExamples.C3_REQUESTS.get(1).hex());
        // :method GET, :scheme http, :path /, then both dynamic entries: all indexed.
        ByteBuf block = Unpooled.wrappedBuffer(Hpack.octets("8286 84be bf"));
        long[] fields = new long[1];
        HeaderFieldSink count = (name, value, neverIndexed) -> fields[0]++;
        for (int i = 0; i < 10_000; i++) {
            decoder.decode(block.readerIndex(0), count);
        }
        long threadId = Thread.currentThread().threadId();
        long before = threads.getThreadAllocatedBytes(threadId);
        for (int i = 0; i < 1_000; i++) {
            decoder.decode(block.readerIndex(0), count);
        }
        long allocated = threads.getThreadAllocatedBytes(threadId) - before;
        assertEquals(11_000 * 5, fields[0]);
        // The counter itself may allocate once, a few dozen octets, on its first call; 1,000 blocks of five fields do not.
        assertTrue(allocated < 1_000, "1,000 indexed blocks allocated " + allocated + " octets");
    }

    private static HpackDecoder responseDecoder() {
        return new HpackDecoder(RfcExamples.RESPONSE_TABLE_SIZE, HpackDecoder.DEFAULT_MAX_HEADER_LIST_SIZE,
                HpackDecoder.DEFAULT_MAX_STRING_LENGTH);
    }

    private static void decodeInOrder(HpackDecoder decoder, List<RfcExamples.Block> blocks) {
        for (RfcExamples.Block block : blocks) {
            assertEquals(block.fields(), decode(decoder, block.hex()), block.section() + " header list");
            assertEquals(block.table(), entries(decoder.table()), block.section() + " dynamic table");
            assertEquals(block.tableSize(), decoder.table().size(), block.section() + " table size");
        }
    }

    private static void decodeWith(HpackDecoder decoder, String hex, HeaderFieldSink sink) {
        ByteBuf buffer = Unpooled.wrappedBuffer(Hpack.octets(hex));
        decoder.decode(buffer, sink);
    }
}
