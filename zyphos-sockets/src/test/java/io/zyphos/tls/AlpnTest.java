package io.zyphos.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * ALPN, RFC 7301: the client lists the protocols it speaks, and the server picks one in its
 * ServerHello (TLS 1.2) or EncryptedExtensions (TLS 1.3). §3.2: the server chooses by its own
 * preference among those the client offers, whatever the client's order. When they have none in
 * common the server SHALL answer with a fatal {@code no_application_protocol} alert, and Zyphos
 * does: carrying on without ALPN would leave a client that asked only for h2 to find out from the
 * first bytes. A client that sends no ALPN at all is served without it; the protocol is then
 * chosen from its first bytes.
 */
class AlpnTest {

    private static EnginePair pair(TlsProvider provider, String... clientOffers) {
        TlsConfig config = HandshakeTest.config(provider).applicationProtocols("h2", "http/1.1").build();
        SSLParameters client = new SSLParameters();
        if (clientOffers.length > 0) {
            client.setApplicationProtocols(clientOffers);
        }
        return EnginePair.of(config, HandshakeTest.trustingClient(), client);
    }

    @ParameterizedTest
    @EnumSource(TlsProvider.class)
    void h2WhenTheClientOffersH2AndHttp11(TlsProvider provider) throws Exception {
        try (EnginePair pair = pair(provider, "h2", "http/1.1").handshake()) {
            assertEquals("h2", pair.server.applicationProtocol());
            assertEquals("h2", pair.server.session().applicationProtocol());
            assertEquals("h2", pair.client.getApplicationProtocol());
        }
    }

    @ParameterizedTest
    @EnumSource(TlsProvider.class)
    void theServersPreferenceWinsOverTheClientsOrder(TlsProvider provider) throws Exception {
        try (EnginePair pair = pair(provider, "http/1.1", "h2").handshake()) {
            assertEquals("h2", pair.server.applicationProtocol());
        }
    }

    @ParameterizedTest
    @EnumSource(TlsProvider.class)
    void http11WhenTheClientOffersOnlyThat(TlsProvider provider) throws Exception {
        try (EnginePair pair = pair(provider, "http/1.1").handshake()) {
            assertEquals("http/1.1", pair.server.applicationProtocol());
        }
    }

    @ParameterizedTest
    @EnumSource(TlsProvider.class)
    void noAlpnWhenTheClientSendsNone(TlsProvider provider) throws Exception {
        try (EnginePair pair = pair(provider).handshake()) {
            assertNull(pair.server.applicationProtocol());
            assertNull(pair.server.session().applicationProtocol());
        }
    }

    @ParameterizedTest
    @EnumSource(TlsProvider.class)
    void nothingInCommonIsAFatalNoApplicationProtocolAlert(TlsProvider provider) {
        try (EnginePair pair = pair(provider, "spdy/3", "imap")) {
            TlsException e = assertThrows(TlsException.class, pair::handshake);
            assertEquals(TlsException.Reason.NO_APPLICATION_PROTOCOL, e.reason());
            assertTrue(e.duringHandshake());
            assertEquals("TLS handshake failed: no ALPN protocol in common: the client offers [spdy/3, imap], the server [h2, http/1.1]",
                    e.getMessage());
            assertEquals(TlsEngine.State.FAILED, pair.server.state());
            SSLException atClient = pair.deliverToClient();
            assertNotNull(atClient, "the client learns why");
            assertTrue(atClient.getMessage().contains("no_application_protocol"), atClient.getMessage());
        }
    }
}
