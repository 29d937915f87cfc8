package io.zyphos.http1.internal;

import io.netty.buffer.ByteBuf;
import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link VectorScanner} reworked: 128-bit lanes (one {@code pshufb} per nibble look-up, where
 * 256-bit byte shuffles cross lanes on AVX2), masks read with {@code toLong}, field values with
 * three comparisons, and one memory segment per underlying buffer, so slices of a transport's read
 * buffer share it. Direct buffers only; others take the scalar path.
 */
public final class VectorScanner128 implements ByteScanner {

    private static final VectorSpecies<Byte> SPECIES = ByteVector.SPECIES_128;
    private static final int LANES = 16;
    private static final ByteVector HIGH_NIBBLE_BITS;

    static {
        byte[] bits = new byte[LANES];
        for (int i = 0; i < LANES; i++) {
            bits[i] = i < 8 ? (byte) (1 << i) : 0;
        }
        HIGH_NIBBLE_BITS = ByteVector.fromArray(SPECIES, bits, 0);
    }

    private final ByteVector[] lowNibbleTables = new ByteVector[ByteClass.values().length];
    private final long[] rootAddresses = new long[2];
    private final long[] rootSizes = {-1, -1};
    private final MemorySegment[] roots = new MemorySegment[2];
    private int newest;

    /** A scanner; throws {@link UnsupportedOperationException} if vectors are narrower than 128 bits. */
    public VectorScanner128() {
        if (ByteVector.SPECIES_PREFERRED.vectorBitSize() < 128) {
            throw new UnsupportedOperationException("no 128-bit vectors");
        }
        for (ByteClass cls : ByteClass.values()) {
            byte[] table = new byte[LANES];
            for (int i = 0; i < LANES; i++) {
                table[i] = cls.lowNibbleBits(i);
            }
            lowNibbleTables[cls.ordinal()] = ByteVector.fromArray(SPECIES, table, 0);
        }
    }

    @Override
    public int skip(ByteBuf buf, int from, int to, ByteClass cls) {
        if (from >= to) {
            return to;
        }
        if (!buf.hasMemoryAddress()) {
            return ScalarScanner.INSTANCE.skip(buf, from, to, cls);
        }
        long address = buf.memoryAddress();
        int capacity = buf.capacity();
        int slot = newest;
        if (address < rootAddresses[slot] || address + capacity > rootAddresses[slot] + rootSizes[slot]) {
            slot ^= 1;
            if (address < rootAddresses[slot] || address + capacity > rootAddresses[slot] + rootSizes[slot]) {
                if (!remember(buf, slot)) {
                    return ScalarScanner.INSTANCE.skip(buf, from, to, cls);
                }
            }
            newest = slot;
        }
        MemorySegment memory = roots[slot];
        long base = address - rootAddresses[slot];
        int loadLimit = capacity - LANES;
        ByteVector table = lowNibbleTables[cls.ordinal()];
        boolean value = cls == ByteClass.FIELD_VALUE;
        int i = from;
        while (i < to && i <= loadLimit) {
            ByteVector v = ByteVector.fromMemorySegment(SPECIES, memory, base + i, ByteOrder.LITTLE_ENDIAN);
            long outside;
            if (value) {
                outside = v.compare(VectorOperators.ULT, (byte) 0x20)
                        .andNot(v.compare(VectorOperators.EQ, (byte) '\t'))
                        .or(v.compare(VectorOperators.EQ, (byte) 0x7F))
                        .toLong();
            } else {
                ByteVector low = v.and((byte) 0x0F).selectFrom(table);
                ByteVector high = v.lanewise(VectorOperators.LSHR, 4).selectFrom(HIGH_NIBBLE_BITS);
                outside = low.and(high).compare(VectorOperators.EQ, (byte) 0).toLong();
            }
            if (outside != 0) {
                return Math.min(i + Long.numberOfTrailingZeros(outside), to);
            }
            i += LANES;
        }
        return i >= to ? to : ScalarScanner.INSTANCE.skip(buf, i, to, cls);
    }

    private boolean remember(ByteBuf buf, int slot) {
        ByteBuf top = buf;
        for (ByteBuf under = top.unwrap(); under != null && under.hasMemoryAddress(); under = under.unwrap()) {
            top = under;
        }
        if (!top.isDirect() || top.nioBufferCount() != 1) {
            return false;
        }
        long address = top.memoryAddress();
        if (buf.memoryAddress() < address || buf.memoryAddress() + buf.capacity() > address + top.capacity()) {
            top = buf;
            address = buf.memoryAddress();
        }
        roots[slot] = MemorySegment.ofBuffer(top.nioBuffer(0, top.capacity()));
        rootAddresses[slot] = address;
        rootSizes[slot] = top.capacity();
        return true;
    }

    @Override
    public boolean vectorized() {
        return true;
    }
}
