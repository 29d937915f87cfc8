package io.zyphos.http1;

import static io.zyphos.http1.ParserHarness.assertEvents;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.netty.buffer.ByteBuf;
import io.zyphos.buffer.Buffers;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * RFC 9112 §6: a request has a body only if it says so, with Content-Length (a count of bytes) or
 * Transfer-Encoding (which must end in chunked). Both at once, or values that disagree, make the
 * length ambiguous, and an ambiguous length is how requests are smuggled (§11.2), so they are
 * rejected.
 */
class BodyTest {

    private static final Http1ParserSettings BODY_LIMIT_10 = Http1ParserSettings.defaults().withMaxBodyBytes(10);

    @Test
    void contentLengthCountsTheBodyBytes() {
        assertEvents("POST /echo HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\n\r\nhello",
                "POST /echo HTTP/1.1 [Host: a][Content-Length: 5] length=5 keep-alive", "body hello", "end");
    }

    @Test
    void withoutContentLengthOrTransferEncodingThereIsNoBody() {
        assertEvents("POST / HTTP/1.1\r\nHost: a\r\n\r\nGET / HTTP/1.1\r\nHost: b\r\n\r\n",
                "POST / HTTP/1.1 [Host: a] no-body keep-alive", "end",
                "GET / HTTP/1.1 [Host: b] no-body keep-alive", "end");
        assertEvents("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 0\r\n\r\n",
                "POST / HTTP/1.1 [Host: a][Content-Length: 0] length=0 keep-alive", "end");
    }

    @Test
    void contentLengthIsDigitsOnly() {
        for (String bad : new String[] {"abc", "-1", "+5", "0x10", "1 2", "5;", "", "1.0"}) {
            assertEvents("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: " + bad + "\r\n\r\n", "error 400 INVALID_CONTENT_LENGTH");
        }
        assertEvents("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 1234567890123456789\r\n\r\n",
                "error 400 INVALID_CONTENT_LENGTH");
    }

    @Test
    void identicalContentLengthsAreFoldedAndDifferentOnesRejected() {
        assertEvents("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\nContent-Length: 3\r\n\r\nabc",
                "POST / HTTP/1.1 [Host: a][Content-Length: 3][Content-Length: 3] length=3 keep-alive", "body abc", "end");
        assertEvents("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 3, 3\r\n\r\nabc",
                "POST / HTTP/1.1 [Host: a][Content-Length: 3, 3] length=3 keep-alive", "body abc", "end");
        assertEvents("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\nContent-Length: 4\r\n\r\nabcd",
                "error 400 CONFLICTING_CONTENT_LENGTH");
        assertEvents("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 3, 4\r\n\r\nabcd",
                "error 400 CONFLICTING_CONTENT_LENGTH");
    }

    @Test
    void aBodyOverTheLimitIs413BeforeAnyOfItIsRead() {
        assertEvents(BODY_LIMIT_10, "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 10\r\n\r\n0123456789",
                "POST / HTTP/1.1 [Host: a][Content-Length: 10] length=10 keep-alive", "body 0123456789", "end");
        assertEvents(BODY_LIMIT_10, "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 11\r\n\r\n", "error 413 BODY_TOO_LARGE");
    }

    @Test
    void transferEncodingMustEndInChunked() {
        assertEvents("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: gzip\r\n\r\n", "error 400 CHUNKED_NOT_FINAL");
        assertEvents("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked, gzip\r\n\r\n", "error 400 CHUNKED_NOT_FINAL");
        assertEvents("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked, chunked\r\n\r\n", "error 400 CHUNKED_NOT_FINAL");
        assertEvents("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding:\r\n\r\n", "error 400 CHUNKED_NOT_FINAL");
    }

    @Test
    void aCodingOtherThanChunkedIsNotImplemented() {
        assertEvents("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: gzip, chunked\r\n\r\n", "error 501 UNKNOWN_TRANSFER_CODING");
        assertEvents("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: gzip\r\nTransfer-Encoding: chunked\r\n\r\n",
                "error 501 UNKNOWN_TRANSFER_CODING");
    }

    @Test
    void codingNamesAreCaseInsensitiveTokensInAList() {
        assertEvents("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: , Chunked ,\r\n\r\n0\r\n\r\n",
                "POST / HTTP/1.1 [Host: a][Transfer-Encoding: , Chunked ,] chunked keep-alive", "end");
        assertEvents("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: \"chunked\"\r\n\r\n", "error 400 INVALID_TRANSFER_ENCODING");
        assertEvents("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked;q=1\r\n\r\n", "error 400 INVALID_TRANSFER_ENCODING");
        assertEvents("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: gzip;level=\"9,x\", chunked\r\n\r\n",
                "error 501 UNKNOWN_TRANSFER_CODING");
    }

    @Test
    void contentLengthWithTransferEncodingIsRejected() {
        assertEvents("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n",
                "error 400 CONTENT_LENGTH_WITH_TRANSFER_ENCODING");
    }

    @Test
    void transferEncodingInHttp10IsFaultyFraming() {
        assertEvents("POST / HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n", "error 400 TRANSFER_ENCODING_IN_HTTP_1_0");
    }

    @Test
    void bodyBytesAreSlicesWhoseOwnershipPassesToTheCaller() {
        try (Http1RequestParser parser = new Http1RequestParser()) {
            ByteBuf input = Buffers.allocator().directBuffer();
            input.writeBytes(ParserHarness.bytes("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\n\r\nhello"));
            parser.receive(input);
            assertInstanceOf(Http1RequestHead.class, parser.nextEvent());
            Http1Event.Body body = assertInstanceOf(Http1Event.Body.class, parser.nextEvent());
            // The slice shares the received buffer's memory and holds its own reference to it.
            assertEquals("hello", body.content().toString(StandardCharsets.US_ASCII));
            assertEquals(2, input.refCnt());
            body.content().release();
            assertEquals(1, input.refCnt());
            assertInstanceOf(Http1Event.EndOfMessage.class, parser.nextEvent());
        }
    }

    @Test
    void settingsRejectLimitsThatMakeNoSense() {
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> new Http1ParserSettings(0, 1, 1, 1, 1, 1, 1, 1, Set.of()));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> Http1ParserSettings.defaults().allowing(Http1Violation.OBS_FOLD));
    }
}
