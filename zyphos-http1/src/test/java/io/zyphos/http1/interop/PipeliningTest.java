package io.zyphos.http1.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zyphos.http.HttpResponse;
import io.zyphos.http.Status;
import io.zyphos.http1.server.WireResponse;
import io.zyphos.server.Transport;
import io.zyphos.testing.LoopbackClient;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Pipelining (RFC 9112 §9.3.2): a client may send many requests without waiting, and the server
 * answers them strictly in the order received, whatever each one costs to answer. The requests go
 * in one write, over a raw socket, so nothing but the server decides the order.
 */
class PipeliningTest {

    @TempDir
    Path files;

    /** Request {@code i} of a mixed batch, and what its response body must be. */
    private record Expected(String request, boolean head, int status, String body) {}

    private static List<Expected> batch(int n) {
        List<Expected> batch = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String body = "body-" + i;
            batch.add(switch (i % 4) {
                case 0 -> new Expected("GET /plaintext HTTP/1.1\r\nHost: a\r\n\r\n", false, 200, "Hello, World!");
                case 1 -> new Expected("POST /echo HTTP/1.1\r\nHost: a\r\nContent-Length: " + body.length() + "\r\n\r\n" + body,
                        false, 200, body);
                case 2 -> new Expected("POST /echo HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n"
                        + Integer.toHexString(body.length()) + "\r\n" + body + "\r\n0\r\n\r\n", false, 200, body);
                default -> new Expected("HEAD /plaintext HTTP/1.1\r\nHost: a\r\n\r\n", true, 200, "");
            });
        }
        return batch;
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aHundredRequestsInOneWriteAreAnsweredInOrder(Transport transport) throws IOException {
        List<Expected> batch = batch(100);
        StringBuilder wire = new StringBuilder();
        batch.forEach(e -> wire.append(e.request()));
        wire.append("GET /plaintext HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n");
        try (InteropServer server = InteropServer.start(transport, files);
                LoopbackClient client = LoopbackClient.connect(server.server().localAddress())) {
            client.send(wire.toString());
            InputStream in = new BufferedInputStream(client.socket().getInputStream());
            for (int i = 0; i < batch.size(); i++) {
                Expected e = batch.get(i);
                WireResponse response = WireResponse.read(in, e.head());
                assertEquals(e.status(), response.status(), "response " + i);
                assertEquals(e.body(), response.bodyText(), "response " + i + " answers request " + i);
            }
            WireResponse last = WireResponse.read(in, false);
            assertEquals("close", last.field("connection"));
            assertEquals(-1, in.read(), "the server closes after the request that asked it to");
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aSlowRequestHoldsBackTheAnswersBehindItButNotOtherConnections(Transport transport) throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        try (InteropServer server = InteropServer.start(transport, files, routes -> routes.get("/slow", r -> {
                    // Blocking (the default): on NIO it runs on a virtual thread and the loop stays
                    // free; on the other transports it waits on the connection's own thread, after
                    // the answers before it have been sent.
                    assertTrue(release.await(10, TimeUnit.SECONDS));
                    return HttpResponse.text(Status.OK, "slow");
                }));
                LoopbackClient pipelined = LoopbackClient.connect(server.server().localAddress());
                LoopbackClient other = LoopbackClient.connect(server.server().localAddress())) {
            pipelined.send("GET /plaintext HTTP/1.1\r\nHost: a\r\n\r\n"
                    + "GET /slow HTTP/1.1\r\nHost: a\r\n\r\n"
                    + "GET /plaintext HTTP/1.1\r\nHost: a\r\n\r\n");
            InputStream in = new BufferedInputStream(pipelined.socket().getInputStream());
            assertEquals("Hello, World!", WireResponse.read(in, false).bodyText());

            other.send("GET /plaintext HTTP/1.1\r\nHost: a\r\n\r\n");
            assertEquals("Hello, World!", WireResponse.read(new BufferedInputStream(other.socket().getInputStream()), false).bodyText(),
                    "another connection is served while /slow waits");

            release.countDown();
            assertEquals("slow", WireResponse.read(in, false).bodyText());
            assertEquals("Hello, World!", WireResponse.read(in, false).bodyText(), "the third answer waited for the second");
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aMalformedRequestInTheMiddleEndsTheBatchAfterOne400(Transport transport) throws IOException {
        try (InteropServer server = InteropServer.start(transport, files);
                LoopbackClient client = LoopbackClient.connect(server.server().localAddress())) {
            client.send("GET /plaintext HTTP/1.1\r\nHost: a\r\n\r\n"
                    + "POST /echo HTTP/1.1\r\nHost: a\r\nContent-Length: 2\r\n\r\nok"
                    + "GET /plaintext HTTP/1.1\r\nHost: a\r\nContent-Length: 1\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + "GET /plaintext HTTP/1.1\r\nHost: a\r\n\r\n");
            InputStream in = new BufferedInputStream(client.socket().getInputStream());
            assertEquals("Hello, World!", WireResponse.read(in, false).bodyText());
            assertEquals("ok", WireResponse.read(in, false).bodyText());
            WireResponse error = WireResponse.read(in, false);
            assertEquals(400, error.status(), "RFC 9112 §6.1: Content-Length with Transfer-Encoding");
            assertEquals("close", error.field("connection"));
            assertEquals(-1, in.read(), "nothing after: the fourth request is never read");
        }
    }
}
