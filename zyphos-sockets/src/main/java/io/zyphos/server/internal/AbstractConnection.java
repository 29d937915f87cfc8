package io.zyphos.server.internal;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.zyphos.buffer.Buffers;
import io.zyphos.server.Connection;
import io.zyphos.server.ConnectionLifecycle;
import io.zyphos.server.ConnectionState;
import io.zyphos.server.Limits;
import io.zyphos.server.Protocol;
import io.zyphos.server.ProtocolHandler;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.NetworkChannel;

/**
 * What every transport's connection does the same way: choosing the protocol, calling the handler
 * and containing its failures, the timers (protocol detection, idle, the handler's own), the
 * lifecycle and its observer, and the bookkeeping at close. A transport adds only the I/O.
 */
public abstract class AbstractConnection implements Connection {

    private static final System.Logger LOG = System.getLogger(AbstractConnection.class.getName());

    protected final ServerContext ctx;
    private final long id;
    private final ConnectionLifecycle lifecycle;
    private final InetSocketAddress remote;
    private final InetSocketAddress local;

    /** {@code null} until the protocol is chosen. */
    private ProtocolHandler handler;
    private long detectDeadlineNanos;
    /** When a byte last moved either way, for the idle timeout. */
    protected long lastActivityNanos;

    protected AbstractConnection(ServerContext ctx, InetSocketAddress remote, InetSocketAddress local, long nowNanos) {
        this.ctx = ctx;
        this.id = ctx.connections().nextId();
        this.remote = remote;
        this.local = local;
        this.lifecycle = new ConnectionLifecycle(nowNanos, System.currentTimeMillis());
        this.lastActivityNanos = nowNanos;
        this.detectDeadlineNanos = nowNanos + ctx.readTimeoutNanos();
    }

    @Override
    public final long id() {
        return id;
    }

    @Override
    public final InetSocketAddress remoteAddress() {
        return remote;
    }

    @Override
    public final InetSocketAddress localAddress() {
        return local;
    }

    @Override
    public final ByteBufAllocator alloc() {
        return Buffers.allocator();
    }

    @Override
    public final Limits limits() {
        return ctx.config().limits();
    }

    @Override
    public final ConnectionState state() {
        return lifecycle.state();
    }

    @Override
    public final ConnectionLifecycle lifecycle() {
        return lifecycle;
    }

    @Override
    public String toString() {
        return "connection #" + id + " from " + remote;
    }

    /** The connection's thread owns it now: it becomes ACTIVE, and a lone protocol starts at once. */
    protected final void activate(long nowNanos) {
        transition(ConnectionState.ACTIVE, nowNanos);
        Protocol only = ctx.chooser().only();
        if (only != null) {
            startHandler(only);
        }
    }

    protected final boolean hasHandler() {
        return handler != null;
    }

    /** Bytes arrived: choose the protocol if not yet chosen, then hand them to the handler. */
    protected final void dispatchRead(ByteBuf in, long nowNanos) {
        lastActivityNanos = nowNanos;
        if (handler == null) {
            Protocol chosen;
            try {
                chosen = ctx.chooser().choose(in);
            } catch (ProtocolChooser.UnknownProtocolException e) {
                ctx.metrics().unknownProtocol.increment();
                abort();
                return;
            } catch (RuntimeException | Error e) {
                failed(e);
                return;
            }
            if (chosen == ProtocolChooser.NEED_MORE || !startHandler(chosen)) {
                return;
            }
        }
        try {
            handler.onRead(in, nowNanos);
        } catch (RuntimeException | Error e) {
            failed(e);
        }
    }

    private boolean startHandler(Protocol protocol) {
        try {
            handler = protocol.newHandler(this);
            detectDeadlineNanos = Long.MAX_VALUE;
            return true;
        } catch (RuntimeException | Error e) {
            failed(e);
            return false;
        }
    }

    /**
     * The peer sent FIN. Answers whether to close once queued writes are flushed (the handler's
     * choice; always, before a protocol was chosen).
     */
    protected final boolean dispatchInputClosed(long nowNanos) {
        ctx.metrics().halfClosed.increment();
        transition(ConnectionState.HALF_CLOSED, nowNanos);
        if (handler == null) {
            return true;
        }
        try {
            return handler.onInputClosed(nowNanos);
        } catch (RuntimeException | Error e) {
            failed(e);
            return false;
        }
    }

    protected final void dispatchWritabilityChanged(boolean writable) {
        if (handler == null) {
            return;
        }
        try {
            handler.onWritabilityChanged(writable);
        } catch (RuntimeException | Error e) {
            failed(e);
        }
    }

    /**
     * Graceful server shutdown reached this connection: it is draining, and closes now unless the
     * handler has work in flight. Runs on the connection's thread.
     */
    public final void beginShutdown() {
        if (state() == ConnectionState.CLOSED) {
            return;
        }
        long now = System.nanoTime();
        transition(ConnectionState.DRAINING, now);
        boolean closeNow = true;
        if (handler != null) {
            try {
                closeNow = handler.onShutdown(now);
            } catch (RuntimeException | Error e) {
                failed(e);
                return;
            }
        }
        if (closeNow) {
            close();
        }
    }

    /** The earliest of the detection, idle and handler deadlines, or {@link Long#MAX_VALUE}. */
    protected final long nextDeadlineNanos() {
        long deadline = handler == null ? detectDeadlineNanos : Long.MAX_VALUE;
        long idle = ctx.idleTimeoutNanos();
        if (idle > 0) {
            deadline = Math.min(deadline, lastActivityNanos + idle);
        }
        if (handler != null) {
            try {
                deadline = Math.min(deadline, handler.nextDeadlineNanos());
            } catch (RuntimeException | Error e) {
                failed(e);
            }
        }
        return deadline;
    }

    /** A timer fired: act on whichever deadline has passed. */
    protected final void onDeadline(long nowNanos) {
        if (state() == ConnectionState.CLOSED) {
            return;
        }
        if (handler == null && nowNanos - detectDeadlineNanos >= 0) {
            ctx.metrics().readTimeouts.increment();
            abort();
            return;
        }
        long idle = ctx.idleTimeoutNanos();
        if (idle > 0 && nowNanos - lastActivityNanos >= idle) {
            ctx.metrics().idleTimeouts.increment();
            abort();
            return;
        }
        if (handler != null) {
            try {
                if (nowNanos - handler.nextDeadlineNanos() >= 0) {
                    handler.onTimeout(nowNanos);
                }
            } catch (RuntimeException | Error e) {
                failed(e);
            }
        }
    }

    /**
     * After bytes were read and handed to the handler: sets TCP_QUICKACK again where the server
     * asked for it ({@link io.zyphos.server.SocketOptions#quickAck()}). Linux clears the flag by
     * itself whenever the connection answers promptly what it receives, so a flag set once at
     * accept lasts only until the first exchange; the cost is one {@code setsockopt} per read
     * (zyphos-sockets/README.md, "TCP_QUICKACK").
     */
    protected final void quickAckAfterReads(NetworkChannel channel) {
        if (!ctx.sockets().quickAckAfterReads() || state() == ConnectionState.CLOSED) {
            return;
        }
        try {
            ctx.sockets().quickAck(channel);
        } catch (IOException e) {
            ioFailed(e);
        }
    }

    /** Runs a task given to {@link #execute}, containing its failure like a callback's. */
    protected final void runTask(Runnable task) {
        try {
            task.run();
        } catch (RuntimeException | Error e) {
            failed(e);
        }
    }

    /** Protocol code threw: this connection closes at once; nothing else is touched. */
    protected final void failed(Throwable t) {
        ctx.metrics().handlerErrors.increment();
        LOG.log(Level.WARNING, "closing " + this + ": protocol code threw", t);
        abort();
    }

    /**
     * An I/O error, told apart by where it happened and never by its message, which the JDK words
     * differently from call to call and the C library translates per locale. A queued file that
     * failed ({@link WriteQueue.FileFailedException}) is our side's fault: logged as a warning.
     * So is a channel closed under an operation on our side ({@link ClosedChannelException}: a
     * thread interrupted while it wrote closes the channel). Every other error comes from the
     * socket's read, write or shutdown, so from the peer or the network (a reset, a broken pipe,
     * a timeout): closed quietly and counted as a reset.
     */
    protected final void ioFailed(IOException e) {
        if (e instanceof WriteQueue.FileFailedException) {
            LOG.log(Level.WARNING, "aborting " + this + ": " + e.getMessage());
        } else if (e instanceof ClosedChannelException) {
            LOG.log(Level.WARNING, "aborting " + this + ": its channel was closed under it", e);
        } else {
            ctx.metrics().resets.increment();
            LOG.log(Level.DEBUG, "closing " + this + " after an error of its socket", e);
        }
        abort();
    }

    /**
     * The socket is closed and the transport has released its buffers: the connection is CLOSED.
     * The handler hears of it, the place is given back, and the counters move. Runs once.
     */
    protected final void finishClose(long nowNanos) {
        ConnectionState from = lifecycle.advance(ConnectionState.CLOSED, nowNanos);
        if (from == null) {
            return;
        }
        if (handler != null) {
            try {
                handler.onClosed();
            } catch (RuntimeException | Error e) {
                ctx.metrics().handlerErrors.increment();
                LOG.log(Level.WARNING, "protocol code threw in onClosed of " + this, e);
            }
        }
        ctx.metrics().closed.increment();
        ctx.metrics().lifetimes.record(lifecycle.lifetimeNanos());
        ctx.connections().remove(this);
        // Last, so an observer that sees CLOSED sees the bookkeeping done.
        notifyObserver(from, ConnectionState.CLOSED);
    }

    protected final boolean transition(ConnectionState to, long nowNanos) {
        ConnectionState from = lifecycle.advance(to, nowNanos);
        if (from == null) {
            return false;
        }
        notifyObserver(from, to);
        return true;
    }

    private void notifyObserver(ConnectionState from, ConnectionState to) {
        try {
            ctx.config().observer().onStateChange(this, from, to);
        } catch (RuntimeException | Error e) {
            LOG.log(Level.WARNING, "connection observer threw", e);
        }
    }

    protected final void countRead(int n) {
        lifecycle.addBytesRead(n);
        ctx.metrics().bytesRead.add(n);
    }

    protected final void countWritten(long n) {
        lifecycle.addBytesWritten(n);
        ctx.metrics().bytesWritten.add(n);
    }
}
