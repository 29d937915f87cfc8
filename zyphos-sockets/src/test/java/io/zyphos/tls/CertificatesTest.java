package io.zyphos.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Keys and certificates as a server is given them: PEM files (RFC 7468) with a PKCS#8, PKCS#1 or
 * SEC 1 key and a chain, or a key store. Every mistake is found when the configuration is built,
 * and the message names the file and what is wrong with it.
 */
class CertificatesTest {

    @TempDir
    Path dir;

    @Test
    void aSelfSignedCertificateWrittenAsPemReadsBackWithAPrivateKeyFile() throws Exception {
        SelfSignedCertificate.PemPaths paths = SelfSignedCertificate.generate().writePem(dir);
        CertifiedKey key = CertifiedKey.fromPem(paths.certificate(), paths.privateKey());
        X509Certificate cert = key.leaf();
        assertEquals("EC", cert.getPublicKey().getAlgorithm());
        assertEquals(-1, cert.getBasicConstraints(), "an end-entity certificate, not a CA");
        assertEquals(List.of(List.of(2, "localhost"), List.of(7, "127.0.0.1"), List.of(7, "0:0:0:0:0:0:0:1")),
                cert.getSubjectAlternativeNames().stream().map(List::copyOf).toList(), "DNS name 2, IP address 7");
        assertTrue(Files.readString(paths.privateKey()).startsWith("-----BEGIN PRIVATE KEY-----"), "PKCS#8");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(paths.privateKey())));
    }

    /** OpenSSL's traditional key files (see {@code src/test/resources/io/zyphos/tls/README.md}). */
    @ParameterizedTest
    @EnumSource(TlsProvider.class)
    void traditionalRsaAndEcKeyFilesFromOpensslWorkToo(TlsProvider provider) throws Exception {
        for (String kind : List.of("rsa-pkcs1", "ec-sec1")) {
            String algorithm = kind.substring(0, kind.indexOf('-'));
            Path certFile = resource(algorithm + "-cert.pem");
            Path keyFile = resource(kind + "-key.pem");
            TlsConfig config = TlsConfig.builder().provider(provider).certificate(certFile, keyFile).build();
            X509Certificate cert = config.certificates().keys().getFirst().leaf();
            try (EnginePair pair = EnginePair.of(config, TestPki.clientContext(List.of(cert), null),
                    HandshakeTest.clientOffering("TLSv1.2")).handshake()) {
                String suite = pair.server.session().cipherSuite();
                assertTrue(suite.startsWith("TLS_ECDHE_" + (algorithm.equals("rsa") ? "RSA" : "ECDSA")), suite);
            }
        }
    }

    private static Path resource(String name) throws Exception {
        return Path.of(CertificatesTest.class.getResource(name).toURI());
    }

    @Test
    void aKeyStoreEntryIsACertifiedKey() throws Exception {
        SelfSignedCertificate self = SelfSignedCertificate.generate();
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("server", self.certifiedKey().privateKey(), "secret".toCharArray(), new X509Certificate[] {self.certificate()});
        assertEquals(self.certificate(), CertifiedKey.fromKeyStore(store, "server", "secret".toCharArray()).leaf());
        TlsConfigException e = assertThrows(TlsConfigException.class, () -> CertifiedKey.fromKeyStore(store, "nobody", null));
        assertEquals("TLS key store: no private key entry \"nobody\"", e.getMessage());
    }

    @Test
    void mistakesAreNamed() throws Exception {
        SelfSignedCertificate.PemPaths one = SelfSignedCertificate.generate().writePem(Files.createDirectory(dir.resolve("one")));
        SelfSignedCertificate.PemPaths two = SelfSignedCertificate.generate().writePem(Files.createDirectory(dir.resolve("two")));
        assertMessage("TLS key " + one.certificate() + ": not a PEM private key",
                () -> CertifiedKey.fromPem(one.certificate(), one.certificate()));
        assertMessage("TLS key " + dir.resolve("nothing.pem") + ": no such file",
                () -> CertifiedKey.fromPem(one.certificate(), dir.resolve("nothing.pem")));
        assertMessage("TLS certificate chain " + one.privateKey() + ": no PEM certificate in it",
                () -> CertifiedKey.fromPem(one.privateKey(), one.privateKey()));
        TlsConfigException swapped = assertThrows(TlsConfigException.class, () -> CertifiedKey.fromPem(one.certificate(), two.privateKey()));
        assertTrue(swapped.getMessage().startsWith("TLS key " + two.privateKey() + " does not belong to the first certificate in "
                + one.certificate()), swapped.getMessage());

        CertifiedKey key = CertifiedKey.fromPem(one.certificate(), one.privateKey());
        assertMessage("TLS needs a certificate: certificate(chainPem, keyPem), or one per SNI name", () -> TlsConfig.builder().build());
        assertMessage("SNI name \"*.com\": a wildcard stands for the leftmost label of a name with at least two more (\"*.example.com\")",
                () -> TlsConfig.builder().certificate("*.com", key));
        assertMessage("SNI name \"WWW.example.com\" is given two certificates",
                () -> TlsConfig.builder().certificate("www.example.com", key).certificate("WWW.example.com", key));
        assertMessage("client certificates REQUIRED need the CAs to check them against: trustedCertificates(pem) or trustStore(keyStore)",
                () -> TlsConfig.builder().certificate(key).clientAuth(ClientAuth.REQUIRED).build());
    }

    private static void assertMessage(String expected, org.junit.jupiter.api.function.Executable action) {
        assertEquals(expected, assertThrows(TlsConfigException.class, action).getMessage());
    }
}
