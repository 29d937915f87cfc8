package io.zyphos.http1.interop;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.zyphos.http.BodyWriter;
import io.zyphos.http.ContentSource;
import io.zyphos.http.HeaderName;
import io.zyphos.http.HttpHandler;
import io.zyphos.http.HttpRequest;
import io.zyphos.http.HttpResponse;
import io.zyphos.http.RequestBody;
import io.zyphos.http.Router;
import io.zyphos.http.Status;
import io.zyphos.http.files.StaticFiles;
import io.zyphos.http1.Http1Protocol;
import io.zyphos.server.Server;
import io.zyphos.server.Transport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * The server the interop tests talk to: the demo's endpoints, plus a few that exercise one framing
 * each. Bodies up to 1 KiB arrive whole; longer ones stream, so large uploads test both paths.
 *
 * <ul>
 *   <li>{@code GET /plaintext}: {@code Hello, World!}</li>
 *   <li>{@code POST /echo}: the body back, with its Content-Type</li>
 *   <li>{@code GET /chunks?n=N}: N chunks {@code chunk-i\n}, streamed (chunked for HTTP/1.1)</li>
 *   <li>{@code GET /empty}: 204 No Content</li>
 *   <li>{@code GET /files/*}: {@link StaticFiles} over a directory</li>
 * </ul>
 */
final class InteropServer implements AutoCloseable {

    private final Server server;

    private InteropServer(Server server) {
        this.server = server;
    }

    static InteropServer start(Transport transport, Path files) {
        return start(transport, files, routes -> {});
    }

    /** With {@code more} adding routes of the test's own. */
    static InteropServer start(Transport transport, Path files, java.util.function.Consumer<Router.Builder> more) {
        try {
            Router.Builder routes = Router.builder()
                    .get("/plaintext", HttpHandler.nonBlocking(r -> HttpResponse.text(Status.OK, "Hello, World!")))
                    .post("/echo", HttpHandler.nonBlocking(InteropServer::echo))
                    .get("/chunks", HttpHandler.nonBlocking(InteropServer::chunks))
                    .get("/empty", HttpHandler.nonBlocking(r -> HttpResponse.of(Status.NO_CONTENT)))
                    .get("/files/*", StaticFiles.builder(files).build());
            more.accept(routes);
            Server server = Server.builder()
                    .transport(transport)
                    .port(0)
                    .threads(1)
                    .protocol(Http1Protocol.builder(routes.build()).maxAggregatedBodyBytes(1024).build())
                    .start();
            return new InteropServer(server);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.port() + path;
    }

    int port() {
        return server.port();
    }

    Server server() {
        return server;
    }

    @Override
    public void close() {
        server.close();
    }

    private static HttpResponse echo(HttpRequest request) {
        HttpResponse.Builder response = HttpResponse.builder(Status.OK);
        String type = request.header(HeaderName.CONTENT_TYPE);
        if (type != null) {
            response.header(HeaderName.CONTENT_TYPE, type);
        }
        return switch (request.body()) {
            case RequestBody.Empty empty -> response.build();
            case RequestBody.Full(ByteBuf content) -> response.body(content.retainedSlice()).build();
            case RequestBody.Streamed(ContentSource source) -> response.stream(BodyWriter.copyOf(source)).build();
        };
    }

    private static HttpResponse chunks(HttpRequest request) {
        int n = Integer.parseInt(request.queryParam("n"));
        return HttpResponse.builder(Status.OK)
                .header(HeaderName.CONTENT_TYPE, "text/plain")
                .stream(sink -> {
                    for (int i = 0; i < n; i++) {
                        sink.write(Unpooled.copiedBuffer("chunk-" + i + "\n", StandardCharsets.US_ASCII));
                        sink.flush();
                    }
                    sink.end();
                })
                .build();
    }
}
