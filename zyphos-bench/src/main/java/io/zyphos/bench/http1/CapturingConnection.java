package io.zyphos.bench.http1;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.zyphos.buffer.Buffers;
import io.zyphos.server.Connection;
import io.zyphos.server.ConnectionLifecycle;
import io.zyphos.server.ConnectionState;
import io.zyphos.server.Limits;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.channels.FileChannel;

/**
 * A {@link Connection} with no socket behind it: it counts what the engine writes and releases
 * it at once, and runs tasks where they are given. For measuring an engine's own cost per request
 * without the kernel's.
 */
final class CapturingConnection implements Connection {

    private static final InetSocketAddress LOCAL = new InetSocketAddress("127.0.0.1", 8080);
    private static final InetSocketAddress REMOTE = new InetSocketAddress("127.0.0.1", 50_000);

    private final ConnectionLifecycle lifecycle = new ConnectionLifecycle(System.nanoTime(), System.currentTimeMillis());
    long bytesWritten;
    int flushes;

    @Override
    public long id() {
        return 1;
    }

    @Override
    public InetSocketAddress remoteAddress() {
        return REMOTE;
    }

    @Override
    public InetSocketAddress localAddress() {
        return LOCAL;
    }

    @Override
    public ByteBufAllocator alloc() {
        return Buffers.allocator();
    }

    @Override
    public Limits limits() {
        return Limits.defaults();
    }

    @Override
    public void write(ByteBuf data) {
        bytesWritten += data.readableBytes();
        data.release();
    }

    @Override
    public void writeFile(FileChannel file, long position, long count) {
        bytesWritten += count;
        try {
            file.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void flush() {
        flushes++;
    }

    @Override
    public boolean isWritable() {
        return true;
    }

    @Override
    public long pendingWriteBytes() {
        return 0;
    }

    @Override
    public void pauseReading() {}

    @Override
    public void resumeReading() {}

    @Override
    public void shutdownOutput() {}

    @Override
    public void close() {}

    @Override
    public void abort() {}

    @Override
    public boolean inConnectionThread() {
        return true;
    }

    @Override
    public void execute(Runnable task) {
        task.run();
    }

    @Override
    public ConnectionState state() {
        return ConnectionState.ACTIVE;
    }

    @Override
    public ConnectionLifecycle lifecycle() {
        return lifecycle;
    }
}
