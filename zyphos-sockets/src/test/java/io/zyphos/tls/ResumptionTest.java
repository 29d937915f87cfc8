package io.zyphos.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import javax.net.ssl.SSLContext;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Session resumption: a client that has talked to the server before skips the certificate and the
 * signature and derives new keys from the old session's secret; a resumed handshake is cheaper and
 * a round trip shorter in TLS 1.2. TLS 1.3 resumes from a PSK the server sent in a NewSessionTicket
 * after the handshake (RFC 8446 §4.6.1, §2.2); TLS 1.2 from a session ID the server cached (RFC
 * 5246 §7.3) or from a ticket holding the state encrypted (RFC 5077).
 *
 * <p>The providers differ, and this lesson pins down how: SunJSSE resumes both versions (stateless
 * tickets); BCJSSE resumes TLS 1.2 by session ID and does not resume TLS 1.3 as a server at all.
 * JSSE has no "was this resumed?" call; the engine knows because a resumed handshake never asks the
 * key manager for a certificate.
 */
class ResumptionTest {

    private static boolean resumes(TlsProvider provider, String version) {
        return provider == TlsProvider.JDK || version.equals("TLSv1.2");
    }

    /** Two connections from the same client to the same server; the second one's session. */
    private static TlsSessionInfo[] twoConnections(TlsConfig config, String version) throws Exception {
        SSLContext client = HandshakeTest.trustingClient();
        TlsSessionInfo[] sessions = new TlsSessionInfo[2];
        for (int i = 0; i < 2; i++) {
            try (EnginePair pair = EnginePair.of(config, client, HandshakeTest.clientOffering(version)).handshake()) {
                // An exchange after the handshake delivers TLS 1.3's NewSessionTicket to the client.
                pair.clientSends("hello");
                pair.serverSends("hello");
                sessions[i] = pair.server.session();
            }
        }
        return sessions;
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("io.zyphos.tls.HandshakeTest#providersAndVersions")
    void aSecondConnectionResumesWhereTheProviderCan(TlsProvider provider, String version) throws Exception {
        TlsSessionInfo[] sessions = twoConnections(HandshakeTest.config(provider).build(), version);
        assertFalse(sessions[0].resumed());
        assertEquals(resumes(provider, version), sessions[1].resumed(), provider + " " + version);
        if (provider == TlsProvider.BOUNCY_CASTLE && version.equals("TLSv1.2")) {
            assertEquals(sessions[0].sessionId(), sessions[1].sessionId(), "resumed by the session ID it cached");
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("io.zyphos.tls.HandshakeTest#providersAndVersions")
    void withResumptionOffEveryHandshakeIsFull(TlsProvider provider, String version) throws Exception {
        TlsSessionInfo[] sessions = twoConnections(HandshakeTest.config(provider).sessionResumption(false).build(), version);
        assertFalse(sessions[0].resumed());
        assertFalse(sessions[1].resumed());
    }
}
