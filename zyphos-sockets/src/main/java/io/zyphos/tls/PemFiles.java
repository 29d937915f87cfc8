package io.zyphos.tls;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;

/**
 * Reads the PEM files (RFC 7468) a TLS server is configured with: a private key, and a chain of
 * certificates, leaf first. Every error names the file and what it found there.
 *
 * <p>Keys come in three PEM labels, all accepted: {@code PRIVATE KEY} (PKCS#8, RFC 5958, what
 * {@code openssl genpkey} writes), {@code RSA PRIVATE KEY} (PKCS#1, RFC 8017 appendix A.1.2) and
 * {@code EC PRIVATE KEY} (SEC 1, RFC 5915, often after an {@code EC PARAMETERS} block). Encrypted
 * keys are refused: a server that starts unattended has nowhere to ask for the passphrase.
 */
final class PemFiles {

    private PemFiles() {}

    static PrivateKey readPrivateKey(Path file) {
        String text = readText("TLS key", file);
        try (PEMParser parser = new PEMParser(new StringReader(text))) {
            JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
            for (Object o = parser.readObject(); o != null; o = parser.readObject()) {
                switch (o) {
                    case PrivateKeyInfo info -> {
                        return converter.getPrivateKey(info);
                    }
                    case PEMKeyPair pair -> {
                        // The private part alone: an SEC 1 key may leave its public key out (RFC 5915 §3).
                        return converter.getPrivateKey(pair.getPrivateKeyInfo());
                    }
                    case PEMEncryptedKeyPair ignored -> throw encrypted(file);
                    case PKCS8EncryptedPrivateKeyInfo ignored -> throw encrypted(file);
                    // EC PARAMETERS before an EC key, or a certificate in the same file: skipped.
                    default -> {}
                }
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof TlsConfigException tce) {
                throw tce;
            }
            throw new TlsConfigException("TLS key " + file + ": not a readable PEM private key (" + e.getMessage() + ")", e);
        }
        throw new TlsConfigException("TLS key " + file + ": not a PEM private key");
    }

    private static TlsConfigException encrypted(Path file) {
        return new TlsConfigException("TLS key " + file + ": the key is encrypted; give the server an unencrypted "
                + "copy readable only by its user (openssl pkey -in encrypted.pem -out key.pem)");
    }

    static List<X509Certificate> readCertificates(Path file) {
        String text = readText("TLS certificate chain", file);
        if (!text.contains("-----BEGIN CERTIFICATE-----")) {
            throw new TlsConfigException("TLS certificate chain " + file + ": no PEM certificate in it");
        }
        List<X509Certificate> chain = new ArrayList<>();
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            for (var c : factory.generateCertificates(new ByteArrayInputStream(text.getBytes(StandardCharsets.US_ASCII)))) {
                chain.add((X509Certificate) c);
            }
        } catch (CertificateException e) {
            throw new TlsConfigException("TLS certificate chain " + file + ": not a PEM certificate (" + e.getMessage() + ")", e);
        }
        return chain;
    }

    private static String readText(String what, Path file) {
        try {
            return Files.readString(file, StandardCharsets.ISO_8859_1);
        } catch (NoSuchFileException e) {
            throw new TlsConfigException(what + " " + file + ": no such file", e);
        } catch (IOException e) {
            throw new TlsConfigException(what + " " + file + ": cannot be read (" + e + ")", e);
        }
    }
}
