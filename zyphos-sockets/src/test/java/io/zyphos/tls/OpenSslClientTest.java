package io.zyphos.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zyphos.testing.ExternalProgram;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * OpenSSL's {@code s_client}, a TLS stack that shares no code with either JSSE provider, against
 * the engine on a loopback socket: it verifies the certificate for the SNI name it sends, agrees
 * on ALPN, and with {@code -sess_out}/{@code -sess_in} shows whether a second connection resumed
 * ("Reused") or not ("New").
 *
 * <p>What resumes here is less than with a JDK client ({@link ResumptionTest}), and this lesson
 * pins it down: BCJSSE resumes TLS 1.2 by session ID, and sends no TLS 1.3 ticket at all (s_client
 * then writes no session file). SunJSSE sends tickets in both versions, but resumes neither for
 * s_client: in TLS 1.2 s_client presents the ticket with an empty session ID, and SunJSSE's
 * session restored from it is then "not rejoinable" (its debug log says so); in TLS 1.3 it reads
 * the PSK offer and declines it without saying why. The server's own {@code resumed} flag agrees
 * with s_client every time.
 */
class OpenSslClientTest {

    private static final SelfSignedCertificate A_EXAMPLE = SelfSignedCertificate.generate(List.of("a.example"));

    @TempDir
    Path dir;

    private static LoopbackTlsServer server(TlsProvider provider) {
        TlsConfig config = HandshakeTest.config(provider)
                .certificate("a.example", A_EXAMPLE.certifiedKey())
                .applicationProtocols("h2", "http/1.1")
                .build();
        return LoopbackTlsServer.start(config, (engine, received) ->
                "hello " + engine.applicationProtocol() + " " + engine.sniHostName() + "\n");
    }

    private ExternalProgram.Run sClient(int port, String version, String... more) throws Exception {
        ExternalProgram.require("openssl", "openssl");
        Path ca = dir.resolve("cert.pem");
        if (!ca.toFile().exists()) {
            A_EXAMPLE.writePem(dir);
        }
        List<String> command = new ArrayList<>(List.of("openssl", "s_client", "-connect", "127.0.0.1:" + port,
                "-" + version, "-alpn", "h2,http/1.1", "-servername", "a.example",
                "-CAfile", ca.toString(), "-verify_return_error", "-ign_eof"));
        command.addAll(List.of(more));
        return ExternalProgram.run(command);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("io.zyphos.tls.HandshakeTest#providersAndVersions")
    void sClientVerifiesTheSniCertificateAgreesOnH2AndResumesWhereTheProviderCan(TlsProvider provider, String version) throws Exception {
        String flag = version.equals("TLSv1.3") ? "tls1_3" : "tls1_2";
        Path session = dir.resolve("session.pem");
        try (LoopbackTlsServer server = server(provider)) {
            ExternalProgram.Run first = sClient(server.port(), flag, "-sess_out", session.toString());
            assertTrue(first.stdout().contains("hello h2 a.example"), first.all());
            assertTrue(first.stdout().contains("New, " + version), first.all());
            assertTrue(first.stdout().contains("ALPN protocol: h2"), first.all());
            assertTrue(first.stdout().contains("Verify return code: 0 (ok)"), first.all());

            boolean resumes = provider == TlsProvider.BOUNCY_CASTLE && version.equals("TLSv1.2");
            if (Files.exists(session)) {
                ExternalProgram.Run second = sClient(server.port(), flag, "-sess_in", session.toString());
                assertTrue(second.stdout().contains((resumes ? "Reused, " : "New, ") + version), second.all());
                assertEquals(List.of(false, resumes), server.sessions().stream().map(TlsSessionInfo::resumed).toList());
            } else {
                assertEquals(TlsProvider.BOUNCY_CASTLE, provider, "only BCJSSE's TLS 1.3 sends no ticket to save");
                assertEquals("TLSv1.3", version);
            }
            assertEquals(List.of(), server.failures());
        }
    }
}
