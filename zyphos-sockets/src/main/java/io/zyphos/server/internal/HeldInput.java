package io.zyphos.server.internal;

import io.netty.buffer.ByteBuf;
import io.zyphos.buffer.Buffers;

/**
 * Input a connection holds above its transport, for its handler: plaintext TLS decrypted that the
 * handler has not consumed yet, and the bytes a protocol switch handed to the next handler. The
 * handler reads it exactly as it reads the transport's own buffer, under the same contract
 * ({@link io.zyphos.server.ProtocolHandler#onRead}): what it leaves unread stays here and comes
 * again, followed by what arrives next.
 *
 * <p>Empty, it holds no buffer: a clear connection that never switches hands the transport's
 * buffer straight to its handler and copies nothing. Owns its buffer; confined to the connection's
 * thread.
 */
final class HeldInput {

    private static final int MIN_CAPACITY = 4096;

    /** {@code null} when nothing is held. */
    private ByteBuf held;

    boolean isEmpty() {
        return held == null;
    }

    /** The held bytes, readable from the reader index, or {@code null} when there are none. */
    ByteBuf buffer() {
        return held;
    }

    /**
     * Appends what {@code fresh} holds, taking ownership of it. When nothing is held the buffer
     * itself is kept, without a copy, so it must be one of the connection's own, not a slice or a
     * read-only view: more may be appended to it later.
     */
    void adopt(ByteBuf fresh) {
        if (!fresh.isReadable()) {
            fresh.release();
        } else if (held == null) {
            held = fresh;
        } else {
            try {
                held.writeBytes(fresh);
            } finally {
                fresh.release();
            }
        }
    }

    /** Copies {@code borrowed}'s readable bytes after those held, consuming them from it. */
    void copyFrom(ByteBuf borrowed) {
        int n = borrowed.readableBytes();
        if (n == 0) {
            return;
        }
        if (held == null) {
            held = Buffers.allocator().directBuffer(Math.max(MIN_CAPACITY, n));
        }
        held.writeBytes(borrowed);
    }

    /** Puts {@code owned}'s readable bytes before those held, taking ownership of it. */
    void prepend(ByteBuf owned) {
        int n = owned.readableBytes();
        if (n == 0) {
            owned.release();
            return;
        }
        int after = held == null ? 0 : held.readableBytes();
        ByteBuf joined = Buffers.allocator().directBuffer(Math.max(MIN_CAPACITY, n + after));
        try {
            joined.writeBytes(owned);
        } finally {
            owned.release();
        }
        if (held != null) {
            joined.writeBytes(held);
            held.release();
        }
        held = joined;
    }

    /** After a delivery: a drained buffer goes back to the pool, one read past its middle is compacted. */
    void trim() {
        if (held == null) {
            return;
        }
        if (!held.isReadable()) {
            release();
        } else if (held.readerIndex() > held.capacity() / 2) {
            held.discardReadBytes();
        }
    }

    /** Drops what is held. Idempotent. */
    void release() {
        if (held != null) {
            held.release();
            held = null;
        }
    }
}
