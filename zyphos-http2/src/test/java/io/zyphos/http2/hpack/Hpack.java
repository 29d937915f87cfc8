package io.zyphos.http2.hpack;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.zyphos.buffer.Buffers;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * What the HPACK tests share: hex in and out, header blocks in pooled buffers that are always
 * released, and fields written as {@code "name: value"} lines, with {@code " (never indexed)"}
 * after a field the peer marked so (RFC 7541 §6.2.3).
 */
final class Hpack {

    static final String NEVER_INDEXED = " (never indexed)";

    private Hpack() {}

    /** Octets from hex such as the RFC prints: {@code "8286 8441"}; spaces are ignored. */
    static byte[] octets(String hex) {
        return ByteBufUtil.decodeHexDump(hex.replace(" ", ""));
    }

    /** Lower-case hex in groups of four, the way RFC 7541 Appendix C prints octets. */
    static String hex(byte[] octets) {
        String plain = ByteBufUtil.hexDump(octets);
        StringBuilder grouped = new StringBuilder();
        for (int i = 0; i < plain.length(); i += 4) {
            if (i > 0) {
                grouped.append(' ');
            }
            grouped.append(plain, i, Math.min(i + 4, plain.length()));
        }
        return grouped.toString();
    }

    /** Decodes the block in a pooled direct buffer, released afterwards, and returns its fields. */
    static List<String> decode(HpackDecoder decoder, String hex) {
        return decode(decoder, octets(hex));
    }

    static List<String> decode(HpackDecoder decoder, byte[] block) {
        List<String> fields = new ArrayList<>();
        ByteBuf buffer = Buffers.allocator().directBuffer(block.length);
        try {
            buffer.writeBytes(block);
            decoder.decode(buffer, (name, value, neverIndexed) ->
                    fields.add(name + ": " + value + (neverIndexed ? NEVER_INDEXED : "")));
            assertEquals(0, buffer.readableBytes(), "decode reads the whole block");
        } finally {
            buffer.release();
        }
        return fields;
    }

    /** What {@code writer} writes into a pooled buffer, released afterwards, as grouped hex. */
    static String written(Consumer<ByteBuf> writer) {
        ByteBuf out = Buffers.allocator().directBuffer();
        try {
            writer.accept(out);
            return hex(ByteBufUtil.getBytes(out));
        } finally {
            out.release();
        }
    }

    /** One block of {@code "name: value"} fields, with the policy of the encoder. */
    static String encode(HpackEncoder encoder, List<String> fields) {
        return written(out -> {
            encoder.beginBlock(out);
            for (String field : fields) {
                int colon = field.indexOf(": ", 1);
                encoder.encodeField(out, field.substring(0, colon), field.substring(colon + 2));
            }
        });
    }

    /** The table's entries as {@code "name: value"}, newest first. */
    static List<String> entries(DynamicTable table) {
        List<String> entries = new ArrayList<>();
        for (int i = 1; i <= table.length(); i++) {
            entries.add(table.name(i) + ": " + table.value(i));
        }
        return entries;
    }
}
