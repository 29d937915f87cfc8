package io.zyphos.bench.sockets;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.zyphos.buffer.Buffers;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * What a network buffer costs: allocate one, fill it with a message, read it back, give it up.
 * The shared pooled direct allocator ({@link Buffers#allocator()}) against the JDK's ways of getting
 * the same bytes: {@link ByteBuffer#allocateDirect} (zeroed, freed by a Cleaner after GC), a heap
 * {@link ByteBuffer} and a plain {@code byte[]} (both zeroed, then garbage). Run with
 * {@code -prof gc}: the pooled buffer's allocation per operation should be near zero, the others'
 * at least the buffer's size.
 *
 * <p>Every operation writes the whole message and hands the buffer and a byte read back from it to
 * the {@link Blackhole}: the buffer escapes, so escape analysis cannot scalar-replace a small array,
 * and the copy cannot be skipped.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class BufferAllocationBenchmark {

    /** A small message, a page-sized read, and the largest buffer a loop typically reads into. */
    @Param({"64", "4096", "65536"})
    public int size;

    private byte[] message;
    private ByteBufAllocator pooled;

    @Setup
    public void setUp() {
        message = new byte[size];
        for (int i = 0; i < size; i++) {
            message[i] = (byte) (i * 31 + 7);
        }
        pooled = Buffers.allocator();
        ByteBuf check = pooled.directBuffer(size);
        try {
            check.writeBytes(message);
            if (check.getByte(size - 1) != message[size - 1]) {
                throw new IllegalStateException("pooled buffer did not hold what was written");
            }
        } finally {
            check.release();
        }
    }

    @Benchmark
    public void pooledDirect(Blackhole bh) {
        ByteBuf buf = pooled.directBuffer(size);
        try {
            buf.writeBytes(message);
            bh.consume(buf.getByte(size - 1));
            bh.consume(buf);
        } finally {
            buf.release();
        }
    }

    @Benchmark
    public void allocateDirect(Blackhole bh) {
        ByteBuffer buf = ByteBuffer.allocateDirect(size);
        buf.put(message);
        bh.consume(buf.get(size - 1));
        bh.consume(buf);
    }

    @Benchmark
    public void heapByteBuffer(Blackhole bh) {
        ByteBuffer buf = ByteBuffer.allocate(size);
        buf.put(message);
        bh.consume(buf.get(size - 1));
        bh.consume(buf);
    }

    @Benchmark
    public void byteArray(Blackhole bh) {
        byte[] buf = new byte[size];
        System.arraycopy(message, 0, buf, 0, size);
        bh.consume(buf[size - 1]);
        bh.consume(buf);
    }
}
