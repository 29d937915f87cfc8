package io.zyphos.http2.hpack;

import static io.zyphos.http2.hpack.Hpack.entries;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The property that makes HPACK work: whatever the encoder chooses (table size, which fields to
 * store, Huffman or not, settings changing between blocks), the decoder on the other side gets
 * back the same fields in the same order, and both dynamic tables hold the same entries after
 * every block (RFC 7541 §2.2). Two hundred seeded connections of twenty random blocks each.
 */
class RoundTripTest {

    private static final long[] TABLE_SIZES = {0, 64, 256, 1024, 4096};

    @Test
    void everyBlockDecodesToTheFieldsEncodedAndTheTablesAgree() {
        for (long seed = 0; seed < 200; seed++) {
            RandomHeaderLists lists = new RandomHeaderLists(seed);
            Random random = lists.random();
            IndexingPolicy policy = switch (random.nextInt(3)) {
                case 0 -> IndexingPolicy.ALWAYS;
                case 1 -> IndexingPolicy.DEFAULT;
                default -> (name, value) -> HpackIndexing.values()[random.nextInt(3)];
            };
            long ownMaximum = TABLE_SIZES[random.nextInt(TABLE_SIZES.length)];
            HpackEncoder encoder = new HpackEncoder(4096, ownMaximum, policy, random.nextBoolean());
            HpackDecoder decoder = new HpackDecoder(4096, Long.MAX_VALUE, Integer.MAX_VALUE);
            for (int block = 0; block < 20; block++) {
                if (random.nextInt(6) == 0) {
                    long setting = TABLE_SIZES[random.nextInt(TABLE_SIZES.length)];
                    encoder.setMaxTableSize(setting);
                    decoder.setMaxTableSize(setting);
                }
                String where = "seed " + seed + ", block " + block;
                List<RandomHeaderLists.Field> fields = lists.next();
                assertEquals(fields, roundTrip(encoder, decoder, fields), where);
                assertEquals(entries(encoder.table()), entries(decoder.table()), where);
                assertEquals(encoder.table().size(), decoder.table().size(), where);
                assertEquals(encoder.table().capacity(), decoder.table().capacity(), where);
            }
        }
    }

    private static List<RandomHeaderLists.Field> roundTrip(HpackEncoder encoder, HpackDecoder decoder,
            List<RandomHeaderLists.Field> fields) {
        // A heap array, which the leak detector does not watch: at PARANOID it records every access
        // to a pooled buffer, and the encoder writes an octet at a time. HpackEncoderTest and
        // HpackDecoderTest use pooled direct buffers.
        ByteBuf block = Unpooled.wrappedBuffer(new byte[64 * 1024]).clear();
        List<RandomHeaderLists.Field> decoded = new ArrayList<>();
        encoder.beginBlock(block);
        for (RandomHeaderLists.Field field : fields) {
            encoder.encodeField(block, field.name(), field.value());
        }
        decoder.decode(block, (name, value, neverIndexed) -> decoded.add(new RandomHeaderLists.Field(name, value)));
        return decoded;
    }
}
