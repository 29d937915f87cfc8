package io.zyphos.http1.internal;

import io.netty.buffer.ByteBuf;

/**
 * Field values eight bytes at a time, as bit masks over a {@code long} (SIMD within a register);
 * the other classes through {@link ScalarScanner}'s table. No vector module needed.
 */
public final class SwarScanner implements ByteScanner {

    public static final SwarScanner INSTANCE = new SwarScanner();

    private static final long HIGHS = 0x8080808080808080L;

    private SwarScanner() {}

    private static final long LOW7 = 0x7F7F7F7F7F7F7F7FL;

    @Override
    public int skip(ByteBuf buf, int from, int to, ByteClass cls) {
        if (cls != ByteClass.FIELD_VALUE) {
            return ScalarScanner.INSTANCE.skip(buf, from, to, cls);
        }
        int loadLimit = buf.capacity() - 8;
        int i = from;
        while (i < to && i <= loadLimit) {
            long x = buf.getLongLE(i);
            long hit = outsideFieldValue(x);
            if (hit != 0) {
                return Math.min(i + (Long.numberOfTrailingZeros(hit) >>> 3), to);
            }
            i += 8;
        }
        return i >= to ? to : ScalarScanner.INSTANCE.skip(buf, i, to, cls);
    }

    /** High bit of each byte of x that is a control other than HTAB, or DEL. Exact per byte: no carry crosses a byte. */
    static long outsideFieldValue(long x) {
        long low = x & LOW7;
        long atLeastSpace = (low + 0x6060606060606060L | x) & HIGHS;      // b >= 0x20, or obs-text
        long y = x ^ 0x0909090909090909L;
        long tab = ~((y & LOW7) + LOW7 | y) & HIGHS;                      // b == 0x09
        long z = x ^ LOW7;
        long del = ~((z & LOW7) + LOW7 | z) & HIGHS;                      // b == 0x7F
        return ~atLeastSpace & HIGHS & ~tab | del;
    }

    @Override
    public boolean vectorized() {
        return false;
    }
}
