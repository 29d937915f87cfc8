package io.zyphos.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zyphos.testing.ExternalProgram;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * curl (on OpenSSL) fetching over HTTPS from the engine on a loopback socket, trusting only the
 * self-signed certificate it is handed with {@code --cacert}: the certificate
 * {@link SelfSignedCertificate} makes for localhost verifies in a client nobody here wrote.
 */
class CurlClientTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(TlsProvider.class)
    void curlTrustsTheSelfSignedCertificateItIsGiven(TlsProvider provider) throws Exception {
        ExternalProgram.require("curl", "curl");
        SelfSignedCertificate self = SelfSignedCertificate.generate();
        Path cert = self.writePem(dir).certificate();
        TlsConfig config = TlsConfig.builder().provider(provider).certificate(self.certifiedKey())
                .applicationProtocols("http/1.1").build();
        String body = "hello over TLS";
        try (LoopbackTlsServer server = LoopbackTlsServer.start(config, (engine, received) -> received.contains("\r\n\r\n")
                ? "HTTP/1.1 200 OK\r\ncontent-length: " + body.length() + "\r\nconnection: close\r\n\r\n" + body
                : null)) {
            ExternalProgram.Run run = ExternalProgram.run(List.of("curl", "-sS", "--cacert", cert.toString(),
                    "-w", "\n%{http_version} %{ssl_verify_result}", "https://localhost:" + server.port() + "/"));
            assertEquals(0, run.exitCode(), run.all());
            assertEquals(body + "\n1.1 0", run.stdout(), "body, HTTP/1.1 by ALPN, certificate verified");
            assertEquals("localhost", server.sessions().getFirst().sniHostName(), "curl sends the host name as SNI");
            assertTrue(server.failures().isEmpty(), server.failures().toString());
        }
    }
}
