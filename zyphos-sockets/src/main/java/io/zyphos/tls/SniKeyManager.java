package io.zyphos.tls;

import java.net.Socket;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSession;
import javax.net.ssl.StandardConstants;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * The server's key manager: picks the certificate for the SNI name the client asked for (through
 * {@link CertificateSelector}), provided its key can make the signature the provider is asking
 * about. It also tells the {@link TlsEngine} running the handshake when it has no certificate to
 * offer, so the failure can say so, and when it chose one, so that with resumption off the session
 * is invalidated before it is cached or ticketed.
 *
 * <p>Aliases are the selector's indexes as strings. The provider passes a key type per candidate
 * signature scheme: SunJSSE says {@code "EC"} or {@code "RSA"}; BCJSSE says {@code "EC/secp256r1"}
 * in TLS 1.3 (the curve is part of the scheme, RFC 8446 §4.2.3) and {@code "ECDHE_ECDSA"} or
 * {@code "ECDHE_RSA"} in TLS 1.2. A key fits when its algorithm, and curve where one is named,
 * are the ones asked for.
 */
final class SniKeyManager extends X509ExtendedKeyManager {

    private static final Map<String, ECParameterSpec> CURVES = new ConcurrentHashMap<>();

    private final CertificateSelector selector;

    SniKeyManager(CertificateSelector selector) {
        this.selector = selector;
    }

    @Override
    public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
        String hostName = requestedHostName(engine.getHandshakeSession());
        int index = selector.index(hostName);
        TlsEngine current = TlsEngine.current();
        if (index < 0) {
            if (current != null) {
                current.onNoCertificate(engine);
            }
            return null;
        }
        if (!fits(keyType, selector.keys().get(index).leaf().getPublicKey())) {
            return null;
        }
        if (current != null) {
            current.onCertificateChosen(engine);
        }
        return Integer.toString(index);
    }

    static String requestedHostName(SSLSession handshakeSession) {
        if (handshakeSession instanceof ExtendedSSLSession extended) {
            for (SNIServerName name : extended.getRequestedServerNames()) {
                if (name.getType() == StandardConstants.SNI_HOST_NAME && name instanceof SNIHostName host) {
                    return host.getAsciiName();
                }
            }
        }
        return null;
    }

    static boolean fits(String keyType, PublicKey key) {
        String type = keyType;
        String curve = null;
        int slash = type.indexOf('/');
        if (slash >= 0) {
            curve = type.substring(slash + 1);
            type = type.substring(0, slash);
        }
        type = switch (type.toUpperCase(Locale.ROOT)) {
            case "ECDHE_ECDSA", "EC_EC" -> "EC";
            case "ECDHE_RSA", "EC_RSA" -> "RSA";
            default -> type;
        };
        if (!type.equalsIgnoreCase(key.getAlgorithm())) {
            return false;
        }
        return curve == null || !(key instanceof ECPublicKey ec) || sameCurve(ec.getParams(), curve);
    }

    private static boolean sameCurve(ECParameterSpec params, String curveName) {
        ECParameterSpec named = CURVES.computeIfAbsent(curveName, SniKeyManager::curve);
        return named != null
                && named.getOrder().equals(params.getOrder())
                && named.getGenerator().equals(params.getGenerator())
                && named.getCurve().equals(params.getCurve());
    }

    private static ECParameterSpec curve(String name) {
        try {
            AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC");
            parameters.init(new ECGenParameterSpec(name));
            return parameters.getParameterSpec(ECParameterSpec.class);
        } catch (GeneralSecurityException e) {
            return null;
        }
    }

    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
        // Zyphos drives SSLEngines only; a socket-based caller gets the default certificate.
        int index = selector.index(null);
        return index >= 0 && fits(keyType, selector.keys().get(index).leaf().getPublicKey()) ? Integer.toString(index) : null;
    }

    @Override
    public X509Certificate[] getCertificateChain(String alias) {
        CertifiedKey key = byAlias(alias);
        return key == null ? null : key.chain().toArray(X509Certificate[]::new);
    }

    @Override
    public PrivateKey getPrivateKey(String alias) {
        CertifiedKey key = byAlias(alias);
        return key == null ? null : key.privateKey();
    }

    private CertifiedKey byAlias(String alias) {
        try {
            int index = Integer.parseInt(alias);
            return index >= 0 && index < selector.keys().size() ? selector.keys().get(index) : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    @Override
    public String[] getServerAliases(String keyType, Principal[] issuers) {
        return null;
    }

    @Override
    public String[] getClientAliases(String keyType, Principal[] issuers) {
        return null;
    }

    @Override
    public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
        return null;
    }
}
