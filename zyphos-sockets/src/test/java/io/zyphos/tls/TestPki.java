package io.zyphos.tls;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Certificates for the lessons: a CA that signs client certificates, and JDK client contexts that
 * trust what they are told to. Keys are ECDSA P-256, as {@link SelfSignedCertificate} makes them.
 */
final class TestPki {

    private static final AtomicLong SERIAL = new AtomicLong(1000);

    private TestPki() {}

    /** A CA and a key it certified for TLS clients. */
    record ClientPki(CertifiedKey ca, CertifiedKey client) {}

    static ClientPki clientPki(String clientName) {
        try {
            KeyPair caKeys = keyPair();
            X500Name caName = new X500Name("CN=Zyphos test CA");
            X509v3CertificateBuilder ca = builder(caName, caName, caKeys);
            ca.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
            ca.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            X509Certificate caCert = sign(ca, caKeys);

            KeyPair clientKeys = keyPair();
            X509v3CertificateBuilder client = builder(caName, new X500Name("CN=" + clientName), clientKeys);
            client.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            client.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
            client.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_clientAuth));
            X509Certificate clientCert = sign(client, caKeys);
            return new ClientPki(new CertifiedKey(caKeys.getPrivate(), List.of(caCert)),
                    new CertifiedKey(clientKeys.getPrivate(), List.of(clientCert, caCert)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeyPair keyPair() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }

    private static X509v3CertificateBuilder builder(X500Name issuer, X500Name subject, KeyPair keys) {
        Instant now = Instant.now();
        return new JcaX509v3CertificateBuilder(issuer, BigInteger.valueOf(SERIAL.incrementAndGet()),
                Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(Duration.ofDays(1))), subject, keys.getPublic());
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, KeyPair issuerKeys) throws Exception {
        return new JcaX509CertificateConverter().getCertificate(
                builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKeys.getPrivate())));
    }

    /** A SunJSSE client context that trusts {@code trusted} only, and presents {@code clientKey} when asked (may be null). */
    static SSLContext clientContext(List<X509Certificate> trusted, CertifiedKey clientKey) {
        try {
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            for (int i = 0; i < trusted.size(); i++) {
                trust.setCertificateEntry("t" + i, trusted.get(i));
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
            tmf.init(trust);
            KeyManager[] keyManagers = clientKey == null ? null : new KeyManager[] {new OneKey(clientKey)};
            SSLContext context = SSLContext.getInstance("TLS", "SunJSSE");
            context.init(keyManagers, tmf.getTrustManagers(), null);
            return context;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A client key manager that always presents its one key, whatever CAs the server names: the
     * JDK's own would keep quiet about a certificate the server is not going to trust, and a
     * lesson about rejected certificates needs it sent.
     */
    private static final class OneKey extends X509ExtendedKeyManager {
        private final CertifiedKey key;

        OneKey(CertifiedKey key) {
            this.key = key;
        }

        @Override
        public String chooseEngineClientAlias(String[] keyType, Principal[] issuers, SSLEngine engine) {
            return "client";
        }

        @Override
        public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
            return "client";
        }

        @Override
        public X509Certificate[] getCertificateChain(String alias) {
            return key.chain().toArray(X509Certificate[]::new);
        }

        @Override
        public PrivateKey getPrivateKey(String alias) {
            return key.privateKey();
        }

        @Override
        public String[] getClientAliases(String keyType, Principal[] issuers) {
            return new String[] {"client"};
        }

        @Override
        public String[] getServerAliases(String keyType, Principal[] issuers) {
            return null;
        }

        @Override
        public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
            return null;
        }
    }
}
