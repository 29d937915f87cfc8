package io.zyphos.http1.internal;

/**
 * Finds where a run of bytes of one {@link ByteClass} ends: the one primitive the request parser
 * scans with. A field value ends at the first byte that is not field-vchar, SP or HTAB (CR, LF or
 * an invalid control), a name at the first non-tchar (the colon or an invalid byte), and so on;
 * the parser then looks at that one byte to decide.
 *
 * <p>It scans a {@code byte[]}: the parser keeps the head it is reading in one (see
 * {@code Http1RequestParser}, "Scanning"), where the JIT reads a byte with a plain load and drops
 * the bounds checks a loop does not need. Field values, most of a request head's bytes, are read
 * eight at a time: one {@code long}, tested with bit masks that are exact for each byte ("SIMD
 * within a register"). The other classes, whose runs are short (a method, a field name) or need a
 * table (a target), go through the class's 256-entry table. A vector scan with
 * {@code jdk.incubator.vector} was measured against this and removed: see the module's README,
 * "Scanning".
 *
 * <p>Reads only bytes in {@code [from, to)}; keeps nothing. Stateless.
 */
public final class ByteScanner {

    private static final long LOW_SEVEN_BITS = 0x7F7F7F7F7F7F7F7FL;
    private static final long HIGH_BITS = 0x8080808080808080L;
    private static final long HTABS = 0x0909090909090909L;

    private ByteScanner() {}

    /**
     * The index of the first byte in {@code [from, to)} of {@code bytes} that is not in
     * {@code cls}, or {@code to} if all are.
     */
    public static int skip(byte[] bytes, int from, int to, ByteClass cls) {
        int i = from;
        if (cls == ByteClass.FIELD_VALUE) {
            while (to - i >= Long.BYTES) {
                long outside = outsideFieldValue(Ascii.word(bytes, i));
                if (outside != 0) {
                    return i + (Long.numberOfTrailingZeros(outside) >>> 3);
                }
                i += Long.BYTES;
            }
        }
        boolean[] table = cls.table();
        while (i < to && table[bytes[i] & 0xFF]) {
            i++;
        }
        return i;
    }

    /**
     * The high bit of every byte of {@code x} that a field value may not hold (RFC 9110 §5.5): a
     * control other than HTAB, or DEL. Bytes 0x80 and above (obs-text) are allowed. Each test adds
     * within the low seven bits of a byte only, so no carry crosses into the next byte and every
     * byte's answer is exact, not only the first.
     */
    private static long outsideFieldValue(long x) {
        long low = x & LOW_SEVEN_BITS;
        // b >= 0x20, or b >= 0x80: (b & 0x7F) + 0x60 reaches the high bit from 0x20 on.
        long printableOrHigh = (low + 0x6060606060606060L | x) & HIGH_BITS;
        long tab = zeroBytes(x ^ HTABS);
        long del = zeroBytes(x ^ LOW_SEVEN_BITS);
        return ~printableOrHigh & ~tab & HIGH_BITS | del;
    }

    /** The high bit of every byte of {@code y} that is zero; exact per byte. */
    private static long zeroBytes(long y) {
        return ~((y & LOW_SEVEN_BITS) + LOW_SEVEN_BITS | y) & HIGH_BITS;
    }
}
