package io.zyphos.tls;

import java.io.IOException;

/**
 * A TLS connection failed: its handshake, or a record after it. Terminal for the
 * {@link TlsEngine} that threw it; any alert the engine produced to tell the peer why is still
 * waiting in {@link TlsEngine#pollOutbound()}, and should be written before the connection closes.
 */
public final class TlsException extends IOException {

    /** What went wrong, as far as the engine can tell; the message has the detail. */
    public enum Reason {
        /** The client offers no TLS version the server speaks (RFC 8446 §4.2.1: {@code protocol_version}). */
        NO_SHARED_VERSION,
        /** The client offers no cipher suite the server accepts ({@code handshake_failure}). */
        NO_SHARED_CIPHER,
        /** No certificate for the SNI name the client sent, and no default (RFC 6066 §3: {@code unrecognized_name}). */
        UNKNOWN_SNI,
        /** The client's ALPN protocols and the server's have none in common (RFC 7301 §3.2: {@code no_application_protocol}). */
        NO_APPLICATION_PROTOCOL,
        /** A client certificate is required and the client sent none (RFC 8446 §4.4.2.4: {@code certificate_required}). */
        CLIENT_CERTIFICATE_MISSING,
        /** The client's certificate does not chain to the trust store, or is expired or unfit. */
        CLIENT_CERTIFICATE_REJECTED,
        /** The client tried to renegotiate a TLS 1.2 connection; Zyphos never renegotiates. */
        RENEGOTIATION_REFUSED,
        /** The handshake did not complete within {@link TlsConfig#handshakeTimeout()}. */
        HANDSHAKE_TIMEOUT,
        /** The peer sent a fatal alert. */
        PEER_ALERT,
        /** Anything else: a malformed or forged record, an internal error. */
        OTHER
    }

    private final Reason reason;
    private final boolean duringHandshake;

    TlsException(Reason reason, boolean duringHandshake, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
        this.duringHandshake = duringHandshake;
    }

    public Reason reason() {
        return reason;
    }

    /** Whether the failure came before the handshake completed. */
    public boolean duringHandshake() {
        return duringHandshake;
    }
}
