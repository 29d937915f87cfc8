package io.zyphos.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.zyphos.echo.EchoProtocol;
import io.zyphos.testing.LoopbackClient;
import io.zyphos.testing.ResourceSnapshot;
import io.zyphos.testing.TestProtocol;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * How an application starts and stops a server: it names the protocol the server speaks (nothing
 * is chosen for it) or provides protocols as services of its own, and it can wait for the server
 * to have stopped, whoever stopped it. The same on the module path: see zyphos-bench's
 * {@code EmbeddingAppTest}.
 */
class ServerBootstrapTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    /**
     * Clean-up that must happen goes to {@code afterStop}: it runs once the server has stopped,
     * once, in the order given, before {@code awaitShutdown} returns; one that throws does not
     * keep the others from running. (On SIGTERM it runs inside the shutdown hook: zyphos-bench's
     * {@code ShutdownOnSignalTest}.)
     */
    @ParameterizedTest
    @EnumSource(Transport.class)
    void afterStopActionsRunOnceInOrderWhenTheServerHasStopped(Transport transport) throws Exception {
        List<String> ran = new CopyOnWriteArrayList<>();
        Server server = Server.builder().transport(transport).protocol(new EchoProtocol())
                .afterStop(() -> ran.add("first, with no connection left: " + serverRef[0].openConnections()))
                .afterStop(() -> {
                    ran.add("second");
                    throw new IllegalStateException("a failing clean-up");
                })
                .afterStop(() -> ran.add("third"))
                .start();
        serverRef[0] = server;
        assertTrue(ran.isEmpty(), "nothing runs while the server serves");

        assertTrue(server.shutdown(Duration.ofSeconds(5)));
        assertTrue(server.awaitShutdown(Duration.ZERO), "stopped, and the actions have run");
        assertEquals(List.of("first, with no connection left: 0", "second", "third"), ran);

        server.close();
        assertEquals(3, ran.size(), "a second stop runs nothing again");
    }

    /** The server under test, for an action to look at. */
    private final Server[] serverRef = new Server[1];

    @Test
    void aServerWithNoProtocolDoesNotStartAndSaysHowToAddOne() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> Server.builder().name("no-protocol").start());
        assertEquals(Server.NO_PROTOCOL, e.getMessage());
        assertTrue(e.getMessage().contains(".protocol(Http1Protocol.builder(router).build())"), e.getMessage());
        assertEquals(Set.of(), ResourceSnapshot.threadsNamed("no-protocol"), "nothing was started");
    }

    @Test
    void aProtocolTheApplicationProvidesAsAServiceIsUsedWhenNoneIsGiven(@TempDir Path app) throws Exception {
        // What an application jar on the class path holds to provide a protocol.
        Path services = Files.createDirectories(app.resolve("META-INF/services"));
        Files.writeString(services.resolve(Protocol.class.getName()), EchoProtocol.class.getName() + "\n");
        Thread thread = Thread.currentThread();
        ClassLoader before = thread.getContextClassLoader();
        try (URLClassLoader loader = new URLClassLoader(new URL[] {app.toUri().toURL()}, before)) {
            thread.setContextClassLoader(loader);
            try (Server server = Server.builder().start();
                 LoopbackClient client = LoopbackClient.connect(server.localAddress())) {
                assertEquals("found", client.send("found").readAscii(5));
            }
        } finally {
            thread.setContextClassLoader(before);
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void awaitShutdownReturnsOnceTheServerHasStopped(Transport transport) throws Exception {
        Server server = Server.builder().name("awaited-" + transport).transport(transport)
                .protocol(new EchoProtocol()).start();
        assertFalse(server.awaitShutdown(Duration.ofMillis(50)), "a running server has not stopped");
        Thread closer = Thread.ofPlatform().start(server::close);
        server.awaitShutdown();
        assertEquals(Set.of(), ResourceSnapshot.threadsNamed("awaited-" + transport));
        assertTrue(server.awaitShutdown(Duration.ZERO));
        closer.join();
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void anInterruptedShutdownCutsTheDrainShortButStillStopsEveryThread(Transport transport) throws Exception {
        // A connection that never finishes what it has in flight: only the deadline or an interrupt ends the drain.
        Protocol stubborn = new TestProtocol("stubborn", c -> new ProtocolHandler() {
            @Override
            public void onRead(ByteBuf in, long nowNanos) {
                c.writeAndFlush(in.readRetainedSlice(in.readableBytes()));
            }

            @Override
            public boolean onShutdown(long nowNanos) {
                return false;
            }
        });
        Server server = Server.builder().name("interrupted-" + transport).transport(transport)
                .protocol(stubborn).start();
        try (LoopbackClient client = LoopbackClient.connect(server.localAddress())) {
            assertEquals("busy", client.send("busy").readAscii(4));
            Thread.currentThread().interrupt();
            assertFalse(server.shutdown(WAIT), "the drain was cut short");
            assertTrue(Thread.interrupted(), "the interrupt is kept for the caller");
            client.assertClosedByServer();
        }
        assertTrue(server.awaitShutdown(Duration.ZERO), "stopped when shutdown returned");
        assertEquals(Set.of(), ResourceSnapshot.threadsNamed("interrupted-" + transport));
    }
}
