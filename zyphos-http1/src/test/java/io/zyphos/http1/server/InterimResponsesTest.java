package io.zyphos.http1.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.zyphos.http.HeaderName;
import io.zyphos.http.Headers;
import io.zyphos.http.HttpHandler;
import io.zyphos.http.HttpRequest;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Interim responses (RFC 9110 §15.2) from a handler: a {@code 103 Early Hints} (RFC 8297) tells the
 * client what to preload while the handler still works, and the final response follows on the
 * same request. They go only to HTTP/1.1 clients: an HTTP/1.0 client would take the first status
 * line it reads for the answer, so it never sees one.
 */
class InterimResponsesTest {

    private static final String LINK = "</style.css>; rel=preload; as=style";

    private Server server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private void start(Transport transport) throws IOException {
        Router router = Router.builder()
                .get("/page", request -> {
                    Headers hints = new Headers();
                    hints.add(HeaderName.LINK, LINK);
                    request.sendInterim(Status.EARLY_HINTS, hints);
                    return HttpResponse.text(Status.OK, "page");
                })
                .get("/quick", HttpHandler.nonBlocking(request -> {
                    request.sendInterim(Status.of(102), null);
                    return HttpResponse.text(Status.OK, "quick");
                }))
                .build();
        server = Server.builder().transport(transport).port(0).threads(1)
                .protocol(Http1Protocol.builder(router).build()).start();
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void earlyHintsArriveBeforeTheFinalResponse(Transport transport) throws IOException {
        start(transport);
        try (LoopbackClient client = LoopbackClient.connect(server.localAddress())) {
            client.send("GET /page HTTP/1.1\r\nHost: a\r\n\r\n");
            InputStream in = new BufferedInputStream(client.socket().getInputStream());
            WireResponse hints = WireResponse.read(in, false);
            assertEquals(103, hints.status());
            assertEquals("Early Hints", hints.reason());
            assertEquals(LINK, hints.field("link"));
            WireResponse page = WireResponse.read(in, false);
            assertEquals(200, page.status());
            assertEquals("page", page.bodyText());
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aNonBlockingHandlerSendsOneFromTheLoopAndPipelinedRequestsStayInOrder(Transport transport) throws IOException {
        start(transport);
        try (LoopbackClient client = LoopbackClient.connect(server.localAddress())) {
            client.send("GET /quick HTTP/1.1\r\nHost: a\r\n\r\nGET /quick HTTP/1.1\r\nHost: a\r\n\r\n");
            InputStream in = new BufferedInputStream(client.socket().getInputStream());
            for (int i = 0; i < 2; i++) {
                assertEquals(102, WireResponse.read(in, false).status(), "interim " + i);
                assertEquals("quick", WireResponse.read(in, false).bodyText(), "final " + i);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void anHttp10ClientGetsOnlyTheFinalResponse(Transport transport) throws IOException {
        start(transport);
        try (LoopbackClient client = LoopbackClient.connect(server.localAddress())) {
            client.send("GET /page HTTP/1.0\r\n\r\n");
            String all = new String(client.readToEnd(), java.nio.charset.StandardCharsets.ISO_8859_1);
            assertEquals(0, all.indexOf("HTTP/1.1 200 OK\r\n"), all);
            assertEquals(-1, all.indexOf("103"), all);
        }
    }

    @Test
    void aFinalStatusOr101IsNotAnInterimResponse() {
        HttpRequest request = HttpRequest.builder(io.zyphos.http.Method.GET, "/").build();
        assertThrows(IllegalArgumentException.class, () -> request.sendInterim(Status.OK, null));
        assertThrows(IllegalArgumentException.class, () -> request.sendInterim(Status.SWITCHING_PROTOCOLS, null));
    }
}
