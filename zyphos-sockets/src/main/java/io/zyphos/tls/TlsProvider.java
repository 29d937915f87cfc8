package io.zyphos.tls;

import java.security.Provider;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.bouncycastle.jsse.provider.BouncyCastleJsseProvider;

/**
 * Which JSSE implementation runs the TLS protocol: one setting, so the two can be compared on the
 * same tests and benchmarks.
 *
 * <p>Neither is registered with {@link java.security.Security}: the {@code SSLContext} is taken
 * from the provider object itself, so choosing BouncyCastle here changes nothing else in the JVM.
 */
public enum TlsProvider {

    /**
     * BouncyCastle's JSSE provider (BCJSSE), the default. It runs its cryptography on the JDK's own
     * JCA providers (AES-GCM, ChaCha20-Poly1305, ECDHE and ECDSA with the JDK's intrinsics), so a
     * comparison with {@link #JDK} compares the TLS state machines, not two sets of primitives.
     *
     * <p>ChaCha20-Poly1305: not usable. BCJSSE looks for it under BouncyCastle's own JCA name,
     * which the JDK's providers do not register, so those suites are never chosen; a client that
     * offers nothing else (none seen in practice: every client offers AES-GCM too) is refused.
     *
     * <p>Session resumption: TLS 1.2 by session ID from its server-side cache. It issues no session
     * tickets (RFC 5077) and does not resume TLS 1.3 sessions (RFC 8446 §2.2) as a server yet, so a
     * TLS 1.3 client always gets a full handshake.
     */
    BOUNCY_CASTLE,

    /**
     * The JDK's own provider, SunJSSE.
     *
     * <p>Session resumption: TLS 1.3 by PSK from stateless tickets (RFC 8446 §4.6.1), TLS 1.2 by
     * RFC 5077 tickets when the client asks for them and by session ID otherwise.
     */
    JDK;

    /** Created once: the provider object holds no per-connection state. */
    private static final class BouncyCastle {
        /**
         * BCJSSE logs every accepted connection at INFO through java.util.logging. Unless the
         * application set a level for it, it logs warnings and worse only; the reference keeps
         * the level from being collected with the logger.
         */
        static final Logger LOG = quiet(Logger.getLogger("org.bouncycastle.jsse"));
        static final Provider PROVIDER = new BouncyCastleJsseProvider();

        private static Logger quiet(Logger logger) {
            if (logger.getLevel() == null) {
                logger.setLevel(Level.WARNING);
            }
            return logger;
        }
    }

    /** The JCA provider whose {@code SSLContext} and {@code TrustManagerFactory} are used. */
    Provider jcaProvider() {
        return switch (this) {
            case BOUNCY_CASTLE -> BouncyCastle.PROVIDER;
            case JDK -> java.security.Security.getProvider("SunJSSE");
        };
    }
}
