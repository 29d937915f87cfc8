package io.zyphos.tls;

import java.security.cert.X509Certificate;
import java.util.List;

/**
 * What a completed handshake agreed on: what a protocol learns from its connection's TLS layer.
 *
 * @param version TLS 1.3 or TLS 1.2
 * @param cipherSuite the suite's standard name, such as {@code "TLS_AES_128_GCM_SHA256"}
 * @param applicationProtocol the protocol chosen by ALPN, or {@code null} when none was (the
 *     client sent no ALPN, or the server offers none)
 * @param sniHostName the host name the client asked for, or {@code null} when it sent none
 * @param peerCertificates the client's certificate chain, leaf first; empty when it sent none
 * @param sessionId the session ID in hexadecimal; in TLS 1.3 only an echo of the client's
 *     legacy field (RFC 8446 §4.1.3), no handle for resumption
 * @param resumed whether the handshake resumed an earlier session instead of proving the
 *     server's identity afresh; JSSE has no call for it, so the engine reads its own ServerHello
 *     (see {@code ServerFlight})
 */
public record TlsSessionInfo(
        TlsVersion version,
        String cipherSuite,
        String applicationProtocol,
        String sniHostName,
        List<X509Certificate> peerCertificates,
        String sessionId,
        boolean resumed) {

    public TlsSessionInfo {
        peerCertificates = List.copyOf(peerCertificates);
    }
}
