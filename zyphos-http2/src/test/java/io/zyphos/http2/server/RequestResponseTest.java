package io.zyphos.http2.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.netty.buffer.Unpooled;
import io.zyphos.http.HeaderName;
import io.zyphos.http.Headers;
import io.zyphos.http.Status;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A request and its response on one stream (RFC 9113 §8.1): HEADERS, then DATA, then perhaps
 * trailers, each way; the content measured against content-length (§8.1.1); fields HTTP/2 has no
 * place for kept out of a response (§8.2.2).
 */
class RequestResponseTest {

    static void hello(Http2ServerEngine engine, RequestHead head) {
        engine.sendHeaders(head.streamId(), Status.OK, new Headers().add(HeaderName.CONTENT_TYPE, "text/plain"), false);
        engine.sendData(head.streamId(), Unpooled.copiedBuffer("hello", StandardCharsets.US_ASCII), true);
    }

    @Test
    void aGetIsAnsweredWithHeadersThenData() {
        try (Http2Client client = Http2Client.connected()) {
            client.app.responder = RequestResponseTest::hello;
            client.get(1, "/index.html");
            assertEquals(List.of("request 1 GET https example.com /index.html u=3 end"), client.app.take());
            assertEquals(List.of("HEADERS 1 {:status=200, content-type=text/plain}", "DATA 1 5 END_STREAM"), client.read());
            assertEquals("hello", client.body(1));
            assertEquals(0, client.engine.activeStreams(), "closed both ways");
        }
    }

    @Test
    void aPostDeliversItsContentInOrder() {
        try (Http2Client client = Http2Client.connected()) {
            client.headers(1, false, ":method", "POST", ":scheme", "https", ":authority", "example.com", ":path", "/form",
                    "content-length", "11");
            client.data(1, "hello ", false).data(1, "world", true);
            assertEquals(List.of("request 1 POST https example.com /form u=3", "data 1 6", "data 1 5 end"), client.app.take());
            assertEquals("hello world", client.app.content.get(1).toString());
        }
    }

    @Test
    void contentShorterThanContentLengthMakesTheRequestMalformed() {
        try (Http2Client client = Http2Client.connected()) {
            client.headers(1, false, ":method", "POST", ":scheme", "https", ":path", "/", "content-length", "10");
            client.data(1, "hello", true);
            assertEquals(List.of("RST_STREAM 1 PROTOCOL_ERROR"), client.read());
            assertEquals(List.of("request 1 POST https null / u=3", "reset 1 PROTOCOL_ERROR"), client.app.take());
        }
    }

    @Test
    void contentLongerThanContentLengthMakesTheRequestMalformed() {
        try (Http2Client client = Http2Client.connected()) {
            client.headers(1, false, ":method", "POST", ":scheme", "https", ":path", "/", "content-length", "3");
            client.data(1, "hello", false);
            assertEquals(List.of("RST_STREAM 1 PROTOCOL_ERROR"), client.read());
        }
    }

    @Test
    void aContentLengthOnARequestWithoutContentIsMalformed() {
        try (Http2Client client = Http2Client.connected()) {
            client.headers(1, true, ":method", "POST", ":scheme", "https", ":path", "/", "content-length", "3");
            assertEquals(List.of("RST_STREAM 1 PROTOCOL_ERROR"), client.read());
            assertEquals(List.of(), client.app.take(), "never delivered");
        }
    }

    @Test
    void trailersEndTheRequestAndTheResponse() {
        try (Http2Client client = Http2Client.connected()) {
            client.app.responder = (engine, head) -> {
                engine.sendHeaders(head.streamId(), Status.OK, new Headers(), false);
                engine.sendData(head.streamId(), Unpooled.copiedBuffer("body", StandardCharsets.US_ASCII), false);
                engine.sendTrailers(head.streamId(), new Headers().add("grpc-status", "0"));
            };
            client.headers(1, false, ":method", "POST", ":scheme", "https", ":path", "/rpc", "te", "trailers");
            client.data(1, "ping", false);
            client.headers(1, true, "x-checksum", "abc");
            assertEquals(List.of("request 1 POST https null /rpc u=3", "data 1 4", "trailers 1 {x-checksum=abc}"),
                    client.app.take());
            assertEquals(List.of("HEADERS 1 {:status=200}", "DATA 1 4", "HEADERS 1 {grpc-status=0} END_STREAM"), client.read());
            assertEquals(0, client.engine.activeStreams());
        }
    }

    @Test
    void trailersWithoutEndStreamAreMalformed() {
        try (Http2Client client = Http2Client.connected()) {
            client.headers(1, false, ":method", "POST", ":scheme", "https", ":path", "/");
            client.headers(1, false, "x-checksum", "abc");
            assertEquals(List.of("RST_STREAM 1 PROTOCOL_ERROR"), client.read());
        }
    }

    @Test
    void pseudoHeadersInTrailersAreMalformed() {
        try (Http2Client client = Http2Client.connected()) {
            client.headers(1, false, ":method", "POST", ":scheme", "https", ":path", "/");
            client.headers(1, true, ":path", "/other");
            assertEquals(List.of("RST_STREAM 1 PROTOCOL_ERROR"), client.read());
        }
    }

    @Test
    void connectionSpecificFieldsAreLeftOutOfTheResponse() {
        try (Http2Client client = Http2Client.connected()) {
            client.app.responder = (engine, head) -> engine.sendHeaders(head.streamId(), Status.NO_CONTENT, new Headers()
                    .add(HeaderName.CONNECTION, "close").add(HeaderName.TRANSFER_ENCODING, "chunked")
                    .add("proxy-connection", "keep-alive").add(HeaderName.SERVER, "zyphos"), true);
            client.get(1, "/");
            assertEquals(List.of("HEADERS 1 {:status=204, server=zyphos} END_STREAM"), client.read());
        }
    }

    @Test
    void anInterimResponseComesBeforeTheFinalOne() {
        try (Http2Client client = Http2Client.connected()) {
            client.app.responder = (engine, head) -> {
                engine.sendHeaders(head.streamId(), 103, new Headers().add(HeaderName.LINK, "</a.css>; rel=preload"), false);
                engine.sendHeaders(head.streamId(), Status.OK, new Headers(), true);
            };
            client.get(1, "/");
            assertEquals(List.of("HEADERS 1 {:status=103, link=</a.css>; rel=preload}", "HEADERS 1 {:status=200} END_STREAM"),
                    client.read());
        }
    }

    @Test
    void dataBeforeTheResponseHeadersIsAMisuse() {
        try (Http2Client client = Http2Client.connected()) {
            client.get(1, "/");
            assertThrows(IllegalStateException.class,
                    () -> client.engine.sendData(1, Unpooled.copiedBuffer("x", StandardCharsets.US_ASCII), true));
            assertThrows(IllegalArgumentException.class, () -> client.engine.sendHeaders(1, 101, new Headers(), false),
                    "HTTP/2 has no 101 (§8.6)");
        }
    }
}
