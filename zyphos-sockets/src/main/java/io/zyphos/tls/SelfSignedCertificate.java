package io.zyphos.tls;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.util.io.pem.PemObject;

/**
 * A key pair (ECDSA on P-256) and a self-signed certificate for a few names, for development and
 * tests: what a server uses when it is told to speak TLS and given no certificate. Browsers and
 * curl trust it only when told to ({@code curl --cacert cert.pem}).
 *
 * <p>The certificate is an end-entity certificate (RFC 5280 §4.2.1.9: not a CA) for TLS servers
 * (extended key usage serverAuth), naming every host in its subject alternative names (RFC 6125
 * §6.4.4: clients look there, not at the common name): DNS names as dNSName, IP literals as
 * iPAddress. It is valid from an hour ago (clocks drift) for {@link #DEFAULT_VALIDITY}.
 */
public final class SelfSignedCertificate {

    /** The names used when none are given: the loopback host in its three spellings. */
    public static final List<String> DEFAULT_NAMES = List.of("localhost", "127.0.0.1", "::1");
    /** How long a generated certificate is valid. */
    public static final Duration DEFAULT_VALIDITY = Duration.ofDays(365);

    private final CertifiedKey certifiedKey;

    private SelfSignedCertificate(CertifiedKey certifiedKey) {
        this.certifiedKey = certifiedKey;
    }

    /** For {@link #DEFAULT_NAMES}. */
    public static SelfSignedCertificate generate() {
        return generate(DEFAULT_NAMES);
    }

    /**
     * For {@code names}: host names, or IPv4 and IPv6 literals; the first is also the subject's
     * common name.
     */
    public static SelfSignedCertificate generate(List<String> names) {
        if (names.isEmpty()) {
            throw new IllegalArgumentException("a certificate needs at least one name");
        }
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            KeyPair pair = generator.generateKeyPair();

            X500Name subject = new X500NameBuilder(BCStyle.INSTANCE)
                    .addRDN(BCStyle.CN, names.getFirst())
                    .addRDN(BCStyle.O, "Zyphos self-signed")
                    .build();
            Instant now = Instant.now();
            BigInteger serial = new BigInteger(64, new SecureRandom()).setBit(63);
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject, serial,
                    Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(DEFAULT_VALIDITY)), subject, pair.getPublic());
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
            builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
            builder.addExtension(Extension.subjectAlternativeName, false, alternativeNames(names));

            X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate())));
            return new SelfSignedCertificate(new CertifiedKey(pair.getPrivate(), List.of(certificate)));
        } catch (GeneralSecurityException | OperatorCreationException | IOException e) {
            throw new IllegalStateException("cannot make a self-signed certificate for " + names + ": " + e.getMessage(), e);
        }
    }

    private static GeneralNames alternativeNames(List<String> names) {
        GeneralName[] result = new GeneralName[names.size()];
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            result[i] = isIpLiteral(name)
                    ? new GeneralName(GeneralName.iPAddress, name)
                    : new GeneralName(GeneralName.dNSName, name);
        }
        return new GeneralNames(result);
    }

    /** Without a DNS lookup: {@code InetAddress.ofLiteral} parses literals only. */
    private static boolean isIpLiteral(String name) {
        try {
            InetAddress.ofLiteral(name);
            return true;
        } catch (IllegalArgumentException notALiteral) {
            return false;
        }
    }

    /** The key and its one-certificate chain, for {@link TlsConfig.Builder#certificate(CertifiedKey)}. */
    public CertifiedKey certifiedKey() {
        return certifiedKey;
    }

    public X509Certificate certificate() {
        return certifiedKey.leaf();
    }

    /** The certificate as PEM text. */
    public String certificatePem() {
        try {
            return pem(new PemObject("CERTIFICATE", certificate().getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The private key as PEM text: PKCS#8, label {@code PRIVATE KEY}. */
    public String privateKeyPem() {
        return pem(new PemObject("PRIVATE KEY", certifiedKey.privateKey().getEncoded()));
    }

    private static String pem(PemObject object) {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            writer.writeObject(object);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }

    /**
     * Writes {@code cert.pem} and {@code key.pem} into {@code directory}, which must exist. The key
     * file is created readable by its owner only (where the file system has POSIX permissions);
     * an existing file is never overwritten.
     *
     * @return the two paths
     * @throws FileAlreadyExistsException when either file exists
     */
    public PemPaths writePem(Path directory) throws IOException {
        Path cert = directory.resolve("cert.pem");
        Path key = directory.resolve("key.pem");
        if (Files.exists(cert)) {
            throw new FileAlreadyExistsException(cert.toString());
        }
        if (directory.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.createFile(key, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(key, privateKeyPem(), StandardCharsets.US_ASCII, StandardOpenOption.TRUNCATE_EXISTING);
        } else {
            Files.writeString(key, privateKeyPem(), StandardCharsets.US_ASCII, StandardOpenOption.CREATE_NEW);
        }
        Files.writeString(cert, certificatePem(), StandardCharsets.US_ASCII, StandardOpenOption.CREATE_NEW);
        return new PemPaths(cert, key);
    }

    /** Where {@link #writePem} put the certificate and the key. */
    public record PemPaths(Path certificate, Path privateKey) {}
}
