package io.zyphos.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.Random;
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

            HttpResponse<String> index = client.send(HttpRequest.newBuilder(URI.create(base + "/")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, index.statusCode());
            assertTrue(index.body().contains("/plaintext") && index.body().contains("/metrics"), "the index lists the endpoints");

            HttpResponse<String> plaintext = client.send(HttpRequest.newBuilder(URI.create(base + "/plaintext")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals("Hello, World!", plaintext.body());
            assertEquals("text/plain", plaintext.headers().firstValue("content-type").orElseThrow());

            HttpResponse<String> json = client.send(HttpRequest.newBuilder(URI.create(base + "/json")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals("{\"message\":\"Hello, World!\"}", json.body());
            assertEquals("application/json", json.headers().firstValue("content-type").orElseThrow());

            // Small bodies come back whole; one past the aggregation limit streams through.
            for (int size : new int[] {5, 1 << 20}) {
                byte[] body = new byte[size];
                new Random(size).nextBytes(body);
                HttpResponse<byte[]> echo = client.send(HttpRequest.newBuilder(URI.create(base + "/echo"))
                        .header("Content-Type", "application/x-test")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofByteArray());
                assertEquals(200, echo.statusCode());
                assertEquals("application/x-test", echo.headers().firstValue("content-type").orElseThrow());
                assertArrayEquals(body, echo.body());
            }

            HttpResponse<String> file = client.send(HttpRequest.newBuilder(URI.create(base + "/files/hello.txt")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals("Hello from a file.\n", file.body());
            assertTrue(file.headers().firstValue("etag").isPresent());

            HttpResponse<String> metrics = client.send(HttpRequest.newBuilder(URI.create(base + "/metrics")).build(), HttpResponse.BodyHandlers.ofString());
            assertTrue(metrics.body().contains("zyphos_http1_requests_total"), metrics.body());
            assertTrue(metrics.body().contains("zyphos_connections_accepted_total"), metrics.body());
        }
        assertTrue(Files.notExists(demo.root()), "the extracted site is deleted at close");
    }
}
