package io.zyphos.server.internal.blocking;

import io.zyphos.server.Transport;
import io.zyphos.server.internal.AbstractConnection;
import io.zyphos.server.internal.ServerContext;
import io.zyphos.server.internal.TransportRuntime;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Thread per connection: one acceptor thread blocks in {@code accept}, and every connection gets
 * a thread of its own that blocks in {@code read}, a platform thread or a virtual one. The same
 * protocol engines run here as on the event loops; only the waiting differs.
 */
public final class BlockingTransport implements TransportRuntime {

    private static final System.Logger LOG = System.getLogger(BlockingTransport.class.getName());
    private static final long BACKOFF_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    /** How long {@link #stop} waits for the threads of closed connections to end. */
    private static final long STOP_WAIT_NANOS = TimeUnit.SECONDS.toNanos(10);

    private final ServerContext ctx;
    private final ServerSocketChannel listener;
    private final ThreadFactory connectionThreads;
    private final ThreadFactory shutdownThreads;
    private final Thread acceptor;
    private final Set<Thread> live = ConcurrentHashMap.newKeySet();
    /**
     * Threads whose connection ended but which may not have terminated yet: {@link #stop} joins
     * them too, so no thread of the server outlives it. Pruned as new connections arrive.
     */
    private final Queue<Thread> ending = new ConcurrentLinkedQueue<>();
    private final InetSocketAddress localAddress;
    private final DeadlineTimer timer;

    private BlockingTransport(ServerContext ctx) throws IOException {
        this.ctx = ctx;
        var config = ctx.config();
        this.listener = ctx.sockets().listen(config.bindAddress(), false);
        this.localAddress = (InetSocketAddress) listener.getLocalAddress();
        this.connectionThreads = config.transport() == Transport.VIRTUAL_THREADS
                ? Thread.ofVirtual().name(config.name() + "-vconn-", 0).factory()
                : Thread.ofPlatform().name(config.name() + "-conn-", 0).factory();
        this.shutdownThreads = Thread.ofVirtual().name(config.name() + "-shutdown-", 0).factory();
        this.acceptor = Thread.ofPlatform().name(config.name() + "-acceptor").unstarted(this::acceptLoop);
        this.timer = new DeadlineTimer(config.name() + "-timer");
    }

    /**
     * Binds and starts accepting. A start that fails (no thread could be created) closes the
     * listening socket and stops the timer before it throws.
     */
    public static BlockingTransport start(ServerContext ctx) throws IOException {
        BlockingTransport t = new BlockingTransport(ctx);
        try {
            t.timer.start();
            t.acceptor.start();
        } catch (RuntimeException | Error e) {
            try {
                t.listener.close();
                t.timer.stop();
            } catch (IOException | InterruptedException | RuntimeException closing) {
                e.addSuppressed(closing);
            }
            throw e;
        }
        return t;
    }

    private void acceptLoop() {
        while (listener.isOpen()) {
            SocketChannel ch;
            try {
                ch = listener.accept();
            } catch (ClosedChannelException e) {
                return;
            } catch (IOException e) {
                // Out of descriptors, most likely: pause, and let connections close meanwhile.
                ctx.metrics().acceptBackoffs.increment();
                try {
                    LOG.log(Level.WARNING, "accept failed ({0}); pausing accepts for 100 ms", e.getMessage());
                } catch (Throwable logFailed) {
                    // Out of descriptors, logging can fail too; the counter already tells.
                }
                LockSupport.parkNanos(BACKOFF_NANOS);
                continue;
            }
            accepted(ch);
        }
    }

    private void accepted(SocketChannel ch) {
        if (!ctx.connections().tryAdmit()) {
            ctx.metrics().rejected.increment();
            closeQuietly(ch);
            return;
        }
        BlockingConnection c;
        try {
            ctx.sockets().configureAccepted(ch);
            c = new BlockingConnection(ctx, this, ch, (InetSocketAddress) ch.getRemoteAddress(),
                    (InetSocketAddress) ch.getLocalAddress(), System.nanoTime());
        } catch (IOException e) {
            closeQuietly(ch);
            ctx.metrics().resets.increment();
            ctx.connections().releasePlace();
            return;
        }
        ctx.connections().add(c);
        ctx.metrics().accepted.increment();
        for (Thread done = ending.peek(); done != null && !done.isAlive(); done = ending.peek()) {
            ending.poll();
        }
        startThread(c::run);
    }

    DeadlineTimer timer() {
        return timer;
    }

    /** Runs {@code work} on a thread of the connections' kind, which {@link #stop} waits for too. */
    void startHelper(Runnable work) {
        startThread(work);
    }

    private void startThread(Runnable work) {
        startThread(connectionThreads, work);
    }

    private void startThread(ThreadFactory kind, Runnable work) {
        Thread t = kind.newThread(() -> {
            try {
                work.run();
            } finally {
                Thread self = Thread.currentThread();
                ending.add(self);
                live.remove(self);
            }
        });
        live.add(t);
        t.start();
    }

    private static void closeQuietly(SocketChannel ch) {
        try {
            ch.close();
        } catch (IOException ignored) {
            // Nothing more can be freed.
        }
    }

    @Override
    public InetSocketAddress localAddress() {
        return localAddress;
    }

    @Override
    public void stopAccepting() throws InterruptedException {
        try {
            listener.close();
        } catch (IOException e) {
            LOG.log(Level.DEBUG, "closing the listening socket", e);
        }
        acceptor.join();
    }

    /**
     * Runs each connection's shutdown on a virtual thread of its own. On the caller's thread, one
     * after another, 1000 connections took a third of a second: each shutdown takes the
     * connection's lock, asks its handler, and closes its socket, which wakes the connection's
     * thread to end, and those wake-ups then compete with the one thread still closing. Side by
     * side they use every core, and a handler slow to answer holds up no other connection.
     * {@link #stop} waits for these threads too.
     */
    @Override
    public void beginShutdown(List<AbstractConnection> connections) {
        for (AbstractConnection c : connections) {
            startThread(shutdownThreads, () -> c.execute(c::beginShutdown));
        }
    }

    @Override
    public void stop() throws InterruptedException {
        stopAccepting();
        for (var c : ctx.connections().snapshot()) {
            c.abort();
        }
        // After the connections: no deadline can start a thread once the timer has stopped.
        timer.stop();
        // The threads end side by side; one deadline for all of them, not one each.
        long deadline = System.nanoTime() + STOP_WAIT_NANOS;
        for (Thread t : Set.copyOf(live)) {
            joinUntil(t, deadline);
        }
        for (Thread t : ending) {
            joinUntil(t, deadline);
        }
    }

    private static void joinUntil(Thread t, long deadlineNanos) throws InterruptedException {
        long left = deadlineNanos - System.nanoTime();
        if (left > 0) {
            t.join(Duration.ofNanos(left));
        }
    }
}
