package io.zyphos.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * SNI, RFC 6066 §3: the client names the host it wants in its ClientHello, so one address can
 * serve several names, each with its own certificate. An exact name wins over a wildcard
 * ({@code *.example.com}, one leftmost label, RFC 6125 §6.4.3), and either over the default. A
 * name nothing is configured for, with no default to fall back on, gets a fatal
 * {@code unrecognized_name} alert.
 */
class SniTest {

    private static final SelfSignedCertificate API = SelfSignedCertificate.generate(List.of("api.example.com"));
    private static final SelfSignedCertificate WILD = SelfSignedCertificate.generate(List.of("*.example.com"));
    private static final SelfSignedCertificate DEFAULT = SelfSignedCertificate.generate(List.of("default.test"));

    /** A fresh client each time: a client's cached session would skip the certificate choice. */
    private static SSLContext client() {
        return TestPki.clientContext(List.of(API.certificate(), WILD.certificate(), DEFAULT.certificate()), null);
    }

    private static TlsConfig.Builder named(TlsProvider provider) {
        return TlsConfig.builder().provider(provider)
                .certificate("api.example.com", API.certifiedKey())
                .certificate("*.example.com", WILD.certifiedKey());
    }

    private static SSLParameters asking(String hostName) {
        SSLParameters p = new SSLParameters();
        p.setServerNames(hostName == null ? List.of() : List.of(new SNIHostName(hostName)));
        return p;
    }

    private static X509Certificate served(TlsConfig config, String hostName) throws Exception {
        try (EnginePair pair = EnginePair.of(config, client(), asking(hostName)).handshake()) {
            assertTrue(hostName == null ? pair.server.sniHostName() == null : hostName.equalsIgnoreCase(pair.server.sniHostName()));
            assertEquals(pair.server.sniHostName(), pair.server.session().sniHostName());
            return (X509Certificate) pair.client.getSession().getPeerCertificates()[0];
        }
    }

    @ParameterizedTest
    @EnumSource(TlsProvider.class)
    void anExactNameThenAWildcardThenTheDefault(TlsProvider provider) throws Exception {
        TlsConfig config = named(provider).certificate(DEFAULT.certifiedKey()).build();
        assertEquals(API.certificate(), served(config, "api.example.com"));
        assertEquals(API.certificate(), served(config, "API.Example.COM"), "DNS names compare without case");
        assertEquals(WILD.certificate(), served(config, "www.example.com"));
        assertEquals(DEFAULT.certificate(), served(config, "a.b.example.com"), "a wildcard stands for one label only");
        assertEquals(DEFAULT.certificate(), served(config, "elsewhere.test"));
        assertEquals(DEFAULT.certificate(), served(config, null), "no SNI at all");
    }

    @ParameterizedTest
    @EnumSource(TlsProvider.class)
    void anUnknownNameWithoutADefaultIsAFatalUnrecognizedNameAlert(TlsProvider provider) {
        try (EnginePair pair = EnginePair.of(named(provider).build(), client(), asking("a.example"))) {
            TlsException e = assertThrows(TlsException.class, pair::handshake);
            assertEquals(TlsException.Reason.UNKNOWN_SNI, e.reason());
            assertEquals("TLS handshake failed: no certificate for SNI name a.example and no default", e.getMessage());
            SSLException atClient = pair.deliverToClient();
            assertNotNull(atClient);
            assertTrue(atClient.getMessage().contains("unrecognized_name"), atClient.getMessage());
        }
    }

    @ParameterizedTest
    @EnumSource(TlsProvider.class)
    void noNameAtAllWithoutADefaultFailsTooAndSaysSo(TlsProvider provider) {
        try (EnginePair pair = EnginePair.of(named(provider).build(), client(), asking(null))) {
            TlsException e = assertThrows(TlsException.class, pair::handshake);
            assertEquals(TlsException.Reason.UNKNOWN_SNI, e.reason());
            assertNull(pair.server.sniHostName());
            assertEquals("TLS handshake failed: the client sent no SNI name and there is no default certificate", e.getMessage());
            assertNotNull(pair.deliverToClient(), "the client hears of it");
        }
    }
}
