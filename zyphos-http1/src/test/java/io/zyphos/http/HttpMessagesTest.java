package io.zyphos.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.zyphos.buffer.Buffers;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Requests and responses as handlers see them, and who releases each buffer: a request owns its
 * aggregated body until the engine releases it, a response owns its body until the engine writes
 * it (buffer ownership, io.zyphos.buffer). A 204 or 304 cannot carry content (RFC 9110 §6.4.1).
 */
class HttpMessagesTest {

    @Test
    void aRequestExposesItsDecodedPathQueryAndRouteParameters() {
        Router router = Router.builder().get("/shop/{item}", request -> HttpResponse.of(Status.OK)).build();
        RouteMatch match = new RouteMatch();
        RequestTarget target = RequestTarget.parse("/shop/caf%C3%A9?size=large&milk=oat+milk&milk=soy");
        router.find(Method.GET, target.path(), match);
        HttpRequest request = HttpRequest.builder(Method.GET, target)
                .header("Accept", "text/html")
                .route(match)
                .build();
        assertEquals("/shop/café", request.path());
        assertEquals("café", request.pathParam("item"));
        assertNull(request.pathParam("nope"));
        assertEquals("oat milk", request.queryParam("milk"), "'+' is a space in a query");
        assertEquals(2, request.query().all("milk").size());
        assertEquals("text/html", request.header(HeaderName.ACCEPT));
        assertSame(RequestBody.EMPTY, request.body());
        assertEquals("GET /shop/caf%C3%A9?size=large&milk=oat+milk&milk=soy", request.toString());
    }

    @Test
    void theAuthorityIsTheAbsoluteFormTargetsElseHosts() {
        HttpRequest origin = HttpRequest.builder(Method.GET, "/a").header(HeaderName.HOST, "example.com:8080").build();
        assertEquals("example.com:8080", origin.authority(), "RFC 9110 §7.2: Host names the authority");
        HttpRequest absolute = HttpRequest.builder(Method.GET, "http://origin.example/a")
                .header(HeaderName.HOST, "ignored.example").build();
        assertEquals("origin.example", absolute.authority(), "RFC 9112 §3.2.2: an absolute-form target wins over Host");
        assertNull(HttpRequest.builder(Method.GET, "/a").version(HttpVersion.HTTP_1_0).build().authority(),
                "an HTTP/1.0 request may have neither");
    }

    @Test
    void aRequestBuiltByHandSaysItCameOnNoConnection() {
        HttpRequest request = HttpRequest.builder(Method.GET, "/a").build();
        assertEquals(HttpVersion.HTTP_1_1, request.version());
        assertEquals("http", request.scheme());
        assertNull(request.remoteAddress());
        assertNull(request.localAddress());
        InetSocketAddress client = new InetSocketAddress("127.0.0.1", 50_000);
        InetSocketAddress server = new InetSocketAddress("127.0.0.1", 8080);
        HttpRequest connected = HttpRequest.builder(Method.GET, "/a")
                .connection(new ConnectionInfo(client, server, "http", HttpVersion.HTTP_1_0)).build();
        assertEquals(client, connected.remoteAddress());
        assertEquals(server, connected.localAddress());
        assertEquals("HTTP/1.0", connected.version().text());
    }

    @Test
    void aRequestOwnsItsAggregatedBody() {
        ByteBuf content = Buffers.allocator().buffer().writeBytes("name=zyphos".getBytes(StandardCharsets.US_ASCII));
        HttpRequest request = HttpRequest.builder(Method.POST, "/form").body(content).build();
        RequestBody.Full full = assertInstanceOf(RequestBody.Full.class, request.body());
        assertEquals("name=zyphos", full.content().toString(StandardCharsets.US_ASCII));
        request.release();
        assertEquals(0, content.refCnt(), "release() gives the request's reference back");
    }

    @Test
    void aResponseOwnsItsBodyUntilReleased() {
        HttpResponse response = HttpResponse.text(Status.OK, "Hello, World!");
        assertEquals("text/plain; charset=utf-8", response.headers().get(HeaderName.CONTENT_TYPE));
        ByteBuf content = assertInstanceOf(ResponseBody.Bytes.class, response.body()).content();
        assertEquals("Hello, World!", content.toString(StandardCharsets.UTF_8));
        ByteBuf sent = response.retainedContent();
        assertSame(content, sent, "an ordinary body is handed on as it is, with one more reference");
        sent.release();
        response.release();
        assertEquals(0, content.refCnt(), "the engine (here, the test) releases what it was given");
    }

    @Test
    void aConstantResponseIsBuiltOnceAndNeverReleased() {
        ByteBuf given = Buffers.allocator().buffer().writeBytes("Hello, World!".getBytes(StandardCharsets.US_ASCII));
        HttpResponse hello = HttpResponse.builder(Status.OK)
                .header(HeaderName.CONTENT_TYPE, "text/plain")
                .body(given)
                .buildConstant();
        assertEquals(0, given.refCnt(), "the constant keeps a private copy and lets the builder's buffer go");
        assertTrue(hello.isConstant());
        ByteBuf content = assertInstanceOf(ResponseBody.Bytes.class, hello.body()).content();
        for (int request = 0; request < 3; request++) {
            // What an engine does after sending it, once per request: nothing happens.
            hello.release();
        }
        assertEquals("Hello, World!", content.toString(StandardCharsets.US_ASCII));
        assertTrue(content.isReadOnly(), "no handler can change what every other request is sent");
        ByteBuf sent = hello.retainedContent();
        sent.skipBytes(sent.readableBytes());
        sent.release();
        assertEquals(13, content.readableBytes(), "what a transport sends is a view of its own");
    }

    @Test
    void aConstantResponsesFieldsAreReadOnlyAndNameWhatToDoInstead() {
        HttpResponse ok = HttpResponse.builder(Status.NO_CONTENT).header(HeaderName.CACHE_CONTROL, "no-store").buildConstant();
        assertTrue(ok.headers().isReadOnly());
        UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class,
                () -> ok.headers().add(HeaderName.VARY, "accept"));
        assertTrue(e.getMessage().contains("HttpResponse.builder"), e.getMessage());
        assertThrows(UnsupportedOperationException.class, () -> ok.headers().set(HeaderName.CACHE_CONTROL, "max-age=60"));
        assertThrows(UnsupportedOperationException.class, () -> ok.headers().remove(HeaderName.CACHE_CONTROL));
        assertThrows(UnsupportedOperationException.class, ok.headers()::clear);
        assertThrows(UnsupportedOperationException.class, () -> ok.headers().setAll(new Headers()));
        Headers copy = ok.headers().copy();
        copy.add(HeaderName.VARY, "accept");
        assertEquals(2, copy.size(), "a copy is the caller's to change");
        assertEquals(1, ok.headers().size());
    }

    @Test
    void aStreamedBodyCannotBeConstant() {
        HttpResponse.Builder b = HttpResponse.builder(Status.OK).stream(sink -> sink.end());
        IllegalStateException e = assertThrows(IllegalStateException.class, b::buildConstant);
        assertTrue(e.getMessage().contains("streamed"), e.getMessage());
    }

    @Test
    void replacingABodyInTheBuilderReleasesTheOldOne() {
        ByteBuf first = Buffers.allocator().buffer().writeByte('x');
        HttpResponse response = HttpResponse.builder(Status.OK)
                .body(first)
                .file(Path.of("/srv/site/index.html"), 0, 1024)
                .build();
        assertEquals(0, first.refCnt(), "the builder owned it, so dropping it releases it");
        assertEquals(new ResponseBody.FileRegion(Path.of("/srv/site/index.html"), 0, 1024), response.body());
    }

    @Test
    void statusesWithoutContentRefuseABody() {
        HttpResponse.Builder b = HttpResponse.builder(Status.NO_CONTENT).body("oops");
        IllegalStateException e = assertThrows(IllegalStateException.class, b::build);
        assertEquals("204 No Content cannot have content (RFC 9110 §6.4.1)", e.getMessage());
        assertThrows(IllegalStateException.class, () -> HttpResponse.builder(Status.NOT_MODIFIED)
                .stream(sink -> sink.end()).build());
        assertInstanceOf(ResponseBody.Empty.class, HttpResponse.of(Status.NOT_MODIFIED).body());
    }

    @Test
    void aFileRegionIsChecked() {
        assertThrows(IllegalArgumentException.class, () -> new ResponseBody.FileRegion(Path.of("f"), -1, 10));
        assertThrows(IllegalArgumentException.class, () -> new ResponseBody.FileRegion(Path.of("f"), 0, -10));
    }

    @Test
    void aResponseHeaderCannotBeSplit() {
        String userInput = "en\r\nSet-Cookie: session=stolen";
        assertThrows(IllegalArgumentException.class,
                () -> HttpResponse.builder(Status.OK).header(HeaderName.CONTENT_LANGUAGE, userInput),
                "the response-splitting guard of RFC 9110 §5.5");
    }

    @Test
    void everyBodyKindIsFramedByAnExhaustiveSwitch() {
        // The engine frames each kind differently: an exhaustive switch keeps it honest.
        HttpResponse streamed = HttpResponse.builder(Status.OK).stream(sink -> sink.end()).build();
        for (HttpResponse r : new HttpResponse[] {HttpResponse.of(Status.OK), streamed}) {
            String framing = switch (r.body()) {
                case ResponseBody.Empty e -> "Content-Length: 0";
                case ResponseBody.Bytes(ByteBuf content) -> "Content-Length: " + content.readableBytes();
                case ResponseBody.FileRegion(Path file, long offset, long length) -> "Content-Length: " + length;
                case ResponseBody.Streamed s -> "Transfer-Encoding: chunked";
                case ResponseBody.ProtocolSwitch(var next) -> "Connection: upgrade";
            };
            assertEquals(r == streamed ? "Transfer-Encoding: chunked" : "Content-Length: 0", framing);
        }
    }
}
