package io.zyphos.server.internal;

import io.netty.buffer.ByteBuf;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.GatheringByteChannel;

/**
 * A connection's queued writes: buffers in order, written with one gathering write where the
 * socket takes them, with partial writes resumed where they stopped. Owns every buffer in it and
 * releases each once fully written, or on {@link #releaseAll()}. Confined to the connection's thread.
 *
 * <p>A ring of buffers rather than a {@code Deque}: walking it to gather allocates nothing.
 */
public final class WriteQueue {

    private ByteBuf[] ring = new ByteBuf[16];
    private int head;
    private int size;
    private long pendingBytes;

    public boolean isEmpty() {
        return size == 0;
    }

    public long pendingBytes() {
        return pendingBytes;
    }

    /** Adds {@code buf}, taking ownership of it. */
    public void add(ByteBuf buf) {
        if (size == ring.length) {
            grow();
        }
        ring[(head + size) & (ring.length - 1)] = buf;
        size++;
        pendingBytes += buf.readableBytes();
    }

    private void grow() {
        ByteBuf[] bigger = new ByteBuf[ring.length * 2];
        for (int i = 0; i < size; i++) {
            bigger[i] = ring[(head + i) & (ring.length - 1)];
        }
        ring = bigger;
        head = 0;
    }

    /**
     * Writes as much of the queue as {@code channel} takes in one call, gathering up to
     * {@code scratch.length} buffers, and releases what was fully written.
     *
     * @param scratch the caller's array of slots for the gather, left cleared
     * @return the bytes written; 0 when the socket's send buffer is full
     */
    public long writeTo(GatheringByteChannel channel, ByteBuffer[] scratch) throws IOException {
        int n = 0;
        ByteBuf previous = null;
        for (int i = 0; i < size && n < scratch.length; i++) {
            ByteBuf b = ring[(head + i) & (ring.length - 1)];
            if (b == previous) {
                // The same object queued twice (retained and written again): its one internal
                // NIO view cannot stand for two positions at once, so it waits for the next write.
                break;
            }
            previous = b;
            int readable = b.readableBytes();
            if (readable == 0) {
                continue;
            }
            if (b.nioBufferCount() == 1) {
                scratch[n++] = b.internalNioBuffer(b.readerIndex(), readable);
            } else {
                ByteBuffer[] parts = b.nioBuffers();
                if (n + parts.length > scratch.length) {
                    if (n > 0) {
                        break;
                    }
                    // A composite larger than the gather: write its first parts now.
                    System.arraycopy(parts, 0, scratch, 0, scratch.length);
                    n = scratch.length;
                    break;
                }
                System.arraycopy(parts, 0, scratch, n, parts.length);
                n += parts.length;
            }
        }
        long written;
        try {
            if (n == 0) {
                written = 0;
            } else if (n == 1) {
                written = channel.write(scratch[0]);
            } else {
                written = channel.write(scratch, 0, n);
            }
        } finally {
            java.util.Arrays.fill(scratch, 0, n, null);
        }
        consume(written);
        return written;
    }

    /** Releases written buffers from the head and advances a partly written one. */
    private void consume(long written) {
        pendingBytes -= written;
        while (size > 0) {
            ByteBuf b = ring[head];
            int readable = b.readableBytes();
            if (readable > written) {
                b.skipBytes((int) written);
                return;
            }
            written -= readable;
            ring[head] = null;
            head = (head + 1) & (ring.length - 1);
            size--;
            b.release();
        }
    }

    /** Releases every queued buffer: the connection closed before they were sent. */
    public void releaseAll() {
        while (size > 0) {
            ByteBuf b = ring[head];
            ring[head] = null;
            head = (head + 1) & (ring.length - 1);
            size--;
            b.release();
        }
        pendingBytes = 0;
    }
}
