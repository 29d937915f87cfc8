package io.zyphos.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.zyphos.echo.EchoProtocol;
import io.zyphos.testing.ResourceSnapshot;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Roadmap milestone 1: a server that cannot listen. bind(2) on a port another socket already
 * listens on fails with EADDRINUSE; the JDK reports it without the address, so the server says
 * which address it could not take. And a start that fails gives back everything it opened before
 * it found out: an NIO loop's selector is an epoll instance and a wake-up descriptor of its own.
 */
class StartFailureTest {

    private static Server.Builder builder(Transport transport, AcceptMode mode, int port) {
        return Server.builder().name("unbound").transport(transport).threads(4).acceptMode(mode)
                .port(port).protocol(new EchoProtocol());
    }

    static Stream<Arguments> transportsAndAcceptModes() {
        return Stream.of(
                Arguments.of(Transport.NIO, AcceptMode.ROUND_ROBIN),
                Arguments.of(Transport.NIO, AcceptMode.REUSE_PORT),
                Arguments.of(Transport.PLATFORM_THREADS, AcceptMode.ROUND_ROBIN),
                Arguments.of(Transport.VIRTUAL_THREADS, AcceptMode.ROUND_ROBIN));
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aPortAlreadyTakenFailsWithTheAddressInTheMessage(Transport transport) throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            BindException e = assertThrows(BindException.class,
                    () -> builder(transport, AcceptMode.ROUND_ROBIN, taken.getLocalPort()).start());
            // "cannot listen on 127.0.0.1:PORT: " and the kernel's reason in the JDK's words.
            String prefix = "cannot listen on 127.0.0.1:" + taken.getLocalPort() + ": ";
            assertEquals(prefix, e.getMessage().substring(0, Math.min(prefix.length(), e.getMessage().length())),
                    e.getMessage());
            assertEquals(BindException.class, e.getCause().getClass(), "the JDK's exception is kept as the cause");
        }
    }

    @ParameterizedTest
    @MethodSource("transportsAndAcceptModes")
    void aFailedStartLeavesNoDescriptorAndNoThreadBehind(Transport transport, AcceptMode mode) throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Server.Builder failing = builder(transport, mode, taken.getLocalPort());
            // Once first, so what the JDK opens once per process (and class loading) is counted on both sides.
            assertThrows(BindException.class, failing::start);
            List<String> before = ResourceSnapshot.openDescriptors();
            for (int i = 0; i < 50; i++) {
                assertThrows(BindException.class, failing::start);
            }
            List<String> opened = new ArrayList<>(ResourceSnapshot.openDescriptors());
            before.forEach(opened::remove);
            assertEquals(List.of(), opened, "left open by 50 failed starts");
            assertEquals(Set.of(), ResourceSnapshot.threadsNamed("unbound"));
        }
    }

    @ParameterizedTest
    @MethodSource("transportsAndAcceptModes")
    void theServerStartsOnThatPortOnceItIsFree(Transport transport, AcceptMode mode) throws Exception {
        int port;
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            port = taken.getLocalPort();
            assertThrows(BindException.class, () -> builder(transport, mode, taken.getLocalPort()).start());
        }
        try (Server server = builder(transport, mode, port).start()) {
            assertEquals(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), server.localAddress());
        }
    }
}
