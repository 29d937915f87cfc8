package io.zyphos.http1.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.zyphos.http.HeaderName;
import io.zyphos.http.HttpHandler;
import io.zyphos.http.HttpResponse;
import io.zyphos.http.Router;
import io.zyphos.http.Status;
import io.zyphos.http1.Http1Protocol;
import io.zyphos.server.Server;
import io.zyphos.server.Transport;
import io.zyphos.testing.LoopbackClient;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A constant response ({@code HttpResponse.Builder.buildConstant()}) is built once and answers
 * every request, on every transport: pipelined, from the loop and from blocking handlers on other
 * threads at once. A small body is copied into the head's buffer; a large one is sent as a buffer
 * of its own, and each response gets its own view of it, so no send moves another's place in it.
 */
class ConstantResponseTest {

    private static final byte[] SMALL = "Hello, World!".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] LARGE = pattern(48 * 1024);

    private Server server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private void start(Transport transport) throws IOException {
        HttpResponse small = HttpResponse.builder(Status.OK).header(HeaderName.CONTENT_TYPE, "text/plain").body(SMALL).buildConstant();
        HttpResponse large = HttpResponse.builder(Status.OK).body(LARGE).buildConstant();
        Router router = Router.builder()
                .get("/small", HttpHandler.nonBlocking(request -> small))
                .get("/large", HttpHandler.nonBlocking(request -> large))
                .get("/large-blocking", request -> large)
                .build();
        server = Server.builder().transport(transport).port(0).threads(2)
                .protocol(Http1Protocol.builder(router).build()).start();
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void pipelinedRequestsEachGetTheWholeConstant(Transport transport) throws IOException {
        start(transport);
        try (LoopbackClient client = LoopbackClient.connect(server.localAddress())) {
            StringBuilder batch = new StringBuilder();
            for (int i = 0; i < 12; i++) {
                batch.append("GET ").append(i % 3 == 0 ? "/large" : "/small").append(" HTTP/1.1\r\nHost: a\r\n\r\n");
            }
            client.send(batch.toString());
            InputStream in = new BufferedInputStream(client.socket().getInputStream());
            for (int i = 0; i < 12; i++) {
                WireResponse response = WireResponse.read(in, false);
                assertEquals(200, response.status());
                assertArrayEquals(i % 3 == 0 ? LARGE : SMALL, response.body(), "response " + i);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void blockingHandlersOnManyThreadsShareOneConstant(Transport transport) throws Exception {
        start(transport);
        try (ExecutorService clients = Executors.newFixedThreadPool(4)) {
            List<Future<?>> done = new ArrayList<>();
            for (int c = 0; c < 4; c++) {
                done.add(clients.submit(() -> {
                    try (LoopbackClient client = LoopbackClient.connect(server.localAddress())) {
                        InputStream in = new BufferedInputStream(client.socket().getInputStream());
                        for (int i = 0; i < 25; i++) {
                            client.send("GET /large-blocking HTTP/1.1\r\nHost: a\r\n\r\n");
                            WireResponse response = WireResponse.read(in, false);
                            assertEquals(200, response.status());
                            assertArrayEquals(LARGE, response.body());
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        }
    }

    private static byte[] pattern(int n) {
        byte[] bytes = new byte[n];
        for (int i = 0; i < n; i++) {
            bytes[i] = (byte) ('a' + i % 26);
        }
        return bytes;
    }
}
