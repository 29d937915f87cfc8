package io.zyphos.tls;

/**
 * Whether the server asks the client for a certificate (RFC 8446 §4.3.2, RFC 5246 §7.4.4), and
 * what happens when it sends none.
 */
public enum ClientAuth {
    /** No certificate is requested. */
    NONE,
    /**
     * A certificate is requested; a client that sends none is served anyway, and one that sends
     * a certificate the trust store does not accept is refused.
     */
    OPTIONAL,
    /**
     * A certificate is required: a client that sends none is refused with a
     * {@code certificate_required} alert in TLS 1.3 (RFC 8446 §4.4.2.4) or a
     * {@code handshake_failure} in TLS 1.2.
     */
    REQUIRED
}
