package io.zyphos.http.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.Unpooled;
import io.zyphos.http.HttpHandler;
import io.zyphos.http.HttpResponse;
import io.zyphos.http.Router;
import io.zyphos.http.Status;
import io.zyphos.http1.Http1Protocol;
import io.zyphos.http1.server.WireResponse;
import io.zyphos.server.Limits;
import io.zyphos.server.Server;
import io.zyphos.server.Transport;
import io.zyphos.testing.LoopbackClient;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.regex.Matcher;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The access log fed by the HTTP/1 engine: one Combined line per request once its response is
 * complete, with the client's address, the request line and its version, the status and body
 * bytes that went out (RFC 9110 §9.3.2: none for HEAD), and for requests the parser refused
 * (RFC 9112 §11.2) or that timed out (RFC 9110 §15.5.9) what there was of their line. A log
 * parser's regex reads every line.
 */
class AccessLogServerTest {

    private static final Router ROUTER = Router.builder()
            .get("/hello", HttpHandler.nonBlocking(r -> HttpResponse.text(Status.OK, "hello")))
            .get("/stream", r -> HttpResponse.builder(Status.OK).stream(sink -> {
                sink.write(Unpooled.copiedBuffer("abc", StandardCharsets.US_ASCII));
                sink.write(Unpooled.copiedBuffer("defg", StandardCharsets.US_ASCII));
                sink.end();
            }).build())
            .build();

    private static List<String> serve(Transport transport, Limits limits, String... connections) throws IOException {
        StringBuilder out = new StringBuilder();
        AccessLog log = AccessLog.builder().to(out).zone(ZoneOffset.UTC).build();
        try (Server server = Server.builder().transport(transport).port(0).threads(1).limits(limits)
                .protocol(Http1Protocol.builder(ROUTER).accessLog(log).build()).start()) {
            for (String requests : connections) {
                try (LoopbackClient client = LoopbackClient.connect(server.localAddress())) {
                    client.send(requests);
                    InputStream in = new BufferedInputStream(client.socket().getInputStream());
                    for (int n = requests.split("\r\n\r\n", -1).length - 1; n > 0; n--) {
                        WireResponse.read(in, requests.startsWith("HEAD"));
                    }
                    if (!requests.endsWith("\r\n\r\n")) {
                        WireResponse.read(in, false);
                    }
                }
            }
        } finally {
            log.close();
        }
        return out.toString().lines().toList();
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void everyRequestGetsALineAParserReads(Transport transport) throws IOException {
        List<String> lines = serve(transport, Limits.defaults(),
                "GET /hello?x=1 HTTP/1.1\r\nHost: a\r\nUser-Agent: curl/8.5.0\r\nReferer: http://a/\r\n\r\n"
                        + "GET /stream HTTP/1.1\r\nHost: a\r\n\r\n"
                        + "GET /nowhere HTTP/1.1\r\nHost: a\r\n\r\n",
                "HEAD /hello HTTP/1.0\r\n\r\n",
                "GET /hello HTTP/1.1\r\n\r\n",
                "GET /a\"b HTTP/1.1\r\nHost: a\r\n\r\n");
        assertEquals(6, lines.size(), String.join("\n", lines));
        for (String line : lines) {
            Matcher m = AccessLogTest.COMBINED.matcher(line);
            assertTrue(m.matches(), "a Combined log parser cannot read: " + line);
            assertEquals("127.0.0.1", m.group("clientip"));
        }
        assertTrue(lines.get(0).endsWith("] \"GET /hello?x=1 HTTP/1.1\" 200 5 \"http://a/\" \"curl/8.5.0\""), lines.get(0));
        assertTrue(lines.get(1).endsWith("] \"GET /stream HTTP/1.1\" 200 7 \"-\" \"-\""),
                "a streamed body's bytes are counted as they go: " + lines.get(1));
        assertTrue(lines.get(2).contains("] \"GET /nowhere HTTP/1.1\" 404 "), lines.get(2));
        assertTrue(lines.get(3).endsWith("] \"HEAD /hello HTTP/1.0\" 200 - \"-\" \"-\""), "HEAD sends no body: " + lines.get(3));
        assertTrue(lines.get(4).contains("] \"GET /hello HTTP/1.1\" 400 "),
                "refused for its missing Host, logged with its line: " + lines.get(4));
        assertTrue(lines.get(5).contains("] \"GET /a\\\"b HTTP/1.1\" 400 "),
                "a quote in a refused line is escaped: " + lines.get(5));
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aHeadThatTimesOutIsLoggedWithWhatThereWas(Transport transport) throws IOException {
        List<String> lines = serve(transport, Limits.defaults().withReadTimeout(Duration.ofMillis(200)), "GET /slow HTTP/1.1\r\nHo");
        assertEquals(1, lines.size(), String.join("\n", lines));
        assertTrue(lines.getFirst().contains("] \"GET /slow HTTP/1.1\" 408 "), lines.getFirst());
        assertTrue(AccessLogTest.COMBINED.matcher(lines.getFirst()).matches(), lines.getFirst());
    }
}
