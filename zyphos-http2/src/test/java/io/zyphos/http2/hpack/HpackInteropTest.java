package io.zyphos.http2.hpack;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An encoder and a decoder nobody here wrote, python-hyper's hpack (the HPACK of python3-h2), on
 * the other side of each of ours: 300 seeded random header lists on one connection, encoded by
 * Zyphos and decoded by Python, then encoded by Python and decoded by Zyphos, with a table size
 * change in the middle (RFC 7541 §4.2, §6.3). Both sides must agree on every field, and on which
 * fields are never indexed (§6.2.3): Zyphos's default policy marks credentials and cookies so,
 * and Python marks the fields it is told are sensitive.
 */
class HpackInteropTest {

    private static final int LISTS = 300;
    private static final int SIZE_CHANGE_AT = 150;
    private static final int CHANGED_SIZE = 512;
    private static final HexFormat HEX = HexFormat.of();

    @TempDir
    Path dir;

    @Test
    void pythonDecodesWhatZyphosEncodes() throws IOException, InterruptedException {
        PythonHpack python = PythonHpack.in(dir);
        RandomHeaderLists lists = new RandomHeaderLists(7541);
        HpackEncoder encoder = new HpackEncoder();
        List<String> blocks = new ArrayList<>();
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < LISTS; i++) {
            if (i == SIZE_CHANGE_AT) {
                blocks.add("#size " + CHANGED_SIZE);
                encoder.setMaxTableSize(CHANGED_SIZE);
            }
            List<RandomHeaderLists.Field> fields = lists.next();
            ByteBuf block = Unpooled.buffer();
            encoder.beginBlock(block);
            List<String> line = new ArrayList<>();
            for (RandomHeaderLists.Field field : fields) {
                encoder.encodeField(block, field.name(), field.value());
                boolean never = IndexingPolicy.DEFAULT.indexing(field.name(), field.value()) == HpackIndexing.NEVER_INDEXED
                        && StaticTable.indexOf(field.name(), field.value()) <= 0;
                line.add(field(field.name(), field.value(), never));
            }
            blocks.add(HEX.formatHex(ByteBufUtil.getBytes(block)));
            expected.add(String.join(" ", line));
        }
        assertLines(expected, python.run("decode", blocks));
    }

    @Test
    void zyphosDecodesWhatPythonEncodes() throws IOException, InterruptedException {
        PythonHpack python = PythonHpack.in(dir);
        RandomHeaderLists lists = new RandomHeaderLists(9113);
        List<String> input = new ArrayList<>();
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < LISTS; i++) {
            if (i == SIZE_CHANGE_AT) {
                input.add("#size " + CHANGED_SIZE);
            }
            List<String> sent = new ArrayList<>();
            for (RandomHeaderLists.Field field : lists.next()) {
                // Credentials and cookies, unless empty: the static table holds those, and whether an
                // encoder sends a sensitive field that a table holds by index is its own choice.
                boolean sensitive = (field.name().equals("authorization") || field.name().equals("cookie"))
                        && !field.value().isEmpty();
                sent.add(field(field.name(), field.value(), sensitive));
            }
            input.add(String.join(" ", sent));
            expected.add(String.join(" ", sent));
        }
        List<String> blocks = python.run("encode", input);
        assertEquals(LISTS, blocks.size());

        HpackDecoder decoder = new HpackDecoder();
        List<String> decoded = new ArrayList<>();
        for (int i = 0; i < blocks.size(); i++) {
            if (i == SIZE_CHANGE_AT) {
                decoder.setMaxTableSize(CHANGED_SIZE);
            }
            List<String> line = new ArrayList<>();
            decoder.decode(Unpooled.wrappedBuffer(HEX.parseHex(blocks.get(i))),
                    (name, value, neverIndexed) -> line.add(field(name, value, neverIndexed)));
            decoded.add(String.join(" ", line));
        }
        assertLines(expected, decoded);
        assertEquals(CHANGED_SIZE, decoder.table().capacity(), "Python signalled the new size");
    }

    /** A field as hpack_peer.py writes it: hex name, hex value, "s" if never indexed. */
    private static String field(String name, String value, boolean neverIndexed) {
        return HEX.formatHex(name.getBytes(StandardCharsets.ISO_8859_1)) + ":"
                + HEX.formatHex(value.getBytes(StandardCharsets.ISO_8859_1)) + ":" + (neverIndexed ? "s" : "n");
    }

    private static void assertLines(List<String> expected, List<String> actual) {
        assertEquals(expected.size(), actual.size(), "header lists");
        for (int i = 0; i < expected.size(); i++) {
            assertEquals(expected.get(i), actual.get(i), "header list " + i);
        }
    }
}
