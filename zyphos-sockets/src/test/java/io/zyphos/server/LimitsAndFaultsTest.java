package io.zyphos.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.zyphos.echo.EchoProtocol;
import io.zyphos.testing.LoopbackClient;
import io.zyphos.testing.StateRecorder;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Roadmap milestones 1 and 21: what the server does when things go wrong. Over the connection
 * limit, a new connection is closed at once; a protocol that throws loses its own connection and
 * nothing else; a peer that resets is closed quietly and counted.
 */
class LimitsAndFaultsTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aConnectionOverTheLimitIsClosedAtOnce(Transport transport) throws Exception {
        StateRecorder states = new StateRecorder();
        try (Server server = Server.builder().transport(transport).protocol(new EchoProtocol())
                .limits(Limits.defaults().withMaxConnections(2)).observer(states).start();
             LoopbackClient first = LoopbackClient.connect(server.localAddress());
             LoopbackClient second = LoopbackClient.connect(server.localAddress())) {
            first.send("1");
            second.send("2");
            assertEquals("1", first.readAscii(1));
            assertEquals("2", second.readAscii(1));
            try (LoopbackClient third = LoopbackClient.connect(server.localAddress())) {
                // The kernel completed the handshake; the server closes the socket unread.
                third.assertClosedByServer();
            }
            assertEquals(1, server.metrics().snapshot().get("zyphos_connections_rejected_total"));
            // The two admitted connections never noticed.
            first.send("still");
            assertEquals("still", first.readAscii(5));
            // A closed connection frees its place.
            second.close();
            states.awaitClosed(1, WAIT);
            try (LoopbackClient fourth = LoopbackClient.connect(server.localAddress())) {
                fourth.send("in");
                assertEquals("in", fourth.readAscii(2));
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aThrowingHandlerClosesOnlyItsOwnConnection(Transport transport) throws Exception {
        LineProtocol fragile = new LineProtocol((c, line) -> {
            if (line.equals("boom")) {
                throw new IllegalStateException("a bug in protocol code");
            }
            LineProtocol.write(c, line + "\n");
        });
        // One loop: the victim and the bystander share a thread on the NIO transport.
        try (Server server = Server.builder().transport(transport).threads(1).protocol(fragile).start();
             LoopbackClient victim = LoopbackClient.connect(server.localAddress());
             LoopbackClient bystander = LoopbackClient.connect(server.localAddress())) {
            bystander.send("before\n");
            assertEquals("before\n", bystander.readAscii(7));
            victim.send("boom\n");
            victim.assertClosedByServer();
            bystander.send("after\n");
            assertEquals("after\n", bystander.readAscii(6));
            assertEquals(1, server.metrics().snapshot().get("zyphos_handler_errors_total"));
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aResetFromThePeerIsClosedQuietlyAndCounted(Transport transport) throws Exception {
        StateRecorder states = new StateRecorder();
        // The server reads and never answers, so the reset is what it sees next.
        LineProtocol silent = new LineProtocol((c, line) -> {});
        try (Server server = Server.builder().transport(transport).protocol(silent).observer(states).start()) {
            LoopbackClient client = LoopbackClient.connect(server.localAddress());
            client.send("unfinished line without end");
            client.reset();
            states.awaitClosed(1, WAIT);
            assertEquals(1, server.metrics().snapshot().get("zyphos_connection_resets_total"));
            assertEquals(0, server.metrics().snapshot().get("zyphos_handler_errors_total"));
        }
    }
}
