package io.zyphos.tls;

import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSessionContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Everything a TLS server needs, fixed at {@link Builder#build()}: certificates (several, picked by
 * SNI), versions and cipher suites, ALPN protocols, session resumption, client certificates, the
 * handshake timeout and the JSSE provider. Immutable and thread-safe; one per server, and
 * {@link #newEngine} makes the {@link TlsEngine} of each connection.
 *
 * <pre>{@code
 * TlsConfig tls = TlsConfig.builder()
 *         .certificate(Path.of("chain.pem"), Path.of("key.pem"))          // the default
 *         .certificate("*.example.com", CertifiedKey.fromPem(wildChain, wildKey))
 *         .applicationProtocols("h2", "http/1.1")
 *         .build();
 * }</pre>
 *
 * <h2>What is fixed</h2>
 * TLS 1.3 and 1.2 only (RFC 8996 deprecates the rest). Cipher suites are AEAD only, in the
 * server's order of preference: the three TLS 1.3 suites (RFC 8446 §B.4), and for TLS 1.2 only
 * ECDHE (forward secrecy) with AES-GCM (RFC 5289) or ChaCha20-Poly1305 (RFC 7905). Nothing with
 * CBC, RSA key transport, static DH, SHA-1 MACs or export strength is ever enabled, so a client
 * that offers only those is refused with {@code handshake_failure}. TLS 1.2 renegotiation is
 * refused by {@link TlsEngine}.
 *
 * <h2>Settings</h2>
 * <table>
 *   <caption>Settings, their defaults and what a wrong one does</caption>
 *   <tr><th>setting</th><th>default</th><th>notes</th></tr>
 *   <tr><td>{@link Builder#provider}</td><td>{@link TlsProvider#BOUNCY_CASTLE}</td><td>SunJSSE with {@link TlsProvider#JDK}</td></tr>
 *   <tr><td>{@link Builder#versions}</td><td>TLS 1.3, TLS 1.2</td><td>at least one</td></tr>
 *   <tr><td>{@link Builder#certificate(CertifiedKey)}</td><td>none</td><td>the default; needed unless every client sends a configured SNI name</td></tr>
 *   <tr><td>{@link Builder#certificate(String, CertifiedKey)}</td><td>none</td><td>exact name or {@code *.domain}</td></tr>
 *   <tr><td>{@link Builder#applicationProtocols}</td><td>none (no ALPN)</td><td>server preference order (RFC 7301 §3.2)</td></tr>
 *   <tr><td>{@link Builder#sessionResumption}</td><td>on</td><td>what each provider resumes: {@link TlsProvider}</td></tr>
 *   <tr><td>{@link Builder#sessionTimeout}</td><td>{@value #DEFAULT_SESSION_TIMEOUT_SECONDS} s</td><td>how long a session or ticket may be resumed</td></tr>
 *   <tr><td>{@link Builder#sessionCacheSize}</td><td>{@value #DEFAULT_SESSION_CACHE_SIZE}</td><td>sessions kept for resumption by ID</td></tr>
 *   <tr><td>{@link Builder#clientAuth}</td><td>{@link ClientAuth#NONE}</td><td>needs a trust store otherwise</td></tr>
 *   <tr><td>{@link Builder#handshakeTimeout}</td><td>{@value #DEFAULT_HANDSHAKE_TIMEOUT_SECONDS} s</td><td>{@link TlsEngine#nextDeadlineNanos()}; the transport enforces it</td></tr>
 * </table>
 */
public final class TlsConfig {

    /** Default for {@link Builder#handshakeTimeout}: as long as a client on a slow link needs, and no longer. */
    public static final int DEFAULT_HANDSHAKE_TIMEOUT_SECONDS = 10;
    /** Default for {@link Builder#sessionTimeout}: one hour. */
    public static final int DEFAULT_SESSION_TIMEOUT_SECONDS = 3600;
    /** Default for {@link Builder#sessionCacheSize}: the JDK's own default. */
    public static final int DEFAULT_SESSION_CACHE_SIZE = 20_480;

    /** TLS 1.3 suites, RFC 8446 §B.4, in the server's order of preference. */
    static final List<String> TLS13_SUITES = List.of(
            "TLS_AES_128_GCM_SHA256",
            "TLS_AES_256_GCM_SHA384",
            "TLS_CHACHA20_POLY1305_SHA256");

    /** TLS 1.2 suites: ECDHE with an AEAD only (RFC 5289, RFC 7905), ECDSA certificates before RSA ones. */
    static final List<String> TLS12_SUITES = List.of(
            "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
            "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
            "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256",
            "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
            "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
            "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256");

    private final TlsProvider provider;
    private final Set<TlsVersion> versions;
    private final CertificateSelector certificates;
    private final List<String> applicationProtocols;
    private final boolean sessionResumption;
    private final Duration sessionTimeout;
    private final int sessionCacheSize;
    private final ClientAuth clientAuth;
    private final Duration handshakeTimeout;
    private final SSLContext context;
    private final String[] enabledVersions;
    private final String[] enabledSuites;

    private TlsConfig(Builder b) {
        this.provider = b.provider;
        this.versions = Set.copyOf(b.versions);
        this.certificates = b.certificates.build();
        this.applicationProtocols = List.copyOf(b.applicationProtocols);
        this.sessionResumption = b.sessionResumption;
        this.sessionTimeout = b.sessionTimeout;
        this.sessionCacheSize = b.sessionCacheSize;
        this.clientAuth = b.clientAuth;
        this.handshakeTimeout = b.handshakeTimeout;
        this.context = createContext(b.trustStore);
        this.enabledVersions = versions.stream()
                .sorted()
                .map(TlsVersion::jsseName)
                .toArray(String[]::new);
        this.enabledSuites = enabledSuites(context, versions);
    }

    /** {@code base} with another ALPN list; everything set up once (the provider's context) is shared. */
    private TlsConfig(TlsConfig base, List<String> applicationProtocols) {
        this.provider = base.provider;
        this.versions = base.versions;
        this.certificates = base.certificates;
        this.applicationProtocols = List.copyOf(applicationProtocols);
        this.sessionResumption = base.sessionResumption;
        this.sessionTimeout = base.sessionTimeout;
        this.sessionCacheSize = base.sessionCacheSize;
        this.clientAuth = base.clientAuth;
        this.handshakeTimeout = base.handshakeTimeout;
        this.context = base.context;
        this.enabledVersions = base.enabledVersions;
        this.enabledSuites = base.enabledSuites;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * This configuration offering {@code protocols} by ALPN, most preferred first, instead of
     * {@link #applicationProtocols()}: what a server does with the ids of the protocols it was
     * given. Cheap: the provider's context, keys and session cache are shared with this one.
     *
     * @throws TlsConfigException for a name that is empty or longer than 255 bytes
     */
    public TlsConfig withApplicationProtocols(List<String> protocols) {
        Set<String> distinct = new LinkedHashSet<>();
        for (String p : protocols) {
            distinct.add(checkedAlpnName(p));
        }
        return new TlsConfig(this, List.copyOf(distinct));
    }

    private static String checkedAlpnName(String p) {
        if (p.isEmpty() || p.length() > 255) {
            throw new TlsConfigException("ALPN protocol \"" + p + "\": a name is 1 to 255 bytes (RFC 7301 §3.1)");
        }
        return p;
    }

    private SSLContext createContext(KeyStore trustStore) {
        try {
            SSLContext ctx = SSLContext.getInstance("TLS", provider.jcaProvider());
            TrustManager[] trust = null;
            if (trustStore != null) {
                TrustManagerFactory factory = TrustManagerFactory.getInstance("PKIX", provider.jcaProvider());
                factory.init(trustStore);
                trust = Arrays.stream(factory.getTrustManagers())
                        .map(t -> t instanceof X509ExtendedTrustManager x ? new ClientCertificateCheck(x) : t)
                        .toArray(TrustManager[]::new);
            }
            // An explicit SecureRandom: without one BCJSSE asks the JCA for "DEFAULT", an algorithm
            // only the BouncyCastle provider registers, and Zyphos registers no provider.
            ctx.init(new KeyManager[] {new SniKeyManager(certificates)}, trust, new SecureRandom());
            SSLSessionContext sessions = ctx.getServerSessionContext();
            sessions.setSessionTimeout((int) sessionTimeout.toSeconds());
            sessions.setSessionCacheSize(sessionCacheSize);
            return ctx;
        } catch (GeneralSecurityException e) {
            throw new TlsConfigException("TLS provider " + provider + " cannot be set up: " + e.getMessage(), e);
        }
    }

    private static String[] enabledSuites(SSLContext context, Set<TlsVersion> versions) {
        Set<String> supported = Set.of(context.getSupportedSSLParameters().getCipherSuites());
        List<String> wanted = new ArrayList<>();
        if (versions.contains(TlsVersion.TLS_1_3)) {
            wanted.addAll(TLS13_SUITES);
        }
        if (versions.contains(TlsVersion.TLS_1_2)) {
            wanted.addAll(TLS12_SUITES);
        }
        return wanted.stream().filter(supported::contains).toArray(String[]::new);
    }

    /**
     * A new engine for one connection, accepted at {@code nowNanos} (its handshake deadline counts
     * from then). Cheap: the expensive set-up (keys, trust, session caches) was done once here.
     */
    public TlsEngine newEngine(long nowNanos) {
        return new TlsEngine(this, context.createSSLEngine(), nowNanos);
    }

    public TlsProvider provider() {
        return provider;
    }

    public Set<TlsVersion> versions() {
        return versions;
    }

    /** The suites enabled, in preference order: those of {@link #TLS13_SUITES} and {@link #TLS12_SUITES} the provider has. */
    public List<String> cipherSuites() {
        return List.of(enabledSuites);
    }

    /** The ALPN protocols offered, most preferred first; empty when ALPN is off. */
    public List<String> applicationProtocols() {
        return applicationProtocols;
    }

    public boolean sessionResumption() {
        return sessionResumption;
    }

    public Duration sessionTimeout() {
        return sessionTimeout;
    }

    public int sessionCacheSize() {
        return sessionCacheSize;
    }

    public ClientAuth clientAuth() {
        return clientAuth;
    }

    public Duration handshakeTimeout() {
        return handshakeTimeout;
    }

    CertificateSelector certificates() {
        return certificates;
    }

    String[] enabledVersions() {
        return enabledVersions.clone();
    }

    String[] enabledSuites() {
        return enabledSuites.clone();
    }

    @Override
    public String toString() {
        return "TlsConfig[" + provider + ", " + Arrays.toString(enabledVersions) + ", alpn " + applicationProtocols
                + ", " + certificates.keys().size() + " certificate(s), client auth " + clientAuth + "]";
    }

    /** Collects settings; {@link #build()} checks them together and sets the provider up. Not thread-safe. */
    public static final class Builder {

        private TlsProvider provider = TlsProvider.BOUNCY_CASTLE;
        private final EnumSet<TlsVersion> versions = EnumSet.allOf(TlsVersion.class);
        private final CertificateSelector.Builder certificates = new CertificateSelector.Builder();
        private final Set<String> applicationProtocols = new LinkedHashSet<>();
        private boolean sessionResumption = true;
        private Duration sessionTimeout = Duration.ofSeconds(DEFAULT_SESSION_TIMEOUT_SECONDS);
        private int sessionCacheSize = DEFAULT_SESSION_CACHE_SIZE;
        private ClientAuth clientAuth = ClientAuth.NONE;
        private KeyStore trustStore;
        private Duration handshakeTimeout = Duration.ofSeconds(DEFAULT_HANDSHAKE_TIMEOUT_SECONDS);

        private Builder() {}

        public Builder provider(TlsProvider provider) {
            this.provider = provider;
            return this;
        }

        /** The versions to speak; any of TLS 1.3 and TLS 1.2. */
        public Builder versions(TlsVersion... versions) {
            if (versions.length == 0) {
                throw new TlsConfigException("TLS versions: at least one is needed");
            }
            this.versions.clear();
            this.versions.addAll(List.of(versions));
            return this;
        }

        /** The default certificate: for clients that send no SNI name, or one no other certificate is for. */
        public Builder certificate(CertifiedKey key) {
            certificates.setDefault(key);
            return this;
        }

        /** The default certificate, from PEM files: see {@link CertifiedKey#fromPem}. */
        public Builder certificate(Path chainPem, Path keyPem) {
            return certificate(CertifiedKey.fromPem(chainPem, keyPem));
        }

        /**
         * The certificate for clients whose SNI names {@code hostName}: an exact name
         * ({@code api.example.com}) or a wildcard for one leftmost label ({@code *.example.com}).
         * An exact name wins over a wildcard, and either over the default.
         */
        public Builder certificate(String hostName, CertifiedKey key) {
            certificates.add(hostName, key);
            return this;
        }

        /**
         * The ALPN protocol names (RFC 7301) the server speaks, most preferred first, such as
         * {@code "h2", "http/1.1"}. The server picks the first of these that the client also offers,
         * whatever the client's order. Without any, the server ignores ALPN.
         */
        public Builder applicationProtocols(String... protocols) {
            applicationProtocols.clear();
            for (String p : protocols) {
                applicationProtocols.add(checkedAlpnName(p));
            }
            return this;
        }

        /** Whether clients may resume sessions (on by default); see {@link TlsProvider} for what each provider resumes. */
        public Builder sessionResumption(boolean enabled) {
            this.sessionResumption = enabled;
            return this;
        }

        public Builder sessionTimeout(Duration timeout) {
            if (timeout.isNegative() || timeout.isZero() || timeout.toSeconds() > Integer.MAX_VALUE) {
                throw new TlsConfigException("TLS session timeout " + timeout + ": must be positive");
            }
            this.sessionTimeout = timeout;
            return this;
        }

        public Builder sessionCacheSize(int size) {
            if (size <= 0) {
                throw new TlsConfigException("TLS session cache size " + size + ": must be positive");
            }
            this.sessionCacheSize = size;
            return this;
        }

        /** Whether to ask for client certificates; anything but {@link ClientAuth#NONE} needs a trust store. */
        public Builder clientAuth(ClientAuth clientAuth) {
            this.clientAuth = clientAuth;
            return this;
        }

        /** The CAs client certificates must chain to, from a PEM file of one or more certificates. */
        public Builder trustedCertificates(Path pem) {
            List<X509Certificate> certs = PemFiles.readCertificates(pem);
            try {
                KeyStore store = KeyStore.getInstance("PKCS12");
                store.load(null, null);
                for (int i = 0; i < certs.size(); i++) {
                    store.setCertificateEntry("trusted-" + i, certs.get(i));
                }
                this.trustStore = store;
            } catch (GeneralSecurityException | IOException e) {
                throw new TlsConfigException("TLS trusted certificates " + pem + ": cannot make a trust store (" + e.getMessage() + ")", e);
            }
            return this;
        }

        /** The CAs client certificates must chain to, as a key store of trusted certificate entries. */
        public Builder trustStore(KeyStore trustStore) {
            this.trustStore = trustStore;
            return this;
        }

        /** How long a client has to complete its handshake; {@link TlsEngine#nextDeadlineNanos()} reports it. */
        public Builder handshakeTimeout(Duration timeout) {
            if (timeout.isNegative() || timeout.isZero()) {
                throw new TlsConfigException("TLS handshake timeout " + timeout + ": must be positive");
            }
            this.handshakeTimeout = timeout;
            return this;
        }

        /**
         * Checks the settings together and sets the provider up.
         *
         * @throws TlsConfigException when no certificate was given, or client certificates are
         *     asked for without a trust store
         */
        public TlsConfig build() {
            if (certificates.isEmpty()) {
                throw new TlsConfigException("TLS needs a certificate: certificate(chainPem, keyPem), or one per SNI name");
            }
            if (clientAuth != ClientAuth.NONE && trustStore == null) {
                throw new TlsConfigException("client certificates " + clientAuth
                        + " need the CAs to check them against: trustedCertificates(pem) or trustStore(keyStore)");
            }
            return new TlsConfig(this);
        }
    }
}
