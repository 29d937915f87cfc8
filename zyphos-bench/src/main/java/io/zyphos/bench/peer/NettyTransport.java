package io.zyphos.bench.peer;

import io.netty.channel.IoHandlerFactory;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.uring.IoUring;
import io.netty.channel.uring.IoUringIoHandler;
import io.netty.channel.uring.IoUringServerSocketChannel;
import io.zyphos.bench.UsageException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * The transports the Netty peer runs on: Java NIO everywhere, and Netty's native epoll and
 * io_uring transports on Linux where their JNI library loads (and, for io_uring, where the kernel
 * allows {@code io_uring_setup}). One asked for but not available falls back to the next in
 * io_uring, epoll, nio order, and {@link Choice#describe()} says so.
 */
enum NettyTransport {
    NIO("nio"),
    EPOLL("epoll"),
    IO_URING("io_uring");

    /** What the peer runs on unless told otherwise: epoll, as Netty users deploy it on Linux. */
    static final NettyTransport DEFAULT = EPOLL;
    static final String NAMES = String.join("|", Arrays.stream(values()).map(NettyTransport::label).toList());

    private final String label;

    NettyTransport(String label) {
        this.label = label;
    }

    String label() {
        return label;
    }

    static NettyTransport parse(String name) {
        for (NettyTransport t : values()) {
            if (t.label.equals(name)) {
                return t;
            }
        }
        throw new UsageException("unknown Netty transport \"" + name + "\" (choose " + NAMES + ")");
    }

    /** Why this transport cannot run here, or null when it can. NIO always can. */
    Throwable unavailabilityCause() {
        return switch (this) {
            case NIO -> null;
            case EPOLL -> Epoll.isAvailable() ? null : Epoll.unavailabilityCause();
            case IO_URING -> IoUring.isAvailable() ? null : IoUring.unavailabilityCause();
        };
    }

    IoHandlerFactory ioHandlerFactory() {
        return switch (this) {
            case NIO -> NioIoHandler.newFactory();
            case EPOLL -> EpollIoHandler.newFactory();
            case IO_URING -> IoUringIoHandler.newFactory();
        };
    }

    Class<? extends ServerChannel> serverChannel() {
        return switch (this) {
            case NIO -> NioServerSocketChannel.class;
            case EPOLL -> EpollServerSocketChannel.class;
            case IO_URING -> IoUringServerSocketChannel.class;
        };
    }

    /** The transport that runs when {@code asked} is asked for, here. */
    static Choice choose(NettyTransport asked) {
        return choose(asked, NettyTransport::unavailabilityCause);
    }

    /**
     * The transport that runs when {@code asked} is asked for, given why each is unavailable
     * ({@code cause} returns null for one that is available): {@code asked} itself, or the first
     * available one after it in io_uring, epoll, nio order.
     */
    static Choice choose(NettyTransport asked, Function<NettyTransport, Throwable> cause) {
        List<String> skipped = new ArrayList<>();
        for (int i = asked.ordinal(); i > 0; i--) {
            NettyTransport t = values()[i];
            Throwable why = cause.apply(t);
            if (why == null) {
                return new Choice(t, List.copyOf(skipped));
            }
            skipped.add(t.label + " unavailable: " + message(why));
        }
        return new Choice(NIO, List.copyOf(skipped));
    }

    private static String message(Throwable why) {
        Throwable root = why;
        while (root.getCause() != null && root.getMessage() == null) {
            root = root.getCause();
        }
        return root.getMessage() != null ? root.getMessage() : root.getClass().getSimpleName();
    }

    /**
     * The transport that runs and, when it is not the one asked for, why each before it was
     * passed over.
     */
    record Choice(NettyTransport transport, List<String> fallbacks) {

        /** For the banner: "epoll", or "nio (fell back: epoll unavailable: ...)". */
        String describe() {
            return fallbacks.isEmpty() ? transport.label
                    : transport.label + " (fell back: " + String.join("; ", fallbacks) + ")";
        }
    }
}
