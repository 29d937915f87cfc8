package io.zyphos.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Random;

/**
 * The endpoints every server in the load harness serves alike, the demo and each peer: what
 * makes their figures comparable. One check, so the demo and the peers are held to the same one.
 */
public final class SharedEndpoints {

    private SharedEndpoints() {}

    /** {@code GET /plaintext}, {@code GET /json} and {@code POST /echo} (small and 1 MiB) at {@code base}. */
    public static void assertServed(HttpClient client, String base) throws IOException, InterruptedException {
        HttpResponse<String> plaintext = client.send(get(base + "/plaintext"), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, plaintext.statusCode());
        assertEquals("Hello, World!", plaintext.body());
        assertEquals("text/plain", plaintext.headers().firstValue("content-type").orElseThrow());
        assertTrue(plaintext.headers().firstValue("date").isPresent(), "RFC 9110 §6.6.1: an origin server sends Date");

        HttpResponse<String> json = client.send(get(base + "/json"), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, json.statusCode());
        assertEquals("{\"message\":\"Hello, World!\"}", json.body());
        assertEquals("application/json", json.headers().firstValue("content-type").orElseThrow());

        // Small bodies come back whole; one of 1 MiB is past the demo's aggregation limit and streams.
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
    }

    public static HttpRequest get(String uri) {
        return HttpRequest.newBuilder(URI.create(uri)).build();
    }
}
