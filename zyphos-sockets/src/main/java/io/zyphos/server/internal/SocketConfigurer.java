package io.zyphos.server.internal;

import io.zyphos.server.SocketOptions;
import java.io.IOException;
import java.net.BindException;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.lang.System.Logger.Level;
import java.net.SocketOption;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.channels.NetworkChannel;
import java.nio.channels.ServerSocketChannel;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import jdk.net.ExtendedSocketOptions;

/**
 * Applies {@link SocketOptions} to listening and accepted sockets. An option the platform does not
 * support is skipped and reported once per server, never failing a connection.
 */
public final class SocketConfigurer {

    private static final System.Logger LOG = System.getLogger(SocketConfigurer.class.getName());

    private final SocketOptions options;
    private final Set<String> reported = ConcurrentHashMap.newKeySet();
    private final boolean quickAckAfterReads;

    public SocketConfigurer(SocketOptions options) {
        this.options = options;
        this.quickAckAfterReads = Boolean.TRUE.equals(options.quickAck());
    }

    /**
     * Opens a listening socket on {@code address} with the listener's options, bound with the
     * configured backlog, blocking. It is closed again if anything fails, and a failed bind says
     * which address it could not take (the JDK's {@link BindException} gives only the kernel's
     * reason, "Address already in use").
     *
     * @param reusePort whether the socket shares its port with others ({@code SO_REUSEPORT})
     */
    public ServerSocketChannel listen(InetSocketAddress address, boolean reusePort) throws IOException {
        ServerSocketChannel listener = ServerSocketChannel.open(
                address.getAddress() instanceof Inet6Address ? StandardProtocolFamily.INET6 : StandardProtocolFamily.INET);
        try {
            configureListener(listener, reusePort);
            listener.bind(address, options.backlog());
            return listener;
        } catch (BindException e) {
            listener.close();
            BindException named = new BindException("cannot listen on " + hostAndPort(address) + ": " + e.getMessage());
            named.initCause(e);
            throw named;
        } catch (IOException | RuntimeException | Error e) {
            listener.close();
            throw e;
        }
    }

    /** "127.0.0.1:8080" or "[::1]:8080", as a URL authority writes it (RFC 3986 §3.2.2). */
    static String hostAndPort(InetSocketAddress address) {
        String host = address.getAddress().getHostAddress();
        return (address.getAddress() instanceof Inet6Address ? "[" + host + "]" : host) + ":" + address.getPort();
    }

    /** Options of the listening socket, set before it binds. */
    void configureListener(NetworkChannel ch, boolean reusePort) throws IOException {
        set(ch, StandardSocketOptions.SO_REUSEADDR, options.reuseAddress());
        set(ch, StandardSocketOptions.SO_REUSEPORT, reusePort ? Boolean.TRUE : options.reusePort());
        // Accepted sockets inherit the receive buffer size; setting it before listen(2) is what
        // lets a window above 64 KiB be negotiated in the SYN (RFC 7323 §2.2).
        set(ch, StandardSocketOptions.SO_RCVBUF, options.receiveBufferSize());
    }

    /** Options of one accepted socket. */
    public void configureAccepted(NetworkChannel ch) throws IOException {
        set(ch, StandardSocketOptions.TCP_NODELAY, options.tcpNoDelay());
        set(ch, StandardSocketOptions.SO_KEEPALIVE, options.keepAlive());
        set(ch, ExtendedSocketOptions.TCP_KEEPIDLE, seconds(options.keepAliveIdle()));
        set(ch, ExtendedSocketOptions.TCP_KEEPINTERVAL, seconds(options.keepAliveInterval()));
        set(ch, ExtendedSocketOptions.TCP_KEEPCOUNT, options.keepAliveCount());
        set(ch, ExtendedSocketOptions.TCP_QUICKACK, options.quickAck());
        set(ch, StandardSocketOptions.SO_SNDBUF, options.sendBufferSize());
        set(ch, StandardSocketOptions.SO_LINGER, seconds(options.linger()));
    }

    /** Whether TCP_QUICKACK is to be set again after every read (see {@link #quickAck}). */
    public boolean quickAckAfterReads() {
        return quickAckAfterReads;
    }

    /**
     * Sets TCP_QUICKACK on {@code ch} again: Linux leaves quick-ACK mode by itself once the
     * connection answers promptly what it receives (tcp(7): "This flag is not permanent"), and
     * this sends any ACK held back and takes the connection out of that mode again.
     */
    public void quickAck(NetworkChannel ch) throws IOException {
        set(ch, ExtendedSocketOptions.TCP_QUICKACK, Boolean.TRUE);
    }

    private static Integer seconds(Duration d) {
        return d == null ? null : Math.toIntExact(d.toSeconds());
    }

    private <T> void set(NetworkChannel ch, SocketOption<T> option, T value) throws IOException {
        if (value == null) {
            return;
        }
        if (!ch.supportedOptions().contains(option)) {
            if (reported.add(option.name())) {
                LOG.log(Level.WARNING, "socket option {0} is not supported here; skipped", option.name());
            }
            return;
        }
        ch.setOption(option, value);
    }
}
