package io.zyphos.http2.interop;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.zyphos.http.BodyWriter;
import io.zyphos.http.ContentSource;
import io.zyphos.http.HeaderName;
import io.zyphos.http.Headers;
import io.zyphos.http.HttpHandler;
import io.zyphos.http.HttpRequest;
import io.zyphos.http.HttpResponse;
import io.zyphos.http.HttpService;
import io.zyphos.http.RequestBody;
import io.zyphos.http.Router;
import io.zyphos.http.Status;
import io.zyphos.http.files.StaticFiles;
import io.zyphos.http1.Http1Protocol;
import io.zyphos.http2.Http2Protocol;
import io.zyphos.server.Server;
import io.zyphos.server.Transport;
import io.zyphos.tls.SelfSignedCertificate;
import io.zyphos.tls.TlsConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * The server the HTTP/2 interop tests talk to: one {@link HttpService} served by HTTP/2 (prior
 * knowledge) and by HTTP/1.1 with {@code Upgrade: h2c}, on one port. Bodies up to 1 KiB arrive
 * whole; longer ones stream, so uploads test both paths.
 *
 * <ul>
 *   <li>{@code GET /plaintext}: {@code Hello, World!}</li>
 *   <li>{@code GET /version}: the HTTP version the request came in, as the handler sees it</li>
 *   <li>{@code POST /echo}: the body back</li>
 *   <li>{@code GET /chunks?n=N}: N pieces {@code chunk-i\n}, streamed</li>
 *   <li>{@code GET /large?kib=N}: N KiB of a repeating pattern, from a blocking handler</li>
 *   <li>{@code GET /early}: a 103 Early Hints, then the page</li>
 *   <li>{@code GET /files/*}: {@link StaticFiles} over a directory</li>
 * </ul>
 */
final class H2Server implements AutoCloseable {

    private final Server server;

    private H2Server(Server server) {
        this.server = server;
    }

    static H2Server start(Transport transport, Path files) {
        return start(transport, files, null);
    }

    /** Over TLS with {@code certificate}: ALPN chooses {@code h2} or {@code http/1.1}. */
    static H2Server startTls(Transport transport, Path files, SelfSignedCertificate certificate) {
        return start(transport, files, TlsConfig.builder().certificate(certificate.certifiedKey()).build());
    }

    private static H2Server start(Transport transport, Path files, TlsConfig tls) {
        try {
            Router routes = Router.builder()
                    .get("/plaintext", HttpHandler.nonBlocking(r -> HttpResponse.text(Status.OK, "Hello, World!")))
                    .get("/version", HttpHandler.nonBlocking(r -> HttpResponse.text(Status.OK, r.version().toString())))
                    .post("/echo", HttpHandler.nonBlocking(H2Server::echo))
                    .get("/chunks", HttpHandler.nonBlocking(H2Server::chunks))
                    .get("/large", H2Server::large)
                    .get("/early", request -> {
                        Headers hints = new Headers();
                        hints.add(HeaderName.LINK, "</style.css>; rel=preload; as=style");
                        request.sendInterim(Status.EARLY_HINTS, hints);
                        return HttpResponse.text(Status.OK, "page");
                    })
                    .get("/files/*", StaticFiles.builder(files).build())
                    .build();
            HttpService service = HttpService.builder(routes).build();
            Http2Protocol h2 = Http2Protocol.builder(service).maxAggregatedBodyBytes(1024).build();
            Server.Builder builder = Server.builder();
            if (tls != null) {
                builder.tls(tls);
            }
            Server server = builder
                    .transport(transport)
                    .port(0)
                    .threads(1)
                    .protocol(h2)
                    .protocol(Http1Protocol.builder(service).maxAggregatedBodyBytes(1024).upgrade(h2).build())
                    .start();
            return new H2Server(server);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.port() + path;
    }

    String httpsUrl(String path) {
        return "https://localhost:" + server.port() + path;
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

    /** {@code kib} KiB of bytes {@code i % 251}, so a misplaced piece shows. */
    static byte[] pattern(int kib) {
        byte[] b = new byte[kib * 1024];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) (i % 251);
        }
        return b;
    }

    private static HttpResponse large(HttpRequest request) {
        return HttpResponse.builder(Status.OK).body(pattern(Integer.parseInt(request.queryParam("kib")))).build();
    }

    private static HttpResponse echo(HttpRequest request) {
        HttpResponse.Builder response = HttpResponse.builder(Status.OK);
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
                    }
                    sink.end();
                })
                .build();
    }
}
