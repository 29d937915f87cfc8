package io.zyphos.http.internal;

import io.netty.buffer.ByteBuf;
import io.zyphos.http.BodySink;
import io.zyphos.http.Headers;
import io.zyphos.server.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A streamed response body on its way to the wire, whatever the wire: the {@link Target} frames
 * the bytes (HTTP/1.1 chunks, HTTP/2 DATA frames); this class moves every call to the connection's
 * thread and makes writers on other threads wait while too much is queued.
 *
 * <p>A writer on another thread (a blocking handler's virtual thread) blocks in {@link #write}
 * while the bytes it handed over and the connection has not yet taken exceed the high watermark,
 * or while the target is not writable, and goes on below the low one. On the connection's own
 * thread it never blocks: such a writer checks {@link #isWritable()} and uses
 * {@link #onWritable}.
 */
public final class ChannelBodySink implements BodySink {

    /** Where the bytes go, on the connection's thread. */
    public interface Target {

        /** Frames and queues {@code chunk}; takes ownership of it. */
        void writeBody(ByteBuf chunk);

        /** Ends the body, with trailers if {@code trailers} is non-null and the wire carries them. */
        void endBody(Headers trailers);

        /** Abandons the body so the client sees it incomplete. */
        void failBody(Throwable cause);

        /** Sends what is queued. */
        void flushBody();
    }

    private final Connection conn;
    private final Target target;
    private final long highWatermark;
    private final long lowWatermark;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition drained = lock.newCondition();
    /** Bytes handed over by other threads and not yet taken by the connection's thread. */
    private long inTransit;
    private volatile boolean writable = true;
    private volatile boolean closed;
    /** Tasks waiting for writability; connection thread only. */
    private final List<Runnable> whenWritable = new ArrayList<>(1);
    /** The response's status and the body bytes queued so far, for the access log; connection thread only. */
    private int status;
    private long bytesSent;

    /** A sink whose writers on other threads wait between the connection's write watermarks. */
    public ChannelBodySink(Connection conn, Target target) {
        this(conn, target, conn.limits().writeHighWaterMark(), conn.limits().writeLowWaterMark());
    }

    public ChannelBodySink(Connection conn, Target target, long highWatermark, long lowWatermark) {
        this.conn = conn;
        this.target = target;
        this.highWatermark = highWatermark;
        this.lowWatermark = lowWatermark;
    }

    @Override
    public void write(ByteBuf chunk) {
        if (closed) {
            chunk.release();
            return;
        }
        if (conn.inConnectionThread()) {
            target.writeBody(chunk);
            return;
        }
        int n = chunk.readableBytes();
        lock.lock();
        try {
            inTransit += n;
        } finally {
            lock.unlock();
        }
        conn.execute(() -> {
            taken(n);
            target.writeBody(chunk);
        });
        awaitRoom();
    }

    private void taken(int n) {
        lock.lock();
        try {
            inTransit -= n;
            if (inTransit <= lowWatermark) {
                drained.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }

    /** Blocks a writer on another thread while too much is queued, until it drains or the body ends. */
    private void awaitRoom() {
        lock.lock();
        try {
            while (!closed && (inTransit > highWatermark || !writable)) {
                drained.awaitUninterruptibly();
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void flush() {
        runHere(target::flushBody);
    }

    @Override
    public boolean isWritable() {
        return !closed && writable;
    }

    @Override
    public void onWritable(Runnable task) {
        runHere(() -> {
            if (writable || closed) {
                task.run();
            } else {
                whenWritable.add(task);
            }
        });
    }

    @Override
    public void end(Headers trailers) {
        runHere(() -> target.endBody(trailers));
    }

    @Override
    public void fail(Throwable cause) {
        runHere(() -> target.failBody(cause));
    }

    @Override
    public boolean isClosed() {
        return closed;
    }

    /**
     * The way to the client filled up or drained: the connection crossed a watermark, or (HTTP/2)
     * the stream's flow-control window closed or opened. Connection thread.
     */
    public void writabilityChanged(boolean nowWritable) {
        writable = nowWritable;
        if (nowWritable) {
            signal();
            List<Runnable> tasks = List.copyOf(whenWritable);
            whenWritable.clear();
            for (Runnable task : tasks) {
                task.run();
            }
        }
    }

    /** The body ended or the connection closed: nothing more is taken, and waiters go free. */
    public void close() {
        closed = true;
        signal();
        whenWritable.clear();
    }

    /** The status of the response this body belongs to, for the access log. Connection thread. */
    public int status() {
        return status;
    }

    public void status(int code) {
        this.status = code;
    }

    /** Body bytes queued so far. Connection thread. */
    public long bytesSent() {
        return bytesSent;
    }

    /** Counts {@code n} more body bytes queued. Connection thread. */
    public void sent(long n) {
        bytesSent += n;
    }

    private void runHere(Runnable task) {
        if (conn.inConnectionThread()) {
            task.run();
        } else {
            conn.execute(task);
        }
    }

    private void signal() {
        lock.lock();
        try {
            drained.signalAll();
        } finally {
            lock.unlock();
        }
    }
}
