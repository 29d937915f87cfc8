package io.zyphos.server;

import java.time.Duration;

/**
 * Socket options as typed settings. A {@code null} field leaves the operating system's default.
 *
 * <table>
 *   <caption>Options and where they apply</caption>
 *   <tr><th>setting</th><th>socket option</th><th>default here</th></tr>
 *   <tr><td>{@link #reuseAddress()}</td><td>SO_REUSEADDR, listening socket: rebind while old
 *       connections sit in TIME_WAIT</td><td>true</td></tr>
 *   <tr><td>{@link #reusePort()}</td><td>SO_REUSEPORT, listening socket; set by
 *       {@link AcceptMode#REUSE_PORT} itself</td><td>OS</td></tr>
 *   <tr><td>{@link #tcpNoDelay()}</td><td>TCP_NODELAY: no Nagle delay on small writes</td><td>true</td></tr>
 *   <tr><td>{@link #keepAlive()}</td><td>SO_KEEPALIVE</td><td>OS</td></tr>
 *   <tr><td>{@link #keepAliveIdle()}, {@link #keepAliveInterval()}, {@link #keepAliveCount()}</td>
 *       <td>TCP_KEEPIDLE, TCP_KEEPINTERVAL, TCP_KEEPCOUNT (jdk.net)</td><td>OS</td></tr>
 *   <tr><td>{@link #quickAck()}</td><td>TCP_QUICKACK (jdk.net, Linux): ack at once, not
 *       delayed. Linux clears it whenever the connection answers promptly what it receives, so
 *       when on it is set again after every read, one {@code setsockopt} each</td><td>OS</td></tr>
 *   <tr><td>{@link #receiveBufferSize()}, {@link #sendBufferSize()}</td><td>SO_RCVBUF, SO_SNDBUF</td><td>OS</td></tr>
 *   <tr><td>{@link #linger()}</td><td>SO_LINGER: zero makes close send RST</td><td>OS</td></tr>
 *   <tr><td>{@link #backlog()}</td><td>listen(2) backlog: handshaken connections waiting for
 *       accept</td><td>1024</td></tr>
 * </table>
 *
 * An option the platform does not support is skipped, and the server says so once at start-up.
 */
public record SocketOptions(
        Boolean reuseAddress,
        Boolean reusePort,
        Boolean tcpNoDelay,
        Boolean keepAlive,
        Duration keepAliveIdle,
        Duration keepAliveInterval,
        Integer keepAliveCount,
        Boolean quickAck,
        Integer receiveBufferSize,
        Integer sendBufferSize,
        Duration linger,
        int backlog) {

    private static final SocketOptions DEFAULTS =
            new SocketOptions(true, null, true, null, null, null, null, null, null, null, null, 1024);

    public SocketOptions {
        if (backlog < 1) {
            throw new IllegalArgumentException("backlog must be positive: " + backlog);
        }
    }

    public static SocketOptions defaults() {
        return DEFAULTS;
    }

    public SocketOptions withReuseAddress(boolean on) {
        return new SocketOptions(on, reusePort, tcpNoDelay, keepAlive, keepAliveIdle, keepAliveInterval,
                keepAliveCount, quickAck, receiveBufferSize, sendBufferSize, linger, backlog);
    }

    public SocketOptions withReusePort(boolean on) {
        return new SocketOptions(reuseAddress, on, tcpNoDelay, keepAlive, keepAliveIdle, keepAliveInterval,
                keepAliveCount, quickAck, receiveBufferSize, sendBufferSize, linger, backlog);
    }

    public SocketOptions withTcpNoDelay(boolean on) {
        return new SocketOptions(reuseAddress, reusePort, on, keepAlive, keepAliveIdle, keepAliveInterval,
                keepAliveCount, quickAck, receiveBufferSize, sendBufferSize, linger, backlog);
    }

    /** SO_KEEPALIVE on, with the probe timing (TCP_KEEPIDLE, TCP_KEEPINTERVAL, TCP_KEEPCOUNT). */
    public SocketOptions withKeepAlive(Duration idle, Duration interval, int count) {
        return new SocketOptions(reuseAddress, reusePort, tcpNoDelay, true, idle, interval,
                count, quickAck, receiveBufferSize, sendBufferSize, linger, backlog);
    }

    public SocketOptions withQuickAck(boolean on) {
        return new SocketOptions(reuseAddress, reusePort, tcpNoDelay, keepAlive, keepAliveIdle, keepAliveInterval,
                keepAliveCount, on, receiveBufferSize, sendBufferSize, linger, backlog);
    }

    public SocketOptions withBufferSizes(int receive, int send) {
        return new SocketOptions(reuseAddress, reusePort, tcpNoDelay, keepAlive, keepAliveIdle, keepAliveInterval,
                keepAliveCount, quickAck, receive, send, linger, backlog);
    }

    public SocketOptions withLinger(Duration d) {
        return new SocketOptions(reuseAddress, reusePort, tcpNoDelay, keepAlive, keepAliveIdle, keepAliveInterval,
                keepAliveCount, quickAck, receiveBufferSize, sendBufferSize, d, backlog);
    }

    public SocketOptions withBacklog(int n) {
        return new SocketOptions(reuseAddress, reusePort, tcpNoDelay, keepAlive, keepAliveIdle, keepAliveInterval,
                keepAliveCount, quickAck, receiveBufferSize, sendBufferSize, linger, n);
    }
}
