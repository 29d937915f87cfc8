package io.zyphos.server.tls;

import io.zyphos.server.Connection;
import io.zyphos.tls.SelfSignedCertificate;
import io.zyphos.tls.TlsConfig;
import io.zyphos.tls.TlsSessionInfo;
import java.nio.charset.StandardCharsets;

/** What the lessons on TLS in the server share: a certificate for localhost, and small protocols. */
final class TlsServers {

    /** One certificate for the whole run: making one costs a key pair. */
    static final SelfSignedCertificate LOCALHOST = SelfSignedCertificate.generate();

    private TlsServers() {}

    static TlsConfig.Builder config() {
        return TlsConfig.builder().certificate(LOCALHOST.certifiedKey());
    }

    static void write(Connection c, String text) {
        c.writeAndFlush(c.alloc().buffer().writeBytes(text.getBytes(StandardCharsets.ISO_8859_1)));
    }

    /** What {@link Connection#tls()} says, on one line: version, ALPN, SNI. */
    static String describe(Connection c) {
        TlsSessionInfo s = c.tls().orElseThrow();
        return s.version() + " alpn=" + s.applicationProtocol() + " sni=" + s.sniHostName();
    }
}
