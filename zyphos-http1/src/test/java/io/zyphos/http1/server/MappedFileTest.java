package io.zyphos.http1.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zyphos.http.Router;
import io.zyphos.http.files.StaticFiles;
import io.zyphos.http1.Http1Protocol;
import io.zyphos.server.Server;
import io.zyphos.server.Transport;
import io.zyphos.testing.LoopbackClient;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A file longer than what {@code StaticFiles} holds in memory is mapped and written from the
 * mapping, on every transport. The kernel reads the mapping as it sends, so a file cut short in
 * place while it is cached cuts its next response short: the connection closes before the
 * promised Content-Length (RFC 9112 §8: the client sees an incomplete message), and the server
 * goes on serving everyone else.
 */
class MappedFileTest {

    private static final int LENGTH = 1 << 20;

    @TempDir
    Path site;

    private Server server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private void start(Transport transport) throws IOException {
        // A clock that never moves: the entry stays fresh, so the file system is not asked again.
        StaticFiles files = StaticFiles.builder(site).maxCachedFileBytes(64 * 1024).clock(() -> 0L).build();
        Router router = Router.builder().get("/files/*", files).build();
        server = Server.builder().transport(transport).port(0).threads(1)
                .protocol(Http1Protocol.builder(router).build()).start();
    }

    /** Everything the server sent before it closed the connection, cleanly or with a reset. */
    private byte[] get(String target) throws IOException {
        try (LoopbackClient client = LoopbackClient.connect(server.localAddress())) {
            client.send("GET " + target + " HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n");
            InputStream in = client.socket().getInputStream();
            ByteArrayOutputStream received = new ByteArrayOutputStream();
            byte[] chunk = new byte[64 * 1024];
            try {
                for (int n; (n = in.read(chunk)) >= 0; ) {
                    received.write(chunk, 0, n);
                }
            } catch (SocketException reset) {
                // An aborted connection may end in a reset rather than a FIN: what came before counts.
            }
            return received.toByteArray();
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aMappedFileIsSentWhole(Transport transport) throws IOException {
        byte[] content = new byte[LENGTH];
        new Random(7).nextBytes(content);
        Files.write(site.resolve("big.bin"), content);
        start(transport);

        for (int i = 0; i < 3; i++) {
            try (LoopbackClient client = LoopbackClient.connect(server.localAddress())) {
                client.send("GET /files/big.bin HTTP/1.1\r\nHost: a\r\n\r\n");
                InputStream in = new BufferedInputStream(client.socket().getInputStream());
                WireResponse response = WireResponse.read(in, false);
                assertEquals(200, response.status());
                assertArrayEquals(content, response.body(), "request " + i);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aFileCutShortUnderItsMappingEndsTheResponseEarlyAndNothingElse(Transport transport) throws IOException {
        Path big = site.resolve("big.bin");
        Files.write(big, new byte[LENGTH]);
        Files.writeString(site.resolve("small.txt"), "still here");
        start(transport);
        assertTrue(get("/files/big.bin").length > LENGTH, "the first answer is whole, and maps the file");

        try (FileChannel ch = FileChannel.open(big, StandardOpenOption.WRITE)) {
            ch.truncate(0);
        }
        byte[] cut = get("/files/big.bin");
        String head = new String(cut, 0, Math.min(cut.length, 200), StandardCharsets.ISO_8859_1);
        assertTrue(cut.length < LENGTH, "the response ends before its Content-Length: " + cut.length + " bytes");
        assertTrue(cut.length == 0 || head.startsWith("HTTP/1.1 200"), head);

        String after = new String(get("/files/small.txt"), StandardCharsets.ISO_8859_1);
        assertTrue(after.startsWith("HTTP/1.1 200") && after.endsWith("still here"), after);
    }
}
