package io.zyphos.server.internal;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.zyphos.buffer.Buffers;
import io.zyphos.server.Connection;
import io.zyphos.server.ConnectionLifecycle;
import io.zyphos.server.ConnectionState;
import io.zyphos.server.Limits;
import io.zyphos.server.Protocol;
import io.zyphos.server.ProtocolHandler;
import io.zyphos.tls.TlsException;
import io.zyphos.tls.TlsSessionInfo;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.channels.NetworkChannel;
import java.util.Optional;

/**
 * What every transport's connection does the same way: the TLS layer, choosing the protocol,
 * calling the handler and containing its failures, switching protocol, the timers (protocol
 * detection, the TLS handshake, idle, the handler's own), the lifecycle and its observer, and the
 * bookkeeping at close. A transport adds only the I/O: it queues and sends bytes
 * ({@link #enqueue}, {@link #flushQueue}), closes its socket, and hands what it reads to
 * {@link #dispatchRead}.
 *
 * <h2>Under TLS</h2>
 * Bytes read go through the {@link TlsLayer} first; a partial record stays unread in the
 * transport's buffer, as any unread bytes do. The plaintext is held here ({@link HeldInput}) and
 * handed to the handler with the same contract as the transport's buffer: what it leaves unread
 * comes again, followed by what is decrypted next. The protocol is chosen once the handshake
 * completes: by ALPN, else by sniffing the first plaintext. Writes are kept as plaintext until
 * {@link #flush}, then encrypted into the transport's queue; close and output shutdown send
 * close_notify after them; the peer's close_notify is the end of input.
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
    private final long acceptedNanos;

    /** Input held above the transport: TLS plaintext, a switch's leftover. */
    private final HeldInput held = new HeldInput();
    /** Inside a handler's onRead: the buffer it reads is not to be released or replaced under it. */
    private boolean delivering;
    /** The leftover of a switch made inside onRead, for the next handler once that call returns. */
    private ByteBuf switchLeftover;

    /** {@code null} on a clear connection, and until {@link #activate} on a TLS one. */
    private TlsLayer tls;
    /** Written once, on the connection's thread, when the handshake completes; read by any thread. */
    private volatile Optional<TlsSessionInfo> tlsSession = Optional.empty();

    protected AbstractConnection(ServerContext ctx, InetSocketAddress remote, InetSocketAddress local, long nowNanos) {
        this.ctx = ctx;
        this.id = ctx.connections().nextId();
        this.remote = remote;
        this.local = local;
        this.lifecycle = new ConnectionLifecycle(nowNanos, System.currentTimeMillis());
        this.lastActivityNanos = nowNanos;
        this.acceptedNanos = nowNanos;
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
    public final Optional<TlsSessionInfo> tls() {
        return tlsSession;
    }

    @Override
    public String toString() {
        return "connection #" + id + " from " + remote;
    }

    /**
     * The connection's thread owns it now: it becomes ACTIVE, and a lone protocol starts at once,
     * or under TLS the handshake starts (the protocol waits for its ALPN result).
     */
    protected final void activate(long nowNanos) {
        transition(ConnectionState.ACTIVE, nowNanos);
        if (ctx.tls() != null) {
            try {
                tls = new TlsLayer(this, ctx.tls().newEngine(nowNanos));
            } catch (RuntimeException | Error e) {
                failed(e);
            }
            return;
        }
        Protocol only = ctx.chooser().only();
        if (only != null) {
            startHandler(only);
        }
    }

    protected final boolean hasHandler() {
        return handler != null;
    }

    /**
     * Bytes arrived: decrypts them under TLS, chooses the protocol if not yet chosen, then hands
     * them to the handler. Bytes left unread in {@code in} (a partial record, or what a clear
     * handler did not consume) are the transport's to keep and present again.
     *
     * @return whether input has ended above the transport (the peer's close_notify): the
     *     transport then stops reading and does what it does at a FIN, once it is done with
     *     {@code in}
     */
    protected final boolean dispatchRead(ByteBuf in, long nowNanos) {
        lastActivityNanos = nowNanos;
        if (tls == null) {
            deliver(in, nowNanos);
            return false;
        }
        ByteBuf plaintext;
        try {
            plaintext = tls.feed(in);
        } catch (TlsException e) {
            tlsFailed(e);
            return false;
        }
        // Handshake flights, session tickets, TLS 1.2's answering close_notify.
        flushQueue();
        if (tlsSession.isEmpty()) {
            if (!tls.engine().isHandshakeComplete() || state() == ConnectionState.CLOSED) {
                plaintext.release();
                return false;
            }
            handshakeCompleted(nowNanos);
        }
        held.adopt(plaintext);
        if (!held.isEmpty()) {
            deliver(Unpooled.EMPTY_BUFFER, nowNanos);
        }
        return tls.engine().isInputClosed();
    }

    /** Whether input is held above the transport for the handler: the transport offers it again on resuming. */
    protected final boolean hasHeldInput() {
        return !held.isEmpty();
    }

    /** The session is known: counted, published, and the protocol chosen by ALPN (or the lone one) starts. */
    private void handshakeCompleted(long nowNanos) {
        TlsSessionInfo session = tls.engine().session();
        tlsSession = Optional.of(session);
        ctx.tlsMetrics().handshakes.increment();
        ctx.tlsMetrics().handshakeTimes.record(nowNanos - acceptedNanos);
        Protocol chosen = ctx.chooser().byApplicationProtocol(session.applicationProtocol());
        if (chosen == null) {
            chosen = ctx.chooser().only();
        }
        if (chosen != null) {
            startHandler(chosen);
        }
    }

    /**
     * Hands {@code in} to the handler, after what is held when something is (then {@code in} is
     * copied behind it and consumed). A switch made during the call gives the next handler its
     * leftover, then what this call left unread, before returning.
     */
    private void deliver(ByteBuf in, long nowNanos) {
        ByteBuf input = in;
        if (!held.isEmpty()) {
            held.copyFrom(in);
            input = held.buffer();
        }
        delivering = true;
        try {
            while (input.isReadable() && state() != ConnectionState.CLOSED) {
                if (handler == null && !chooseProtocol(input)) {
                    break;
                }
                try {
                    handler.onRead(input, nowNanos);
                } catch (RuntimeException | Error e) {
                    failed(e);
                    break;
                }
                if (switchLeftover == null) {
                    break;
                }
                boolean wasHeld = input == held.buffer();
                held.prepend(switchLeftover);
                switchLeftover = null;
                if (!wasHeld) {
                    held.copyFrom(input);
                }
                if (held.isEmpty()) {
                    break;
                }
                input = held.buffer();
            }
        } finally {
            delivering = false;
        }
        if (switchLeftover != null) {
            switchLeftover.release();
            switchLeftover = null;
        }
        if (state() == ConnectionState.CLOSED) {
            held.release();
        } else {
            held.trim();
        }
    }

    /** Chooses by sniffing; answers whether a handler now exists. */
    private boolean chooseProtocol(ByteBuf input) {
        Protocol chosen;
        try {
            chosen = ctx.chooser().choose(input);
        } catch (ProtocolChooser.UnknownProtocolException e) {
            ctx.metrics().unknownProtocol.increment();
            abort();
            return false;
        } catch (RuntimeException | Error e) {
            failed(e);
            return false;
        }
        return chosen != ProtocolChooser.NEED_MORE && startHandler(chosen);
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

    @Override
    public final void switchProtocol(Protocol next, ByteBuf leftover) {
        if (state() == ConnectionState.CLOSED) {
            leftover.release();
            return;
        }
        if (handler == null || switchLeftover != null) {
            leftover.release();
            throw new IllegalStateException(handler == null
                    ? "switchProtocol before any protocol was chosen"
                    : "switchProtocol twice within one onRead");
        }
        ProtocolHandler old = handler;
        handler = null;
        try {
            old.onSwitchedAway();
        } catch (RuntimeException | Error e) {
            leftover.release();
            failed(e);
            return;
        }
        if (!startHandler(next)) {
            leftover.release();
            return;
        }
        ctx.metrics().protocolSwitches.increment();
        if (delivering) {
            switchLeftover = leftover;
            return;
        }
        held.prepend(leftover);
        if (!held.isEmpty()) {
            redeliverHeld();
        }
    }

    /**
     * Offers the held input to the handler soon, on the connection's thread, with whatever the
     * transport itself still holds unread behind it where it can: after a switch made outside
     * {@code onRead}.
     */
    protected abstract void redeliverHeld();

    /**
     * The peer sent FIN. Answers whether to close once queued writes are flushed (the handler's
     * choice; always, before a protocol was chosen).
     */
    protected final boolean dispatchInputClosed(long nowNanos) {
        ctx.metrics().halfClosed.increment();
        transition(ConnectionState.HALF_CLOSED, nowNanos);
        if (!delivering) {
            held.release();
        }
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

    /** The earliest of the detection, TLS handshake, idle and handler deadlines, or {@link Long#MAX_VALUE}. */
    protected final long nextDeadlineNanos() {
        long deadline = handler == null ? detectDeadlineNanos : Long.MAX_VALUE;
        if (tls != null) {
            deadline = Math.min(deadline, tls.nextDeadlineNanos());
        }
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
        if (tls != null && nowNanos - tls.nextDeadlineNanos() >= 0) {
            try {
                tls.onTimeout(nowNanos);
            } catch (TlsException e) {
                tlsFailed(e);
                return;
            }
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

    // ---------------------------------------------------------------- the write side

    /** Queues {@code data} (owned) in the transport's write queue, or releases it once the output is closed. */
    protected abstract void enqueue(ByteBuf data);

    /** Queues a file region in the transport's write queue (sent by sendfile), or closes the file once the output is closed. */
    protected abstract void enqueueFile(FileChannel file, long position, long count);

    /** Sends what the transport's queue holds, as far as the socket takes it now. */
    protected abstract void flushQueue();

    /** Bytes in the transport's queue. */
    protected abstract long queuedBytes();

    /** Closes once the transport's queue is flushed. Idempotent. */
    protected abstract void closeTransport();

    /** Sends FIN once the transport's queue is flushed. */
    protected abstract void shutdownTransportOutput();

    @Override
    public final void write(ByteBuf data) {
        if (tls == null) {
            enqueue(data);
            return;
        }
        try {
            tls.write(data);
        } catch (IOException e) {
            outputFailed(e);
        }
    }

    @Override
    public final void writeFile(FileChannel file, long position, long count) {
        if (tls == null) {
            enqueueFile(file, position, count);
        } else {
            tls.writeFile(file, position, count);
        }
    }

    @Override
    public final void flush() {
        if (tls == null || encryptPending()) {
            flushQueue();
        }
    }

    @Override
    public final long pendingWriteBytes() {
        return tls == null ? queuedBytes() : queuedBytes() + tls.pendingBytes();
    }

    @Override
    public final void close() {
        end(TlsLayer.Ending.CLOSE);
    }

    @Override
    public final void shutdownOutput() {
        end(TlsLayer.Ending.SHUTDOWN_OUTPUT);
    }

    /** In clear, at once on the transport; under TLS, once what was written is encrypted and close_notify follows it. */
    private void end(TlsLayer.Ending ending) {
        if (tls == null) {
            endTransport(ending);
        } else {
            tls.end(ending);
            flush();
        }
    }

    private void endTransport(TlsLayer.Ending ending) {
        switch (ending) {
            case CLOSE -> closeTransport();
            case SHUTDOWN_OUTPUT -> shutdownTransportOutput();
            case NONE -> {}
        }
    }

    /**
     * For a transport whose queue has drained below the low watermark: encrypts the next piece of
     * what TLS holds (a file region's next records) into it. Nothing to do on a clear connection.
     */
    protected final void refillQueue() {
        if (tls != null && tls.hasPending()) {
            encryptPending();
        }
    }

    /** Moves what TLS holds into the transport's queue, and ends the transport when asked to; false when that failed. */
    private boolean encryptPending() {
        TlsLayer.Ending ending;
        try {
            ending = tls.encrypt();
        } catch (IOException e) {
            outputFailed(e);
            return false;
        }
        endTransport(ending);
        return true;
    }

    private void outputFailed(IOException e) {
        if (e instanceof TlsException t) {
            tlsFailed(t);
        } else {
            ioFailed(e);
        }
    }

    /**
     * The TLS layer failed, in the handshake or after: counted by reason, then the connection
     * closes once the alert the engine queued, telling the peer why, is sent. No close_notify: a
     * fatal alert ends the connection by itself (RFC 8446 §6.2).
     */
    private void tlsFailed(TlsException e) {
        ctx.tlsMetrics().failed(e);
        LOG.log(Level.DEBUG, "closing " + this + ": " + e.getMessage(), e);
        closeTransport();
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
        if (tls != null) {
            tls.release();
        }
        if (!delivering) {
            // Inside onRead the buffer is still the handler's: the delivery releases it on return.
            held.release();
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
