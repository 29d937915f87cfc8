package io.zyphos.server.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.zyphos.server.Connection;
import io.zyphos.server.Protocol;
import io.zyphos.server.ProtocolHandler;
import io.zyphos.server.Server;
import io.zyphos.server.Transport;
import io.zyphos.testing.ExternalProgram;
import io.zyphos.tls.SelfSignedCertificate;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * OpenSSL's {@code s_client}, a TLS stack that shares no code with the server's, against a Zyphos
 * server on every transport: it verifies the certificate the server chose for the SNI name it sent
 * (two names, two certificates, on one port: RFC 6066 §3), agrees on ALPN (the server's only id
 * among the two it offers), and reads a greeting the protocol wrote as soon as it was chosen, then
 * the server's close_notify.
 */
class OpenSslServerTest {

    private static final SelfSignedCertificate A = SelfSignedCertificate.generate(List.of("a.example"));
    private static final SelfSignedCertificate B = SelfSignedCertificate.generate(List.of("b.example"));

    @TempDir
    Path dir;

    static List<Object[]> transportsAndVersions() {
        return TlsServerTest.transportsAndVersions().stream().map(a -> a.get()).toList();
    }

    /** Greets with what it learnt from the handshake, before any byte is read, then closes. */
    private static final Protocol GREETER = new Protocol() {
        @Override
        public String name() {
            return "greeter";
        }

        @Override
        public List<String> applicationProtocols() {
            return List.of("x-greeting");
        }

        @Override
        public Detection detect(ByteBuf prefix) {
            return Detection.MATCH;
        }

        @Override
        public ProtocolHandler newHandler(Connection c) {
            TlsServers.write(c, "greeting " + TlsServers.describe(c) + "\n");
            c.close();
            return (in, nowNanos) -> in.skipBytes(in.readableBytes());
        }
    };

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("transportsAndVersions")
    void sClientVerifiesTheCertificateForEachSniNameAndAgreesOnAlpn(Transport transport, String version) throws Exception {
        ExternalProgram.require("openssl", "openssl");
        Path aPem = A.writePem(java.nio.file.Files.createDirectories(dir.resolve("a"))).certificate();
        Path bPem = B.writePem(java.nio.file.Files.createDirectories(dir.resolve("b"))).certificate();
        String flag = version.equals("TLSv1.3") ? "-tls1_3" : "-tls1_2";
        String shortName = version.equals("TLSv1.3") ? "TLS_1_3" : "TLS_1_2";
        try (Server server = Server.builder().transport(transport)
                .tls(TlsServers.config()
                        .certificate("a.example", A.certifiedKey())
                        .certificate("b.example", B.certifiedKey())
                        .build())
                .protocol(GREETER).start()) {
            for (var name : List.of(List.of("a.example", aPem.toString()), List.of("b.example", bPem.toString()))) {
                List<String> command = new ArrayList<>(List.of("openssl", "s_client", "-connect", "127.0.0.1:" + server.port(),
                        flag, "-servername", name.get(0), "-alpn", "h2,x-greeting",
                        "-CAfile", name.get(1), "-verify_return_error", "-ign_eof"));
                ExternalProgram.Run run = ExternalProgram.run(command);
                assertEquals(0, run.exitCode(), run.all());
                assertTrue(run.stdout().contains("greeting " + shortName + " alpn=x-greeting sni=" + name.get(0)), run.all());
                assertTrue(run.stdout().contains("ALPN protocol: x-greeting"), run.all());
                assertTrue(run.stdout().contains("Verify return code: 0 (ok)"), run.all());
            }
        }
    }
}
