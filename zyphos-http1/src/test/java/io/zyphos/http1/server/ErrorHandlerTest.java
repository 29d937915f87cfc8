package io.zyphos.http1.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zyphos.http.ErrorHandler;
import io.zyphos.http.HeaderName;
import io.zyphos.http.HttpException;
import io.zyphos.http.HttpHandler;
import io.zyphos.http.HttpResponse;
import io.zyphos.http.Router;
import io.zyphos.http.Status;
import io.zyphos.http.files.StaticFiles;
import io.zyphos.http1.Http1Protocol;
import io.zyphos.server.Limits;
import io.zyphos.server.Server;
import io.zyphos.server.Transport;
import io.zyphos.testing.LoopbackClient;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * One hook answers every error, wherever it is found: the router (404, 405 with Allow, RFC 9110
 * §15.5.5-6), static files, a handler's HttpException or failure (500), and the parser's
 * refusals before any handler runs (RFC 9112 §11.2: 400, 413, 414, 431, 505; RFC 9110 §15.5.9:
 * 408). The default answer names the problem and the RFC section, and never echoes the request.
 */
class ErrorHandlerTest {

    /** What the hook was asked. */
    private record Asked(boolean withRequest, int status, String problem) {}

    private final List<Asked> asked = new CopyOnWriteArrayList<>();
    private Server server;

    @TempDir
    Path site;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private void start(Transport transport, ErrorHandler errors, Limits limits) throws IOException {
        Files.writeString(site.resolve("a.txt"), "a");
        Router router = Router.builder()
                .get("/hello", HttpHandler.nonBlocking(r -> HttpResponse.text(Status.OK, "hello")))
                .get("/teapot", HttpHandler.nonBlocking(r -> {
                    throw new HttpException(Status.of(418), "short and stout <script>\"quoted\"</script>");
                }))
                .get("/bug", r -> {
                    throw new IllegalStateException("internal detail");
                })
                .get("/files/*", StaticFiles.builder(site).build())
                .build();
        Http1Protocol.Builder protocol = Http1Protocol.builder(router);
        if (errors != null) {
            protocol.errorHandler(errors);
        }
        server = Server.builder().transport(transport).port(0).threads(1).limits(limits).protocol(protocol.build()).start();
    }

    /** A hook that remembers what it was asked and answers in a shape of its own. */
    private ErrorHandler recording() {
        return (request, status, problem) -> {
            asked.add(new Asked(request != null, status.code(), problem));
            return HttpResponse.builder(status)
                    .header(HeaderName.CONTENT_TYPE, "application/problem+json")
                    .body("{\"status\":" + status.code() + "}")
                    .build();
        };
    }

    private WireResponse send(String request) {
        try (LoopbackClient client = LoopbackClient.connect(server.localAddress())) {
            client.send(request);
            InputStream in = new BufferedInputStream(client.socket().getInputStream());
            return WireResponse.read(in, false);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void everyErrorPassesThroughTheHook(Transport transport) throws IOException {
        start(transport, recording(), Limits.defaults());
        String[] requests = {
            "GET /nowhere HTTP/1.1\r\nHost: a\r\n\r\n",
            "POST /hello HTTP/1.1\r\nHost: a\r\nContent-Length: 0\r\n\r\n",
            "GET /files/missing.txt HTTP/1.1\r\nHost: a\r\n\r\n",
            "GET /teapot HTTP/1.1\r\nHost: a\r\n\r\n",
            "GET /bug HTTP/1.1\r\nHost: a\r\n\r\n",
            "GET /a%zz HTTP/1.1\r\nHost: a\r\n\r\n",
            "GET /hello HTTP/1.1\r\n\r\n",
            "POST /hello HTTP/1.1\r\nHost: a\r\nContent-Length: 99999999999\r\n\r\n",
            "GET /" + "a".repeat(9000) + " HTTP/1.1\r\nHost: a\r\n\r\n",
            "GET /hello HTTP/1.1\r\nHost: a\r\nX-Big: " + "b".repeat(17_000) + "\r\n\r\n",
            "GET /hello HTTP/2.0\r\nHost: a\r\n\r\n",
        };
        int[] statuses = {404, 405, 404, 418, 500, 400, 400, 413, 414, 431, 505};
        for (int i = 0; i < requests.length; i++) {
            WireResponse response = send(requests[i]);
            assertEquals(statuses[i], response.status(), requests[i].lines().findFirst().orElseThrow());
            assertEquals("application/problem+json", response.field("content-type"), "the hook's own shape");
            assertEquals("{\"status\":" + statuses[i] + "}", response.bodyText());
        }
        List<Integer> seen = asked.stream().map(Asked::status).toList();
        assertEquals(Arrays.stream(statuses).boxed().toList(), seen, "the hook saw each error once, in order");
        assertTrue(asked.get(0).withRequest() && asked.get(4).withRequest(), "routed errors come with their request");
        assertFalse(asked.get(6).withRequest(), "a request the parser refused never became one");
        assertEquals("missing Host header (RFC 9112 §3.2)", asked.get(6).problem());
        assertEquals("the body is larger than this server accepts (RFC 9110 §15.5.14)", asked.get(7).problem());
        assertEquals("no route matches this path (RFC 9110 §15.5.5)", asked.get(0).problem());
        assertEquals(ErrorHandler.UNEXPECTED, asked.get(4).problem(), "nothing of the exception is shown");
    }

    @Test
    void a405FromTheHookStillCarriesAllow() throws IOException {
        start(Transport.NIO, recording(), Limits.defaults());
        WireResponse response = send("DELETE /hello HTTP/1.1\r\nHost: a\r\n\r\n");
        assertEquals(405, response.status());
        assertEquals("GET, HEAD, OPTIONS", response.field("allow"), "RFC 9110 §15.5.6: the engine adds what the hook left out");
    }

    @Test
    void aHeadThatDoesNotArriveInTimePassesThroughTheHookToo() throws IOException {
        start(Transport.NIO, recording(), Limits.defaults().withReadTimeout(Duration.ofMillis(200)));
        WireResponse response = send("GET /hello HTTP/1.1\r\nHost:");
        assertEquals(408, response.status());
        assertEquals("{\"status\":408}", response.bodyText());
        assertEquals(new Asked(false, 408, "the request head did not arrive in time (RFC 9110 §15.5.9)"), asked.getFirst());
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void theDefaultNamesTheProblemAndTheRuleAndEchoesNothing(Transport transport) throws IOException {
        start(transport, null, Limits.defaults());
        WireResponse missingHost = send("GET /hello HTTP/1.1\r\n\r\n");
        assertEquals("400 Bad Request\nmissing Host header (RFC 9112 §3.2)\n", missingHost.bodyText());
        assertEquals("text/plain; charset=utf-8", missingHost.field("content-type"));
        assertEquals("nosniff", missingHost.field("x-content-type-options"));

        assertEquals("404 Not Found\nno route matches this path (RFC 9110 §15.5.5)\n",
                send("GET /nowhere HTTP/1.1\r\nHost: a\r\n\r\n").bodyText());
        assertEquals("404 Not Found\nno file at this path (RFC 9110 §15.5.5)\n",
                send("GET /files/missing.txt HTTP/1.1\r\nHost: a\r\n\r\n").bodyText());
        String teapot = send("GET /teapot HTTP/1.1\r\nHost: a\r\n\r\n").bodyText();
        assertFalse(teapot.contains("<") || teapot.contains("\""), "markup and quotes are escaped: " + teapot);
        assertTrue(teapot.contains("short and stout \\x3cscript\\x3e"), teapot);
        String bug = send("GET /bug HTTP/1.1\r\nHost: a\r\n\r\n").bodyText();
        assertEquals("500 Internal Server Error\n" + ErrorHandler.UNEXPECTED + "\n", bug);
    }

    @ParameterizedTest
    @EnumSource(names = {"THROWS", "ANSWERS_1XX", "ANSWERS_NULL"})
    void aHookThatFailsLeavesTheAnswerToTheDefault(Failure failure) throws IOException {
        start(Transport.NIO, (request, status, problem) -> switch (failure) {
            case THROWS -> throw new IllegalStateException("the hook has a bug");
            case ANSWERS_1XX -> HttpResponse.of(Status.CONTINUE);
            case ANSWERS_NULL -> null;
        }, Limits.defaults());
        WireResponse response = send("GET /nowhere HTTP/1.1\r\nHost: a\r\n\r\n");
        assertEquals(404, response.status());
        assertEquals("404 Not Found\nno route matches this path (RFC 9110 §15.5.5)\n", response.bodyText());
    }

    enum Failure { THROWS, ANSWERS_1XX, ANSWERS_NULL }
}
