package io.zyphos.server;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;

/**
 * A file whose every read fails the way a file on a network mount fails when its server goes
 * away: with ECONNRESET, "Connection reset by peer", the very words of a peer's reset on a socket.
 * Its size is known, as a mount's cached attributes would give it.
 */
final class UnreadableFile extends FileChannel {

    static final String REASON = "Connection reset by peer";

    private final long size;

    UnreadableFile(long size) {
        this.size = size;
    }

    private static IOException failed() {
        return new IOException(REASON);
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public long transferTo(long position, long count, WritableByteChannel target) throws IOException {
        throw failed();
    }

    @Override
    public int read(ByteBuffer dst, long position) throws IOException {
        throw failed();
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        throw failed();
    }

    @Override
    public long read(ByteBuffer[] dsts, int offset, int length) throws IOException {
        throw failed();
    }

    @Override
    public MappedByteBuffer map(MapMode mode, long position, long size) throws IOException {
        throw failed();
    }

    @Override
    public int write(ByteBuffer src) {
        throw new UnsupportedOperationException("read only");
    }

    @Override
    public long write(ByteBuffer[] srcs, int offset, int length) {
        throw new UnsupportedOperationException("read only");
    }

    @Override
    public int write(ByteBuffer src, long position) {
        throw new UnsupportedOperationException("read only");
    }

    @Override
    public long transferFrom(ReadableByteChannel src, long position, long count) {
        throw new UnsupportedOperationException("read only");
    }

    @Override
    public FileChannel truncate(long size) {
        throw new UnsupportedOperationException("read only");
    }

    @Override
    public long position() {
        return 0;
    }

    @Override
    public FileChannel position(long newPosition) {
        return this;
    }

    @Override
    public void force(boolean metaData) {}

    @Override
    public FileLock lock(long position, long size, boolean shared) {
        throw new UnsupportedOperationException("no locks");
    }

    @Override
    public FileLock tryLock(long position, long size, boolean shared) {
        throw new UnsupportedOperationException("no locks");
    }

    @Override
    protected void implCloseChannel() {}
}
