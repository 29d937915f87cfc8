package io.zyphos.http1.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
 * (0x00, HTAB, LF, CR, SP, DEL, 0x80, 0xFF), at several alignments in the array.
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
                    compareAtEveryPlacement(bytes, new int[] {0, 16}, new int[] {0, at}, new int[] {0, at + 1});
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
            compareAtEveryPlacement(bytes, ranges);
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
                compareAtEveryPlacement(bytes, ranges.toArray(int[][]::new));
            }
        }
    }

    /**
     * For every class and every {from, to} range, the scan agrees with a plain loop, with the bytes
     * at the start of an array and at offsets that put the eight-byte reads across other
     * alignments, between bytes of every class (which the scan must not read past {@code to}).
     */
    private static void compareAtEveryPlacement(byte[] bytes, int[]... ranges) {
        for (int offset : new int[] {0, 3, 7}) {
            for (byte around : new byte[] {'a', 0x00}) {
                byte[] placed = new byte[offset + bytes.length + 9];
                Arrays.fill(placed, around);
                System.arraycopy(bytes, 0, placed, offset, bytes.length);
                for (ByteClass cls : ByteClass.values()) {
                    for (int[] range : ranges) {
                        int from = range[0];
                        int to = range[1];
                        assertEquals(reference(bytes, from, to, cls) + offset, ByteScanner.skip(placed, from + offset, to + offset, cls),
                                () -> cls + " [" + from + ", " + to + ") of " + Arrays.toString(bytes) + " at " + offset);
                    }
                }
            }
        }
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
}
