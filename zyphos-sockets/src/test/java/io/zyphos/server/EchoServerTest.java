package io.zyphos.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zyphos.echo.EchoProtocol;
import io.zyphos.testing.LoopbackClient;
import io.zyphos.testing.ResourceSnapshot;
import io.zyphos.testing.StateRecorder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Roadmap milestones 1, 3 and 9: one echo server (RFC 862) over every transport. An event loop,
 * a platform thread per connection and a virtual thread per connection all run the same protocol
 * code; the tests hold 100 and then 1000 connections open at once, and check that closing the
 * server gives back every file descriptor, thread and buffer it took.
 */
class EchoServerTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @ParameterizedTest
    @EnumSource(Transport.class)
    void echoesWhatItReceives(Transport transport) throws Exception {
        try (Server server = Server.builder().transport(transport).protocol(new EchoProtocol()).start();
             LoopbackClient client = LoopbackClient.connect(server.localAddress())) {
            client.send("hello, echo");
            assertEquals("hello, echo", client.readAscii(11));
            // A second message on the same connection: the server keeps it open between reads.
            client.send("again");
            assertEquals("again", client.readAscii(5));
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void echoesAMessageLargerThanOneRead(Transport transport) throws Exception {
        byte[] big = new byte[1 << 20];
        new java.util.Random(1).nextBytes(big);
        try (Server server = Server.builder().transport(transport).protocol(new EchoProtocol()).start();
             LoopbackClient client = LoopbackClient.connect(server.localAddress())) {
            // Written from another thread: a 1 MiB echo fills both directions' socket buffers,
            // and a client that writes everything before reading would deadlock with the server.
            Thread writer = Thread.ofVirtual().start(() -> client.send(big));
            assertArrayEquals(big, client.readExactly(big.length));
            writer.join();
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void holds100ConnectionsAtOnce(Transport transport) throws Exception {
        holdsConnectionsAtOnce(transport, 100);
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void holds1000ConnectionsAtOnce(Transport transport) throws Exception {
        holdsConnectionsAtOnce(transport, 1000);
    }

    private static void holdsConnectionsAtOnce(Transport transport, int n) throws Exception {
        // The JDK keeps a socket or two open for the life of the process once the first server
        // starts (probes for socket option support); one round first keeps those out of the count.
        try (Server warmUp = Server.builder().transport(transport).protocol(new EchoProtocol()).start();
             LoopbackClient client = LoopbackClient.connect(warmUp.localAddress())) {
            client.send("x").readExactly(1);
        }
        ResourceSnapshot before = ResourceSnapshot.take();
        StateRecorder states = new StateRecorder();
        Server server = Server.builder().name("echo-" + n).transport(transport)
                .protocol(new EchoProtocol()).observer(states).start();
        List<LoopbackClient> clients = new ArrayList<>();
        try {
            for (int i = 0; i < n; i++) {
                clients.add(LoopbackClient.connect(server.localAddress()));
            }
            for (int i = 0; i < n; i++) {
                clients.get(i).send("message " + i + ";");
            }
            for (int i = 0; i < n; i++) {
                String expected = "message " + i + ";";
                assertEquals(expected, clients.get(i).readAscii(expected.length()));
            }
            assertEquals(n, server.openConnections(), "every connection is open at the same time");
        } finally {
            clients.forEach(LoopbackClient::close);
        }
        states.awaitClosed(n, WAIT);
        assertEquals(0, server.openConnections());
        assertTrue(server.shutdown(WAIT), "an idle server shuts down cleanly");

        assertEquals(n, server.metrics().snapshot().get("zyphos_connections_accepted_total"));
        assertEquals(n, server.metrics().snapshot().get("zyphos_connections_closed_total"));
        assertEquals(java.util.Set.of(), ResourceSnapshot.threadsNamed("echo-" + n + "-"),
                "no server thread outlives the server");
        assertEquals(before.openSockets(), ResourceSnapshot.take().openSockets(),
                "every socket descriptor is given back");
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void echoesBinaryBytesUnchanged(Transport transport) throws Exception {
        byte[] all = new byte[256];
        for (int i = 0; i < all.length; i++) {
            all[i] = (byte) i;
        }
        try (Server server = Server.builder().transport(transport).protocol(new EchoProtocol()).start();
             LoopbackClient client = LoopbackClient.connect(server.localAddress())) {
            client.send(all);
            assertArrayEquals(all, client.readExactly(all.length));
        }
    }
}
