package io.zyphos.bench.demo;

import io.netty.buffer.ByteBuf;
import io.zyphos.http.BodyWriter;
import io.zyphos.http.ContentSource;
import io.zyphos.http.HeaderName;
import io.zyphos.http.HttpHandler;
import io.zyphos.http.HttpRequest;
import io.zyphos.http.HttpResponse;
import io.zyphos.http.MetricsHandler;
import io.zyphos.http.RequestBody;
import io.zyphos.http.Router;
import io.zyphos.http.Status;
import io.zyphos.metrics.MetricsRegistry;
import java.nio.charset.StandardCharsets;

/**
 * The demo server's endpoints. Each is a small lesson in one kind of handler: constant bytes
 * ({@code /plaintext}), a body made per request ({@code /json}), a request body sent back as it
 * arrives ({@code /echo}), files with sendfile ({@code /files/...}), and the server's own metrics.
 */
public final class DemoRoutes {

    static final byte[] PLAINTEXT = "Hello, World!".getBytes(StandardCharsets.US_ASCII);
    static final String INDEX = """
            <!doctype html>
            <html lang="en">
            <head><meta charset="utf-8"><title>Zyphos demo</title></head>
            <body>
            <h1>Zyphos demo server</h1>
            <ul>
            <li><a href="/plaintext">GET /plaintext</a>: Hello, World! as text/plain</li>
            <li><a href="/json">GET /json</a>: {"message":"Hello, World!"}</li>
            <li>POST /echo: the request body back, with its Content-Type</li>
            <li><a href="/files/">GET /files/...</a>: static files</li>
            <li><a href="/metrics">GET /metrics</a>: Prometheus text of the server's metrics</li>
            </ul>
            </body>
            </html>
            """;

    private DemoRoutes() {}

    /**
     * The demo's router.
     *
     * @param files serves {@code /files/*}: the path after {@code /files/} is the route's wildcard
     * @param metrics what {@code /metrics} shows
     */
    public static Router router(HttpHandler files, MetricsRegistry metrics) {
        return Router.builder()
                .get("/", HttpHandler.nonBlocking(DemoRoutes::index))
                .get("/plaintext", HttpHandler.nonBlocking(DemoRoutes::plaintext))
                .get("/json", HttpHandler.nonBlocking(DemoRoutes::json))
                .post("/echo", HttpHandler.nonBlocking(DemoRoutes::echo))
                .get("/files/*", files)
                .get("/metrics", MetricsHandler.prometheus(metrics))
                .build();
    }

    static HttpResponse index(HttpRequest request) {
        return HttpResponse.builder(Status.OK)
                .header(HeaderName.CONTENT_TYPE, "text/html; charset=utf-8")
                .body(INDEX)
                .build();
    }

    /**
     * The TechEmpower plaintext answer, built once: its rules let a server reuse the response
     * bytes, and a constant response is how a Zyphos service sends the same answer every time with
     * nothing allocated per request.
     */
    private static final HttpResponse HELLO = HttpResponse.builder(Status.OK)
            .header(HeaderName.CONTENT_TYPE, "text/plain")
            .body(PLAINTEXT)
            .buildConstant();

    /** The TechEmpower plaintext test: the same 13 bytes every time. */
    static HttpResponse plaintext(HttpRequest request) {
        return HELLO;
    }

    /** The TechEmpower JSON test: the object is serialised for every request, as the rules ask. */
    static HttpResponse json(HttpRequest request) {
        return HttpResponse.builder(Status.OK)
                .header(HeaderName.CONTENT_TYPE, "application/json")
                .body(JsonMessage.encode("Hello, World!"))
                .build();
    }

    /**
     * The body back, with the request's Content-Type. A small body arrives whole and is returned
     * as it is (the same buffer, one more reference); a large one streams: each chunk is written
     * out as it is read, and the next is demanded only when the connection can take it.
     */
    static HttpResponse echo(HttpRequest request) {
        HttpResponse.Builder response = HttpResponse.builder(Status.OK);
        String type = request.header(HeaderName.CONTENT_TYPE);
        if (type != null) {
            response.header(HeaderName.CONTENT_TYPE, type);
        }
        return switch (request.body()) {
            case RequestBody.Empty empty -> response.build();
            case RequestBody.Full(ByteBuf content) -> response.body(content.retainedSlice()).build();
            case RequestBody.Streamed(ContentSource source) -> {
                String length = request.header(HeaderName.CONTENT_LENGTH);
                if (length != null) {
                    response.header(HeaderName.CONTENT_LENGTH, length);
                }
                yield response.stream(BodyWriter.copyOf(source)).build();
            }
        };
    }
}
