package io.zyphos.http1;

import static io.zyphos.http1.ParserHarness.assertEvents;

import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * RFC 9112 §7.1: the chunked coding sends a body as chunks, each a hex size line, that many bytes
 * and CRLF, until a chunk of size zero, a trailer section (§7.1.2) and an empty line. Chunk
 * extensions (§7.1.1) are checked against their grammar and ignored.
 */
class ChunkedTest {

    private static final String HEAD = "POST /upload HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n";
    private static final String HEAD_EVENT = "POST /upload HTTP/1.1 [Host: a][Transfer-Encoding: chunked] chunked keep-alive";
    private static final Http1ParserSettings SMALL_LIMITS = new Http1ParserSettings(
            32, 64, 4, 1024, 2, 10, 16, 32, Set.of());

    @Test
    void chunksAreJoinedIntoTheBody() {
        assertEvents(HEAD + "4\r\nWiki\r\n5\r\npedia\r\nE\r\n in\r\n\r\nchunks.\r\n0\r\n\r\n",
                HEAD_EVENT, "body Wikipedia in\r\n\r\nchunks.", "end");
    }

    @Test
    void sizesAreHexInEitherCaseWithLeadingZeros() {
        assertEvents(HEAD + "a\r\n0123456789\r\n0A\r\n0123456789\r\n000\r\n\r\n",
                HEAD_EVENT, "body 01234567890123456789", "end");
    }

    @Test
    void trailersArriveWithTheEnd() {
        assertEvents(HEAD + "3\r\nabc\r\n0\r\nChecksum: 900150983cd24fb0\r\nX-Done: yes\r\n\r\n",
                HEAD_EVENT, "body abc", "end [Checksum: 900150983cd24fb0][X-Done: yes]");
    }

    @Test
    void trailersFollowTheFieldRules() {
        assertEvents(HEAD + "0\r\nBad : x\r\n\r\n", HEAD_EVENT, "error 400 WHITESPACE_BEFORE_COLON");
        assertEvents(HEAD + "0\r\nX: a\r\n b\r\n\r\n", HEAD_EVENT, "error 400 OBS_FOLD");
        assertEvents(SMALL_LIMITS, HEAD + "0\r\nX: 0123456789012345678901234567\r\n\r\n", HEAD_EVENT,
                "error 431 TRAILER_SECTION_TOO_LARGE");
        assertEvents(SMALL_LIMITS, HEAD + "0\r\nA: 1\r\nB: 2\r\nC: 3\r\n\r\n", HEAD_EVENT, "error 431 TOO_MANY_FIELDS");
    }

    @Test
    void extensionsAreCheckedAndIgnored() {
        assertEvents(HEAD + "3;name=value\r\nabc\r\n3 ; a ; b = \"q\\\"uoted;\" ;c\r\ndef\r\n0;last\r\n\r\n",
                HEAD_EVENT, "body abcdef", "end");
    }

    @Test
    void malformedExtensionsAreRejected() {
        for (String line : new String[] {"3;\r\n", "3;=v\r\n", "3;a=\r\n", "3;a=\"open\r\n", "3;a b\r\n", "3;a=v \r\n", "3 \r\n"}) {
            assertEvents(HEAD + line + "abc\r\n0\r\n\r\n", HEAD_EVENT, "error 400 INVALID_CHUNK_EXTENSION");
        }
    }

    @Test
    void aSizeIsOneOrMoreHexDigitsThatFitALong() {
        for (String line : new String[] {"\r\n", "G\r\n", "-1\r\n", "+1\r\n", "0x3\r\n", ";a\r\n"}) {
            assertEvents(HEAD + line, HEAD_EVENT, "error 400 INVALID_CHUNK_SIZE");
        }
        assertEvents(HEAD + "10000000000000000\r\n", HEAD_EVENT, "error 400 INVALID_CHUNK_SIZE");
        assertEvents(HEAD + "7fffffffffffffff\r\n", HEAD_EVENT, "error 413 BODY_TOO_LARGE");
    }

    @Test
    void chunkDataEndsWithCrlf() {
        assertEvents(HEAD + "3\r\nabcd\r\n", HEAD_EVENT, "body abc", "error 400 MISSING_CHUNK_TERMINATOR");
        assertEvents(HEAD + "3\r\nabc\rX", HEAD_EVENT, "body abc", "error 400 BARE_CR");
        assertEvents(HEAD + "3\r\nabc\n0\r\n\r\n", HEAD_EVENT, "body abc", "error 400 BARE_LF");
        assertEvents(HEAD + "3\nabc\r\n", HEAD_EVENT, "error 400 BARE_LF");
    }

    @Test
    void theSumOfChunksIsLimited() {
        assertEvents(SMALL_LIMITS, HEAD + "5\r\n01234\r\n5\r\n56789\r\n0\r\n\r\n", HEAD_EVENT, "body 0123456789", "end");
        assertEvents(SMALL_LIMITS, HEAD + "5\r\n01234\r\n6\r\n", HEAD_EVENT, "body 01234", "error 413 BODY_TOO_LARGE");
    }

    @Test
    void aChunkLineIsLimited() {
        assertEvents(SMALL_LIMITS, HEAD + "3;name=0123456789\r\n", HEAD_EVENT, "error 400 CHUNK_LINE_TOO_LONG");
    }

    @Test
    void aBareLfMayEndChunkLinesWhenAllowed() {
        Http1ParserSettings lenient = Http1ParserSettings.defaults().allowing(Http1Violation.BARE_LF);
        assertEvents(lenient, HEAD + "3\nabc\n0\nX: y\n\n", HEAD_EVENT, "body abc", "end [X: y]");
    }
}
