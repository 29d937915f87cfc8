package io.zyphos.server.internal.nio;

import io.zyphos.server.internal.ServerContext;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectionKey;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.concurrent.CountDownLatch;
import java.util.function.Supplier;

/**
 * Accepts connections on one listening socket, on one loop, and hands each to a loop.
 *
 * <p>When accept fails (most often EMFILE: the process is out of file descriptors), a listening
 * socket that stays readable would make the loop spin; so the acceptor stops listening for a
 * moment ({@value #BACKOFF_MILLIS} ms) while the loops go on serving the connections they have,
 * and a closing connection may free a descriptor meanwhile.
 */
final class NioAcceptor implements NioEventLoop.Selectable, NioEventLoop.TimerTarget {

    private static final System.Logger LOG = System.getLogger(NioAcceptor.class.getName());
    static final long BACKOFF_MILLIS = 100;
    /** Accepts per readiness event, so a connection storm cannot starve the loop's sockets. */
    private static final int MAX_ACCEPTS_PER_EVENT = 64;

    private final ServerContext ctx;
    private final NioEventLoop loop;
    private final ServerSocketChannel listener;
    private final Supplier<NioEventLoop> nextLoop;
    private final CountDownLatch closed = new CountDownLatch(1);
    private SelectionKey key;
    private long backoffTimer = NioEventLoop.NO_TIMER;

    NioAcceptor(ServerContext ctx, NioEventLoop loop, ServerSocketChannel listener, Supplier<NioEventLoop> nextLoop) {
        this.ctx = ctx;
        this.loop = loop;
        this.listener = listener;
        this.nextLoop = nextLoop;
    }

    /** On the loop: start accepting. */
    void register() {
        try {
            key = listener.register(loop.selector(), SelectionKey.OP_ACCEPT, this);
        } catch (ClosedChannelException e) {
            closed.countDown();
        }
    }

    @Override
    public void onReady(SelectionKey k) {
        for (int i = 0; i < MAX_ACCEPTS_PER_EVENT; i++) {
            SocketChannel ch;
            try {
                ch = listener.accept();
            } catch (ClosedChannelException e) {
                return;
            } catch (IOException e) {
                backOff(e);
                return;
            }
            if (ch == null) {
                return;
            }
            accepted(ch);
        }
    }

    private void accepted(SocketChannel ch) {
        if (!ctx.connections().tryAdmit()) {
            ctx.metrics().rejected.increment();
            NioConnection.closeQuietly(ch);
            return;
        }
        NioConnection c;
        try {
            ch.configureBlocking(false);
            ctx.sockets().configureAccepted(ch);
            NioEventLoop target = nextLoop.get();
            c = new NioConnection(ctx, target, ch,
                    (java.net.InetSocketAddress) ch.getRemoteAddress(),
                    (java.net.InetSocketAddress) ch.getLocalAddress(), System.nanoTime());
            ctx.connections().add(c);
            ctx.metrics().accepted.increment();
            if (target == loop) {
                c.register();
            } else {
                target.execute(c::register);
            }
        } catch (IOException e) {
            // The peer went away between the handshake and here; the place goes back.
            NioConnection.closeQuietly(ch);
            ctx.metrics().resets.increment();
            ctx.connections().releasePlace();
        }
    }

    private void backOff(IOException e) {
        ctx.metrics().acceptBackoffs.increment();
        if (key != null && key.isValid()) {
            key.interestOps(0);
        }
        backoffTimer = loop.schedule(System.nanoTime() + BACKOFF_MILLIS * 1_000_000, this);
        try {
            LOG.log(Level.WARNING, "accept failed ({0}); pausing accepts for {1} ms", e.getMessage(), BACKOFF_MILLIS);
        } catch (Throwable logFailed) {
            // Out of descriptors, logging can fail too (its formatter may need a file); the
            // counter above already tells.
        }
    }

    @Override
    public void onTimer(long nowNanos) {
        backoffTimer = NioEventLoop.NO_TIMER;
        if (key != null && key.isValid()) {
            key.interestOps(SelectionKey.OP_ACCEPT);
        }
    }

    /** On the loop: stop accepting and close the listening socket. */
    void close() {
        loop.cancel(backoffTimer);
        backoffTimer = NioEventLoop.NO_TIMER;
        if (key != null) {
            key.cancel();
        }
        try {
            listener.close();
        } catch (IOException e) {
            LOG.log(Level.DEBUG, "closing the listening socket", e);
        } finally {
            closed.countDown();
        }
    }

    void awaitClosed() throws InterruptedException {
        closed.await();
    }

    @Override
    public void onLoopStop() {
        close();
    }
}
