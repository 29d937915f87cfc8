package io.zyphos.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zyphos.echo.EchoProtocol;
import io.zyphos.testing.LogRecorder;
import io.zyphos.testing.LoopbackClient;
import io.zyphos.testing.StateRecorder;
import io.zyphos.testing.TestProtocol;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import java.util.logging.Level;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Roadmap milestones 1 and 21: what the server does when things go wrong. Over the connection
 * limit, a new connection is closed at once; a protocol that throws loses its own connection and
 * nothing else; a peer that resets is closed quietly and counted, whether the server was reading
 * or sending; a file the server cannot read is its own failure, reported and not counted as a reset.
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
        try (Server server = Server.builder().transport(transport).protocol(silent).observer(states).start();
             LogRecorder log = LogRecorder.start("io.zyphos", Level.INFO)) {
            LoopbackClient client = LoopbackClient.connect(server.localAddress());
            client.send("unfinished line without end");
            client.reset();
            states.awaitClosed(1, WAIT);
            assertEquals(1, server.metrics().snapshot().get("zyphos_connection_resets_total"));
            assertEquals(0, server.metrics().snapshot().get("zyphos_handler_errors_total"));
            assertEquals(List.of(), log.messages(), "a reset is the peer's right: nothing to report");
        }
    }

    /** A protocol that answers its first bytes with {@code file}, {@code size} bytes of it. */
    private static Protocol sending(Supplier<FileChannel> file, long size) {
        return new TestProtocol("file", c -> (in, nowNanos) -> {
            in.skipBytes(in.readableBytes());
            c.writeFile(file.get(), 0, size);
            c.flush();
        });
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aResetWhileAFileIsSentIsThePeersToo(Transport transport, @TempDir Path dir) throws Exception {
        // More than the socket buffers of both sides hold, so the server is still sending.
        int size = 32 * 1024 * 1024;
        Path file = dir.resolve("large");
        try (FileChannel f = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            f.write(java.nio.ByteBuffer.wrap(new byte[] {1}), size - 1);
        }
        Supplier<FileChannel> open = () -> {
            try {
                return FileChannel.open(file, StandardOpenOption.READ);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        };
        StateRecorder states = new StateRecorder();
        try (Server server = Server.builder().transport(transport).protocol(sending(open, size)).observer(states).start();
             LogRecorder log = LogRecorder.start("io.zyphos", Level.INFO)) {
            LoopbackClient client = LoopbackClient.connect(server.localAddress());
            client.send("go");
            client.readExactly(64 * 1024);
            // sendfile(2) now fails on the socket (ECONNRESET or EPIPE), while the file reads fine.
            client.reset();
            states.awaitClosed(1, WAIT);
            assertEquals(1, server.metrics().snapshot().get("zyphos_connection_resets_total"));
            assertEquals(List.of(), log.messages());
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aFileThatCannotBeReadIsOurFailureNotAReset(Transport transport) throws Exception {
        // Its error reads "Connection reset by peer", yet it is the file that failed, not the peer.
        StateRecorder states = new StateRecorder();
        try (Server server = Server.builder().transport(transport)
                .protocol(sending(() -> new UnreadableFile(4096), 4096)).observer(states).start();
             LogRecorder log = LogRecorder.start("io.zyphos", Level.WARNING);
             LoopbackClient client = LoopbackClient.connect(server.localAddress())) {
            client.send("go");
            // The peer was promised bytes that will not come: the connection is aborted.
            client.assertClosedByServer();
            states.awaitClosed(1, WAIT);
            assertEquals(0, server.metrics().snapshot().get("zyphos_connection_resets_total"));
            assertEquals(1, log.messages().size(), log.messages().toString());
            assertTrue(log.messages().getFirst().contains("a queued file could not be read"), log.messages().toString());
        }
    }
}
