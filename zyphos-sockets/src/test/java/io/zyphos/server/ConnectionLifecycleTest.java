package io.zyphos.server;

import static io.zyphos.server.ConnectionState.ACCEPTED;
import static io.zyphos.server.ConnectionState.ACTIVE;
import static io.zyphos.server.ConnectionState.CLOSED;
import static io.zyphos.server.ConnectionState.HALF_CLOSED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zyphos.echo.EchoProtocol;
import io.zyphos.testing.LoopbackClient;
import io.zyphos.testing.StateRecorder;
import io.zyphos.testing.TestProtocol;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Roadmap milestone 2, the TCP connection as the server sees it (RFC 9293 §3.3.2): accepted after
 * the kernel's handshake, active, half-closed when the peer's FIN arrives, closed. A thousand
 * connections each leave a complete, ordered record; a peer that half-closes still gets every
 * byte it is owed (RFC 9293 §3.6: a FIN closes one direction only).
 */
class ConnectionLifecycleTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @ParameterizedTest
    @EnumSource(Transport.class)
    void thousandLifecyclesAreTrackedFromAcceptToClose(Transport transport) throws Exception {
        StateRecorder states = new StateRecorder();
        try (Server server = Server.builder().transport(transport).protocol(new EchoProtocol())
                .observer(states).start()) {
            for (int i = 0; i < 1000; i++) {
                try (LoopbackClient client = LoopbackClient.connect(server.localAddress())) {
                    client.send("ping");
                    assertEquals("ping", client.readAscii(4));
                }
            }
            states.awaitClosed(1000, WAIT);
        }
        Map<Long, List<ConnectionState>> paths = states.paths();
        assertEquals(1000, paths.size());
        // The client closes first: the server sees its FIN, echo closes its side in turn.
        paths.forEach((id, path) -> assertEquals(List.of(ACCEPTED, ACTIVE, HALF_CLOSED, CLOSED), path,
                "connection " + id));
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void timestampsAndByteCountsAreKept(Transport transport) throws Exception {
        Connection[] seen = new Connection[1];
        StateRecorder states = new StateRecorder();
        try (Server server = Server.builder().transport(transport)
                .protocol(new LineProtocol((c, line) -> {
                    seen[0] = c;
                    LineProtocol.write(c, line.toUpperCase() + "\n");
                }))
                .observer(states).start();
             LoopbackClient client = LoopbackClient.connect(server.localAddress())) {
            client.send("hello\n");
            assertEquals("HELLO\n", client.readAscii(6));
            client.close();
            states.awaitClosed(1, WAIT);
        }
        ConnectionLifecycle life = seen[0].lifecycle();
        assertEquals(CLOSED, life.state());
        assertEquals(6, life.bytesRead());
        assertEquals(6, life.bytesWritten());
        assertTrue(life.enteredNanos(ACCEPTED) <= life.enteredNanos(ACTIVE));
        assertTrue(life.enteredNanos(ACTIVE) <= life.enteredNanos(HALF_CLOSED));
        assertTrue(life.enteredNanos(HALF_CLOSED) <= life.enteredNanos(CLOSED));
        assertTrue(life.lifetimeNanos() >= 0);
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aHalfClosedPeerStillReceivesEverythingItIsOwed(Transport transport) throws Exception {
        byte[] request = new byte[200_000];
        new java.util.Random(2).nextBytes(request);
        try (Server server = Server.builder().transport(transport).protocol(new EchoProtocol()).start();
             LoopbackClient client = LoopbackClient.connect(server.localAddress())) {
            Thread writer = Thread.ofVirtual().start(() -> {
                client.send(request);
                // FIN: "I have nothing more to send", not "stop sending to me".
                client.shutdownOutput();
            });
            // Everything comes back, then the server's own FIN.
            org.junit.jupiter.api.Assertions.assertArrayEquals(request, client.readToEnd());
            writer.join();
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aHandlerMayKeepWritingAfterThePeersFin(Transport transport) throws Exception {
        Protocol lateReply = new TestProtocol("late-reply", c -> {
            return new ProtocolHandler() {
                int received;

                @Override
                public void onRead(io.netty.buffer.ByteBuf in, long nowNanos) {
                    received += in.readableBytes();
                    in.skipBytes(in.readableBytes());
                }

                @Override
                public boolean onInputClosed(long nowNanos) {
                    // Answer only once the whole request is in: the FIN marks its end.
                    // The reply goes from another thread, as work offloaded elsewhere would.
                    Thread.ofVirtual().start(() -> c.execute(() -> {
                        LineProtocol.write(c, "received " + received + "\n");
                        c.close();
                    }));
                    return false;
                }
            };
        });
        try (Server server = Server.builder().transport(transport).protocol(lateReply).start();
             LoopbackClient client = LoopbackClient.connect(server.localAddress())) {
            client.send("twelve bytes");
            client.shutdownOutput();
            assertEquals("received 12\n", new String(client.readToEnd(), java.nio.charset.StandardCharsets.US_ASCII));
        }
    }
}
