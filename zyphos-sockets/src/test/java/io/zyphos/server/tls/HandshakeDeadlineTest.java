package io.zyphos.server.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zyphos.echo.EchoProtocol;
import io.zyphos.metrics.MetricsSnapshot;
import io.zyphos.server.Limits;
import io.zyphos.server.Server;
import io.zyphos.server.Transport;
import io.zyphos.testing.LoopbackClient;
import io.zyphos.testing.StateRecorder;
import io.zyphos.testing.TlsClients;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * What a TLS port does with clients that do not complete a handshake: one that sends its
 * ClientHello a byte at a time and stalls is cut at the handshake deadline
 * ({@code TlsConfig.handshakeTimeout}, 10 s by default; 300 ms here), whatever the idle and read
 * timeouts say; one that speaks plaintext HTTP gets a fatal alert or a close. Either costs its own
 * connection and nothing else, and each is counted by reason.
 */
class HandshakeDeadlineTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    /** The first bytes a real client sends: a ClientHello from the JDK's own engine. */
    private static byte[] clientHello() throws Exception {
        SSLEngine engine = SSLContext.getDefault().createSSLEngine("localhost", 443);
        engine.setUseClientMode(true);
        ByteBuffer out = ByteBuffer.allocate(engine.getSession().getPacketBufferSize());
        engine.wrap(ByteBuffer.allocate(0), out);
        return Arrays.copyOf(out.array(), out.position());
    }

    /** Reads what the server sends until it closes: nothing, or TLS alert records (content type 21). */
    private static void assertAlertOrNothingThenClose(LoopbackClient client) {
        byte[] got = client.readToEnd();
        assertTrue(got.length == 0 || got[0] == 21, "expected an alert record or a bare close, got " + Arrays.toString(got));
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aClientHelloSentAByteAtATimeIsCutAtTheHandshakeDeadline(Transport transport) throws Exception {
        byte[] hello = clientHello();
        StateRecorder states = new StateRecorder();
        Limits patient = Limits.defaults().withIdleTimeout(Duration.ofMinutes(5)).withReadTimeout(Duration.ofMinutes(5));
        try (Server server = Server.builder().transport(transport).limits(patient).observer(states)
                .tls(TlsServers.config().handshakeTimeout(Duration.ofMillis(300)).build())
                .protocol(new EchoProtocol()).start();
             LoopbackClient slow = LoopbackClient.connect(server.localAddress())) {
            // Each byte moves the idle deadline on; none moves the handshake deadline.
            for (int i = 0; i < hello.length - 1; i++) {
                slow.send(new byte[] {hello[i]});
            }
            assertAlertOrNothingThenClose(slow);
            states.awaitClosed(1, WAIT);
            MetricsSnapshot m = server.metrics().snapshot();
            assertEquals(1, m.get("zyphos_tls_failures_handshake_timeout_total"));
            assertEquals(1, m.get("zyphos_tls_handshake_failures_total"));
            assertEquals(0, m.get("zyphos_idle_timeouts_total"));
            assertEquals(0, m.get("zyphos_read_timeouts_total"));
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aPlaintextClientOnATlsPortGetsAnAlertOrACloseAndNothingElse(Transport transport) throws Exception {
        StateRecorder states = new StateRecorder();
        SSLContext trusting = TlsClients.trusting(TlsServers.LOCALHOST.certificate());
        try (Server server = Server.builder().transport(transport).observer(states)
                .tls(TlsServers.config().build()).protocol(new EchoProtocol()).start()) {
            try (LoopbackClient plain = LoopbackClient.connect(server.localAddress())) {
                plain.send("GET / HTTP/1.1\r\nHost: localhost\r\n\r\n");
                assertAlertOrNothingThenClose(plain);
            }
            states.awaitClosed(1, WAIT);
            try (LoopbackClient client = TlsClients.connect(server.localAddress(), trusting, "localhost", "TLSv1.3")) {
                assertEquals("still here", client.send("still here").readAscii(10), "the next client is served as usual");
            }
            MetricsSnapshot m = server.metrics().snapshot();
            assertEquals(1, m.get("zyphos_tls_handshake_failures_total"));
            assertEquals(1, m.get("zyphos_tls_handshakes_total"));
            assertEquals(0, m.get("zyphos_handler_errors_total"));
        }
    }
}
