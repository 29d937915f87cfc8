package io.zyphos.http1;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.zyphos.buffer.Buffers;
import io.zyphos.http.Status;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * RFC 9112 §4 (status line), §6 (body framing) and §7 (chunked, trailers) from the server's side:
 * the writer puts exact bytes into the caller's buffer, and refuses what would make a response
 * ambiguous (a header with CR or LF in it, a body longer than its Content-Length, chunked to an
 * HTTP/1.0 client).
 */
class ResponseWriterTest {

    private static final long SUN_06_NOV_1994_08_49_37 = 784_111_777_000L;

    @Test
    void aResponseWithContentLength() {
        assertEquals("HTTP/1.1 200 OK\r\ncontent-type: text/plain\r\ndate: Sun, 06 Nov 1994 08:49:37 GMT\r\n"
                        + "content-length: 13\r\n\r\nHello, World!",
                write(w -> {
                    w.statusLine(out, 200);
                    w.field(out, "content-type", "text/plain");
                    w.date(out, SUN_06_NOV_1994_08_49_37);
                    w.endHead(out, 13);
                    w.body(out, ascii("Hello, "));
                    w.body(out, ascii("World!"));
                    w.end(out);
                }));
    }

    @Test
    void aChunkedResponseWithTrailers() {
        assertEquals("HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\n\r\n"
                        + "5\r\nHello\r\n1a\r\nabcdefghijklmnopqrstuvwxyz\r\n0\r\nchecksum: 42\r\n\r\n",
                write(w -> {
                    w.statusLine(out, 200);
                    w.endHeadChunked(out, Http1Version.HTTP_1_1);
                    w.body(out, ascii("Hello"));
                    w.body(out, ascii(""));
                    w.body(out, ascii("abcdefghijklmnopqrstuvwxyz"));
                    w.lastChunk(out);
                    w.trailer(out, "checksum", "42");
                    w.end(out);
                }));
        assertEquals("HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n",
                write(w -> {
                    w.statusLine(out, 200);
                    w.endHeadChunked(out, Http1Version.HTTP_1_1);
                    w.body(out, ascii("abc"));
                    w.end(out);
                }));
    }

    @Test
    void theChunkedResponseParsesBackAsTheSameBody() {
        String wire = write(w -> {
            w.statusLine(out, 200);
            w.endHeadChunked(out, Http1Version.HTTP_1_1);
            w.body(out, ascii("x".repeat(300)));
            w.end(out);
        });
        String body = wire.substring(wire.indexOf("\r\n\r\n") + 4);
        ParserHarness.assertEvents("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n" + body,
                "POST / HTTP/1.1 [Host: a][Transfer-Encoding: chunked] chunked keep-alive", "body " + "x".repeat(300), "end");
    }

    @Test
    void continueComesBeforeTheFinalResponse() {
        assertEquals("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 204 No Content\r\n\r\n",
                write(w -> {
                    w.interim(out, 100);
                    w.statusLine(out, 204);
                    w.endHeadWithoutBody(out);
                }));
    }

    @Test
    void http10ClientsGetABodyThatEndsWithTheConnection() {
        assertEquals("HTTP/1.1 200 OK\r\nconnection: close\r\n\r\nstreamed",
                write(w -> {
                    w.statusLine(out, 200);
                    w.field(out, "connection", "close");
                    assertThrows(IllegalStateException.class, () -> w.endHeadChunked(out, Http1Version.HTTP_1_0));
                    w.endHeadUntilClose(out);
                    w.body(out, ascii("streamed"));
                    w.end(out);
                }));
    }

    @Test
    void unknownStatusesHaveAnEmptyReasonPhrase() {
        assertEquals("HTTP/1.1 299 \r\ncontent-length: 0\r\n\r\n", write(w -> {
            w.statusLine(out, 299);
            w.endHead(out, 0);
        }));
    }

    @Test
    void theReasonPhraseIsTheStatussOwn() {
        assertEquals("HTTP/1.1 414 URI Too Long\r\ncontent-length: 0\r\n\r\n", write(w -> {
            w.statusLine(out, Status.URI_TOO_LONG);
            w.endHead(out, 0);
        }), "a registered status: the phrase RFC 9110 §15 gives it");
        assertEquals("HTTP/1.1 402 Payment Required\r\ncontent-length: 0\r\n\r\n", write(w -> {
            w.statusLine(out, 402);
            w.endHead(out, 0);
        }), "every registered code by number has the phrase Status has");
        assertEquals("HTTP/1.1 200 Tr\u00e8s bien\r\ncontent-length: 0\r\n\r\n", write(w -> {
            w.statusLine(out, Status.of(200, "Tr\u00e8s bien"));
            w.endHead(out, 0);
        }), "RFC 9112 §4: a reason phrase of one's own, obs-text included, goes out as given");
    }

    @Test
    void fieldsThatCouldSplitTheResponseAreRefused() {
        write(w -> {
            w.statusLine(out, 200);
            int before = out.writerIndex();
            assertThrows(IllegalArgumentException.class, () -> w.field(out, "x", "a\r\nSet-Cookie: evil"));
            assertThrows(IllegalArgumentException.class, () -> w.field(out, "x\r\ny", "a"));
            assertThrows(IllegalArgumentException.class, () -> w.field(out, "bad name", "a"));
            assertThrows(IllegalArgumentException.class, () -> w.field(out, "", "a"));
            assertThrows(IllegalArgumentException.class, () -> w.field(out, "x", "\u0100"));
            assertThrows(IllegalArgumentException.class, () -> w.field(out, "Content-Length", "5"));
            assertThrows(IllegalArgumentException.class, () -> w.field(out, "transfer-encoding", "chunked"));
            assertEquals(before, out.writerIndex());
            w.endHead(out, 0);
        });
    }

    @Test
    void callsOutOfOrderAreTheCallersMistake() {
        write(w -> {
            assertThrows(IllegalStateException.class, () -> w.field(out, "a", "b"));
            assertThrows(IllegalStateException.class, () -> w.end(out));
            assertThrows(IllegalArgumentException.class, () -> w.statusLine(out, 99));
            assertThrows(IllegalArgumentException.class, () -> w.interim(out, 200));
            w.statusLine(out, 200);
            assertThrows(IllegalStateException.class, () -> w.statusLine(out, 200));
            w.endHead(out, 2);
            assertThrows(IllegalStateException.class, () -> w.body(out, ascii("abc")));
            assertThrows(IllegalStateException.class, () -> w.end(out));
            w.body(out, ascii("ab"));
            w.end(out);
            assertEquals(true, w.idle());
        });
    }

    @Test
    void bodiesQueuedWholeByTheCallerAreFramedButNotCopied() {
        // The caller queues "Hello" and "World" itself (a large buffer, a file region): the writer
        // writes only the framing around them, and owes each chunk's CRLF until its next call.
        assertEquals("HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\n\r\n"
                        + "5\r\n" + "[Hello]" + "\r\n5\r\n" + "[World]" + "\r\n0\r\n\r\n",
                write(w -> {
                    w.statusLine(out, 200);
                    w.endHeadChunked(out, Http1Version.HTTP_1_1);
                    w.bodyElsewhere(out, 5);
                    out.writeCharSequence("[Hello]", StandardCharsets.US_ASCII);
                    w.bodyElsewhere(out, 5);
                    out.writeCharSequence("[World]", StandardCharsets.US_ASCII);
                    w.end(out);
                }));
        assertEquals("HTTP/1.1 200 OK\r\ncontent-length: 4096\r\n\r\n",
                write(w -> {
                    w.statusLine(out, 200);
                    w.endHead(out, 4096);
                    w.bodyElsewhere(out, 4096);
                    assertThrows(IllegalStateException.class, () -> w.bodyElsewhere(out, 1), "past the Content-Length");
                    w.end(out);
                }));
    }

    @Test
    void aResponseToHeadCarriesTheLengthOfTheGetButNoBody() {
        assertEquals("HTTP/1.1 200 OK\r\ncontent-type: text/html\r\ncontent-length: 1234\r\n\r\n",
                write(w -> {
                    w.statusLine(out, 200);
                    w.field(out, io.zyphos.http.HeaderName.CONTENT_TYPE, "text/html");
                    w.endHeadWithoutBody(out, 1234);
                    assertEquals(true, w.idle());
                }));
    }

    @Test
    void aResponseAbandonedHalfWayLeavesTheWriterReadyForAnother() {
        assertEquals("HTTP/1.1 500 Internal Server Error\r\ncontent-length: 0\r\n\r\n",
                write(w -> {
                    w.statusLine(out, 200);
                    w.field(out, "x-half", "written");
                    w.reset();
                    out.clear();
                    w.statusLine(out, 500);
                    w.endHead(out, 0);
                }));
    }

    private ByteBuf out;

    private String write(Consumer<Http1ResponseWriter> script) {
        out = Buffers.allocator().directBuffer();
        try {
            script.accept(new Http1ResponseWriter());
            return out.toString(StandardCharsets.ISO_8859_1);
        } finally {
            out.release();
        }
    }

    private static ByteBuf ascii(String s) {
        return Unpooled.wrappedBuffer(s.getBytes(StandardCharsets.US_ASCII));
    }
}
