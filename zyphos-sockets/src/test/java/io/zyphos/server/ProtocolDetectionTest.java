package io.zyphos.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netty.buffer.ByteBuf;
import io.zyphos.echo.EchoProtocol;
import io.zyphos.testing.LoopbackClient;
import io.zyphos.testing.NotBefore;
import io.zyphos.testing.StateRecorder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * How the bootstrap chooses a protocol per connection by sniffing its first bytes, as it will tell
 * the HTTP/2 preface from an HTTP/1 request line: protocols are asked in order; an undecided one
 * holds the choice open; bytes nobody recognises close the connection, and so do bytes that never
 * arrive, once the read timeout is up and not before.
 */
class ProtocolDetectionTest {

    /** Speaks only to connections that open with "PING": answers "PONG" to each "PING". */
    static final class PingProtocol implements Protocol {
        private static final byte[] PING = "PING".getBytes(StandardCharsets.US_ASCII);

        @Override
        public String name() {
            return "ping";
        }

        @Override
        public Detection detect(ByteBuf prefix) {
            int n = Math.min(prefix.readableBytes(), PING.length);
            for (int i = 0; i < n; i++) {
                if (prefix.getByte(prefix.readerIndex() + i) != PING[i]) {
                    return Detection.NO_MATCH;
                }
            }
            return n == PING.length ? Detection.MATCH : Detection.NEED_MORE;
        }

        @Override
        public ProtocolHandler newHandler(Connection c) {
            return (in, now) -> {
                while (in.readableBytes() >= 4) {
                    in.skipBytes(4);
                    c.writeAndFlush(c.alloc().buffer(4).writeBytes("PONG".getBytes(StandardCharsets.US_ASCII)));
                }
            };
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void theFirstBytesChooseTheProtocol(Transport transport) throws Exception {
        try (Server server = Server.builder().transport(transport)
                .protocol(new PingProtocol()).protocol(new EchoProtocol()).start();
             LoopbackClient pinger = LoopbackClient.connect(server.localAddress());
             LoopbackClient other = LoopbackClient.connect(server.localAddress())) {
            // "PI" alone could still be ping: nothing is decided, nothing answered yet.
            pinger.send("PI");
            pinger.send("NGPING");
            assertEquals("PONGPONG", pinger.readAscii(8));
            other.send("PIZZA");
            assertEquals("PIZZA", other.readAscii(5));
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void bytesNoProtocolRecognisesCloseTheConnection(Transport transport) throws Exception {
        try (Server server = Server.builder().transport(transport).protocol(new PingProtocol()).protocol(new PingProtocol()).start();
             LoopbackClient client = LoopbackClient.connect(server.localAddress())) {
            client.send("GET / HTTP/1.1\r\n");
            client.assertClosedByServer();
            assertEquals(1, server.metrics().snapshot().get("zyphos_unknown_protocol_total"));
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aClientTooSlowToIdentifyItselfIsClosedAfterTheReadTimeout(Transport transport) throws Exception {
        StateRecorder states = new StateRecorder();
        try (Server server = Server.builder().transport(transport)
                .protocol(new PingProtocol()).protocol(new EchoProtocol()).observer(states)
                .limits(Limits.defaults().withReadTimeout(Duration.ofMillis(200))).start()) {
            // The read timeout runs from the accept, which comes after this.
            long connecting = System.nanoTime();
            try (LoopbackClient client = LoopbackClient.connect(server.localAddress())) {
                client.send("PIN");
                client.assertClosedByServer();
            }
            states.awaitClosed(1, Duration.ofSeconds(30));
            assertEquals(1, server.metrics().snapshot().get("zyphos_read_timeouts_total"));
            NotBefore.assertNotBefore(Duration.ofMillis(200), connecting, states.closedAtNanos().getFirst(),
                    "closed for not identifying itself");
        }
    }
}
