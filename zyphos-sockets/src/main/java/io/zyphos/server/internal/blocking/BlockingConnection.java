package io.zyphos.server.internal.blocking;

import io.netty.buffer.ByteBuf;
import io.zyphos.server.internal.AbstractConnection;
import io.zyphos.server.internal.ServerContext;
import io.zyphos.server.internal.WriteQueue;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SocketChannel;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A connection with a thread of its own (platform or virtual) that blocks in {@code read}.
 *
 * <p>"The connection's thread" is whoever holds its lock: the reader takes it around every
 * handler callback, and {@link #execute} runs a task under it on the caller's thread. So handler
 * calls stay serial, as on an event loop, without a second thread per connection. The reader
 * never holds the lock while blocked in {@code read}.
 *
 * <p>Timers: the reader's socket read timeout is set to the next deadline (at most
 * {@value #MAX_WAIT_MILLIS} ms, so a deadline moved earlier by a task is seen soon), and a timed-out
 * read runs the deadline checks. Writes are flushed synchronously: a writer that outpaces the
 * peer blocks, which is this transport's backpressure.
 */
final class BlockingConnection extends AbstractConnection {

    private static final int READ_BUFFER_SIZE = 16 * 1024;
    private static final int MIN_READ_ROOM = 4096;
    private static final long MAX_WAIT_MILLIS = 1000;

    private final SocketChannel channel;
    private final InputStream in;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition wake = lock.newCondition();
    private final WriteQueue writes = new WriteQueue();
    private final ByteBuffer[] gather = new ByteBuffer[64];

    /** Owned by the reader thread alone. */
    private ByteBuf input;
    private volatile boolean closed;
    private boolean closeRequested;
    private boolean shutdownOutputRequested;
    private boolean inputClosed;
    private int userPauses;

    BlockingConnection(ServerContext ctx, SocketChannel channel, InetSocketAddress remote,
                       InetSocketAddress local, long nowNanos) throws IOException {
        super(ctx, remote, local, nowNanos);
        this.channel = channel;
        this.in = channel.socket().getInputStream();
    }

    /** The reader thread's whole life. */
    void run() {
        lock.lock();
        try {
            activate(System.nanoTime());
        } finally {
            lock.unlock();
        }
        try {
            while (!closed) {
                if (inputClosed || userPauses > 0) {
                    waitForWork();
                } else {
                    readOnce();
                }
            }
        } catch (IOException e) {
            lock.lock();
            try {
                if (!closed) {
                    ioFailed(e);
                }
            } finally {
                lock.unlock();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            abort();
        } finally {
            if (input != null) {
                input.release();
                input = null;
            }
        }
    }

    private void readOnce() throws IOException {
        long now = System.nanoTime();
        channel.socket().setSoTimeout(waitMillis(now));
        if (input == null) {
            input = alloc().heapBuffer(READ_BUFFER_SIZE);
        } else {
            input.ensureWritable(MIN_READ_ROOM);
        }
        int n;
        try {
            n = in.read(input.array(), input.arrayOffset() + input.writerIndex(), input.writableBytes());
        } catch (SocketTimeoutException e) {
            lock.lock();
            try {
                onDeadline(System.nanoTime());
            } finally {
                lock.unlock();
            }
            return;
        }
        now = System.nanoTime();
        lock.lock();
        try {
            if (closed) {
                return;
            }
            if (n < 0) {
                inputClosed = true;
                input.release();
                input = null;
                if (dispatchInputClosed(now)) {
                    close();
                }
                return;
            }
            input.writerIndex(input.writerIndex() + n);
            countRead(n);
            deliver(now);
        } finally {
            lock.unlock();
        }
    }

    /** Hands the held input to the handler; a drained buffer goes back to the pool. Under the lock. */
    private void deliver(long now) {
        dispatchRead(input, now);
        if (!input.isReadable()) {
            input.release();
            input = null;
        } else if (input.readerIndex() > input.capacity() / 2) {
            input.discardReadBytes();
        }
    }

    /** Paused or half-closed: wait to be resumed or closed, still keeping the deadlines. */
    private void waitForWork() throws InterruptedException {
        lock.lock();
        try {
            while (!closed && (inputClosed || userPauses > 0)) {
                long now = System.nanoTime();
                if (!wake.await(waitMillis(now), TimeUnit.MILLISECONDS)) {
                    onDeadline(System.nanoTime());
                }
            }
            if (!closed && input != null && input.isReadable()) {
                // Bytes left unread while paused are offered again before reading more.
                deliver(System.nanoTime());
            }
        } finally {
            lock.unlock();
        }
    }

    private int waitMillis(long now) {
        long deadline;
        lock.lock();
        try {
            deadline = nextDeadlineNanos();
        } finally {
            lock.unlock();
        }
        long millis = deadline == Long.MAX_VALUE ? MAX_WAIT_MILLIS : TimeUnit.NANOSECONDS.toMillis(deadline - now) + 1;
        return (int) Math.clamp(millis, 1, MAX_WAIT_MILLIS);
    }

    @Override
    public void write(ByteBuf data) {
        lock.lock();
        try {
            if (closed || closeRequested || shutdownOutputRequested) {
                data.release();
                return;
            }
            writes.add(data);
            if (writes.pendingBytes() > limits().writeHighWaterMark()) {
                flush();
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void writeFile(FileChannel file, long position, long count) {
        lock.lock();
        try {
            if (closed || closeRequested || shutdownOutputRequested) {
                try {
                    file.close();
                } catch (IOException ignored) {
                    // A file opened for reading loses nothing when its close fails.
                }
                return;
            }
            writes.addFile(file, position, count);
            if (writes.pendingBytes() > limits().writeHighWaterMark()) {
                flush();
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void flush() {
        lock.lock();
        try {
            // A blocking channel's write returns once it has written everything it was given,
            // and so does sendfile on a blocking socket. But a virtual thread's socket is
            // non-blocking underneath: there sendfile answers 0 when the send buffer is full, and
            // a chunk of the file goes through an ordinary write, which parks until it drains.
            while (!closed && !writes.isEmpty()) {
                long written = writes.writeTo(channel, gather);
                if (written == 0 && writes.headIsFile()) {
                    written = writes.copyFileChunkTo(channel, alloc());
                }
                if (written > 0) {
                    countWritten(written);
                    lastActivityNanos = System.nanoTime();
                }
            }
        } catch (IOException e) {
            ioFailed(e);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public boolean isWritable() {
        return true;
    }

    @Override
    public long pendingWriteBytes() {
        lock.lock();
        try {
            return writes.pendingBytes();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void pauseReading() {
        lock.lock();
        try {
            userPauses++;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void resumeReading() {
        lock.lock();
        try {
            if (userPauses > 0 && --userPauses == 0) {
                wake.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void shutdownOutput() {
        lock.lock();
        try {
            if (closed || shutdownOutputRequested) {
                return;
            }
            flush();
            shutdownOutputRequested = true;
            if (!closed) {
                channel.shutdownOutput();
                if (inputClosed) {
                    abort();
                }
            }
        } catch (IOException e) {
            ioFailed(e);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() {
        lock.lock();
        try {
            if (closed || closeRequested) {
                return;
            }
            closeRequested = true;
            if (!writes.isEmpty()) {
                transition(io.zyphos.server.ConnectionState.DRAINING, System.nanoTime());
                flush();
            }
            abort();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void abort() {
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            try {
                // Also wakes the reader from a blocked read, with an exception it ignores.
                channel.close();
            } catch (IOException ignored) {
                // Closing can only fail once the descriptor is gone; nothing is left to free.
            }
            writes.releaseAll();
            wake.signalAll();
            finishClose(System.nanoTime());
        } finally {
            lock.unlock();
        }
    }

    @Override
    public boolean hasOwnThread() {
        return true;
    }

    @Override
    public boolean inConnectionThread() {
        return lock.isHeldByCurrentThread();
    }

    @Override
    public void execute(Runnable task) {
        lock.lock();
        try {
            runTask(task);
        } finally {
            lock.unlock();
        }
    }
}
