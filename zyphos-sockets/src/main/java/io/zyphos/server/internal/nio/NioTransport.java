package io.zyphos.server.internal.nio;

import io.zyphos.server.AcceptMode;
import io.zyphos.server.internal.ServerContext;
import io.zyphos.server.internal.TransportRuntime;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.channels.ServerSocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The NIO transport: N {@link NioEventLoop}s and their acceptors. With
 * {@link AcceptMode#ROUND_ROBIN} the first loop accepts for all; with {@link AcceptMode#REUSE_PORT}
 * every loop has its own listening socket on the same port and keeps what it accepts.
 */
public final class NioTransport implements TransportRuntime {

    private final List<NioEventLoop> loops = new ArrayList<>();
    private final List<NioAcceptor> acceptors = new ArrayList<>();
    private final InetSocketAddress localAddress;

    private NioTransport(ServerContext ctx) throws IOException {
        var config = ctx.config();
        for (int i = 0; i < config.threads(); i++) {
            loops.add(new NioEventLoop(config.name() + "-nio-" + i, false));
        }
        AtomicInteger next = new AtomicInteger();
        int listeners = config.acceptMode() == AcceptMode.REUSE_PORT ? loops.size() : 1;
        InetSocketAddress bind = config.bindAddress();
        InetSocketAddress bound = null;
        try {
            for (int i = 0; i < listeners; i++) {
                NioEventLoop loop = loops.get(i);
                ServerSocketChannel listener = open(bind);
                try {
                    ctx.sockets().configureListener(listener, config.acceptMode() == AcceptMode.REUSE_PORT);
                    // Every listener after the first binds the port the first one got.
                    listener.bind(bound == null ? bind : bound, config.socketOptions().backlog());
                    listener.configureBlocking(false);
                } catch (IOException e) {
                    listener.close();
                    throw e;
                }
                if (bound == null) {
                    bound = (InetSocketAddress) listener.getLocalAddress();
                }
                NioAcceptor acceptor = config.acceptMode() == AcceptMode.REUSE_PORT
                        ? new NioAcceptor(ctx, loop, listener, () -> loop)
                        : new NioAcceptor(ctx, loop, listener,
                                () -> loops.get(Math.floorMod(next.getAndIncrement(), loops.size())));
                acceptors.add(acceptor);
            }
        } catch (IOException e) {
            for (NioAcceptor a : acceptors) {
                a.close();
            }
            for (NioEventLoop loop : loops) {
                loop.stop();
            }
            throw e;
        }
        this.localAddress = bound;
    }

    private static ServerSocketChannel open(InetSocketAddress bind) throws IOException {
        return bind.getAddress() instanceof java.net.Inet6Address
                ? ServerSocketChannel.open(StandardProtocolFamily.INET6)
                : ServerSocketChannel.open(StandardProtocolFamily.INET);
    }

    /** Binds, starts the loops, and starts accepting. */
    public static NioTransport start(ServerContext ctx) throws IOException {
        NioTransport t = new NioTransport(ctx);
        for (NioEventLoop loop : t.loops) {
            loop.start();
        }
        for (int i = 0; i < t.acceptors.size(); i++) {
            NioAcceptor a = t.acceptors.get(i);
            t.loops.get(i).execute(a::register);
        }
        return t;
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
