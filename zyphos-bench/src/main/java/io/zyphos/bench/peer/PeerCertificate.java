package io.zyphos.bench.peer;

import io.zyphos.tls.CertifiedKey;
import io.zyphos.tls.SelfSignedCertificate;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;

/**
 * The certificate a peer presents over TLS: self-signed for localhost and 127.0.0.1, made at start
 * as {@code zyphos serve --tls} makes the demo's, and kept in memory. h2load checks no certificate,
 * so the load harness needs no file to trust.
 */
final class PeerCertificate {

    /** The password of the in-memory key store Jetty reads the key from; it never leaves the process. */
    static final String KEY_STORE_PASSWORD = "peer";

    private PeerCertificate() {}

    static CertifiedKey make() {
        return SelfSignedCertificate.generate().certifiedKey();
    }

    /** {@code key} and its chain as a PKCS#12 key store in memory, the form Jetty's SslContextFactory takes. */
    static KeyStore keyStore(CertifiedKey key) throws IOException {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("peer", key.privateKey(), KEY_STORE_PASSWORD.toCharArray(),
                    key.chain().toArray(X509Certificate[]::new));
            return store;
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot hold the peer's certificate in a key store", e);
        }
    }
}
