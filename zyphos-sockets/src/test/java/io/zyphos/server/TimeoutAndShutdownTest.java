package io.zyphos.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zyphos.echo.EchoProtocol;
import io.zyphos.testing.LoopbackClient;
import io.zyphos.testing.NotBefore;
import io.zyphos.testing.ResourceSnapshot;
import io.zyphos.testing.StateRecorder;
import io.zyphos.testing.TestProtocol;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Roadmap milestones 1 and 21: timeouts and graceful shutdown. An idle connection is closed after
 * the idle timeout, and not before; a server shutting down stops accepting, lets in-flight work
 * finish up to its deadline, then closes what is left, and leaves no thread behind.
 */
class TimeoutAndShutdownTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @ParameterizedTest
    @EnumSource(Transport.class)
    void anIdleConnectionIsClosedAfterTheIdleTimeout(Transport transport) throws Exception {
        StateRecorder states = new StateRecorder();
        try (Server server = Server.builder().transport(transport).protocol(new EchoProtocol())
                .limits(Limits.defaults().withIdleTimeout(Duration.ofMillis(200)))
                .observer(states).start();
             LoopbackClient client = LoopbackClient.connect(server.localAddress())) {
            long lastActivity = System.nanoTime();
            client.send("still here");
            assertEquals("still here", client.readAscii(10));
            // Then silence: the server gives up on us and closes, once the idle timeout is up.
            client.assertClosedByServer();
            states.awaitClosed(1, WAIT);
            assertEquals(1, server.metrics().snapshot().get("zyphos_idle_timeouts_total"));
            NotBefore.assertNotBefore(Duration.ofMillis(200), lastActivity, states.closedAtNanos().getFirst(),
                    "closed as idle");
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void anIdleServerShutsDownCleanlyAndLeavesNoThread(Transport transport) throws Exception {
        Server server = Server.builder().name("idle-" + transport).transport(transport)
                .protocol(new EchoProtocol()).start();
        assertTrue(server.shutdown(Duration.ofSeconds(5)));
        assertEquals(Set.of(), ResourceSnapshot.threadsNamed("idle-" + transport));
        // Nothing listens any more.
        java.net.ConnectException refused = org.junit.jupiter.api.Assertions.assertThrows(
                java.net.ConnectException.class,
                () -> new java.net.Socket(server.localAddress().getAddress(), server.port()).close());
        assertTrue(refused.getMessage().contains("refused"));
        assertTrue(server.shutdown(Duration.ofSeconds(5)), "shutdown is idempotent");
    }

    /** A protocol that starts a job on "start" and answers it on "finish", holding shutdown meanwhile. */
    private static Protocol jobs(CountDownLatch shutdownSeen) {
        return new TestProtocol("jobs", c -> {
            ProtocolHandler lines = new LineProtocol((conn, line) -> LineProtocol.write(conn, line + " ok\n"))
                    .newHandler(c);
            return new ProtocolHandler() {
                boolean inFlight;

                @Override
                public void onRead(io.netty.buffer.ByteBuf in, long nowNanos) {
                    String text = in.toString(java.nio.charset.StandardCharsets.US_ASCII);
                    inFlight = text.contains("start") || (inFlight && !text.contains("finish"));
                    lines.onRead(in, nowNanos);
                    if (!inFlight && c.state() == ConnectionState.DRAINING) {
                        c.close();
                    }
                }

                @Override
                public boolean onShutdown(long nowNanos) {
                    shutdownSeen.countDown();
                    return !inFlight;
                }
            };
        });
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void shutdownLetsInFlightWorkFinish(Transport transport) throws Exception {
        CountDownLatch shutdownSeen = new CountDownLatch(1);
        Server server = Server.builder().transport(transport).protocol(jobs(shutdownSeen)).start();
        try (LoopbackClient client = LoopbackClient.connect(server.localAddress())) {
            client.send("start\n");
            assertEquals("start ok\n", client.readAscii(9));
            Thread closer = Thread.ofVirtual().start(() -> assertTrue(server.shutdown(WAIT)));
            assertTrue(shutdownSeen.await(WAIT.toSeconds(), TimeUnit.SECONDS));
            // Shutdown has begun, yet the connection is still served until its job is done.
            client.send("finish\n");
            assertEquals("finish ok\n", client.readAscii(10));
            client.assertClosedByServer();
            closer.join();
        }
    }

    @ParameterizedTest
    @EnumSource(value = Transport.class, names = {"PLATFORM_THREADS", "VIRTUAL_THREADS"})
    void aHandlerSlowToAnswerShutdownHoldsUpNoOtherConnection(Transport transport) throws Exception {
        // A connection thread may block (an event loop's may not): here one handler's onShutdown
        // waits for the test, while the server closes the ten other connections meanwhile.
        CountDownLatch slowAsked = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Protocol protocol = new TestProtocol("slow", c -> new ProtocolHandler() {
            boolean slow;

            @Override
            public void onRead(io.netty.buffer.ByteBuf in, long nowNanos) {
                slow = in.toString(java.nio.charset.StandardCharsets.US_ASCII).contains("slow");
                in.skipBytes(in.readableBytes());
                LineProtocol.write(c, "ok\n");
            }

            @Override
            public boolean onShutdown(long nowNanos) {
                if (slow) {
                    slowAsked.countDown();
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                return true;
            }
        });
        Server server = Server.builder().transport(transport).protocol(protocol).start();
        List<LoopbackClient> others = new ArrayList<>();
        try (LoopbackClient slow = LoopbackClient.connect(server.localAddress())) {
            slow.send("slow\n");
            assertEquals("ok\n", slow.readAscii(3));
            for (int i = 0; i < 10; i++) {
                LoopbackClient other = LoopbackClient.connect(server.localAddress());
                others.add(other);
                other.send("fast\n");
                assertEquals("ok\n", other.readAscii(3));
            }
            Thread closer = Thread.ofVirtual().start(() -> assertTrue(server.shutdown(WAIT)));
            assertTrue(slowAsked.await(WAIT.toSeconds(), TimeUnit.SECONDS));
            for (LoopbackClient other : others) {
                other.assertClosedByServer();
            }
            release.countDown();
            slow.assertClosedByServer();
            closer.join();
        } finally {
            release.countDown();
            others.forEach(LoopbackClient::close);
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void shutdownClosesWhatIsStillBusyAtTheDeadline(Transport transport) throws Exception {
        CountDownLatch shutdownSeen = new CountDownLatch(1);
        StateRecorder states = new StateRecorder();
        Server server = Server.builder().transport(transport).protocol(jobs(shutdownSeen)).observer(states).start();
        try (LoopbackClient client = LoopbackClient.connect(server.localAddress())) {
            client.send("start\n");
            assertEquals("start ok\n", client.readAscii(9));
            long shutdownBegins = System.nanoTime();
            assertFalse(server.shutdown(Duration.ofMillis(100)), "the job never finished");
            client.assertClosedByServer();
            assertEquals(0, server.openConnections());
            // The busy connection had its 100 ms before it was closed.
            NotBefore.assertNotBefore(Duration.ofMillis(100), shutdownBegins, states.closedAtNanos().getFirst(),
                    "closed by the shutdown deadline");
        }
    }
}
