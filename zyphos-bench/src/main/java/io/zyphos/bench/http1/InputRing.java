package io.zyphos.bench.http1;

import io.netty.buffer.ByteBuf;
import io.zyphos.buffer.Buffers;

/**
 * Two pooled direct buffers holding the same request bytes, handed out in turn, rewound and
 * retained for the callee, which releases each once it has read it all. Two, alternating,
 * because a parser keeps the last buffer until the next arrives; this is how a transport's read
 * buffers come and go, and it allocates nothing. Shared by the Zyphos and Netty benchmarks so
 * both parse from exactly the same memory.
 */
final class InputRing implements AutoCloseable {

    private final ByteBuf[] inputs = new ByteBuf[2];
    private int next;

    InputRing(byte[] bytes) {
        for (int i = 0; i < inputs.length; i++) {
            inputs[i] = Buffers.allocator().directBuffer(bytes.length).writeBytes(bytes);
        }
    }

    /** The next buffer; ownership of one reference passes to the caller. */
    ByteBuf next() {
        ByteBuf input = inputs[next];
        next ^= 1;
        return input.readerIndex(0).retain();
    }

    @Override
    public void close() {
        for (ByteBuf input : inputs) {
            input.release();
        }
    }
}
