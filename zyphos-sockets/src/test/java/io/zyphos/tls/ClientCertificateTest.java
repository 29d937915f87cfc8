package io.zyphos.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Client certificates (mutual TLS): the server sends a CertificateRequest (RFC 8446 §4.3.2) and
 * the client answers with a Certificate and a CertificateVerify, which the server checks against
 * its trust store. Required and missing is a fatal {@code certificate_required} alert in TLS 1.3
 * (RFC 8446 §4.4.2.4); a certificate that does not chain to a trusted CA is refused too, and the
 * failure names whose it was.
 */
class ClientCertificateTest {

    private static final TestPki.ClientPki ALICE = TestPki.clientPki("alice");
    private static final TestPki.ClientPki MALLORY = TestPki.clientPki("mallory");

    @TempDir
    Path dir;

    private TlsConfig config(TlsProvider provider, ClientAuth clientAuth) throws Exception {
        Path ca = Files.writeString(dir.resolve("ca.pem"), pem(ALICE.ca()));
        return HandshakeTest.config(provider).clientAuth(clientAuth).trustedCertificates(ca).build();
    }

    private static String pem(CertifiedKey key) throws Exception {
        return "-----BEGIN CERTIFICATE-----\n"
                + java.util.Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(key.leaf().getEncoded())
                + "\n-----END CERTIFICATE-----\n";
    }

    private static SSLContext client(CertifiedKey key) {
        return TestPki.clientContext(List.of(HandshakeTest.LOCALHOST.certificate()), key);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("io.zyphos.tls.HandshakeTest#providersAndVersions")
    void aTrustedClientCertificateIsAcceptedAndSeenByTheServer(TlsProvider provider, String version) throws Exception {
        try (EnginePair pair = EnginePair.of(config(provider, ClientAuth.REQUIRED), client(ALICE.client()),
                HandshakeTest.clientOffering(version)).handshake()) {
            pair.clientSends("hello");
            assertEquals("hello", pair.serverReceived());
            assertEquals("CN=alice", pair.server.session().peerCertificates().getFirst().getSubjectX500Principal().getName());
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("io.zyphos.tls.HandshakeTest#providersAndVersions")
    void requiredAndMissingFailsWithAnAlert(TlsProvider provider, String version) throws Exception {
        try (EnginePair pair = EnginePair.of(config(provider, ClientAuth.REQUIRED), client(null), HandshakeTest.clientOffering(version))) {
            TlsException e = assertThrows(TlsException.class, pair::handshake);
            assertEquals(TlsException.Reason.CLIENT_CERTIFICATE_MISSING, e.reason(), e.getMessage());
            assertTrue(e.getMessage().startsWith("TLS handshake failed: the client sent no certificate, and one is required"), e.getMessage());
            SSLException atClient = pair.deliverToClient();
            assertNotNull(atClient, "the client is told by an alert");
            assertTrue(atClient.getMessage().contains("alert"), atClient.getMessage());
        }
    }

    @ParameterizedTest
    @EnumSource(TlsProvider.class)
    void aCertificateFromAnUntrustedCaIsRejectedByName(TlsProvider provider) throws Exception {
        try (EnginePair pair = EnginePair.of(config(provider, ClientAuth.REQUIRED), client(MALLORY.client()), null)) {
            TlsException e = assertThrows(TlsException.class, pair::handshake);
            assertEquals(TlsException.Reason.CLIENT_CERTIFICATE_REJECTED, e.reason());
            assertTrue(e.getMessage().startsWith("TLS handshake failed: client certificate rejected: CN=mallory: "), e.getMessage());
            assertNotNull(pair.deliverToClient(), "the client is told by an alert");
        }
    }

    @ParameterizedTest
    @EnumSource(TlsProvider.class)
    void optionalAndMissingIsServedWithoutOne(TlsProvider provider) throws Exception {
        try (EnginePair pair = EnginePair.of(config(provider, ClientAuth.OPTIONAL), client(null), null).handshake()) {
            assertEquals(List.of(), pair.server.session().peerCertificates());
        }
    }
}
