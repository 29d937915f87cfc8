package io.zyphos.server.internal.nio;

import io.zyphos.server.AcceptMode;
import io.zyphos.server.internal.AbstractConnection;
import io.zyphos.server.internal.ServerContext;
import io.zyphos.server.internal.TransportRuntime;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The NIO transport: N {@link NioEventLoop}s and their acceptors. With
 * {@link AcceptMode#ROUND_ROBIN} the first loop accepts for all; with {@link AcceptMode#REUSE_PORT}
 * every loop has its own listening socket on the same port and keeps what it accepts.
 *
 * <p>A start that fails (the port is taken, the process is out of descriptors) closes everything
 * it opened before it throws: every loop's selector holds an epoll instance and a wake-up
 * descriptor, so a server retrying its bind must not leak them.
 */
public final class NioTransport implements TransportRuntime {

    private final List<NioEventLoop> loops = new ArrayList<>();
    private final List<NioAcceptor> acceptors = new ArrayList<>();
    private InetSocketAddress localAddress;

    private NioTransport() {}

    /** Opens the loops' selectors and binds the listening sockets; nothing runs yet. */
    private void open(ServerContext ctx) throws IOException {
        var config = ctx.config();
        for (int i = 0; i < config.threads(); i++) {
            loops.add(new NioEventLoop(config.name() + "-nio-" + i, false));
        }
        boolean reusePort = config.acceptMode() == AcceptMode.REUSE_PORT;
        AtomicInteger next = new AtomicInteger();
        int listeners = reusePort ? loops.size() : 1;
        for (int i = 0; i < listeners; i++) {
            NioEventLoop loop = loops.get(i);
            // Every listener after the first binds the port the first one got.
            ServerSocketChannel listener =
                    ctx.sockets().listen(localAddress == null ? config.bindAddress() : localAddress, reusePort);
            NioAcceptor acceptor = reusePort
                    ? new NioAcceptor(ctx, loop, listener, () -> loop)
                    : new NioAcceptor(ctx, loop, listener,
                            () -> loops.get(Math.floorMod(next.getAndIncrement(), loops.size())));
            acceptors.add(acceptor);
            listener.configureBlocking(false);
            if (localAddress == null) {
                localAddress = (InetSocketAddress) listener.getLocalAddress();
            }
        }
    }

    /** Binds, starts the loops, and starts accepting. */
    public static NioTransport start(ServerContext ctx) throws IOException {
        NioTransport t = new NioTransport();
        int started = 0;
        try {
            t.open(ctx);
            for (NioEventLoop loop : t.loops) {
                loop.start();
                started++;
            }
        } catch (IOException | RuntimeException | Error e) {
            t.abandon(started);
            throw e;
        }
        for (int i = 0; i < t.acceptors.size(); i++) {
            NioAcceptor a = t.acceptors.get(i);
            t.loops.get(i).execute(a::register);
        }
        return t;
    }

    /**
     * A failed start: closes the listening sockets (none registered yet), stops the first
     * {@code started} loops, which close their selectors as they end, and closes the selectors of
     * the others here.
     */
    private void abandon(int started) {
        for (NioAcceptor a : acceptors) {
            a.close();
        }
        for (int i = 0; i < loops.size(); i++) {
            if (i < started) {
                loops.get(i).stop();
            } else {
                loops.get(i).closeUnstarted();
            }
        }
        try {
            for (int i = 0; i < started; i++) {
                loops.get(i).awaitStopped(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            // The loops go on stopping by themselves; the caller is told of the failure anyway.
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public InetSocketAddress localAddress() {
        return localAddress;
    }

    @Override
    public void stopAccepting() throws InterruptedException {
        for (int i = 0; i < acceptors.size(); i++) {
            NioAcceptor a = acceptors.get(i);
            loops.get(i).execute(a::close);
        }
        for (NioAcceptor a : acceptors) {
            a.awaitClosed();
        }
    }

    /** Queues each connection's shutdown on its loop: the loops close their connections side by side. */
    @Override
    public void beginShutdown(List<AbstractConnection> connections) {
        for (AbstractConnection c : connections) {
            c.execute(c::beginShutdown);
        }
    }

    @Override
    public void stop() throws InterruptedException {
        for (NioEventLoop loop : loops) {
            loop.stop();
        }
        for (NioEventLoop loop : loops) {
            loop.awaitStopped(10, TimeUnit.SECONDS);
        }
    }
}
