package io.zyphos.http1.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.zyphos.http.ContentSource;
import io.zyphos.http.HeaderName;
import io.zyphos.http.Headers;
import io.zyphos.http.HttpException;
import io.zyphos.http.HttpHandler;
import io.zyphos.http.HttpRequest;
import io.zyphos.http.HttpResponse;
import io.zyphos.http.RequestBody;
import io.zyphos.http.Router;
import io.zyphos.http.Status;
import io.zyphos.http1.Http1Protocol;
import io.zyphos.metrics.MetricsRegistry;
import io.zyphos.server.Limits;
import io.zyphos.server.Server;
import io.zyphos.server.Transport;
import io.zyphos.testing.LoopbackClient;
import io.zyphos.testing.NotBefore;
import io.zyphos.testing.StateRecorder;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * What an HTTP/1 connection does between the parser and the handlers, seen from a raw socket:
 * when it stays open (RFC 9112 §9.3), what it answers without a handler (100 and 417, RFC 9110
 * §10.1.1; 400 and friends, RFC 9112 §11.2; 408, RFC 9110 §15.5.9), how bodies stream in and out
 * (RFC 9112 §6 and §7), and where handlers run.
 */
class Http1ConnectionTest {

    private final MetricsRegistry metrics = new MetricsRegistry();
    private final StateRecorder states = new StateRecorder();
    private Server server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private Server start(Transport transport, Router router) {
        return start(transport, router, Limits.defaults(), UnaryOperator.identity());
    }

    private Server start(Transport transport, Router router, Limits limits, UnaryOperator<Http1Protocol.Builder> settings) {
        try {
            server = Server.builder()
                    .transport(transport)
                    .port(0)
                    .threads(1)
                    .limits(limits)
                    .observer(states)
                    .protocol(settings.apply(Http1Protocol.builder(router).metrics(metrics)).build())
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return server;
    }

    private static Router hello() {
        return Router.builder()
                .get("/hello", HttpHandler.nonBlocking(r -> HttpResponse.text(Status.OK, "hello")))
                .post("/echo", HttpHandler.nonBlocking(Http1ConnectionTest::echo))
                .build();
    }

    private static HttpResponse echo(HttpRequest request) {
        return switch (request.body()) {
            case RequestBody.Full(ByteBuf content) -> HttpResponse.builder(Status.OK).body(content.retainedSlice()).build();
            case RequestBody.Empty empty -> HttpResponse.of(Status.OK);
            case RequestBody.Streamed streamed -> throw new AssertionError("small bodies arrive whole");
        };
    }

    private static InputStream input(LoopbackClient client) {
        try {
            return new BufferedInputStream(client.socket().getInputStream());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void assertEndOfStream(InputStream in) throws IOException {
        assertEquals(-1, in.read(), "the server should have closed the connection");
    }

    // ---- RFC 9112 §9.3: persistence ----

    @ParameterizedTest
    @EnumSource(Transport.class)
    void http11ConnectionsCarryOneRequestAfterAnother(Transport transport) {
        start(transport, hello());
        try (LoopbackClient client = LoopbackClient.connect(server.localAddress())) {
            InputStream in = input(client);
            for (int i = 0; i < 3; i++) {
                client.send("GET /hello HTTP/1.1\r\nHost: a\r\n\r\n");
                WireResponse response = WireResponse.read(in, false);
                assertEquals(200, response.status());
                assertEquals("hello", response.bodyText());
                assertNull(response.field("connection"), "persistent is the default in HTTP/1.1: nothing to say");
                assertEquals("5", response.field("content-length"));
                assertTrue(response.field("date").endsWith(" GMT"), "RFC 9110 §6.6.1: an origin server sends Date");
            }
        }
    }

    @Test
    void http10ClosesAfterTheResponseUnlessAskedToKeepAlive() throws IOException {
        start(Transport.NIO, hello());
        try (LoopbackClient client = LoopbackClient.connect(server.localAddress())) {
            InputStream in = input(client);
            client.send("GET /hello HTTP/1.0\r\nConnection: keep-alive\r\n\r\n");
            WireResponse kept = WireResponse.read(in, false);
            assertEquals("keep-alive", kept.field("connection"), "an HTTP/1.0 client must be told the connection persists");
            client.send("GET /hello HTTP/1.0\r\n\r\n");
            WireResponse last = WireResponse.read(in, false);
            assertEquals("close", last.field("connection"));
            assertEquals("hello", last.bodyText());
            assertEndOfStream(in);
        }
    }

    @Test
    void connectionCloseFromEitherSideEndsTheConnectionAfterTheResponse() throws IOException {
        Router router = Router.builder()
                .get("/bye", HttpHandler.nonBlocking(r -> HttpResponse.builder(Status.OK).header(HeaderName.CONNECTION, "close").body("bye").build()))
                .get("/hello", HttpHandler.nonBlocking(r -> HttpResponse.text(Status.OK, "hello")))
                .build();
        start(Transport.NIO, router);
        try (LoopbackClient client = LoopbackClient.connect(server.localAddress())) {
            InputStream in = input(client);
            client.send("GET /hello HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n");
            assertEquals("close", WireResponse.read(in, false).field("connection"));
            assertEndOfStream(in);
        }
        try (LoopbackClient client = LoopbackClient.connect(server.localAddress())) {
            InputStream in = input(client);
            client.send("GET /bye HTTP/1.1\r\nHost: a\r\n\r\n");
            WireResponse response = WireResponse.read(in, false);
            assertEquals("close", response.field("connection"));
            assertEquals("bye", response.bodyText());
            assertEndOfStream(in);
        }
    }

    // ---- RFC 9110 §10.1.1: Expect ----

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aClientThatExpects100ContinueGetsItBeforeSendingTheBody(Transport transport) {
        start(transport, hello());
        try (LoopbackClient client = LoopbackClient.connect(server.localAddress())) {
            InputStream in = input(client);
            client.send("POST /echo HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\nExpect: 100-continue\r\n\r\n");
            WireResponse interim = WireResponse.read(in, false);
            assertEquals(100, interim.status(), "the body is wanted, so the server says so first");
            client.send("12345");
            WireResponse response = WireResponse.read(in, false);
            assertEquals(200, response.status());
            assertEquals("12345", response.bodyText());
        }
    }

    @Test
    void anExpectationOtherThan100ContinueFailsWith417() throws IOException {
        start(Transport.NIO, hello());
        try (LoopbackClient client = LoopbackClient.connect(server.localAddress())) {
            InputStream in = input(client);
            client.send("POST /echo HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\nExpect: coffee\r\n\r\n");
            WireResponse response = WireResponse.read(in, false);
            assertEquals(417, response.status());
            assertEquals("close", response.field("connection"), "the body was never read, so the stream cannot go on");
            assertEndOfStream(in);
        }
    }

    // ---- RFC 9112 §11.2 and RFC 9110 §15.5.9: answers without a handler ----

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aRequestThatBreaksTheProtocolIsAnsweredOnceAndTheConnectionCloses(Transport transport) throws IOException {
        start(transport, hello());
        try (LoopbackClient client = LoopbackClient.connect(server.localAddress())) {
            InputStream in = input(client);
            client.send("GET /hello HTTP/1.1\r\nHost: a\r\n\r\n"
                    + "GET /hello HTTP/1.1\r\nHost: a\r\nBad Name: x\r\n\r\n"
                    + "GET /hello HTTP/1.1\r\nHost: a\r\n\r\n");
            assertEquals(200, WireResponse.read(in, false).status(), "the request before the error is answered");
            WireResponse error = WireResponse.read(in, false);
            assertEquals(400, error.status());
            assertEquals("close", error.field("connection"));
            assertTrue(error.bodyText().contains("RFC 9112 §5.1"), "the answer names the rule: " + error.bodyText());
            assertEndOfStream(in);
        }
        assertEquals(1, metrics.snapshot().get("zyphos_http1_protocol_errors_total"));
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aHeadThatDoesNotArriveInTimeGets408(Transport transport) throws IOException {
        Duration readTimeout = Duration.ofMillis(200);
        start(transport, hello(), Limits.defaults().withReadTimeout(readTimeout), UnaryOperator.identity());
        try (LoopbackClient client = LoopbackClient.connect(server.localAddress())) {
            InputStream in = input(client);
            // The read timeout runs from the first byte of the head, which the server reads after this.
            long headBegins = System.nanoTime();
            client.send("GET /hello HTTP/1.1\r\nHost:");
            WireResponse response = WireResponse.read(in, false);
            NotBefore.assertNotBefore(readTimeout, headBegins, System.nanoTime(), "408 sent");
            assertEquals(408, response.status());
            assertEquals("close", response.field("connection"));
            assertEndOfStream(in);
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aClosingConnectionLingersBeforeItCloses(Transport transport) throws IOException {
        // RFC 9112 §9.6: close the sending side first, then read and discard what the client still
        // sends for a while, so the close does not reset the response it has yet to read. Zyphos
        // lingers 2 s (Http1ServerConnection.LINGER_NANOS).
        Duration linger = Duration.ofSeconds(2);
        start(transport, hello());
        try (LoopbackClient client = LoopbackClient.connect(server.localAddress())) {
            InputStream in = input(client);
            long closeAsked = System.nanoTime();
            client.send("GET /hello HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n");
            assertEquals("hello", WireResponse.read(in, false).bodyText());
            assertEndOfStream(in);
            // The client keeps its side open and sends on; the server still reads it and resets nothing.
            client.send("GET /late HTTP/1.1\r\nHost: a\r\n\r\n");
            states.awaitClosed(1, Duration.ofSeconds(30));
            NotBefore.assertNotBefore(linger, closeAsked, states.closedAtNanos().getFirst(), "closed after lingering");
        }
    }

    @Test
    void aHandlerThatThrowsGetsItsStatusAndTheConnectionLivesOn() {
        Router router = Router.builder()
                .get("/boom", HttpHandler.nonBlocking(r -> {
                    throw new IllegalStateException("bug");
                }))
                .get("/teapot", HttpHandler.nonBlocking(r -> {
                    throw new HttpException(Status.of(418), "short and stout");
                }))
                .build();
        start(Transport.NIO, router);
        try (LoopbackClient client = LoopbackClient.connect(server.localAddress())) {
            InputStream in = input(client);
            client.send("GET /boom HTTP/1.1\r\nHost: a\r\n\r\nGET /teapot HTTP/1.1\r\nHost: a\r\n\r\n");
            WireResponse boom = WireResponse.read(in, false);
            assertEquals(500, boom.status());
            assertFalse(boom.bodyText().contains("bug"), "internals stay inside");
            WireResponse teapot = WireResponse.read(in, false);
            assertEquals(418, teapot.status());
            assertTrue(teapot.bodyText().contains("short and stout"));
        }
        assertEquals(1, metrics.snapshot().get("zyphos_http1_handler_failures_total"), "an HttpException is an answer, not a failure");
    }

    @Test
    void aReasonPhraseOfTheHandlersOwnReachesTheClient() {
        Router router = Router.builder()
                .get("/fine", HttpHandler.nonBlocking(r -> HttpResponse.text(Status.of(200, "Tr\u00e8s bien"), "ok")))
                .get("/gone", HttpHandler.nonBlocking(r -> HttpResponse.of(Status.GONE)))
                .build();
        start(Transport.NIO, router);
        try (LoopbackClient client = LoopbackClient.connect(server.localAddress())) {
            InputStream in = input(client);
            client.send("GET /fine HTTP/1.1\r\nHost: a\r\n\r\nGET /gone HTTP/1.1\r\nHost: a\r\n\r\n");
            assertEquals("Tr\u00e8s bien", WireResponse.read(in, false).reason(), "RFC 9112 §4: the phrase the status carries");
            assertEquals("Gone", WireResponse.read(in, false).reason());
        }
    }

    // ---- What a request knows of where it came from ----

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aRequestKnowsItsVersionAuthoritySchemeAndBothEnds(Transport transport) {
        Router router = Router.builder()
                .get("/whoami", HttpHandler.nonBlocking(r -> HttpResponse.text(Status.OK, String.join("\n",
                        r.version().text(), r.scheme(), String.valueOf(r.authority()),
                        r.remoteAddress().getAddress().getHostAddress() + ":" + r.remoteAddress().getPort(),
                        Integer.toString(r.localAddress().getPort())))))
                .build();
        start(transport, router);
        try (LoopbackClient client = LoopbackClient.connect(server.localAddress())) {
            InputStream in = input(client);
            String remote = "127.0.0.1:" + client.socket().getLocalPort();
            String local = Integer.toString(server.port());
            client.send("GET /whoami HTTP/1.1\r\nHost: shop.example:8080\r\n\r\n");
            assertEquals(String.join("\n", "HTTP/1.1", "http", "shop.example:8080", remote, local),
                    WireResponse.read(in, false).bodyText());
            client.send("GET http://api.example/whoami HTTP/1.1\r\nHost: api.example\r\n\r\n");
            assertEquals(String.join("\n", "HTTP/1.1", "http", "api.example", remote, local),
                    WireResponse.read(in, false).bodyText(), "RFC 9112 §3.2.2: the absolute-form's authority");
            client.send("GET /whoami HTTP/1.0\r\nConnection: keep-alive\r\n\r\n");
            assertEquals(String.join("\n", "HTTP/1.0", "http", "null", remote, local),
                    WireResponse.read(in, false).bodyText(), "an HTTP/1.0 request may name no authority");
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void anEmptyBodyOfBytesOrOfAFileEndsWithItsHead(Transport transport, @TempDir Path dir) throws IOException {
        Path empty = Files.createFile(dir.resolve("empty.txt"));
        Router router = Router.builder()
                .get("/text", HttpHandler.nonBlocking(r -> HttpResponse.text(Status.OK, "")))
                .get("/file", r -> HttpResponse.builder(Status.OK).file(empty, 0, 0).build())
                .build();
        start(transport, router);
        try (LoopbackClient client = LoopbackClient.connect(server.localAddress())) {
            InputStream in = input(client);
            client.send("GET /text HTTP/1.1\r\nHost: a\r\n\r\nGET /file HTTP/1.1\r\nHost: a\r\n\r\nGET /text HTTP/1.1\r\nHost: a\r\n\r\n");
            for (int i = 0; i < 3; i++) {
                WireResponse response = WireResponse.read(in, false);
                assertEquals(200, response.status(), "RFC 9110 §8.6: Content-Length 0 is a complete body");
                assertEquals("0", response.field("content-length"));
            }
        }
    }

    // ---- RFC 9110 §9.3.2: HEAD ----

    @Test
    void headGetsTheHeadersOfGetAndNoBody() {
        start(Transport.NIO, hello());
        try (LoopbackClient client = LoopbackClient.connect(server.localAddress())) {
            InputStream in = input(client);
            client.send("HEAD /hello HTTP/1.1\r\nHost: a\r\n\r\nGET /hello HTTP/1.1\r\nHost: a\r\n\r\n");
            WireResponse head = WireResponse.read(in, true);
            assertEquals(200, head.status());
            assertEquals("5", head.field("content-length"), "the length the GET would have had");
            WireResponse get = WireResponse.read(in, false);
            assertEquals("hello", get.bodyText(), "no body bytes came between the two responses");
        }
    }

    // ---- Where handlers run ----

    @ParameterizedTest
    @EnumSource(Transport.class)
    void blockingHandlersNeverRunOnAnEventLoop(Transport transport) {
        AtomicReference<Thread> ranOn = new AtomicReference<>();
        Router router = Router.builder()
                .get("/blocking", r -> {
                    ranOn.set(Thread.currentThread());
                    return HttpResponse.text(Status.OK, "done");
                })
                .build();
        start(transport, router);
        try (LoopbackClient client = LoopbackClient.connect(server.localAddress())) {
            client.send("GET /blocking HTTP/1.1\r\nHost: a\r\n\r\n");
            assertEquals("done", WireResponse.read(input(client), false).bodyText());
        }
        Thread thread = ranOn.get();
        switch (transport) {
            case NIO -> assertTrue(thread.isVirtual(), "a handler that may block is sent off the loop: " + thread);
            case VIRTUAL_THREADS -> assertTrue(thread.isVirtual(), "the connection's own virtual thread may block");
            case PLATFORM_THREADS -> assertFalse(thread.isVirtual(), "the connection's own platform thread may block");
        }
    }

    @Test
    void aSlowBlockingHandlerDoesNotStallTheLoop() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        Router router = Router.builder()
                .get("/slow", r -> {
                    assertTrue(release.await(10, TimeUnit.SECONDS));
                    return HttpResponse.text(Status.OK, "slow");
                })
                .get("/hello", HttpHandler.nonBlocking(r -> HttpResponse.text(Status.OK, "hello")))
                .build();
        start(Transport.NIO, router);
        try (LoopbackClient slow = LoopbackClient.connect(server.localAddress());
                LoopbackClient fast = LoopbackClient.connect(server.localAddress())) {
            slow.send("GET /slow HTTP/1.1\r\nHost: a\r\n\r\n");
            fast.send("GET /hello HTTP/1.1\r\nHost: a\r\n\r\n");
            assertEquals("hello", WireResponse.read(input(fast), false).bodyText(),
                    "one loop thread, and it is free while /slow waits");
            release.countDown();
            assertEquals("slow", WireResponse.read(input(slow), false).bodyText());
        }
    }

    // ---- Bodies that stream: RFC 9112 §6 and §7 ----

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aLargeRequestBodyStreamsToTheHandlerOneDemandAtATime(Transport transport) {
        Router router = Router.builder()
                .post("/count", HttpHandler.nonBlocking(r -> {
                    ContentSource source = ((RequestBody.Streamed) r.body()).source();
                    CompletableFuture<Long> total = new CompletableFuture<>();
                    source.demand(new ContentSource.Listener() {
                        long n;

                        @Override
                        public void onContent(ByteBuf chunk, boolean last, Headers trailers) {
                            n += chunk.readableBytes();
                            if (last) {
                                total.complete(n);
                            } else {
                                source.demand(this);
                            }
                        }

                        @Override
                        public void onError(Throwable cause) {
                            total.completeExceptionally(cause);
                        }
                    });
                    return HttpResponse.builder(Status.OK).stream(sink -> total.whenComplete((n, failure) -> {
                        if (failure != null) {
                            sink.fail(failure);
                        } else {
                            sink.write(Unpooled.copiedBuffer(Long.toString(n), StandardCharsets.US_ASCII));
                            sink.end();
                        }
                    })).build();
                }))
                .build();
        start(transport, router, Limits.defaults(), b -> b.maxAggregatedBodyBytes(1024));
        byte[] body = new byte[1 << 20];
        Arrays.fill(body, (byte) 'x');
        try (LoopbackClient client = LoopbackClient.connect(server.localAddress())) {
            InputStream in = input(client);
            client.send("POST /count HTTP/1.1\r\nHost: a\r\nContent-Length: " + body.length + "\r\n\r\n").send(body);
            WireResponse response = WireResponse.read(in, false);
            assertEquals("chunked", response.field("transfer-encoding"), "a streamed body of unknown length is chunked");
            assertEquals(Integer.toString(body.length), response.bodyText());
            client.send("GET /count HTTP/1.1\r\nHost: a\r\n\r\n");
            assertEquals(405, WireResponse.read(in, false).status(), "and the connection is still in step");
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aBlockingHandlersStreamedResponseReachesTheConnectionOnlyThroughItsThread(Transport transport) throws Exception {
        // The response body's sink is the connection's state: a handler thread that wrote it
        // directly would race the connection's thread (an assertion in the engine says so).
        CompletableFuture<Throwable> handlerThreadFailure = new CompletableFuture<>();
        Router router = Router.builder()
                .get("/stream", r -> HttpResponse.builder(Status.OK).stream(sink -> {
                    for (int i = 0; i < 3; i++) {
                        sink.write(Unpooled.copiedBuffer("part" + i + ";", StandardCharsets.US_ASCII));
                    }
                    sink.end();
                }).build())
                .build();
        start(transport, router, Limits.defaults(), b -> b.blockingExecutor(task -> Thread.ofVirtual().start(() -> {
            try {
                task.run();
            } catch (Throwable t) {
                handlerThreadFailure.complete(t);
            }
        })));
        try (LoopbackClient client = LoopbackClient.connect(server.localAddress())) {
            InputStream in = input(client);
            for (int i = 0; i < 3; i++) {
                client.send("GET /stream HTTP/1.1\r\nHost: a\r\n\r\n");
                CompletableFuture<WireResponse> response = CompletableFuture.supplyAsync(() -> WireResponse.read(in, false));
                CompletableFuture.anyOf(response, handlerThreadFailure).get(10, TimeUnit.SECONDS);
                assertFalse(handlerThreadFailure.isDone(), () -> "the handler's thread failed: " + handlerThreadFailure.join());
                assertEquals("part0;part1;part2;", response.join().bodyText());
            }
        }
    }

    @Test
    void aStreamedResponseIsChunkedWithTrailersForHttp11AndDelimitedByCloseForHttp10() throws IOException {
        Router router = Router.builder()
                .get("/stream", HttpHandler.nonBlocking(r -> HttpResponse.builder(Status.OK).stream(sink -> {
                    sink.write(Unpooled.copiedBuffer("abc", StandardCharsets.US_ASCII));
                    sink.write(Unpooled.copiedBuffer("defgh", StandardCharsets.US_ASCII));
                    sink.end(new Headers().add("checksum", "42"));
                }).build()))
                .build();
        start(Transport.NIO, router);
        try (LoopbackClient client = LoopbackClient.connect(server.localAddress())) {
            InputStream in = input(client);
            client.send("GET /stream HTTP/1.1\r\nHost: a\r\n\r\n");
            WireResponse chunked = WireResponse.read(in, false);
            assertEquals("abcdefgh", chunked.bodyText());
            assertEquals("checksum: 42\n", chunked.trailers(), "RFC 9112 §7.1.2: trailers follow the last chunk");
            client.send("GET /stream HTTP/1.0\r\n\r\n");
            WireResponse untilClose = WireResponse.read(in, false);
            assertNull(untilClose.field("transfer-encoding"), "RFC 9112 §6.1: never chunked to an HTTP/1.0 client");
            assertEquals("close", untilClose.field("connection"));
            assertArrayEquals("abcdefgh".getBytes(StandardCharsets.US_ASCII), untilClose.body());
        }
    }

    // ---- Graceful shutdown ----

    @Test
    void shutdownLetsTheRequestInFlightFinishThenCloses() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Router router = Router.builder()
                .get("/slow", r -> {
                    entered.countDown();
                    assertTrue(release.await(10, TimeUnit.SECONDS));
                    return HttpResponse.text(Status.OK, "finished");
                })
                .build();
        start(Transport.NIO, router);
        try (LoopbackClient client = LoopbackClient.connect(server.localAddress())) {
            InputStream in = input(client);
            client.send("GET /slow HTTP/1.1\r\nHost: a\r\n\r\n");
            assertTrue(entered.await(10, TimeUnit.SECONDS));
            CompletableFuture<Boolean> shutdown = CompletableFuture.supplyAsync(() -> server.shutdown(Duration.ofSeconds(10)));
            release.countDown();
            WireResponse response = WireResponse.read(in, false);
            assertEquals("finished", response.bodyText(), "in flight when shutdown began, and still answered");
            // Whether the response says "close" depends on which came first, the answer or the
            // shutdown notice; either way nothing more is read from this connection.
            assertEndOfStream(in);
            assertTrue(shutdown.get(10, TimeUnit.SECONDS), "every connection closed before the deadline");
        }
    }
}
