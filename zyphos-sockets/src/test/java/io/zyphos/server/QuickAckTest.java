package io.zyphos.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zyphos.echo.EchoProtocol;
import io.zyphos.testing.LoopbackClient;
import io.zyphos.testing.ProcNetTcp;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Roadmap milestone 18, TCP_QUICKACK (tcp(7)). RFC 1122 §4.2.3.2 lets a receiver delay its ACK,
 * and Linux does once a connection looks interactive: when it answers promptly what it receives,
 * it enters "pingpong" mode and holds each ACK back, hoping to send it with the reply. Setting
 * TCP_QUICKACK leaves that mode, but the flag is not permanent: the next prompt answer enters it
 * again. So a server that wants its ACKs sent at once sets the flag again after every read.
 */
class QuickAckTest {

    /** Echoes {@code n} messages, each answered before the next is sent. */
    private static void exchange(LoopbackClient client, int n) {
        for (int i = 0; i < n; i++) {
            client.send("ping " + i);
            assertEquals("ping " + i, client.readAscii(("ping " + i).length()));
        }
    }

    private static ProcNetTcp.Socket serverSide(Server server, LoopbackClient client) {
        return ProcNetTcp.serverSideOf(server.port(), client.socket().getLocalPort());
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aServerThatAnswersPromptlyDelaysItsAcks(Transport transport) throws Exception {
        try (Server server = Server.builder().transport(transport).protocol(new EchoProtocol()).start();
             LoopbackClient client = LoopbackClient.connect(server.localAddress())) {
            exchange(client, 10);
            // The kernel entered pingpong mode as it sent the echo, before the client could read it.
            assertTrue(serverSide(server, client).delayingAcks(), "Linux delays the ACKs of an interactive connection");
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void withQuickAckTheServerLeavesDelayedAckModeAfterEveryRead(Transport transport) throws Exception {
        try (Server server = Server.builder().transport(transport).protocol(new EchoProtocol())
                .socketOptions(SocketOptions.defaults().withQuickAck(true)).start();
             LoopbackClient client = LoopbackClient.connect(server.localAddress())) {
            exchange(client, 10);
            // Each echo takes the connection into pingpong mode, and the server sets TCP_QUICKACK
            // right after it: the client may read the echo before that, so wait for it.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (serverSide(server, client).delayingAcks()) {
                assertTrue(System.nanoTime() < deadline, "the server stayed in delayed-ACK mode");
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
            }
        }
    }
}
