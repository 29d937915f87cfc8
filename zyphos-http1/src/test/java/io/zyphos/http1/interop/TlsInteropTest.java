package io.zyphos.http1.interop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.zyphos.http.HttpHandler;
import io.zyphos.http.HttpRequest;
import io.zyphos.http.HttpResponse;
import io.zyphos.http.RequestBody;
import io.zyphos.http.Router;
import io.zyphos.http.Status;
import io.zyphos.http.files.StaticFiles;
import io.zyphos.http1.Http1Protocol;
import io.zyphos.server.Server;
import io.zyphos.server.Transport;
import io.zyphos.testing.ExternalProgram;
import io.zyphos.testing.TlsClients;
import io.zyphos.tls.SelfSignedCertificate;
import io.zyphos.tls.TlsConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import javax.net.ssl.HttpsURLConnection;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * HTTP/1.1 over TLS (RFC 9110 §4.2.2, "https"), with nothing in the HTTP/1.1 engine knowing: the
 * server's TLS layer decrypts before the engine reads and encrypts what it writes, and ALPN agrees
 * on {@code http/1.1} (RFC 7301 §6) when the client offers ALPN. curl (on OpenSSL) and the JDK's
 * {@code HttpsURLConnection} trust only
 * the self-signed certificate they are given; a static file, which in clear goes out by sendfile,
 * goes out through the TLS layer's file path, byte for byte.
 */
class TlsInteropTest {

    private static final SelfSignedCertificate CERTIFICATE = SelfSignedCertificate.generate();

    @TempDir
    static Path files;
    @TempDir
    Path scratch;

    private static byte[] large;

    @BeforeAll
    static void site() throws IOException {
        large = new byte[3 << 20];
        new Random(5).nextBytes(large);
        Files.write(files.resolve("large.bin"), large);
    }

    private static Server start(Transport transport) throws IOException {
        Router routes = Router.builder()
                .get("/plaintext", HttpHandler.nonBlocking(r -> HttpResponse.text(Status.OK, "Hello, World!")))
                .post("/echo", HttpHandler.nonBlocking(TlsInteropTest::echo))
                .get("/files/*", StaticFiles.builder(files).build())
                .build();
        return Server.builder().transport(transport).threads(1)
                .tls(TlsConfig.builder().certificate(CERTIFICATE.certifiedKey()).build())
                .protocol(Http1Protocol.builder(routes).build())
                .start();
    }

    private static HttpResponse echo(HttpRequest request) {
        if (request.body() instanceof RequestBody.Full(ByteBuf content)) {
            return HttpResponse.builder(Status.OK).body(content.retainedSlice()).build();
        }
        return HttpResponse.of(Status.BAD_REQUEST);
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void curlFetchesOverTlsOnOneConnectionAndAFileArrivesWhole(Transport transport) throws Exception {
        ExternalProgram.require("curl", "curl");
        Path ca = CERTIFICATE.writePem(scratch).certificate();
        Path download = scratch.resolve("large.bin");
        try (Server server = start(transport)) {
            String base = "https://localhost:" + server.port();
            ExternalProgram.Run run = ExternalProgram.run("curl", "-sS", "-v", "--cacert", ca.toString(),
                    "-w", "\n%{http_version} %{ssl_verify_result}\n",
                    "-o", download.toString(), base + "/files/large.bin", base + "/plaintext", base + "/plaintext").assertSucceeded();
            // -o takes the first URL; each transfer then writes its HTTP version and verify result.
            assertEquals("\n1.1 0\nHello, World!\n1.1 0\nHello, World!\n1.1 0\n", run.stdout());
            assertTrue(run.stderr().contains("ALPN: server accepted http/1.1"), run.stderr());
            assertTrue(run.stderr().contains("Re-using existing connection"), run.stderr());
            assertEquals(1, server.metrics().snapshot().get("zyphos_tls_handshakes_total"));
        }
        assertArrayEquals(large, Files.readAllBytes(download), "the file, encrypted a piece at a time, arrives whole");
    }

    /**
     * The JDK's {@code HttpsURLConnection} (in {@code java.base}; {@code java.net.http} is not
     * readable from this module's tests) sends no ALPN at all: the server then chooses HTTP/1.1
     * by sniffing the request line, as it does in clear.
     */
    @ParameterizedTest
    @EnumSource(Transport.class)
    void theJdkClientWithoutAlpnIsServedBySniffingAndGetsItsBodyBack(Transport transport) throws Exception {
        byte[] body = new byte[200_000];
        new Random(9).nextBytes(body);
        try (Server server = start(transport)) {
            URL url = URI.create("https://localhost:" + server.port() + "/echo").toURL();
            HttpsURLConnection connection = (HttpsURLConnection) url.openConnection();
            connection.setSSLSocketFactory(TlsClients.trusting(CERTIFICATE.certificate()).getSocketFactory());
            connection.setDoOutput(true);
            connection.setFixedLengthStreamingMode(body.length);
            try (OutputStream out = connection.getOutputStream()) {
                out.write(body);
            }
            assertEquals(200, connection.getResponseCode());
            try (InputStream in = connection.getInputStream()) {
                assertArrayEquals(body, in.readAllBytes());
            }
            assertEquals(0, server.metrics().snapshot().get("zyphos_unknown_protocol_total"));
            connection.disconnect();
        }
    }
}
