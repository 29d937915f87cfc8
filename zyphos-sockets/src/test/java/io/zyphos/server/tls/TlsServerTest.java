package io.zyphos.server.tls;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zyphos.echo.EchoProtocol;
import io.zyphos.server.LineProtocol;
import io.zyphos.server.Server;
import io.zyphos.server.Transport;
import io.zyphos.testing.ResourceSnapshot;
import io.zyphos.testing.StateRecorder;
import io.zyphos.testing.LoopbackClient;
import io.zyphos.testing.TlsClients;
import io.zyphos.tls.TlsProvider;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * TLS between the transport and the protocol, once for every transport: with
 * {@code Server.builder().tls(config)} each connection decrypts what it reads before a protocol is
 * chosen, and encrypts what the handler writes, so the same echo and line protocols run over TLS
 * 1.3 and 1.2 unchanged. The protocol is chosen after the handshake, by ALPN first (RFC 7301
 * §3.2), and learns the session from {@code Connection.tls()}. The client is the JDK's own
 * {@code SSLSocket}.
 */
class TlsServerTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final SSLContext CLIENT = TlsClients.trusting(TlsServers.LOCALHOST.certificate());

    static List<Arguments> transportsAndVersions() {
        List<Arguments> all = new ArrayList<>();
        for (Transport t : Transport.values()) {
            all.add(Arguments.of(t, "TLSv1.3"));
            all.add(Arguments.of(t, "TLSv1.2"));
        }
        return all;
    }

    private static Server.Builder server(Transport transport) {
        return Server.builder().transport(transport).tls(TlsServers.config().build());
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("transportsAndVersions")
    void theHandlerReadsPlaintextAndSeesTheSessionItCameIn(Transport transport, String version) throws Exception {
        LineProtocol lines = new LineProtocol("line", List.of("x-line"),
                (c, line) -> TlsServers.write(c, line + " over " + TlsServers.describe(c) + "\n"));
        try (Server server = server(transport).protocol(lines).start();
             LoopbackClient client = TlsClients.connect(server.localAddress(), CLIENT, "localhost", version, "x-line")) {
            String expected = "hello over " + (version.equals("TLSv1.3") ? "TLS_1_3" : "TLS_1_2") + " alpn=x-line sni=localhost\n";
            client.send("hel").send("lo\n");
            assertEquals(expected, client.readAscii(expected.length()), "a line split across records is one line");
            assertEquals(1, server.metrics().snapshot().get("zyphos_tls_handshakes_total"));
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aMessageOfManyRecordsEchoesByteForByte(Transport transport) throws Exception {
        byte[] big = new byte[1 << 20];
        new Random(7).nextBytes(big);
        try (Server server = server(transport).protocol(new EchoProtocol()).start();
             LoopbackClient client = TlsClients.connect(server.localAddress(), CLIENT, "localhost", "TLSv1.3")) {
            // Written from another thread: the echo fills both directions' buffers.
            Thread writer = Thread.ofVirtual().start(() -> client.send(big));
            assertArrayEquals(big, client.readExactly(big.length));
            writer.join();
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void alpnChoosesTheProtocolBeforeAnyByteIsSniffed(Transport transport) throws Exception {
        // Both match any first bytes: sniffing alone would always give the first one.
        LineProtocol first = new LineProtocol("first", List.of("x-first"), (c, line) -> TlsServers.write(c, "first\n"));
        LineProtocol second = new LineProtocol("second", List.of("x-second"), (c, line) -> TlsServers.write(c, "second\n"));
        try (Server server = server(transport).protocol(first).protocol(second).start()) {
            try (LoopbackClient client = TlsClients.connect(server.localAddress(), CLIENT, "localhost", "TLSv1.3", "x-second")) {
                assertEquals("second\n", client.send("?\n").readAscii(7), "ALPN picks the second protocol");
            }
            try (LoopbackClient client = TlsClients.connect(server.localAddress(), CLIENT, "localhost", "TLSv1.3")) {
                assertEquals("first\n", client.send("?\n").readAscii(6), "no ALPN: the first that detects itself");
            }
            UncheckedIOException refused = assertThrows(UncheckedIOException.class,
                    () -> TlsClients.connect(server.localAddress(), CLIENT, "localhost", "TLSv1.3", "h2").close());
            assertInstanceOf(SSLHandshakeException.class, refused.getCause());
            assertTrue(refused.getMessage().contains("no_application_protocol"), refused.getMessage());
            // Counted before the alert is sent, so before the client could read it.
            assertEquals(1, server.metrics().snapshot().get("zyphos_tls_failures_no_application_protocol_total"),
                    "RFC 7301 §3.2: no protocol in common is a fatal no_application_protocol");
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("transportsAndVersions")
    void closeSendsCloseNotifyAfterWhatWasWritten(Transport transport, String version) throws Exception {
        LineProtocol lines = new LineProtocol("line", List.of(), (c, line) -> {
            TlsServers.write(c, "last words\n");
            c.close();
        });
        try (Server server = server(transport).protocol(lines).start();
             LoopbackClient client = TlsClients.connect(server.localAddress(), CLIENT, "localhost", version)) {
            client.send("bye\n");
            // SunJSSE answers a socket closed without close_notify with an SSLException instead.
            assertEquals("last words\n", new String(client.readToEnd(), StandardCharsets.ISO_8859_1));
        }
    }

    /**
     * SunJSSE as the server's provider: BCJSSE answers a TLS 1.3 close_notify with its own at
     * once, ending the output too (zyphos-sockets/README.md, the providers' differences), so
     * there the handler's answer would be dropped.
     */
    @ParameterizedTest
    @EnumSource(Transport.class)
    void thePeersCloseNotifyEndsInputAndTheServerMayStillWrite(Transport transport) throws Exception {
        StateRecorder states = new StateRecorder();
        io.zyphos.server.Protocol halfClosing = new io.zyphos.testing.TestProtocol("half", c -> new io.zyphos.server.ProtocolHandler() {
            final StringBuilder received = new StringBuilder();

            @Override
            public void onRead(io.netty.buffer.ByteBuf in, long nowNanos) {
                received.append(in.readCharSequence(in.readableBytes(), StandardCharsets.ISO_8859_1));
            }

            @Override
            public boolean onInputClosed(long nowNanos) {
                // The input is over, the output is not (RFC 8446 §6.1): answer, then close.
                TlsServers.write(c, "you said " + received + "\n");
                c.close();
                return false;
            }
        });
        try (Server server = Server.builder().transport(transport).tls(TlsServers.config().provider(TlsProvider.JDK).build())
                .protocol(halfClosing).observer(states).start();
             LoopbackClient client = TlsClients.connect(server.localAddress(), CLIENT, "localhost", "TLSv1.3")) {
            client.send("one, two");
            client.shutdownOutput();
            assertEquals("you said one, two\n", new String(client.readToEnd(), StandardCharsets.ISO_8859_1));
            states.awaitClosed(1, WAIT);
            assertEquals(1, server.metrics().snapshot().get("zyphos_connections_half_closed_total"));
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aServerOfTlsConnectionsGivesBackEveryThreadAndSocket(Transport transport) throws Exception {
        try (Server warmUp = server(transport).protocol(new EchoProtocol()).start();
             LoopbackClient client = TlsClients.connect(warmUp.localAddress(), CLIENT, "localhost", "TLSv1.3")) {
            client.send("x").readExactly(1);
        }
        ResourceSnapshot before = ResourceSnapshot.take();
        StateRecorder states = new StateRecorder();
        Server server = server(transport).name("tls-leaks").protocol(new EchoProtocol()).observer(states).start();
        List<LoopbackClient> clients = new ArrayList<>();
        try {
            for (int i = 0; i < 20; i++) {
                clients.add(TlsClients.connect(server.localAddress(), CLIENT, "localhost", i % 2 == 0 ? "TLSv1.3" : "TLSv1.2"));
            }
            for (int i = 0; i < clients.size(); i++) {
                String message = "message " + i + ";";
                assertEquals(message, clients.get(i).send(message).readAscii(message.length()));
            }
        } finally {
            clients.forEach(LoopbackClient::close);
        }
        states.awaitClosed(20, WAIT);
        assertTrue(server.shutdown(WAIT));
        assertEquals(20, server.metrics().snapshot().get("zyphos_tls_handshakes_total"));
        assertEquals(Set.of(), ResourceSnapshot.threadsNamed("tls-leaks-"), "no server thread outlives the server");
        assertEquals(before.openSockets(), ResourceSnapshot.take().openSockets(), "every socket descriptor is given back");
    }
}
