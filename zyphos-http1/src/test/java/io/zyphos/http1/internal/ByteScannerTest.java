package io.zyphos.http1.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;
import io.zyphos.buffer.Buffers;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.IntPredicate;
import org.junit.jupiter.api.Test;

/**
 * The scan reads field values eight bytes at a time; it must find exactly what a byte-at-a-time
 * loop over the grammar's byte sets finds (RFC 9110 §5.5 field values, §5.6.2 tokens, RFC 3986 §2
 * targets). A seeded random loop tries random bytes, runs of class members broken by one outsider
 * at every offset around the eight-byte words' edges, and the bytes at the edges of each class
 * (0x00, HTAB, LF, CR, SP, DEL, 0x80, 0xFF), in heap, direct, sliced and composite buffers.
 */
class ByteScannerTest {

    private static final byte[] EDGE_BYTES = {0x00, 0x01, 0x08, '\t', '\n', 0x0B, '\r', 0x1F, ' ', '!', '"', '#', '%', ',',
        '/', ':', ';', '=', '@', 'A', 'Z', '[', '\\', ']', '^', '_', '`', 'a', 'z', '{', '|', '}', '~', 0x7F,
        (byte) 0x80, (byte) 0x81, (byte) 0x89, (byte) 0xA0, (byte) 0xBF, (byte) 0xC0, (byte) 0xFE, (byte) 0xFF};

    @Test
    void theClassesAreTheGrammarsByteSets() {
        IntPredicate alnum = b -> b >= '0' && b <= '9' || b >= 'A' && b <= 'Z' || b >= 'a' && b <= 'z';
        IntPredicate tchar = b -> alnum.test(b) || "!#$%&'*+-.^_`|~".indexOf(b) >= 0;
        IntPredicate fieldValue = b -> b == '\t' || b == ' ' || b >= 0x21 && b <= 0x7E || b >= 0x80;
        IntPredicate uri = b -> alnum.test(b) || "-._~:/?[]@!$&'()*+,;=%".indexOf(b) >= 0;
        IntPredicate visible = b -> b >= 0x21 && b <= 0x7E;
        for (int b = 0; b < 256; b++) {
            assertEquals(tchar.test(b), ByteClass.TOKEN.contains((byte) b), "TOKEN " + b);
            assertEquals(fieldValue.test(b), ByteClass.FIELD_VALUE.contains((byte) b), "FIELD_VALUE " + b);
            assertEquals(uri.test(b), ByteClass.TARGET.contains((byte) b), "TARGET " + b);
            assertEquals(visible.test(b), ByteClass.TARGET_LENIENT.contains((byte) b), "TARGET_LENIENT " + b);
        }
    }

    @Test
    void everyByteValueInEveryPositionOfAWord() {
        // Eight bytes in a long: each byte value at each position, behind members and in front of
        // members, so a carry from one byte into the next would show.
        for (int value = 0; value < 256; value++) {
            for (int at = 0; at < 8; at++) {
                for (byte filler : new byte[] {'a', ' ', '\t', (byte) 0xFF}) {
                    byte[] bytes = new byte[16];
                    Arrays.fill(bytes, filler);
                    bytes[at] = (byte) value;
                    compareInEveryBufferKind(bytes, new int[] {0, 16}, new int[] {0, at}, new int[] {0, at + 1});
                }
            }
        }
    }

    @Test
    void randomAndAdversarialInputsGiveTheReferenceResult() {
        Random random = new Random(0x5EED_1111L);
        for (int round = 0; round < 2_000; round++) {
            byte[] bytes = generate(random, round % 4);
            int[][] ranges = new int[9][];
            ranges[0] = new int[] {0, bytes.length};
            for (int r = 1; r < ranges.length; r++) {
                int from = random.nextInt(bytes.length + 1);
                ranges[r] = new int[] {from, from + random.nextInt(bytes.length - from + 1)};
            }
            compareInEveryBufferKind(bytes, ranges);
        }
    }

    @Test
    void anOutsiderAtEveryOffsetAroundTheWordEdges() {
        // 'a' belongs to every class; each edge byte lies outside at least one.
        for (byte outsider : EDGE_BYTES) {
            for (int at = 0; at < 70; at++) {
                byte[] bytes = new byte[70];
                Arrays.fill(bytes, (byte) 'a');
                bytes[at] = outsider;
                List<int[]> ranges = new ArrayList<>();
                for (int from : new int[] {0, 1, 7, 8, 9, 15, 16, 17, 31, 33}) {
                    int start = Math.min(from, at);
                    ranges.add(new int[] {start, bytes.length});
                    ranges.add(new int[] {start, at + 1});
                    ranges.add(new int[] {start, at});
                }
                compareInEveryBufferKind(bytes, ranges.toArray(int[][]::new));
            }
        }
    }

    /** For every class and every {from, to} range, the scan agrees with a plain loop. */
    private static void compareInEveryBufferKind(byte[] bytes, int[]... ranges) {
        for (ByteBuf tracked : buffers(bytes)) {
            // The leak detector records a stack trace on every access to a tracked buffer; scan the
            // buffer underneath, which has the same indices, so millions of scans stay fast.
            ByteBuf buf = tracked.getClass().getSimpleName().contains("LeakAware") ? tracked.unwrap() : tracked;
            try {
                for (ByteClass cls : ByteClass.values()) {
                    for (int[] range : ranges) {
                        int from = range[0];
                        int to = range[1];
                        assertEquals(reference(bytes, from, to, cls), ByteScanner.skip(buf, from, to, cls),
                                () -> cls + " [" + from + ", " + to + ") of " + Arrays.toString(bytes) + " in " + describe(buf));
                    }
                }
            } finally {
                tracked.release();
            }
        }
    }

    /** The same bytes at indices 0..n of five kinds of buffer. */
    private static List<ByteBuf> buffers(byte[] bytes) {
        ByteBuf direct = Buffers.allocator().directBuffer(bytes.length).writeBytes(bytes);
        ByteBuf heap = Buffers.allocator().heapBuffer(bytes.length).writeBytes(bytes);
        ByteBuf padded = Unpooled.buffer(bytes.length + 7).writerIndex(3).writeBytes(bytes);
        ByteBuf heapSlice = padded.slice(3, bytes.length);
        ByteBuf exact = Unpooled.wrappedBuffer(bytes.clone());
        CompositeByteBuf composite = Unpooled.compositeBuffer();
        int half = bytes.length / 2;
        composite.addComponent(true, Unpooled.wrappedBuffer(bytes, 0, half));
        composite.addComponent(true, Buffers.allocator().directBuffer().writeBytes(bytes, half, bytes.length - half));
        return List.of(direct, heap, heapSlice, exact, composite);
    }

    private static int reference(byte[] bytes, int from, int to, ByteClass cls) {
        for (int i = from; i < to; i++) {
            if (!cls.contains(bytes[i])) {
                return i;
            }
        }
        return to;
    }

    private static byte[] generate(Random random, int kind) {
        int length = random.nextInt(300);
        byte[] bytes = new byte[length];
        switch (kind) {
            case 0 -> random.nextBytes(bytes);
            case 1 -> {
                for (int i = 0; i < length; i++) {
                    bytes[i] = EDGE_BYTES[random.nextInt(EDGE_BYTES.length)];
                }
            }
            case 2 -> {
                for (int i = 0; i < length; i++) {
                    bytes[i] = random.nextInt(40) == 0
                            ? EDGE_BYTES[random.nextInt(EDGE_BYTES.length)]
                            : (byte) ('a' + random.nextInt(26));
                }
            }
            default -> {
                for (int i = 0; i < length; i++) {
                    bytes[i] = (byte) (0x20 + random.nextInt(0x5F));
                }
            }
        }
        return bytes;
    }

    private static String describe(ByteBuf buf) {
        return buf.getClass().getSimpleName() + (buf.hasArray() ? " heap" : buf.isDirect() ? " direct" : "");
    }
}
