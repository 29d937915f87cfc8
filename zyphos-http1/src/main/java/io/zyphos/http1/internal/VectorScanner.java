package io.zyphos.http1.internal;

import io.netty.buffer.ByteBuf;
import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Tests a whole vector of bytes against a class at once (jdk.incubator.vector).
 *
 * <p>Field values, the bulk of a request head, are checked with four lane-wise comparisons:
 * {@code b >= 0x20 && b != 0x7F}, or HTAB, or obs-text (negative as a signed byte). Other classes
 * use two nibble-table look-ups ({@link ByteClass}): {@code LO[b & 15] & (1 << (b >>> 4))}.
 *
 * <p>A scan loads full vectors even when fewer than a vector's worth of bytes remain, as long as
 * the load stays inside the buffer's memory, and ignores the lanes past {@code to}: most names
 * and values are shorter than one vector, and a scalar tail would handle all of them. Near the
 * end of the memory it finishes with the scalar path.
 *
 * <p>Heap buffers are read through their array; direct buffers through a memory segment over
 * their memory, kept for the two most recent memories (a transport's pooled read buffers keep
 * coming back), so a steady stream of reads allocates nothing.
 * Other buffers (composites) take the scalar path. Not thread-safe: one per parser.
 */
public final class VectorScanner implements ByteScanner {

    private static final VectorSpecies<Byte> SPECIES = chooseSpecies();
    private static final int LANES = SPECIES.length();
    private static final ByteVector HIGH_NIBBLE_BITS;

    static {
        byte[] bits = new byte[LANES];
        for (int i = 0; i < LANES; i++) {
            int nibble = i & 0x0F;
            bits[i] = nibble < 8 ? (byte) (1 << nibble) : 0;
        }
        HIGH_NIBBLE_BITS = ByteVector.fromArray(SPECIES, bits, 0);
    }

    private final ByteVector[] lowNibbleTables = new ByteVector[ByteClass.values().length];

    /** The two most recently used direct memories: a transport usually alternates between one or two read buffers. */
    private final long[] segmentAddresses = new long[2];
    private final int[] segmentCapacities = {-1, -1};
    private final MemorySegment[] segments = new MemorySegment[2];
    private int newestSegment;

    /** A scanner; throws {@link UnsupportedOperationException} if vectors are narrower than 128 bits. */
    public VectorScanner() {
        if (SPECIES == null) {
            throw new UnsupportedOperationException("no vectors of 128 bits or more on this CPU");
        }
        for (ByteClass cls : ByteClass.values()) {
            byte[] table = new byte[LANES];
            for (int i = 0; i < LANES; i++) {
                table[i] = cls.lowNibbleBits(i & 0x0F);
            }
            lowNibbleTables[cls.ordinal()] = ByteVector.fromArray(SPECIES, table, 0);
        }
    }

    /** Lanes per vector: 16, 32 or 64 bytes. */
    public static int lanes() {
        return SPECIES == null ? 0 : LANES;
    }

    @Override
    public int skip(ByteBuf buf, int from, int to, ByteClass cls) {
        if (from >= to) {
            return to;
        }
        if (buf.hasArray()) {
            return skipArray(buf, from, to, cls);
        }
        MemorySegment memory = segmentOf(buf);
        if (memory == null) {
            return ScalarScanner.INSTANCE.skip(buf, from, to, cls);
        }
        return skipSegment(buf, memory, from, to, cls);
    }

    @Override
    public boolean vectorized() {
        return true;
    }

    private int skipArray(ByteBuf buf, int from, int to, ByteClass cls) {
        byte[] array = buf.array();
        int offset = buf.arrayOffset();
        int loadLimit = array.length - offset - LANES;
        int i = from;
        while (i < to && i <= loadLimit) {
            ByteVector v = ByteVector.fromArray(SPECIES, array, offset + i);
            VectorMask<Byte> outside = members(v, cls).not();
            if (outside.anyTrue()) {
                return Math.min(i + outside.firstTrue(), to);
            }
            i += LANES;
        }
        return i >= to ? to : ScalarScanner.INSTANCE.skip(buf, i, to, cls);
    }

    private int skipSegment(ByteBuf buf, MemorySegment memory, int from, int to, ByteClass cls) {
        long loadLimit = memory.byteSize() - LANES;
        int i = from;
        while (i < to && i <= loadLimit) {
            ByteVector v = ByteVector.fromMemorySegment(SPECIES, memory, i, ByteOrder.LITTLE_ENDIAN);
            VectorMask<Byte> outside = members(v, cls).not();
            if (outside.anyTrue()) {
                return Math.min(i + outside.firstTrue(), to);
            }
            i += LANES;
        }
        return i >= to ? to : ScalarScanner.INSTANCE.skip(buf, i, to, cls);
    }

    private VectorMask<Byte> members(ByteVector v, ByteClass cls) {
        if (cls == ByteClass.FIELD_VALUE) {
            return v.compare(VectorOperators.GE, (byte) 0x20)
                    .and(v.compare(VectorOperators.NE, (byte) 0x7F))
                    .or(v.compare(VectorOperators.LT, (byte) 0))
                    .or(v.compare(VectorOperators.EQ, (byte) '\t'));
        }
        ByteVector low = v.and((byte) 0x0F);
        ByteVector high = v.lanewise(VectorOperators.LSHR, 4).and((byte) 0x0F);
        ByteVector bits = low.selectFrom(lowNibbleTables[cls.ordinal()]).and(high.selectFrom(HIGH_NIBBLE_BITS));
        VectorMask<Byte> in = bits.compare(VectorOperators.NE, (byte) 0);
        return cls.includesObsText() ? in.or(v.compare(VectorOperators.LT, (byte) 0)) : in;
    }

    /** A segment over the buffer's memory, index 0 at the buffer's index 0; null if it has none. */
    private MemorySegment segmentOf(ByteBuf buf) {
        if (!buf.isDirect() || buf.nioBufferCount() != 1) {
            return null;
        }
        int capacity = buf.capacity();
        if (buf.hasMemoryAddress()) {
            long address = buf.memoryAddress();
            for (int i = 0; i < segments.length; i++) {
                if (segments[i] != null && segmentAddresses[i] == address && segmentCapacities[i] == capacity) {
                    newestSegment = i;
                    return segments[i];
                }
            }
            int slot = 1 - newestSegment;
            segments[slot] = MemorySegment.ofBuffer(buf.nioBuffer(0, capacity));
            segmentAddresses[slot] = address;
            segmentCapacities[slot] = capacity;
            newestSegment = slot;
            return segments[slot];
        }
        return MemorySegment.ofBuffer(buf.nioBuffer(0, capacity));
    }

    private static VectorSpecies<Byte> chooseSpecies() {
        int bits = ByteVector.SPECIES_PREFERRED.vectorBitSize();
        if (bits >= 256) {
            // 256-bit byte shuffles map to AVX2's vpshufb; 512-bit ones need AVX-512 VBMI.
            return ByteVector.SPECIES_256;
        }
        return bits >= 128 ? ByteVector.SPECIES_128 : null;
    }
}
