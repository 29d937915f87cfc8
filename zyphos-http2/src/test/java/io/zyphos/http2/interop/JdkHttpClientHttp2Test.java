package io.zyphos.http2.interop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.zyphos.server.Transport;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The JDK's {@link HttpClient} asked for HTTP/2 on an {@code http} URI upgrades its first request
 * with {@code h2c} (RFC 7540 §3.2) and sends the rest as streams of the same connection, at once.
 */
class JdkHttpClientHttp2Test {

    @TempDir
    static Path files;

    @ParameterizedTest
    @EnumSource(Transport.class)
    void theFirstRequestUpgradesAndTheRestAreConcurrentStreams(Transport transport) throws Exception {
        try (H2Server server = H2Server.start(transport, files);
                HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).build()) {
            HttpResponse<String> first = client.send(HttpRequest.newBuilder(URI.create(server.url("/version"))).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(HttpClient.Version.HTTP_2, first.version());
            assertEquals("HTTP/2", first.body());

            List<CompletableFuture<HttpResponse<byte[]>>> many = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                many.add(client.sendAsync(HttpRequest.newBuilder(URI.create(server.url("/large?kib=" + (i + 1)))).build(),
                        HttpResponse.BodyHandlers.ofByteArray()));
            }
            for (int i = 0; i < many.size(); i++) {
                HttpResponse<byte[]> r = many.get(i).join();
                assertEquals(HttpClient.Version.HTTP_2, r.version());
                assertArrayEquals(H2Server.pattern(i + 1), r.body(), "response " + i);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aPostWithABodyUpgradesToo(Transport transport) throws Exception {
        try (H2Server server = H2Server.start(transport, files);
                HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).build()) {
            byte[] body = H2Server.pattern(3);
            HttpResponse<byte[]> r = client.send(HttpRequest.newBuilder(URI.create(server.url("/echo")))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofByteArray());
            assertEquals(200, r.statusCode());
            assertArrayEquals(body, r.body());
        }
    }
}
