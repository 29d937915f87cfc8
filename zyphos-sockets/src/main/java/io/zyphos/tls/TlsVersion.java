package io.zyphos.tls;

/**
 * The TLS versions a server may speak: 1.3 (RFC 8446) and 1.2 (RFC 5246). Older versions are
 * deprecated by RFC 8996 and are never enabled: a client offering only TLS 1.1 is refused with a
 * {@code protocol_version} alert.
 */
public enum TlsVersion {
    TLS_1_3("TLSv1.3"),
    TLS_1_2("TLSv1.2");

    private final String jsseName;

    TlsVersion(String jsseName) {
        this.jsseName = jsseName;
    }

    /** The name JSSE uses, as in {@code SSLSession.getProtocol()}: {@code "TLSv1.3"}. */
    public String jsseName() {
        return jsseName;
    }

    /** The version JSSE calls {@code name}, or {@code null} for any other. */
    static TlsVersion ofJsseName(String name) {
        for (TlsVersion v : values()) {
            if (v.jsseName.equals(name)) {
                return v;
            }
        }
        return null;
    }
}
