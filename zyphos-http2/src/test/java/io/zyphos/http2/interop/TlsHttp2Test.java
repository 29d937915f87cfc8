package io.zyphos.http2.interop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zyphos.server.Transport;
import io.zyphos.testing.ExternalProgram;
import io.zyphos.tls.SelfSignedCertificate;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.KeyStore;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Over TLS the client names the protocol in the handshake (ALPN, RFC 7301), and one port serves
 * both: {@code h2} for a client that offers it, {@code http/1.1} for one that offers only that
 * (RFC 9113 §3.2). {@code h2c} is never taken over TLS: it names HTTP/2 in clear text.
 */
class TlsHttp2Test {

    private static final SelfSignedCertificate LOCALHOST = SelfSignedCertificate.generate();

    @TempDir
    static Path files;
    @TempDir
    static Path pem;
    private static Path certificate;

    @BeforeAll
    static void writeCertificate() throws IOException {
        certificate = LOCALHOST.writePem(pem).certificate();
    }

    /** curl trusting the test's certificate. */
    private static ExternalProgram.Run curl(String... args) {
        String[] trusting = new String[args.length + 2];
        trusting[0] = "--cacert";
        trusting[1] = certificate.toString();
        System.arraycopy(args, 0, trusting, 2, args.length);
        return ExternalProgram.curl(trusting);
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void alpnChoosesH2OrHttp11OnOnePort(Transport transport) {
        try (H2Server server = H2Server.startTls(transport, files, LOCALHOST)) {
            assertEquals("HTTP/2 2", curl("--http2", "-w", " %{http_version}", server.httpsUrl("/version")).assertSucceeded().stdout());
            assertEquals("HTTP/1.1 1.1", curl("--http1.1", "-w", " %{http_version}", server.httpsUrl("/version")).assertSucceeded().stdout());
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void largeBodiesAndFilesGoThroughTlsRecords(Transport transport) throws IOException {
        try (H2Server server = H2Server.startTls(transport, files, LOCALHOST)) {
            Path large = pem.resolve("large-" + transport + ".bin");
            curl("--http2", "-o", large.toString(), server.httpsUrl("/large?kib=512")).assertSucceeded();
            assertArrayEquals(H2Server.pattern(512), java.nio.file.Files.readAllBytes(large));
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void opensslSeesH2Negotiated(Transport transport) {
        ExternalProgram.require("openssl", "openssl");
        try (H2Server server = H2Server.startTls(transport, files, LOCALHOST)) {
            ExternalProgram.Run run = ExternalProgram.run("sh", "-c", "openssl s_client -connect 127.0.0.1:" + server.port()
                    + " -alpn h2,http/1.1 -servername localhost -CAfile " + certificate + " </dev/null");
            assertTrue(run.stdout().contains("ALPN protocol: h2"), run.all());
            assertTrue(run.stdout().contains("Verify return code: 0 (ok)"), run.all());
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void theJdkClientSpeaksH2OverTls(Transport transport) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("localhost", LOCALHOST.certificate());
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, tmf.getTrustManagers(), null);
        try (H2Server server = H2Server.startTls(transport, files, LOCALHOST);
                HttpClient client = HttpClient.newBuilder().sslContext(context).version(HttpClient.Version.HTTP_2).build()) {
            HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(server.httpsUrl("/version"))).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(HttpClient.Version.HTTP_2, r.version());
            assertEquals("HTTP/2", r.body());
        }
    }
}
