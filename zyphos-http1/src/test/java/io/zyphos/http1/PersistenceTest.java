package io.zyphos.http1;

import static io.zyphos.http1.ParserHarness.assertEvents;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * RFC 9112 §9: an HTTP/1.1 connection stays open unless someone says "close"; an HTTP/1.0 one
 * closes unless the client asks for "keep-alive" (§9.3). A client may send requests before the
 * responses come back (pipelining, §9.3.2); they are parsed strictly in order. RFC 9110 §10.1.1:
 * a client that sends {@code Expect: 100-continue} waits for a 100 response before the body.
 */
class PersistenceTest {

    @Test
    void http11IsPersistentUnlessConnectionSaysClose() {
        assertEvents("GET / HTTP/1.1\r\nHost: a\r\n\r\n", "GET / HTTP/1.1 [Host: a] no-body keep-alive", "end");
        assertEvents("GET / HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n",
                "GET / HTTP/1.1 [Host: a][Connection: close] no-body close", "end");
        assertEvents("GET / HTTP/1.1\r\nHost: a\r\nConnection: Upgrade, CLOSE\r\n\r\n",
                "GET / HTTP/1.1 [Host: a][Connection: Upgrade, CLOSE] no-body close", "end");
    }

    @Test
    void http10IsPersistentOnlyWithKeepAlive() {
        assertEvents("GET / HTTP/1.0\r\n\r\n", "GET / HTTP/1.0 [] no-body close", "end");
        assertEvents("GET / HTTP/1.0\r\nConnection: Keep-Alive\r\n\r\n",
                "GET / HTTP/1.0 [Connection: Keep-Alive] no-body keep-alive", "end");
        assertEvents("GET / HTTP/1.0\r\nConnection: keep-alive\r\nConnection: close\r\n\r\n",
                "GET / HTTP/1.0 [Connection: keep-alive][Connection: close] no-body close", "end");
    }

    @Test
    void expect100ContinueIsReportedForHttp11Only() {
        assertEvents("PUT /f HTTP/1.1\r\nHost: a\r\nExpect: 100-Continue\r\nContent-Length: 2\r\n\r\nhi",
                "PUT /f HTTP/1.1 [Host: a][Expect: 100-Continue][Content-Length: 2] length=2 keep-alive 100-continue",
                "body hi", "end");
        assertEvents("PUT /f HTTP/1.0\r\nExpect: 100-continue\r\nContent-Length: 2\r\n\r\nhi",
                "PUT /f HTTP/1.0 [Expect: 100-continue][Content-Length: 2] length=2 close", "body hi", "end");
    }

    @Test
    void pipelinedRequestsParseInOrder() {
        assertEvents("GET /1 HTTP/1.1\r\nHost: a\r\n\r\n"
                        + "POST /2 HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\n\r\nabc"
                        + "POST /3 HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nde\r\n0\r\n\r\n"
                        + "GET /4 HTTP/1.0\r\n\r\n",
                "GET /1 HTTP/1.1 [Host: a] no-body keep-alive", "end",
                "POST /2 HTTP/1.1 [Host: a][Content-Length: 3] length=3 keep-alive", "body abc", "end",
                "POST /3 HTTP/1.1 [Host: a][Transfer-Encoding: chunked] chunked keep-alive", "body de", "end",
                "GET /4 HTTP/1.0 [] no-body close", "end");
    }

    @Test
    void anErrorInAPipelinedRequestComesAfterTheRequestsBeforeIt() {
        assertEvents("GET /1 HTTP/1.1\r\nHost: a\r\n\r\nGET /2 HTTP/1.1\r\nHost: a\r\nBad Name: x\r\n\r\nGET /3 HTTP/1.1\r\n\r\n",
                "GET /1 HTTP/1.1 [Host: a] no-body keep-alive", "end", "error 400 WHITESPACE_BEFORE_COLON");
    }

    @Test
    void sixteenPipelinedRequestsInOneBuffer() {
        String one = "GET /plaintext HTTP/1.1\r\nHost: localhost\r\nAccept: */*\r\n\r\n";
        String[] expected = new String[32];
        for (int i = 0; i < 16; i++) {
            expected[2 * i] = "GET /plaintext HTTP/1.1 [Host: localhost][Accept: */*] no-body keep-alive";
            expected[2 * i + 1] = "end";
        }
        assertEvents(one.repeat(16), expected);
    }

    @Test
    void anUpgradeIsAskedByTheUpgradeFieldWithTheUpgradeOptionInHttp11Only() {
        // RFC 9110 §7.8: both the field and the connection option; a server ignores HTTP/1.0's.
        assertEvents("GET /chat HTTP/1.1\r\nHost: a\r\nUpgrade: websocket\r\nConnection: keep-alive, Upgrade\r\n\r\n",
                "GET /chat HTTP/1.1 [Host: a][Upgrade: websocket][Connection: keep-alive, Upgrade] no-body keep-alive upgrade",
                "end");
        assertEvents("GET /chat HTTP/1.1\r\nHost: a\r\nUpgrade: websocket\r\n\r\n",
                "GET /chat HTTP/1.1 [Host: a][Upgrade: websocket] no-body keep-alive", "end");
        assertEvents("GET /chat HTTP/1.0\r\nUpgrade: websocket\r\nConnection: upgrade\r\n\r\n",
                "GET /chat HTTP/1.0 [Upgrade: websocket][Connection: upgrade] no-body close", "end");
    }

    @Test
    void afterAnUpgradeTheRestOfTheBytesAreHandedOver() {
        try (Http1RequestParser parser = new Http1RequestParser()) {
            parser.receive(Unpooled.copiedBuffer(
                    "GET /chat HTTP/1.1\r\nHost: a\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n\u0081\u0085frame",
                    StandardCharsets.ISO_8859_1));
            assertInstanceOf(Http1RequestHead.class, parser.nextEvent());
            assertInstanceOf(Http1Event.EndOfMessage.class, parser.nextEvent());
            ByteBuf rest = parser.takeUnparsed();
            assertEquals("\u0081\u0085frame", rest.toString(StandardCharsets.ISO_8859_1));
            rest.release();
            assertThrows(IllegalStateException.class, parser::nextEvent);
        }
    }

    @Test
    void unparsedBytesAreOnlyHandedOverBetweenRequests() {
        try (Http1RequestParser parser = new Http1RequestParser()) {
            parser.receive(Unpooled.copiedBuffer("GET / HTTP/1.1\r\nHo", StandardCharsets.ISO_8859_1));
            assertEquals(Http1Event.NEED_DATA, parser.nextEvent());
            assertThrows(IllegalStateException.class, parser::takeUnparsed);
        }
    }
}
