package io.zyphos.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Two ways a peer can hold a server: by never finishing its handshake, and, in TLS 1.2, by asking
 * for another one on an established connection (renegotiation, whose flaws RFC 5746 patched and
 * TLS 1.3 removed). The engine reads no clock: it reports the handshake deadline, and the
 * transport calls {@code onTimeout} when it passes. Renegotiation is refused outright.
 */
class TimeoutAndRenegotiationTest {

    @ParameterizedTest
    @EnumSource(TlsProvider.class)
    void aHandshakeNotDoneByItsDeadlineFails(TlsProvider provider) throws Exception {
        TlsConfig config = HandshakeTest.config(provider).handshakeTimeout(Duration.ofSeconds(5)).build();
        long accepted = 1_000;
        try (TlsEngine server = config.newEngine(accepted)) {
            long deadline = accepted + Duration.ofSeconds(5).toNanos();
            assertEquals(deadline, server.nextDeadlineNanos());
            server.onTimeout(deadline - 1);
            assertEquals(TlsEngine.State.HANDSHAKING, server.state(), "one nanosecond early changes nothing");
            TlsException e = assertThrows(TlsException.class, () -> server.onTimeout(deadline));
            assertEquals(TlsException.Reason.HANDSHAKE_TIMEOUT, e.reason());
            assertEquals("TLS handshake not complete after 5000 ms", e.getMessage());
            assertEquals(TlsEngine.State.FAILED, server.state());
            assertEquals(Long.MAX_VALUE, server.nextDeadlineNanos());
            for (var b = server.pollOutbound(); b != null; b = server.pollOutbound()) {
                b.release();
            }
        }
    }

    @ParameterizedTest
    @EnumSource(TlsProvider.class)
    void aTls12ClientAskingToRenegotiateIsRefused(TlsProvider provider) throws Exception {
        try (EnginePair pair = HandshakeTest.pair(provider, "TLSv1.2").handshake()) {
            pair.pump();
            pair.client.beginHandshake();
            TlsException e = assertThrows(TlsException.class, pair::pump);
            assertEquals(TlsException.Reason.RENEGOTIATION_REFUSED, e.reason(), e.getMessage());
            assertEquals("TLS failed: the client asked to renegotiate TLS 1.2, which is refused", e.getMessage());
        }
    }
}
