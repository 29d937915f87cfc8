package io.zyphos.server.internal.blocking;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.zyphos.server.internal.AbstractConnection;
import io.zyphos.server.internal.ServerContext;
import io.zyphos.server.internal.WriteQueue;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SocketChannel;
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
 * <p>Timers: the reader blocks in a plain {@code read}, with no socket timeout. The server's one
 * {@link DeadlineTimer} holds the connection's next deadline; when it fires and something is due,
 * a short-lived thread takes the lock and runs the deadline (an idle or detection timeout closes
 * the socket, which wakes the reader; a handler's own timeout runs its {@code onTimeout}, which may
 * write, and the reader reads on). Not on the timer's thread: a handler's write may block, and the
 * timer serves every connection. Not by waking the reader either: shutting down its input would
 * also end a lingering close's drain, and only closing the socket wakes a blocked read.
 *
 * <p>Writes are flushed synchronously: a writer that outpaces the peer blocks, which is this
 * transport's backpressure.
 */
final class BlockingConnection extends AbstractConnection {

    private static final int READ_BUFFER_SIZE = 16 * 1024;
    private static final int MIN_READ_ROOM = 4096;
    private static final long NONE = Long.MAX_VALUE;

    private final BlockingTransport transport;
    private final SocketChannel channel;
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

    /**
     * The deadline the timer holds or is about to take up, or {@link #NONE}. Written under the
     * lock, and cleared by the timer when it fires; a connection asks the timer again only when
     * its deadline is earlier than this one.
     */
    private volatile long armedDeadline = NONE;
    /** What the timer takes up at its next turn: a deadline, or {@link #NONE} to cancel. */
    volatile long requestedDeadline = NONE;
    /** The timer's id for this connection; its thread's alone. */
    long timerId = DeadlineTimer.NO_TIMER;

    BlockingConnection(ServerContext ctx, BlockingTransport transport, SocketChannel channel,
                       InetSocketAddress remote, InetSocketAddress local, long nowNanos) {
        super(ctx, remote, local, nowNanos);
        this.transport = transport;
        this.channel = channel;
    }

    /** The reader thread's whole life. */
    void run() {
        lock.lock();
        try {
            activate(System.nanoTime());
            armTimer();
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
            // A read that fails because the connection was closed (the socket closed under it
            // wakes it) has nothing left to do: it does not wait for the lock its closer holds.
            if (!closed) {
                lock.lock();
                try {
                    if (!closed) {
                        ioFailed(e);
                    }
                } finally {
                    lock.unlock();
                }
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

    boolean isClosed() {
        return closed;
    }

    private void readOnce() throws IOException {
        if (input == null) {
            input = alloc().directBuffer(READ_BUFFER_SIZE);
        } else {
            input.ensureWritable(MIN_READ_ROOM);
        }
        int n = input.writeBytes(channel, input.writableBytes());
        long now = System.nanoTime();
        lock.lock();
        try {
            if (closed) {
                return;
            }
            if (n < 0) {
                inputEnded(now);
            } else {
                countRead(n);
                deliver(now);
                quickAckAfterReads(channel);
            }
            armTimer();
        } finally {
            lock.unlock();
        }
    }

    /** The peer sent FIN, or TLS's close_notify: nothing more is read. Reader thread, under the lock. */
    private void inputEnded(long now) {
        inputClosed = true;
        if (input != null) {
            input.release();
            input = null;
        }
        if (dispatchInputClosed(now)) {
            close();
        }
    }

    /**
     * Hands the unread input, and what is held above it, to the handler; a drained buffer goes
     * back to the pool. Reader thread, under the lock.
     */
    private void deliver(long now) {
        boolean ended = dispatchRead(input != null ? input : Unpooled.EMPTY_BUFFER, now);
        if (input != null) {
            if (!input.isReadable()) {
                input.release();
                input = null;
            } else if (input.readerIndex() > input.capacity() / 2) {
                input.discardReadBytes();
            }
        }
        if (ended && !closed && !inputClosed) {
            inputEnded(now);
        }
    }

    /**
     * After a switch outside onRead: the held input goes to the next handler now, on the calling
     * thread, which holds the lock. The reader's own unread bytes are not touched from here (the
     * reader may be inside a read into that buffer); they follow with its next read or resume.
     */
    @Override
    protected void redeliverHeld() {
        if (!closed && !inputClosed && userPauses == 0) {
            dispatchRead(Unpooled.EMPTY_BUFFER, System.nanoTime());
        }
    }

    /** Paused or half-closed: wait to be resumed or closed; the timer keeps the deadlines meanwhile. */
    private void waitForWork() throws InterruptedException {
        lock.lock();
        try {
            armTimer();
            while (!closed && (inputClosed || userPauses > 0)) {
                wake.await();
            }
            if (!closed && ((input != null && input.isReadable()) || hasHeldInput())) {
                // Bytes left unread while paused are offered again before reading more.
                deliver(System.nanoTime());
                armTimer();
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Under the lock, after anything that may have moved a deadline: asks the timer for the next
     * deadline if it is earlier than the one it holds. A deadline that moved later (the idle
     * deadline, on every read) costs nothing: the timer fires early, finds nothing due, and is
     * asked again.
     */
    private void armTimer() {
        if (closed) {
            return;
        }
        long deadline = nextDeadlineNanos();
        if (closed || deadline == NONE) {
            return;
        }
        long armed = armedDeadline;
        if (armed != NONE && armed - deadline <= 0) {
            return;
        }
        armedDeadline = deadline;
        requestedDeadline = deadline;
        transport.timer().request(this);
    }

    /**
     * The timer fired on the timer's thread. If nothing is due (the deadline moved later since),
     * asks again for the new one; otherwise a short-lived thread runs what is due under the lock.
     */
    void deadlineFired(long nowNanos) {
        armedDeadline = NONE;
        if (closed) {
            return;
        }
        if (lock.tryLock()) {
            try {
                if (closed) {
                    return;
                }
                if (nextDeadlineNanos() - nowNanos > 0) {
                    armTimer();
                    return;
                }
            } finally {
                lock.unlock();
            }
        }
        transport.startHelper(() -> {
            lock.lock();
            try {
                onDeadline(System.nanoTime());
                armTimer();
            } finally {
                lock.unlock();
            }
        });
    }

    @Override
    protected void enqueue(ByteBuf data) {
        lock.lock();
        try {
            if (closed || closeRequested || shutdownOutputRequested) {
                data.release();
                return;
            }
            writes.add(data);
            if (writes.pendingBytes() > limits().writeHighWaterMark()) {
                flushQueue();
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    protected void enqueueFile(FileChannel file, long position, long count) {
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
                flushQueue();
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    protected void flushQueue() {
        lock.lock();
        try {
            // A blocking channel's write returns once it has written everything it was given,
            // and so does sendfile on a blocking socket. But a virtual thread's socket is
            // non-blocking underneath: there sendfile answers 0 when the send buffer is full, and
            // a chunk of the file goes through an ordinary write, which parks until it drains.
            while (!closed) {
                if (writes.pendingBytes() < limits().writeLowWaterMark()) {
                    // Under TLS, the next records of a file region are encrypted as the queue drains.
                    refillQueue();
                }
                if (closed || writes.isEmpty()) {
                    break;
                }
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
    protected long queuedBytes() {
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
    protected void shutdownTransportOutput() {
        lock.lock();
        try {
            if (closed || shutdownOutputRequested) {
                return;
            }
            flushQueue();
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
    protected void closeTransport() {
        lock.lock();
        try {
            if (closed || closeRequested) {
                return;
            }
            closeRequested = true;
            if (!writes.isEmpty()) {
                transition(io.zyphos.server.ConnectionState.DRAINING, System.nanoTime());
                flushQueue();
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
            if (armedDeadline != NONE) {
                // Lets the timer drop its hold on this connection now rather than at the deadline.
                armedDeadline = NONE;
                requestedDeadline = NONE;
                transport.timer().request(this);
            }
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
            armTimer();
        } finally {
            lock.unlock();
        }
    }
}
