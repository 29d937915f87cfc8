package io.zyphos.http2.interop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zyphos.server.Transport;
import io.zyphos.testing.ExternalProgram;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * curl speaks HTTP/2 to the server on every transport, the two clear-text ways: with prior
 * knowledge (the client preface first, RFC 9113 §3.3) and by upgrading an HTTP/1.1 request with
 * {@code Upgrade: h2c} (RFC 7540 §3.2), the request that asked answered on stream 1. The handlers
 * are the HTTP/1.1 ones, unchanged: the request tells them its version.
 */
class CurlHttp2Test {

    @TempDir
    static Path files;
    @TempDir
    Path scratch;

    @BeforeAll
    static void site() throws IOException {
        Files.write(files.resolve("big.bin"), H2Server.pattern(300));
    }


    @ParameterizedTest
    @EnumSource(Transport.class)
    void withPriorKnowledgeTheHandlerSeesHttp2(Transport transport) {
        try (H2Server server = H2Server.start(transport, files)) {
            ExternalProgram.Run run = ExternalProgram.curl("--http2-prior-knowledge", "-w", " %{http_version}", server.url("/version")).assertSucceeded();
            assertEquals("HTTP/2 2", run.stdout());
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void anHttp11RequestUpgradesWithH2cAndIsAnsweredOnStream1(Transport transport) {
        try (H2Server server = H2Server.start(transport, files)) {
            ExternalProgram.Run run = ExternalProgram.curl("--http2", "-v", "-w", " %{http_version}", server.url("/version"), server.url("/plaintext"))
                    .assertSucceeded();
            assertTrue(run.stderr().contains("101 Switching Protocols"), run.stderr());
            assertEquals("HTTP/2 2Hello, World! 2", run.stdout(), "the second request reuses the upgraded connection");
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void manyRequestsOnOneConnectionAreMultiplexed(Transport transport) {
        try (H2Server server = H2Server.start(transport, files)) {
            String[] args = new String[4 + 20];
            args[0] = "--http2-prior-knowledge";
            args[1] = "--parallel";
            args[2] = "--parallel-immediate";
            args[3] = "-v";
            for (int i = 0; i < 20; i++) {
                args[4 + i] = server.url("/plaintext");
            }
            ExternalProgram.Run run = ExternalProgram.curl(args).assertSucceeded();
            assertEquals("Hello, World!".repeat(20), run.stdout());
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void largeBodiesCrossTheFlowControlWindowsBothWays(Transport transport) throws IOException {
        try (H2Server server = H2Server.start(transport, files)) {
            // Larger than the 64 KiB initial window in both directions (RFC 9113 §6.9.2).
            byte[] upload = H2Server.pattern(700);
            Path in = Files.write(scratch.resolve("up.bin"), upload);
            Path out = scratch.resolve("echo.bin");
            ExternalProgram.curl("--http2-prior-knowledge", "--data-binary", "@" + in, "-o", out.toString(), server.url("/echo")).assertSucceeded();
            assertArrayEquals(upload, Files.readAllBytes(out));

            Path large = scratch.resolve("large.bin");
            ExternalProgram.curl("--http2-prior-knowledge", "-o", large.toString(), server.url("/large?kib=1024")).assertSucceeded();
            assertArrayEquals(H2Server.pattern(1024), Files.readAllBytes(large));
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aFileAndAStreamedBodyArriveWhole(Transport transport) throws IOException {
        try (H2Server server = H2Server.start(transport, files)) {
            Path file = scratch.resolve("big.bin");
            ExternalProgram.curl("--http2-prior-knowledge", "-o", file.toString(), server.url("/files/big.bin")).assertSucceeded();
            assertArrayEquals(H2Server.pattern(300), Files.readAllBytes(file));
            ExternalProgram.Run chunks = ExternalProgram.curl("--http2-prior-knowledge", server.url("/chunks?n=3")).assertSucceeded();
            assertEquals("chunk-0\nchunk-1\nchunk-2\n", chunks.stdout());
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void earlyHintsComeBeforeTheResponse(Transport transport) {
        try (H2Server server = H2Server.start(transport, files)) {
            ExternalProgram.Run run = ExternalProgram.curl("--http2-prior-knowledge", "-v", server.url("/early")).assertSucceeded();
            int hints = run.stderr().indexOf("< HTTP/2 103");
            int ok = run.stderr().indexOf("< HTTP/2 200");
            assertTrue(hints >= 0 && hints < ok, run.stderr());
            assertEquals("page", run.stdout());
        }
    }
}
