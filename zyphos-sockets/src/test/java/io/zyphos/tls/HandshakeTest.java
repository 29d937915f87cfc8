package io.zyphos.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A whole TLS connection in memory, for TLS 1.3 (RFC 8446) and TLS 1.2 (RFC 5246) on each
 * provider: the handshake, application data both ways, and the closing exchange of close_notify
 * alerts (RFC 8446 §6.1). Our {@link TlsEngine} is the server; the JDK's SSLEngine is the client.
 * Read this first: every other TLS lesson starts from this pair.
 */
class HandshakeTest {

    static final SelfSignedCertificate LOCALHOST = SelfSignedCertificate.generate();

    static TlsConfig.Builder config(TlsProvider provider) {
        return TlsConfig.builder().provider(provider).certificate(LOCALHOST.certifiedKey());
    }

    static SSLContext trustingClient() {
        return TestPki.clientContext(List.of(LOCALHOST.certificate()), null);
    }

    static SSLParameters clientOffering(String version) {
        SSLParameters p = new SSLParameters();
        p.setProtocols(new String[] {version});
        return p;
    }

    /** A pair whose client offers only {@code version}, not connected yet. */
    static EnginePair pair(TlsProvider provider, String version) {
        return EnginePair.of(config(provider).build(), trustingClient(), clientOffering(version));
    }

    static List<Arguments> providersAndVersions() {
        return List.of(
                Arguments.of(TlsProvider.BOUNCY_CASTLE, "TLSv1.3"),
                Arguments.of(TlsProvider.BOUNCY_CASTLE, "TLSv1.2"),
                Arguments.of(TlsProvider.JDK, "TLSv1.3"),
                Arguments.of(TlsProvider.JDK, "TLSv1.2"));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("providersAndVersions")
    void aClientAndTheServerAgreeExchangeDataAndCloseWithCloseNotify(TlsProvider provider, String version) throws Exception {
        try (EnginePair pair = pair(provider, version)) {
            assertEquals(TlsEngine.State.HANDSHAKING, pair.server.state());
            pair.handshake();

            TlsSessionInfo session = pair.server.session();
            assertEquals(TlsEngine.State.OPEN, pair.server.state());
            assertEquals(version, session.version().jsseName());
            assertEquals(version, pair.client.getSession().getProtocol(), "both sides agree on the version");
            assertEquals(pair.client.getSession().getCipherSuite(), session.cipherSuite());
            assertTrue(TlsConfig.TLS13_SUITES.contains(session.cipherSuite()) || TlsConfig.TLS12_SUITES.contains(session.cipherSuite()),
                    session.cipherSuite());
            assertFalse(session.resumed(), "a first connection is a full handshake");
            assertNull(session.applicationProtocol(), "no ALPN configured");
            assertEquals(List.of(), session.peerCertificates(), "no client certificate asked for");
            assertEquals(LOCALHOST.certificate(), pair.client.getSession().getPeerCertificates()[0]);
            assertEquals(Long.MAX_VALUE, pair.server.nextDeadlineNanos(), "no handshake deadline once it completed");

            pair.clientSends("GET / HTTP/1.1\r\n\r\n");
            assertEquals("GET / HTTP/1.1\r\n\r\n", pair.serverReceived());
            pair.serverSends("HTTP/1.1 204 No Content\r\n\r\n");
            assertEquals("HTTP/1.1 204 No Content\r\n\r\n", pair.clientReceived());

            pair.server.closeOutbound();
            pair.pump();
            assertTrue(pair.client.isInboundDone(), "the client saw the server's close_notify");
            pair.client.closeOutbound();
            pair.pump();
            assertTrue(pair.server.isInputClosed(), "the server saw the client's close_notify");
            assertEquals(TlsEngine.State.CLOSED, pair.server.state());
        }
    }

    /**
     * RFC 5246 §7.2.1 makes TLS 1.2 answer a close_notify with one at once; RFC 8446 §6.1 lets a
     * TLS 1.3 peer keep writing after it (a half-close). SunJSSE allows the half-close; BCJSSE
     * answers with close_notify in both versions, so a protocol must not count on writing after
     * its peer closed.
     */
    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("providersAndVersions")
    void thePeersCloseNotifyEndsItsInputAndOnlySunJsseKeepsTls13OutputOpen(TlsProvider provider, String version) throws Exception {
        try (EnginePair pair = pair(provider, version).handshake()) {
            pair.clientSends("last words");
            pair.client.closeOutbound();
            pair.pump();
            assertEquals("last words", pair.serverReceived(), "the bytes before close_notify all arrive");
            assertTrue(pair.server.isInputClosed());
            if (version.equals("TLSv1.3") && provider == TlsProvider.JDK) {
                assertEquals(TlsEngine.State.CLOSING, pair.server.state());
                pair.serverSends("an answer after the client's close_notify");
                assertEquals("an answer after the client's close_notify", pair.clientReceived());
            } else {
                assertEquals(TlsEngine.State.CLOSED, pair.server.state());
                assertTrue(pair.client.isInboundDone(), "the server answered with close_notify");
            }
        }
    }
}
