package io.zyphos.server.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.zyphos.server.SocketOptions;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import jdk.net.ExtendedSocketOptions;
import org.junit.jupiter.api.Test;

/**
 * Socket options as typed settings (roadmap milestones 1 and 18): what each setting turns into
 * on a real socket, read back from the kernel. TCP_KEEPIDLE and friends tune keep-alive probes
 * (RFC 9293 §3.8.4); TCP_QUICKACK turns off delayed ACKs; SO_LINGER 0 makes close send a reset.
 */
class SocketConfigurerTest {

    @Test
    void acceptedSocketsGetEveryOptionSet() throws Exception {
        SocketOptions options = SocketOptions.defaults()
                .withKeepAlive(Duration.ofSeconds(30), Duration.ofSeconds(5), 4)
                .withBufferSizes(128 * 1024, 96 * 1024)
                .withLinger(Duration.ZERO);
        try (ServerSocketChannel listener = ServerSocketChannel.open()) {
            listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            try (SocketChannel client = SocketChannel.open(listener.getLocalAddress());
                 SocketChannel accepted = listener.accept()) {
                new SocketConfigurer(options).configureAccepted(accepted);
                assertEquals(true, accepted.getOption(StandardSocketOptions.TCP_NODELAY));
                assertEquals(true, accepted.getOption(StandardSocketOptions.SO_KEEPALIVE));
                assertEquals(30, accepted.getOption(ExtendedSocketOptions.TCP_KEEPIDLE));
                assertEquals(5, accepted.getOption(ExtendedSocketOptions.TCP_KEEPINTERVAL));
                assertEquals(4, accepted.getOption(ExtendedSocketOptions.TCP_KEEPCOUNT));
                assertEquals(0, accepted.getOption(StandardSocketOptions.SO_LINGER));
                assertEquals(96 * 1024, accepted.getOption(StandardSocketOptions.SO_SNDBUF));
                client.isOpen();
            }
        }
    }

    @Test
    void theListenerGetsReuseOptionsBeforeItBinds() throws Exception {
        try (ServerSocketChannel listener = ServerSocketChannel.open()) {
            new SocketConfigurer(SocketOptions.defaults()).configureListener(listener, true);
            assertEquals(true, listener.getOption(StandardSocketOptions.SO_REUSEADDR));
            assertEquals(true, listener.getOption(StandardSocketOptions.SO_REUSEPORT));
        }
    }

    @Test
    void quickAckCanBeTurnedOn() throws Exception {
        try (ServerSocketChannel listener = ServerSocketChannel.open()) {
            listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            try (SocketChannel client = SocketChannel.open(listener.getLocalAddress());
                 SocketChannel accepted = listener.accept()) {
                new SocketConfigurer(SocketOptions.defaults().withQuickAck(true)).configureAccepted(accepted);
                assertEquals(true, accepted.getOption(ExtendedSocketOptions.TCP_QUICKACK));
                client.isOpen();
            }
        }
    }
}
