package io.zyphos.server.internal.nio;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.zyphos.server.ConnectionState;
import io.zyphos.server.internal.AbstractConnection;
import io.zyphos.server.internal.ServerContext;
import io.zyphos.server.internal.WriteQueue;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.FileChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;

/**
 * A connection on an {@link NioEventLoop}: non-blocking reads into the loop's shared buffer,
 * queued gathering writes, interest in OP_WRITE only while the socket's send buffer is full, and
 * reads paused above the write queue's high watermark. Confined to its loop.
 */
final class NioConnection extends AbstractConnection
        implements NioEventLoop.Selectable, NioEventLoop.TimerTarget {

    /** Reads per readiness event before the loop moves on to other sockets (fairness). */
    private static final int MAX_READS_PER_EVENT = 16;
    /** Write calls per flush before waiting for OP_WRITE (fairness against one fast reader). */
    private static final int MAX_WRITES_PER_FLUSH = 16;
    private static final int MIN_CUMULATION = 4096;

    private final NioEventLoop loop;
    private final SocketChannel channel;
    private final WriteQueue writes = new WriteQueue();
    private SelectionKey key;

    /** Bytes the handler left unread, kept for its next call; {@code null} when there are none. */
    private ByteBuf cumulation;
    private long timerId = NioEventLoop.NO_TIMER;
    private long timerDeadline;

    private boolean inputClosed;
    private boolean watermarkPaused;
    private int userPauses;
    private boolean waitingForWritable;
    private boolean flushing;
    /** Inside a handler's onRead: the buffer it reads is released by the read path, not by a close. */
    private boolean dispatching;
    private boolean closeRequested;
    private boolean shutdownOutputRequested;
    private boolean outputShut;
    private boolean closed;

    NioConnection(ServerContext ctx, NioEventLoop loop, SocketChannel channel,
                  InetSocketAddress remote, InetSocketAddress local, long nowNanos) {
        super(ctx, remote, local, nowNanos);
        this.loop = loop;
        this.channel = channel;
    }

    /** On the loop: take ownership of the channel and start reading. */
    void register() {
        long now = System.nanoTime();
        if (!loop.isRunning()) {
            closeNow();
            return;
        }
        try {
            key = channel.register(loop.selector(), SelectionKey.OP_READ, this);
        } catch (IOException e) {
            ioFailed(e);
            return;
        }
        activate(now);
        updateTimer();
    }

    @Override
    public void onReady(SelectionKey k) {
        int ready;
        try {
            ready = k.readyOps();
        } catch (java.nio.channels.CancelledKeyException e) {
            return;
        }
        if ((ready & SelectionKey.OP_WRITE) != 0) {
            waitingForWritable = false;
            flushNow();
        }
        if ((ready & SelectionKey.OP_READ) != 0 && !closed && read()) {
            quickAckAfterReads(channel);
        }
        updateTimer();
    }

    /** Reads what the socket has, up to a few times; answers whether any bytes came. */
    private boolean read() {
        long now = System.nanoTime();
        boolean any = false;
        for (int i = 0; i < MAX_READS_PER_EVENT && readingAllowed(); i++) {
            ByteBuf buf;
            if (cumulation != null) {
                buf = cumulation;
                buf.ensureWritable(MIN_CUMULATION);
            } else {
                buf = loop.readBuffer();
            }
            int room = buf.writableBytes();
            int n;
            try {
                n = buf.writeBytes(channel, room);
            } catch (IOException e) {
                if (buf != cumulation) {
                    loop.recycleReadBuffer(buf);
                }
                ioFailed(e);
                return false;
            }
            if (n < 0) {
                if (buf != cumulation) {
                    loop.recycleReadBuffer(buf);
                }
                onInputClosed(now);
                return false;
            }
            if (n == 0) {
                if (buf != cumulation) {
                    loop.recycleReadBuffer(buf);
                }
                return any;
            }
            any = true;
            countRead(n);
            dispatch(buf, now);
            if (n < room) {
                return any;
            }
        }
        return any;
    }

    private void dispatch(ByteBuf buf, long now) {
        dispatching = true;
        boolean inputEnded;
        try {
            inputEnded = dispatchRead(buf, now);
        } finally {
            dispatching = false;
        }
        keepUnread(buf);
        if (inputEnded && !closed && !inputClosed) {
            onInputClosed(now);
        }
    }

    private boolean readingAllowed() {
        return !closed && !inputClosed && !watermarkPaused && userPauses == 0;
    }

    /** After a dispatch: what the handler left unread moves to (or stays in) the cumulation. */
    private void keepUnread(ByteBuf buf) {
        if (buf == cumulation) {
            if (closed || !buf.isReadable()) {
                cumulation.release();
                cumulation = null;
            } else if (buf.readerIndex() > buf.capacity() / 2) {
                buf.discardReadBytes();
            }
            return;
        }
        if (!closed && buf.isReadable()) {
            int unread = buf.readableBytes();
            cumulation = alloc().directBuffer(Math.max(MIN_CUMULATION, unread * 2));
            cumulation.writeBytes(buf);
        }
        loop.recycleReadBuffer(buf);
    }

    private void onInputClosed(long now) {
        inputClosed = true;
        if (cumulation != null) {
            cumulation.release();
            cumulation = null;
        }
        updateInterest();
        if (dispatchInputClosed(now) && !closed) {
            close();
        }
    }

    @Override
    protected void enqueue(ByteBuf data) {
        if (closed || closeRequested || shutdownOutputRequested) {
            data.release();
            return;
        }
        writes.add(data);
        checkHighWaterMark();
    }

    @Override
    protected void enqueueFile(FileChannel file, long position, long count) {
        if (closed || closeRequested || shutdownOutputRequested) {
            closeFileQuietly(file);
            return;
        }
        writes.addFile(file, position, count);
        checkHighWaterMark();
    }

    private void checkHighWaterMark() {
        if (!watermarkPaused && writes.pendingBytes() > limits().writeHighWaterMark()) {
            watermarkPaused = true;
            ctx.metrics().readPauses.increment();
            updateInterest();
            dispatchWritabilityChanged(false);
        }
    }

    @Override
    protected void flushQueue() {
        if (!waitingForWritable) {
            flushNow();
        }
    }

    private void flushNow() {
        if (flushing || closed) {
            return;
        }
        flushing = true;
        try {
            for (int i = 0; i < MAX_WRITES_PER_FLUSH; i++) {
                if (writes.pendingBytes() < limits().writeLowWaterMark()) {
                    // Under TLS, the next records of a file region are encrypted as the queue drains.
                    refillQueue();
                }
                if (closed || writes.isEmpty()) {
                    break;
                }
                long written = writes.writeTo(channel, loop.gatherArray());
                if (written > 0) {
                    countWritten(written);
                    lastActivityNanos = System.nanoTime();
                } else if (!writes.isEmpty()) {
                    break;
                }
            }
        } catch (IOException e) {
            flushing = false;
            ioFailed(e);
            return;
        }
        if (writes.isEmpty() && !closed) {
            // The last write emptied the queue: under TLS the next piece of a file region goes in
            // now, or nothing would ask for it (no OP_WRITE is awaited on an empty queue).
            refillQueue();
        }
        flushing = false;
        if (closed) {
            return;
        }
        boolean pending = !writes.isEmpty();
        if (pending != waitingForWritable) {
            waitingForWritable = pending;
            updateInterest();
        }
        if (watermarkPaused && writes.pendingBytes() < limits().writeLowWaterMark()) {
            watermarkPaused = false;
            updateInterest();
            dispatchWritabilityChanged(true);
        }
        if (!pending) {
            drained();
        }
    }

    /** The queue is empty: a requested close or output shutdown can happen now. */
    private void drained() {
        if (closed) {
            return;
        }
        if (closeRequested) {
            closeNow();
        } else if (shutdownOutputRequested && !outputShut) {
            outputShut = true;
            try {
                channel.shutdownOutput();
            } catch (IOException e) {
                ioFailed(e);
                return;
            }
            if (inputClosed) {
                closeNow();
            }
        }
    }

    private void updateInterest() {
        if (key == null || !key.isValid()) {
            return;
        }
        int ops = 0;
        if (readingAllowed()) {
            ops |= SelectionKey.OP_READ;
        }
        if (waitingForWritable) {
            ops |= SelectionKey.OP_WRITE;
        }
        if (key.interestOps() != ops) {
            key.interestOps(ops);
        }
    }

    @Override
    public boolean isWritable() {
        return !watermarkPaused;
    }

    @Override
    protected long queuedBytes() {
        return writes.pendingBytes();
    }

    @Override
    public void pauseReading() {
        userPauses++;
        updateInterest();
    }

    @Override
    public void resumeReading() {
        if (userPauses > 0 && --userPauses == 0) {
            updateInterest();
            // Bytes the handler left unread while paused are offered again at once: no new
            // readiness event may come for them.
            if (hasUnread() && readingAllowed()) {
                loop.execute(this::redeliver);
            }
        }
    }

    /** Bytes read and not consumed: in the cumulation, or held above it (TLS plaintext, a switch's leftover). */
    private boolean hasUnread() {
        return (cumulation != null && cumulation.isReadable()) || hasHeldInput();
    }

    private void redeliver() {
        if (!hasUnread() || !readingAllowed()) {
            return;
        }
        long now = System.nanoTime();
        if (cumulation != null) {
            dispatch(cumulation, now);
        } else {
            // Only held input: nothing of the transport's is at stake, and no more input can end.
            dispatchRead(Unpooled.EMPTY_BUFFER, now);
        }
        updateTimer();
    }

    @Override
    protected void redeliverHeld() {
        if (readingAllowed()) {
            loop.execute(this::redeliver);
        }
    }

    @Override
    protected void shutdownTransportOutput() {
        if (closed || shutdownOutputRequested) {
            return;
        }
        shutdownOutputRequested = true;
        if (writes.isEmpty()) {
            drained();
        }
    }

    @Override
    protected void closeTransport() {
        if (closed || closeRequested) {
            return;
        }
        closeRequested = true;
        if (writes.isEmpty()) {
            closeNow();
        } else {
            transition(ConnectionState.DRAINING, System.nanoTime());
            flushQueue();
        }
    }

    @Override
    public void abort() {
        closeNow();
    }

    private void closeNow() {
        if (closed) {
            return;
        }
        closed = true;
        if (key != null) {
            key.cancel();
        }
        try {
            channel.close();
        } catch (IOException ignored) {
            // Closing a socket can only fail after its descriptor is gone; nothing is left to free.
        }
        writes.releaseAll();
        if (cumulation != null && !dispatching) {
            cumulation.release();
            cumulation = null;
        }
        loop.cancel(timerId);
        timerId = NioEventLoop.NO_TIMER;
        finishClose(System.nanoTime());
    }

    @Override
    public void onLoopStop() {
        if (cumulation != null) {
            cumulation.release();
            cumulation = null;
        }
        closeNow();
    }

    @Override
    public boolean inConnectionThread() {
        return loop.inLoop();
    }

    @Override
    public void execute(Runnable task) {
        loop.execute(() -> {
            runTask(task);
            updateTimer();
        });
    }

    /**
     * Keeps one timer at or before the earliest deadline. Deadlines that only move later (the
     * idle deadline, on every read) leave the timer alone: it fires early, finds nothing due,
     * and is set again. So the hot path never touches the wheel.
     */
    private void updateTimer() {
        if (closed) {
            return;
        }
        long deadline = nextDeadlineNanos();
        if (closed || deadline == Long.MAX_VALUE) {
            return;
        }
        if (timerId != NioEventLoop.NO_TIMER) {
            if (timerDeadline - deadline <= 0) {
                return;
            }
            loop.cancel(timerId);
        }
        timerDeadline = deadline;
        timerId = loop.schedule(deadline, this);
    }

    @Override
    public void onTimer(long nowNanos) {
        timerId = NioEventLoop.NO_TIMER;
        onDeadline(nowNanos);
        updateTimer();
    }

    private static void closeFileQuietly(FileChannel file) {
        try {
            file.close();
        } catch (IOException ignored) {
            // A file opened for reading loses nothing when its close fails.
        }
    }

    /** For the transport: a channel that failed before it could be registered. */
    static void closeQuietly(SocketChannel ch) {
        try {
            ch.close();
        } catch (IOException ignored) {
            // See closeNow.
        }
    }
}
