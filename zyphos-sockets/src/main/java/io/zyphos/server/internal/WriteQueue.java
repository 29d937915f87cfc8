package io.zyphos.server.internal;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.GatheringByteChannel;
import java.nio.channels.WritableByteChannel;
import java.util.Arrays;

/**
 * A connection's queued writes, in order: buffers, written with one gathering write where the
 * socket takes them, and file regions, written with {@link FileChannel#transferTo} (sendfile(2)),
 * with partial writes of either resumed where they stopped. Owns every buffer and file in it:
 * releases each buffer and closes each file once fully written, or on {@link #releaseAll()}.
 * Confined to the connection's thread.
 *
 * <p>A ring of entries rather than a {@code Deque}: walking it to gather allocates nothing, and a
 * buffer is its own entry, so a queue of buffers alone allocates nothing either. Only a file
 * region gets an entry object of its own.
 */
public final class WriteQueue {

    /** The most a blocking transport copies at once when its socket refuses sendfile for now. */
    static final int COPY_CHUNK = 64 * 1024;

    /** {@code count} bytes of {@code file} from {@code position}, not yet written. */
    private static final class FileRegion {
        final FileChannel file;
        long position;
        final long end;

        FileRegion(FileChannel file, long position, long end) {
            this.file = file;
            this.position = position;
            this.end = end;
        }

        long remaining() {
            return end - position;
        }
    }

    /** Each entry is a {@link ByteBuf} or a {@link FileRegion}. */
    private Object[] ring = new Object[16];
    private int head;
    private int size;
    private long pendingBytes;

    public boolean isEmpty() {
        return size == 0;
    }

    /** Bytes queued and not yet written, file regions included. */
    public long pendingBytes() {
        return pendingBytes;
    }

    /** Adds {@code buf}, taking ownership of it. */
    public void add(ByteBuf buf) {
        append(buf);
        pendingBytes += buf.readableBytes();
    }

    /**
     * Adds {@code count} bytes of {@code file} from {@code position}, taking ownership of the
     * file: it is closed once the region is written, or by {@link #releaseAll()}. An empty region
     * closes the file at once.
     */
    public void addFile(FileChannel file, long position, long count) {
        if (position < 0 || count < 0) {
            closeQuietly(file);
            throw new IllegalArgumentException("bad file region: position " + position + ", count " + count);
        }
        if (count == 0) {
            closeQuietly(file);
            return;
        }
        append(new FileRegion(file, position, position + count));
        pendingBytes += count;
    }

    private void append(Object entry) {
        if (size == ring.length) {
            grow();
        }
        ring[(head + size) & (ring.length - 1)] = entry;
        size++;
    }

    private void grow() {
        Object[] bigger = new Object[ring.length * 2];
        for (int i = 0; i < size; i++) {
            bigger[i] = ring[(head + i) & (ring.length - 1)];
        }
        ring = bigger;
        head = 0;
    }

    /**
     * Writes as much of the queue as {@code channel} takes in one call, and releases what was
     * fully written. Buffers at the head are gathered, up to {@code scratch.length} of them and
     * up to the next file region; a file region at the head is transferred on its own.
     *
     * @param scratch the caller's array of slots for the gather, left cleared
     * @return the bytes written; 0 when the socket's send buffer is full
     * @throws FileFailedException when a queued file could not be read or ended before its region
     *     did; any other {@link IOException} is the socket's
     */
    public long writeTo(GatheringByteChannel channel, ByteBuffer[] scratch) throws IOException {
        if (size > 0 && ring[head] instanceof FileRegion region) {
            return transfer(region, channel);
        }
        int n = 0;
        Object previous = null;
        for (int i = 0; i < size && n < scratch.length; i++) {
            Object entry = ring[(head + i) & (ring.length - 1)];
            if (entry == previous || !(entry instanceof ByteBuf b)) {
                // A file region goes out by itself, next call. And the same buffer queued twice
                // (retained and written again) waits too: its one internal NIO view cannot stand
                // for two positions at once.
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
            Arrays.fill(scratch, 0, n, null);
        }
        consume(written);
        return written;
    }

    /** Whether the head is a file region: what a blocking transport asks when a write made no progress. */
    public boolean headIsFile() {
        return size > 0 && ring[head] instanceof FileRegion;
    }

    private long transfer(FileRegion region, WritableByteChannel channel) throws IOException {
        long n;
        try {
            n = region.file.transferTo(region.position, region.remaining(), channel);
        } catch (IOException e) {
            throw whoFailed(region, e);
        }
        if (n == 0) {
            long size = sizeOf(region);
            if (size < region.end) {
                throw new FileTruncatedException(region.end - size);
            }
        }
        advance(region, n);
        return n;
    }

    /**
     * {@code transferTo} failed, and sendfile(2) reports a failure to read the file and a failure
     * to write the socket the same way, in the same words ({@code strerror}). Reading one byte of
     * the file where the transfer stopped tells the two apart: if the file reads, the socket
     * failed, and {@code e} is the socket's; if it does not, the file failed.
     */
    private static IOException whoFailed(FileRegion region, IOException e) {
        try {
            region.file.read(ByteBuffer.allocate(1), region.position);
            return e;
        } catch (IOException readFailed) {
            FileReadException failed = new FileReadException(e);
            failed.addSuppressed(readFailed);
            return failed;
        }
    }

    private static long sizeOf(FileRegion region) throws FileReadException {
        try {
            return region.file.size();
        } catch (IOException e) {
            throw new FileReadException(e);
        }
    }

    /**
     * Writes up to {@value #COPY_CHUNK} bytes of the file region at the head through a pooled
     * buffer with an ordinary {@code write}. For a blocking transport whose socket is in
     * non-blocking mode underneath (a virtual thread's), where sendfile answers 0 when the send
     * buffer is full instead of waiting: the copy's write parks until the socket drains.
     *
     * @return the bytes written
     */
    public long copyFileChunkTo(WritableByteChannel channel, ByteBufAllocator alloc) throws IOException {
        FileRegion region = (FileRegion) ring[head];
        int want = (int) Math.min(COPY_CHUNK, region.remaining());
        ByteBuf chunk = alloc.directBuffer(want);
        try {
            int read;
            try {
                read = chunk.writeBytes(region.file, region.position, want);
            } catch (IOException e) {
                throw new FileReadException(e);
            }
            if (read <= 0) {
                throw new FileTruncatedException(region.end - sizeOf(region));
            }
            ByteBuffer view = chunk.internalNioBuffer(chunk.readerIndex(), read);
            long written = 0;
            while (view.hasRemaining()) {
                written += channel.write(view);
            }
            advance(region, written);
            return written;
        } finally {
            chunk.release();
        }
    }

    private void advance(FileRegion region, long n) {
        region.position += n;
        pendingBytes -= n;
        if (region.remaining() == 0) {
            ring[head] = null;
            head = (head + 1) & (ring.length - 1);
            size--;
            closeQuietly(region.file);
        }
    }

    /** Releases written buffers from the head and advances a partly written one. */
    private void consume(long written) {
        pendingBytes -= written;
        while (size > 0 && ring[head] instanceof ByteBuf b) {
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

    /** Releases every queued buffer and closes every queued file: the connection closed before they were sent. */
    public void releaseAll() {
        while (size > 0) {
            Object entry = ring[head];
            ring[head] = null;
            head = (head + 1) & (ring.length - 1);
            size--;
            if (entry instanceof ByteBuf b) {
                b.release();
            } else {
                closeQuietly(((FileRegion) entry).file);
            }
        }
        pendingBytes = 0;
    }

    private static void closeQuietly(FileChannel file) {
        try {
            file.close();
        } catch (IOException ignored) {
            // A file opened for reading loses nothing when its close fails.
        }
    }

    /**
     * A queued file failed: our side broke its promise of bytes, not the peer nor the network.
     * The transports tell it from the socket's own errors by this type, never by a message.
     */
    public abstract static sealed class FileFailedException extends IOException
            permits FileTruncatedException, FileReadException {
        FileFailedException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** A queued file was shorter than its region: the peer was promised bytes that do not exist. */
    public static final class FileTruncatedException extends FileFailedException {
        FileTruncatedException(long missing) {
            super("a queued file ended " + missing + " bytes before its region did", null);
        }
    }

    /** A queued file could not be read (a disk error, a network file system whose server went away). */
    public static final class FileReadException extends FileFailedException {
        FileReadException(IOException cause) {
            super("a queued file could not be read: " + cause, cause);
        }
    }
}
