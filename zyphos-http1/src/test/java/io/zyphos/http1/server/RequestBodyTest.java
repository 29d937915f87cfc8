package io.zyphos.http1.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.Unpooled;
import io.zyphos.http.HttpException;
import io.zyphos.http.HttpHandler;
import io.zyphos.http.HttpRequest;
import io.zyphos.http.HttpResponse;
import io.zyphos.http.Method;
import io.zyphos.http.Router;
import io.zyphos.http.Status;
import io.zyphos.http1.Http1Protocol;
import io.zyphos.server.Server;
import io.zyphos.server.Transport;
import io.zyphos.testing.LoopbackClient;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletionException;
import java.util.zip.CRC32;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Reading a request body in one line, whatever its size and framing (RFC 9112 §6.2
 * Content-Length, §7.1 chunked): below the engine's aggregation limit it arrives whole, above it
 * streams, and the helpers of HttpRequest hide the difference. Past the handler's own limit the
 * answer is 413 Content Too Large (RFC 9110 §15.5.14).
 */
class RequestBodyTest {

    /** The engine's aggregation limit in these tests: bodies above it stream. */
    private static final int AGGREGATE = 1024;
    private static final int MAX = 64 * 1024;

    private Server server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    /** What a handler answers: the body's length and CRC-32, so a test can check every byte. */
    private static HttpResponse digest(byte[] body) {
        return HttpResponse.text(Status.OK, digestOf(body));
    }

    private static String digestOf(byte[] body) {
        CRC32 crc = new CRC32();
        crc.update(body);
        return body.length + " " + Long.toHexString(crc.getValue());
    }

    private void start(Transport transport) {
        Router router = Router.builder()
                .post("/bytes", r -> digest(r.bodyAsBytes(MAX)))
                .post("/text", r -> HttpResponse.text(Status.OK, r.bodyAsString(MAX)))
                .post("/stream", r -> {
                    try (InputStream in = r.bodyInputStream()) {
                        return digest(in.readAllBytes());
                    }
                })
                .post("/async", HttpHandler.nonBlocking(r -> HttpResponse.builder(Status.OK)
                        .stream(sink -> r.aggregateBody(MAX).whenComplete((body, failure) -> {
                            if (failure != null) {
                                sink.fail(failure);
                            } else {
                                sink.write(Unpooled.copiedBuffer(digestOf(body), StandardCharsets.US_ASCII));
                                sink.end();
                            }
                        }))
                        .build()))
                .post("/wrong", HttpHandler.nonBlocking(r -> HttpResponse.text(Status.OK, r.bodyAsString(MAX))))
                .build();
        try {
            server = Server.builder().transport(transport).port(0).threads(1)
                    .protocol(Http1Protocol.builder(router).maxAggregatedBodyBytes(AGGREGATE).build())
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] body(int length) {
        byte[] body = new byte[length];
        for (int i = 0; i < length; i++) {
            body[i] = (byte) ('a' + i % 26);
        }
        return body;
    }

    /** {@code body} as chunks of at most 1000 bytes (RFC 9112 §7.1). */
    private static byte[] chunked(byte[] body) {
        StringBuilder sb = new StringBuilder();
        for (int at = 0; at < body.length; at += 1000) {
            int n = Math.min(1000, body.length - at);
            sb.append(Integer.toHexString(n)).append("\r\n")
                    .append(new String(body, at, n, StandardCharsets.ISO_8859_1)).append("\r\n");
        }
        return sb.append("0\r\n\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    private WireResponse post(LoopbackClient client, InputStream in, String path, byte[] body, boolean chunked) {
        String framing = chunked ? "Transfer-Encoding: chunked" : "Content-Length: " + body.length;
        client.send("POST " + path + " HTTP/1.1\r\nHost: a\r\n" + framing + "\r\n\r\n").send(chunked ? chunked(body) : body);
        return WireResponse.read(in, false);
    }

    private static InputStream input(LoopbackClient client) {
        try {
            return new BufferedInputStream(client.socket().getInputStream());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void everyHelperReadsEveryBodyBelowAndAboveTheAggregationLimit(Transport transport) {
        start(transport);
        try (LoopbackClient client = LoopbackClient.connect(server.localAddress())) {
            InputStream in = input(client);
            for (int length : new int[] {0, 100, AGGREGATE, AGGREGATE + 1, 50_000, MAX}) {
                byte[] body = body(length);
                for (boolean chunked : new boolean[] {false, true}) {
                    String how = length + " bytes, " + (chunked ? "chunked" : "Content-Length");
                    assertEquals(digestOf(body), post(client, in, "/bytes", body, chunked).bodyText(), "bytes: " + how);
                    assertEquals(digestOf(body), post(client, in, "/stream", body, chunked).bodyText(), "stream: " + how);
                    assertEquals(digestOf(body), post(client, in, "/async", body, chunked).bodyText(), "async: " + how);
                    assertEquals(new String(body, StandardCharsets.US_ASCII), post(client, in, "/text", body, chunked).bodyText(),
                            "text: " + how);
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aBodyPastTheHandlersLimitGets413(Transport transport) throws IOException {
        start(transport);
        byte[] tooLarge = body(MAX + 1);
        for (boolean chunked : new boolean[] {false, true}) {
            for (String path : new String[] {"/bytes", "/text"}) {
                try (LoopbackClient client = LoopbackClient.connect(server.localAddress())) {
                    InputStream in = input(client);
                    WireResponse response = post(client, in, path, tooLarge, chunked);
                    String how = path + (chunked ? " chunked" : " with Content-Length");
                    assertEquals(413, response.status(), how);
                    assertTrue(response.bodyText().contains("RFC 9110 §15.5.14"), response.bodyText());
                    // The rest of the body is drained: the connection closes after the answer if
                    // it was not all read by then, and otherwise stays in step.
                    if (!"close".equals(response.field("connection"))) {
                        assertEquals(digestOf(body(10)), post(client, in, "/bytes", body(10), false).bodyText(), how);
                    }
                }
            }
        }
    }

    @Test
    void aTooLargeAggregateFailsItsStageWith413() {
        for (int max : new int[] {9, 10}) {
            HttpRequest request = HttpRequest.builder(Method.POST, "/").body(Unpooled.copiedBuffer(body(10))).build();
            try {
                if (max < 10) {
                    Throwable failure = assertThrows(CompletionException.class,
                            () -> request.aggregateBody(max).toCompletableFuture().join()).getCause();
                    assertEquals(Status.CONTENT_TOO_LARGE, ((HttpException) failure).status());
                } else {
                    assertEquals(10, request.aggregateBody(max).toCompletableFuture().join().length);
                }
            } finally {
                request.release();
            }
        }
    }

    @Test
    void aBodyIsReadOnceWhateverItsSize() {
        HttpRequest small = HttpRequest.builder(Method.POST, "/").body(Unpooled.copiedBuffer(body(10))).build();
        try {
            assertEquals(10, small.bodyAsBytes(MAX).length);
            IllegalStateException again = assertThrows(IllegalStateException.class, () -> small.bodyAsString(MAX),
                    "a streamed body would be gone: an aggregated one is refused alike, so tests catch it");
            assertTrue(again.getMessage().contains("read already"), again.getMessage());
        } finally {
            small.release();
        }
    }

    @Test
    void theCharsetComesFromContentTypeAndIsUtf8Otherwise() {
        start(Transport.NIO);
        try (LoopbackClient client = LoopbackClient.connect(server.localAddress())) {
            InputStream in = input(client);
            byte[] latin1 = "caf\u00e9".getBytes(StandardCharsets.ISO_8859_1);
            client.send("POST /text HTTP/1.1\r\nHost: a\r\nContent-Type: text/plain; charset=ISO-8859-1\r\nContent-Length: 4\r\n\r\n")
                    .send(latin1);
            assertEquals("caf\u00e9", WireResponse.read(in, false).bodyText());
            byte[] utf8 = "caf\u00e9".getBytes(StandardCharsets.UTF_8);
            client.send("POST /text HTTP/1.1\r\nHost: a\r\nContent-Type: text/plain\r\nContent-Length: 5\r\n\r\n").send(utf8);
            assertEquals("caf\u00e9", WireResponse.read(in, false).bodyText());
            client.send("POST /text HTTP/1.1\r\nHost: a\r\nContent-Type: text/plain; charset=\"klingon\"\r\nContent-Length: 1\r\n\r\nx");
            assertEquals(415, WireResponse.read(in, false).status(), "RFC 9110 §15.5.16: a charset the server cannot read");
        }
    }

    @Test
    void aNonBlockingHandlerThatWaitsForAStreamedBodyIsToldWhy() {
        start(Transport.NIO);
        try (LoopbackClient client = LoopbackClient.connect(server.localAddress())) {
            InputStream in = input(client);
            assertEquals("small", post(client, in, "/wrong", "small".getBytes(StandardCharsets.US_ASCII), false).bodyText(),
                    "a body that came whole is there to read anywhere");
            byte[] large = body(AGGREGATE * 4);
            assertEquals(500, post(client, in, "/wrong", large, false).status(),
                    "waiting on the loop for the rest would stop the loop: refused (and logged) instead");
        }
    }
}
