package io.zyphos.server.tls;

import io.netty.buffer.ByteBuf;
import io.netty.util.ByteProcessor;
import io.zyphos.server.Connection;
import io.zyphos.server.Protocol;
import io.zyphos.server.ProtocolHandler;
import io.zyphos.tls.SelfSignedCertificate;
import io.zyphos.tls.TlsConfig;
import io.zyphos.tls.TlsSessionInfo;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.BiConsumer;

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

    /**
     * A protocol with ALPN ids that matches any first bytes, and hands each LF-terminated line to
     * {@code script}; a partial line is left unread for the transport to present again.
     */
    record Lines(String name, List<String> applicationProtocols, BiConsumer<Connection, String> script) implements Protocol {

        @Override
        public Detection detect(ByteBuf prefix) {
            return Detection.MATCH;
        }

        @Override
        public ProtocolHandler newHandler(Connection connection) {
            return (in, nowNanos) -> {
                int lf;
                while (connection.state() != io.zyphos.server.ConnectionState.CLOSED
                        && (lf = in.forEachByte(ByteProcessor.FIND_LF)) >= 0) {
                    String line = in.toString(in.readerIndex(), lf - in.readerIndex(), StandardCharsets.ISO_8859_1);
                    in.readerIndex(lf + 1);
                    script.accept(connection, line);
                }
            };
        }
    }
}
