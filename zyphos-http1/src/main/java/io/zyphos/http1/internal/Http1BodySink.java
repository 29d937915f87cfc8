package io.zyphos.http1.internal;

import io.netty.buffer.ByteBuf;
import io.zyphos.http.BodySink;
import io.zyphos.http.Headers;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Where a streamed response body goes on HTTP/1: into chunks, or raw up to a declared
 * Content-Length, or until the connection closes (for an HTTP/1.0 client). The framing is the
 * connection's {@code Http1ResponseWriter}'s; this class moves calls to the connection's thread and
 * makes writers from other threads wait while too much is queued.
 *
 * <p>A writer on another thread (a blocking handler's virtual thread) blocks in {@link #write}
 * while the bytes it handed over and the connection has not yet sent exceed the connection's
 * high watermark, and resumes below the low one. On the connection's own thread it never blocks:
 * such a writer checks {@link #isWritable()} and uses {@link #onWritable}.
 */
final class Http1BodySink implements BodySink {

    private final Http1ServerConnection owner;
    private final Exchange exchange;
    private final long highWatermark;
    private final long lowWatermark;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition drained = lock.newCondition();
    /** Bytes handed over by other threads and not yet taken by the connection's thread. */
    private long inTransit;
    private volatile boolean connectionWritable = true;
    private volatile boolean closed;
    /** Tasks waiting for writability; connection thread only. */
    private final List<Runnable> whenWritable = new ArrayList<>(1);
    /** The response's status and the body bytes queued so far, for the access log; connection thread only. */
    int status;
    long bytesSent;

    Http1BodySink(Http1ServerConnection owner, Exchange exchange, long highWatermark, long lowWatermark) {
        this.owner = owner;
        this.exchange = exchange;
        this.highWatermark = highWatermark;
        this.lowWatermark = lowWatermark;
    }

    @Override
    public void write(ByteBuf chunk) {
        if (closed) {
            chunk.release();
            return;
        }
        if (owner.inConnectionThread()) {
            owner.writeBodyChunk(exchange, chunk);
            return;
        }
        int n = chunk.readableBytes();
        lock.lock();
        try {
            inTransit += n;
        } finally {
            lock.unlock();
        }
        owner.execute(() -> {
            taken(n);
            owner.writeBodyChunk(exchange, chunk);
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
            while (!closed && (inTransit > highWatermark || !connectionWritable)) {
                drained.awaitUninterruptibly();
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void flush() {
        owner.runHere(owner::flush);
    }

    @Override
    public boolean isWritable() {
        return !closed && connectionWritable;
    }

    @Override
    public void onWritable(Runnable task) {
        owner.runHere(() -> {
            if (connectionWritable || closed) {
                task.run();
            } else {
                whenWritable.add(task);
            }
        });
    }

    @Override
    public void end(Headers trailers) {
        owner.runHere(() -> owner.endBody(exchange, trailers));
    }

    @Override
    public void fail(Throwable cause) {
        owner.runHere(() -> owner.failBody(exchange, cause));
    }

    @Override
    public boolean isClosed() {
        return closed;
    }

    /** The connection crossed a watermark. Connection thread. */
    void writabilityChanged(boolean writable) {
        connectionWritable = writable;
        if (writable) {
            signal();
            List<Runnable> tasks = List.copyOf(whenWritable);
            whenWritable.clear();
            for (Runnable task : tasks) {
                task.run();
            }
        }
    }

    /** The body ended or the connection closed: nothing more is taken, and waiters go free. */
    void close() {
        closed = true;
        signal();
        whenWritable.clear();
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
