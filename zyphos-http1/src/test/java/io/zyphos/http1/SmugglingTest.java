package io.zyphos.http1;

import static io.zyphos.http1.ParserHarness.assertEvents;

import org.junit.jupiter.api.Test;

/**
 * RFC 9112 §11.2, request smuggling: when a front end and a back end disagree on where a request
 * ends, an attacker hides a second request inside the first one's body. Each case below is a
 * known way to make two parsers disagree; this parser refuses all of them, so whatever sits in
 * front of it cannot be fooled into a different reading. The lesson for roadmap milestone 20.
 */
class SmugglingTest {

    private static final String SMUGGLED = "GET /admin HTTP/1.1\r\nHost: a\r\n\r\n";

    @Test
    void clTe_contentLengthAndChunkedTogether() {
        assertEvents("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 6\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\nG",
                "error 400 CONTENT_LENGTH_WITH_TRANSFER_ENCODING");
    }

    @Test
    void teCl_chunkedFirstThenContentLength() {
        assertEvents("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\nContent-Length: 4\r\n\r\n5c\r\n" + SMUGGLED + "0\r\n\r\n",
                "error 400 CONTENT_LENGTH_WITH_TRANSFER_ENCODING");
    }

    @Test
    void teTe_obfuscatedCodingNames() {
        String head = "POST / HTTP/1.1\r\nHost: a\r\n";
        assertEvents(head + "Transfer-Encoding: xchunked\r\n\r\n", "error 400 CHUNKED_NOT_FINAL");
        assertEvents(head + "Transfer-Encoding: chunked, identity\r\n\r\n", "error 400 CHUNKED_NOT_FINAL");
        assertEvents(head + "Transfer-Encoding: identity, chunked\r\n\r\n", "error 501 UNKNOWN_TRANSFER_CODING");
        assertEvents(head + "Transfer-Encoding: chunked\r\nTransfer-Encoding: cow\r\n\r\n", "error 400 CHUNKED_NOT_FINAL");
        assertEvents(head + "Transfer-Encoding: chunk\r\n\r\n", "error 400 CHUNKED_NOT_FINAL");
        assertEvents(head + "Transfer-Encoding: \"chunked\"\r\n\r\n", "error 400 INVALID_TRANSFER_ENCODING");
        assertEvents(head + "Transfer-Encoding: chunked\u0000\r\n\r\n", "error 400 INVALID_FIELD_VALUE");
        assertEvents(head + "Transfer-Encoding: \u000bchunked\r\n\r\n", "error 400 INVALID_FIELD_VALUE");
    }

    @Test
    void teTe_obfuscatedFieldLines() {
        String head = "POST / HTTP/1.1\r\nHost: a\r\n";
        assertEvents(head + "Transfer-Encoding : chunked\r\n\r\n", "error 400 WHITESPACE_BEFORE_COLON");
        assertEvents(head + "Transfer-Encoding:\r\n chunked\r\n\r\n", "error 400 OBS_FOLD");
        assertEvents(head + "X: y\nTransfer-Encoding: chunked\r\n\r\n", "error 400 BARE_LF");
        assertEvents(head + "X: y\rTransfer-Encoding: chunked\r\n\r\n", "error 400 BARE_CR");
        assertEvents("POST / HTTP/1.1\r\n Transfer-Encoding: chunked\r\nHost: a\r\n\r\n", "error 400 WHITESPACE_AFTER_START_LINE");
        assertEvents(head + "Transfer_Encoding: chunked\r\nContent-Length: 3\r\n\r\nabc",
                "POST / HTTP/1.1 [Host: a][Transfer_Encoding: chunked][Content-Length: 3] length=3 keep-alive", "body abc", "end");
    }

    @Test
    void tabIsWhitespaceSoThisIsPlainChunked() {
        assertEvents("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding:\tchunked\t\r\n\r\n0\r\n\r\n",
                "POST / HTTP/1.1 [Host: a][Transfer-Encoding: chunked] chunked keep-alive", "end");
    }

    @Test
    void clCl_twoDifferentLengths() {
        assertEvents("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 0\r\nContent-Length: 44\r\n\r\n" + SMUGGLED,
                "error 400 CONFLICTING_CONTENT_LENGTH");
        assertEvents("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 44, 0\r\n\r\n" + SMUGGLED,
                "error 400 CONFLICTING_CONTENT_LENGTH");
    }

    @Test
    void http10WithChunked() {
        assertEvents("POST / HTTP/1.0\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n" + SMUGGLED,
                "error 400 TRANSFER_ENCODING_IN_HTTP_1_0");
    }

    @Test
    void aChunkSizeThatOverflowsToASmallNumber() {
        // 2^64 + 3 wraps to 3 in 64-bit arithmetic; a parser that wraps would read "abc" as the chunk.
        assertEvents("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n10000000000000003\r\nabc\r\n0\r\n\r\n",
                "POST / HTTP/1.1 [Host: a][Transfer-Encoding: chunked] chunked keep-alive", "error 400 INVALID_CHUNK_SIZE");
    }

    @Test
    void aBodyLeftUnreadIsNotTakenForTheNextRequest() {
        assertEvents("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 32\r\n\r\n" + SMUGGLED,
                "POST / HTTP/1.1 [Host: a][Content-Length: 32] length=32 keep-alive",
                "body " + SMUGGLED, "end");
    }
}
