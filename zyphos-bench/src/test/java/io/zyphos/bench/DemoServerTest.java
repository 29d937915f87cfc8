package io.zyphos.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zyphos.testing.ProcNetTcp;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The demo server as a newcomer meets it: every endpoint the README lists answers as it says, on
 * every transport, and closing it removes the site it extracted.
 */
class DemoServerTest {

    @ParameterizedTest
    @ValueSource(strings = {"nio", "platform", "virtual"})
    void everyEndpointAnswers(String transport) throws Exception {
        DemoServer.Running demo = DemoServer.start(new String[] {"--port", "0", "--threads", "1", "--transport", transport});
        try (demo; HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
            String base = "http://127.0.0.1:" + demo.server().port();

            HttpResponse<String> index = client.send(SharedEndpoints.get(base + "/"), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, index.statusCode());
            assertTrue(index.body().contains("/plaintext") && index.body().contains("/metrics"), "the index lists the endpoints");

            SharedEndpoints.assertServed(client, base);

            HttpResponse<String> file = client.send(SharedEndpoints.get(base + "/files/hello.txt"), HttpResponse.BodyHandlers.ofString());
            assertEquals("Hello from a file.\n", file.body());
            assertTrue(file.headers().firstValue("etag").isPresent());

            HttpResponse<String> metrics = client.send(SharedEndpoints.get(base + "/metrics"), HttpResponse.BodyHandlers.ofString());
            assertTrue(metrics.body().contains("zyphos_http1_requests_total"), metrics.body());
            assertTrue(metrics.body().contains("zyphos_connections_accepted_total"), metrics.body());
        }
        assertTrue(Files.notExists(demo.root()), "the extracted site is deleted at close");
    }

    @Test
    void accessLogWritesACombinedLinePerRequest(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("access.log");
        DemoServer.Running demo = DemoServer.start(new String[] {"--port", "0", "--threads", "1", "--access-log", file.toString()});
        try (demo; HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
            String base = "http://127.0.0.1:" + demo.server().port();
            client.send(SharedEndpoints.get(base + "/plaintext"), HttpResponse.BodyHandlers.ofString());
            client.send(SharedEndpoints.get(base + "/nowhere"), HttpResponse.BodyHandlers.ofString());
        }
        List<String> lines = Files.readAllLines(file);
        assertEquals(2, lines.size(), String.join("\n", lines));
        assertTrue(lines.get(0).matches("127\\.0\\.0\\.1 - - \\[[^]]+\\] \"GET /plaintext HTTP/1\\.1\" 200 13 \"-\" \"Java-http-client/.*\""),
                lines.get(0));
        assertTrue(lines.get(1).contains("\"GET /nowhere HTTP/1.1\" 404 "), lines.get(1));
    }

    @Test
    void acceptReusePortGivesEveryLoopItsOwnListener() throws Exception {
        try (DemoServer.Running demo = DemoServer.start(new String[] {"--port", "0", "--threads", "3", "--accept", "reuse-port"})) {
            assertEquals(3, ProcNetTcp.listeningOn(demo.server().port()).size());
            assertTrue(demo.banner().contains("(nio, 3 threads, reuse-port accept)"), demo.banner());
        }
        try (DemoServer.Running demo = DemoServer.start(new String[] {"--port", "0", "--threads", "3"})) {
            assertEquals(1, ProcNetTcp.listeningOn(demo.server().port()).size(), "round-robin by default");
        }
    }

    @Test
    void acceptIsRefusedOnTheThreadPerConnectionTransports() {
        UsageException e = assertThrows(UsageException.class,
                () -> DemoServer.start(new String[] {"--port", "0", "--transport", "platform", "--accept", "reuse-port"}));
        assertTrue(e.getMessage().contains("--accept"), e.getMessage());
    }
}
