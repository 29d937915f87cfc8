package io.zyphos.tls;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

/**
 * A private key and the certificate chain that vouches for it, leaf first: what a server presents
 * in its Certificate message (RFC 8446 §4.4.2) and signs its CertificateVerify with.
 *
 * <p>Built from PEM files or from a {@link KeyStore}; either way the key is checked against the
 * leaf certificate's public key (a signature made with one must verify with the other), so a
 * swapped file is found at configuration time and not by the first client.
 *
 * @param privateKey the leaf certificate's private key
 * @param chain the leaf certificate, then the intermediates up to (not necessarily including) a
 *     root; immutable
 */
public record CertifiedKey(PrivateKey privateKey, List<X509Certificate> chain) {

    public CertifiedKey {
        if (chain.isEmpty()) {
            throw new TlsConfigException("a certified key needs at least its own certificate");
        }
        chain = List.copyOf(chain);
    }

    /**
     * Reads the chain and the key from PEM files.
     *
     * @param chainPem one or more {@code CERTIFICATE} blocks, leaf first
     * @param keyPem a {@code PRIVATE KEY}, {@code RSA PRIVATE KEY} or {@code EC PRIVATE KEY} block
     * @throws TlsConfigException naming the file that is missing, unreadable or not PEM, or saying
     *     that the key does not belong to the leaf certificate
     */
    public static CertifiedKey fromPem(Path chainPem, Path keyPem) {
        List<X509Certificate> chain = PemFiles.readCertificates(chainPem);
        PrivateKey key = PemFiles.readPrivateKey(keyPem);
        checkMatch(key, chain.getFirst(), "TLS key " + keyPem + " does not belong to the first certificate in " + chainPem);
        return new CertifiedKey(key, chain);
    }

    /**
     * Takes the key entry {@code alias} from {@code keyStore}.
     *
     * @throws TlsConfigException when there is no such entry, it holds no private key, or the
     *     password does not open it
     */
    public static CertifiedKey fromKeyStore(KeyStore keyStore, String alias, char[] password) {
        try {
            if (!keyStore.isKeyEntry(alias)) {
                throw new TlsConfigException("TLS key store: no private key entry \"" + alias + "\"");
            }
            PrivateKey key = (PrivateKey) keyStore.getKey(alias, password);
            Certificate[] certificates = keyStore.getCertificateChain(alias);
            if (certificates == null || certificates.length == 0) {
                throw new TlsConfigException("TLS key store: entry \"" + alias + "\" has no certificate chain");
            }
            List<X509Certificate> chain = new ArrayList<>();
            for (Certificate c : certificates) {
                chain.add((X509Certificate) c);
            }
            checkMatch(key, chain.getFirst(), "TLS key store: the key of \"" + alias + "\" does not belong to its certificate");
            return new CertifiedKey(key, chain);
        } catch (GeneralSecurityException e) {
            throw new TlsConfigException("TLS key store: entry \"" + alias + "\" cannot be read (" + e.getMessage() + ")", e);
        }
    }

    /** The certificate that names the server. */
    public X509Certificate leaf() {
        return chain.getFirst();
    }

    /**
     * Signs a fixed message with the key and verifies it with the certificate's public key. Keys
     * of a type no signature here covers pass unchecked; the handshake will show a mismatch.
     */
    private static void checkMatch(PrivateKey key, X509Certificate leaf, String mismatch) {
        String algorithm = switch (key.getAlgorithm()) {
            case "EC" -> "SHA256withECDSA";
            case "RSA" -> "SHA256withRSA";
            case "Ed25519", "Ed448", "EdDSA" -> key.getAlgorithm();
            default -> null;
        };
        if (algorithm == null) {
            return;
        }
        byte[] message = "zyphos key check".getBytes(StandardCharsets.US_ASCII);
        try {
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(message);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(leaf.getPublicKey());
            verifier.update(message);
            if (verifier.verify(signature)) {
                return;
            }
        } catch (GeneralSecurityException e) {
            throw new TlsConfigException(mismatch + " (" + e.getMessage() + ")", e);
        }
        throw new TlsConfigException(mismatch + " (" + leaf.getSubjectX500Principal().getName() + ")");
    }
}
