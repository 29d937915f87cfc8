package io.zyphos.buffer;

import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;

/**
 * The shared buffer allocator. See the {@linkplain io.zyphos.buffer package documentation} for
 * the ownership rules every module follows.
 *
 * <p>Thread-safe. Each thread that allocates gets a thread-local cache in front of the shared
 * arenas, so an event loop that allocates and releases on its own thread never contends.
 */
public final class Buffers {

    /**
     * Direct, pooled, shared by every server in the process. The pool's size classes and arena
     * count are netty-buffer's defaults (tunable with its {@code io.netty.allocator.*} system
     * properties); arenas default to twice the core count, so loops rarely share one.
     */
    private static final PooledByteBufAllocator ALLOCATOR = new PooledByteBufAllocator(true);

    private Buffers() {}

    /** The allocator every Zyphos module allocates network buffers from. */
    public static ByteBufAllocator allocator() {
        return ALLOCATOR;
    }

    /** The same allocator with its pool statistics, for metrics. */
    public static PooledByteBufAllocator pooledAllocator() {
        return ALLOCATOR;
    }
}
