/**
 * TLS 1.3 and 1.2 for Zyphos servers, sans-I/O: {@link io.zyphos.tls.TlsEngine} sits between a
 * transport's bytes and a protocol's plaintext, one per connection.
 *
 * <ul>
 *   <li>{@link io.zyphos.tls.TlsConfig}: one per server; certificates by SNI, versions and suites,
 *       ALPN, resumption, client certificates, the handshake timeout, the provider.</li>
 *   <li>{@link io.zyphos.tls.TlsEngine}: one per connection; {@code feed} ciphertext, {@code wrap}
 *       plaintext, {@code pollOutbound} what to send.</li>
 *   <li>{@link io.zyphos.tls.TlsFileRegion}: a file sent through the engine, a few records at a time.</li>
 *   <li>{@link io.zyphos.tls.CertifiedKey}, {@link io.zyphos.tls.SelfSignedCertificate}: keys and
 *       certificates from PEM files, key stores, or made on the spot.</li>
 * </ul>
 *
 * <p>The transports do not use it yet: wiring it between {@code NioConnection} or
 * {@code BlockingConnection} and the protocol is the next step.
 */
package io.zyphos.tls;
