package io.zyphos.http2.hpack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.zyphos.buffer.Buffers;

/**
 * Whatever octets arrive as header blocks, the decoder answers with fields or an
 * {@link HpackException}: no other exception, no endless loop, no field delivered past the
 * header list limit, a dynamic table never larger than its capacity nor its capacity than the
 * setting, and the caller's buffer neither released nor kept. After a HEADER_LIST_TOO_LARGE the
 * connection goes on with the next block; after a COMPRESSION_ERROR it ends (RFC 9113 §4.3). The
 * lesson for roadmap milestone 23, and the guard against HPACK bombs (RFC 9113 §10.5.1).
 *
 * <p>The first octet of each input chooses how to run it: bits 0-1 the table size setting (0, 64,
 * 256 or 4096), bit 2 a header list limit of 200 octets instead of 16 KiB, bit 3 a string limit
 * of 16 octets, bit 4 pooled direct buffers instead of heap arrays, bit 5 the RFC 9113 field rules
 * checked by {@link HeaderFieldValidator} as well. The rest are blocks, each behind one octet of
 * length. A plain {@code mvn test} replays the seeds under
 * {@code src/test/resources/io/zyphos/http2/hpack/HpackDecoderFuzzTestInputs/};
 * {@code JAZZER_FUZZ=1} searches for new inputs.
 */
class HpackDecoderFuzzTest {

    private static final long[] TABLE_SIZES = {0, 64, 256, 4096};

    @FuzzTest(maxDuration = "30s")
    void anyBlocksGiveFieldsOrAnHpackException(byte[] data) {
        if (data.length == 0) {
            return;
        }
        int mode = data[0];
        long tableSize = TABLE_SIZES[mode & 3];
        long maxListSize = (mode & 0x04) != 0 ? 200 : 16 * 1024;
        int maxStringLength = (mode & 0x08) != 0 ? 16 : 16 * 1024;
        boolean direct = (mode & 0x10) != 0;
        boolean validate = (mode & 0x20) != 0;

        HpackDecoder decoder = new HpackDecoder(tableSize, maxListSize, maxStringLength);
        long[] listSize = new long[1];
        HeaderFieldSink counting = (name, value, neverIndexed) -> {
            listSize[0] += name.length() + value.length() + 32;
            assertTrue(listSize[0] <= maxListSize, "a field delivered past the header list limit");
        };
        HeaderFieldValidator validator = new HeaderFieldValidator(counting);
        for (int at = 1; at < data.length; ) {
            int length = Math.min(data[at] & 0xFF, data.length - at - 1);
            ByteBuf block = direct ? Buffers.allocator().directBuffer(length) : Unpooled.buffer(length);
            block.writeBytes(data, at + 1, length);
            at += 1 + length;
            listSize[0] = 0;
            try {
                if (validate) {
                    decoder.decode(block, validator.reset(HeaderFieldValidator.Section.REQUEST));
                    validator.finish();
                } else {
                    decoder.decode(block, counting);
                }
            } catch (HpackException e) {
                if (e.kind() == HpackException.Kind.COMPRESSION_ERROR) {
                    return;
                }
            } finally {
                assertEquals(1, block.refCnt(), "the decoder released the caller's block");
                block.release();
            }
            DynamicTable table = decoder.table();
            assertTrue(table.size() <= table.capacity(), "the table outgrew its capacity");
            assertTrue(table.capacity() <= tableSize, "the table outgrew the setting");
        }
    }
}
