package io.zyphos.http1.interop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zyphos.server.Transport;
import io.zyphos.testing.ExternalProgram;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * curl, the client everyone has, against the server on each transport: a connection reused for
 * a second request (RFC 9112 §9.3), a chunked upload (§7.1), {@code Expect: 100-continue} (RFC 9110
 * §10.1.1), HTTP/1.0, HEAD, 404 and 405, byte ranges (RFC 9110 §14) and revalidation with ETags and
 * dates ending in 304 (RFC 9110 §13).
 */
class CurlInteropTest {

    @TempDir
    static Path files;
    @TempDir
    Path scratch;

    private static final String HELLO = "Hello from a file, twenty-nine\n";

    @BeforeAll
    static void site() throws IOException {
        Files.writeString(files.resolve("hello.txt"), HELLO);
    }


    @ParameterizedTest
    @EnumSource(Transport.class)
    void secondRequestReusesTheConnection(Transport transport) {
        try (InteropServer server = InteropServer.start(transport, files)) {
            ExternalProgram.Run run = ExternalProgram.curl("-v", server.url("/plaintext"), server.url("/plaintext")).assertSucceeded();
            assertEquals("Hello, World!Hello, World!", run.stdout());
            assertTrue(run.stderr().contains("Re-using existing connection"), run.stderr());
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void chunkedUploadIsEchoedByteForByte(Transport transport) throws IOException {
        byte[] body = new byte[3 << 20];
        new Random(7).nextBytes(body);
        Path upload = Files.write(scratch.resolve("upload.bin"), body);
        Path download = scratch.resolve("download.bin");
        try (InteropServer server = InteropServer.start(transport, files)) {
            ExternalProgram.curl("-H", "Transfer-Encoding: chunked", "-H", "Content-Type: application/octet-stream",
                    "--data-binary", "@" + upload, "-o", download.toString(), server.url("/echo")).assertSucceeded();
        }
        assertArrayEquals(body, Files.readAllBytes(download));
    }

    @Test
    void aClientExpecting100ContinueIsToldToSendTheBody() throws IOException {
        byte[] body = new byte[1 << 20];
        new Random(11).nextBytes(body);
        Path upload = Files.write(scratch.resolve("upload.bin"), body);
        Path download = scratch.resolve("download.bin");
        try (InteropServer server = InteropServer.start(Transport.NIO, files)) {
            ExternalProgram.Run run = ExternalProgram.curl("-v", "-H", "Expect: 100-continue", "--data-binary", "@" + upload,
                    "-o", download.toString(), server.url("/echo")).assertSucceeded();
            assertTrue(run.stderr().contains("< HTTP/1.1 100 Continue"),
                    "curl went ahead on the server's word, not after its own wait: " + run.stderr());
        }
        assertArrayEquals(body, Files.readAllBytes(download));
    }

    /**
     * RFC 9110 §10.1.1: a server that will not read the body answers with the final status
     * instead of 100 Continue, and the client never sends it. A streamed body is wanted only when
     * the handler first demands it; the 404 handler never does.
     */
    @Test
    void anUnwantedBodyGetsTheFinalAnswerInsteadOfContinue() throws IOException {
        Path upload = Files.write(scratch.resolve("unwanted.bin"), new byte[2 << 20]);
        try (InteropServer server = InteropServer.start(Transport.NIO, files)) {
            ExternalProgram.Run run = ExternalProgram.curl("-v", "-H", "Expect: 100-continue", "--data-binary", "@" + upload,
                    "-o", "/dev/null", "-w", "%{http_code}", server.url("/nowhere")).assertSucceeded();
            assertEquals("404", run.stdout());
            assertTrue(!run.stderr().contains("100 Continue"), run.stderr());
            assertTrue(!run.stderr().contains("Done waiting for 100-continue"), "answered before curl gave up waiting");
        }
    }

    @Test
    void http10HeadNotFoundAndMethodNotAllowed() {
        try (InteropServer server = InteropServer.start(Transport.NIO, files)) {
            ExternalProgram.Run http10 = ExternalProgram.curl("-0", "-i", server.url("/plaintext")).assertSucceeded();
            assertTrue(http10.stdout().startsWith("HTTP/1.1 200 OK\r\n"), "RFC 9110 §2.5: the server's own version");
            assertTrue(http10.stdout().contains("connection: close\r\n"), http10.stdout());
            assertTrue(http10.stdout().endsWith("\r\n\r\nHello, World!"));

            ExternalProgram.Run head = ExternalProgram.curl("-I", server.url("/files/hello.txt")).assertSucceeded();
            assertTrue(head.stdout().contains("content-length: " + HELLO.length() + "\r\n"), head.stdout());
            assertTrue(head.stdout().endsWith("\r\n\r\n"), "no body after a HEAD response");

            assertEquals("404", ExternalProgram.curl("-o", "/dev/null", "-w", "%{http_code}", server.url("/nowhere")).assertSucceeded().stdout());
            ExternalProgram.Run notAllowed = ExternalProgram.curl("-i", "-X", "DELETE", server.url("/plaintext")).assertSucceeded();
            assertTrue(notAllowed.stdout().startsWith("HTTP/1.1 405 "), notAllowed.stdout());
            assertTrue(notAllowed.stdout().contains("allow: GET, HEAD, OPTIONS\r\n"), notAllowed.stdout());
        }
    }

    @Test
    void rangesSingleAndMultiple() {
        try (InteropServer server = InteropServer.start(Transport.NIO, files)) {
            ExternalProgram.Run single = ExternalProgram.curl("-i", "-r", "0-4", server.url("/files/hello.txt")).assertSucceeded();
            assertTrue(single.stdout().startsWith("HTTP/1.1 206 Partial Content\r\n"), single.stdout());
            assertTrue(single.stdout().contains("content-range: bytes 0-4/" + HELLO.length() + "\r\n"), single.stdout());
            assertTrue(single.stdout().endsWith("\r\n\r\nHello"));

            ExternalProgram.Run multi = ExternalProgram.curl("-i", "-r", "0-4,6-9", server.url("/files/hello.txt")).assertSucceeded();
            assertTrue(multi.stdout().contains("content-type: multipart/byteranges; boundary="), multi.stdout());
            assertTrue(multi.stdout().contains("Content-Range: bytes 0-4/" + HELLO.length() + "\r\n\r\nHello\r\n"), multi.stdout());
            assertTrue(multi.stdout().contains("Content-Range: bytes 6-9/" + HELLO.length() + "\r\n\r\nfrom\r\n"), multi.stdout());

            ExternalProgram.Run unsatisfiable = ExternalProgram.curl("-i", "-r", "100-200", server.url("/files/hello.txt")).assertSucceeded();
            assertTrue(unsatisfiable.stdout().startsWith("HTTP/1.1 416 "), unsatisfiable.stdout());
            assertTrue(unsatisfiable.stdout().contains("content-range: bytes */" + HELLO.length() + "\r\n"));
        }
    }

    @Test
    void revalidationByEtagAndByDateEndsIn304() throws IOException {
        Path etags = scratch.resolve("etag");
        Path copy = scratch.resolve("hello.txt");
        try (InteropServer server = InteropServer.start(Transport.NIO, files)) {
            assertEquals("200", ExternalProgram.curl("--etag-save", etags.toString(), "-o", copy.toString(), "-w", "%{http_code}",
                    server.url("/files/hello.txt")).assertSucceeded().stdout());
            assertEquals(HELLO, Files.readString(copy, StandardCharsets.UTF_8));
            assertEquals("304", ExternalProgram.curl("--etag-compare", etags.toString(), "-o", "/dev/null", "-w", "%{http_code}",
                    server.url("/files/hello.txt")).assertSucceeded().stdout(), "If-None-Match with the saved ETag");

            // -z sends If-Modified-Since with the local copy's time, set here to the file's own.
            Files.setLastModifiedTime(copy, Files.getLastModifiedTime(files.resolve("hello.txt")));
            assertEquals("304", ExternalProgram.curl("-z", copy.toString(), "-o", "/dev/null", "-w", "%{http_code}",
                    server.url("/files/hello.txt")).assertSucceeded().stdout(), "If-Modified-Since the file's date");
        }
    }
}
