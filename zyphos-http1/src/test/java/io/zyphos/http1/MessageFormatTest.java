package io.zyphos.http1;

import static io.zyphos.http1.ParserHarness.assertEvents;
import static io.zyphos.http1.ParserHarness.assertEventsThenEnd;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * RFC 9112 §2: a message is a start-line, field lines and an optional body, each line ending in
 * CRLF, and the HTTP-version names the protocol. Every case here is also fed a byte at a time and
 * split at every position (see {@link ParserHarness}).
 */
class MessageFormatTest {

    @Test
    void aRequestIsARequestLineFieldLinesAndAnEmptyLine() {
        assertEvents("GET /index.html HTTP/1.1\r\nHost: example.com\r\n\r\n",
                "GET /index.html HTTP/1.1 [Host: example.com] no-body keep-alive", "end");
    }

    @Test
    void nothingIsEmittedUntilTheEmptyLineEndsTheHead() {
        assertEvents("GET / HTTP/1.1\r\nHost: a\r\n");
    }

    @Test
    void everyLineEndsInCrlfAndABareLfIsRejected() {
        assertEvents("GET / HTTP/1.1\nHost: a\r\n\r\n", "error 400 BARE_LF");
        assertEvents("GET / HTTP/1.1\r\nHost: a\n\r\n", "error 400 BARE_LF");
        assertEvents("GET / HTTP/1.1\r\nHost: a\r\n\n", "error 400 BARE_LF");
    }

    @Test
    void aBareLfMayBeAcceptedAsANamedLeniencyAndIsCounted() {
        Http1ParserSettings lenient = Http1ParserSettings.defaults().allowing(Http1Violation.BARE_LF);
        assertEvents(lenient, "GET / HTTP/1.1\nHost: a\n\n", "GET / HTTP/1.1 [Host: a] no-body keep-alive", "end");

        try (Http1RequestParser parser = new Http1RequestParser(lenient)) {
            parser.receive(Unpooled.copiedBuffer(ParserHarness.bytes("GET / HTTP/1.1\nHost: a\n\n")));
            List<String> events = new ArrayList<>();
            ParserHarness.drain(parser, events);
            assertEquals(Set.of(Http1Violation.BARE_LF), parser.allowedViolationsSeen());
            assertEquals(3, parser.allowedViolationCount());
        }
    }

    @Test
    void aBareCrIsNeverALineEnding() {
        assertEvents("GET / HTTP/1.1\rHost: a\r\n\r\n", "error 400 BARE_CR");
        assertEvents("GET / HTTP/1.1\r\nHost: a\rb\r\n\r\n", "error 400 BARE_CR");
        assertEvents("GET / HTTP/1.1\r\nHost: a\r\n\rX", "error 400 BARE_CR");
    }

    @Test
    void aFewEmptyLinesBeforeTheRequestLineAreIgnored() {
        assertEvents("\r\n\r\nGET / HTTP/1.1\r\nHost: a\r\n\r\n", "GET / HTTP/1.1 [Host: a] no-body keep-alive", "end");
        assertEvents("\r\n\r\n\r\n\r\n\r\nGET / HTTP/1.1\r\n", "error 400 TOO_MANY_LEADING_EMPTY_LINES");
    }

    @Test
    void whitespaceBetweenTheStartLineAndTheFirstFieldIsRejected() {
        assertEvents("GET / HTTP/1.1\r\n Host: a\r\n\r\n", "error 400 WHITESPACE_AFTER_START_LINE");
    }

    @Test
    void theVersionIsHttpSlashDigitDotDigitAndCaseSensitive() {
        assertEvents("GET / HTTP/1.0\r\n\r\n", "GET / HTTP/1.0 [] no-body close", "end");
        assertEvents("GET / http/1.1\r\nHost: a\r\n\r\n", "error 400 MALFORMED_VERSION");
        assertEvents("GET / HTTP/1.10\r\nHost: a\r\n\r\n", "error 400 MALFORMED_VERSION");
        assertEvents("GET / HTTP/11\r\nHost: a\r\n\r\n", "error 400 MALFORMED_VERSION");
        assertEvents("GET / HTTP/1\r\n", "error 400 MALFORMED_VERSION");
        assertEvents("GET / HTTP/1.1 \r\nHost: a\r\n\r\n", "error 400 MALFORMED_REQUEST_LINE");
    }

    @Test
    void aHigherMinorVersionIsReadAsTheHighestWeImplement() {
        // RFC 9110 §2.5: a higher minor version is backwards compatible within its major version.
        assertEvents("GET / HTTP/1.2\r\nHost: a\r\n\r\n", "GET / HTTP/1.1 [Host: a] no-body keep-alive", "end");
    }

    @Test
    void anotherMajorVersionIsNotSupported() {
        assertEvents("GET / HTTP/2.0\r\nHost: a\r\n\r\n", "error 505 UNSUPPORTED_VERSION");
        assertEvents("GET / HTTP/0.9\r\n\r\n", "error 505 UNSUPPORTED_VERSION");
        assertEvents("GET / HTTP/3.0\r\n", "error 505 UNSUPPORTED_VERSION");
    }

    @Test
    void theInputMayEndBetweenRequestsButNotInsideOne() {
        assertEventsThenEnd("", "closed");
        assertEventsThenEnd("GET / HTTP/1.1\r\nHost: a\r\n\r\n",
                "GET / HTTP/1.1 [Host: a] no-body keep-alive", "end", "closed");
        assertEventsThenEnd("GET / HTTP/1.1\r\nHost: a\r\n", "error 400 INCOMPLETE_MESSAGE");
        assertEventsThenEnd("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\n\r\nab",
                "POST / HTTP/1.1 [Host: a][Content-Length: 5] length=5 keep-alive", "body ab",
                "error 400 INCOMPLETE_MESSAGE");
    }

    @Test
    void afterAnErrorTheParserNeverReadsAgain() {
        try (Http1RequestParser parser = new Http1RequestParser()) {
            parser.receive(Unpooled.copiedBuffer(ParserHarness.bytes("GET / HTTP/1.1\r\nHost : a\r\n\r\n")));
            Http1Event first = parser.nextEvent();
            parser.receive(Unpooled.copiedBuffer(ParserHarness.bytes("GET / HTTP/1.1\r\nHost: a\r\n\r\n")));
            assertEquals(first, parser.nextEvent());
            assertEquals(Http1Violation.WHITESPACE_BEFORE_COLON, ((Http1Event.ProtocolError) first).violation());
        }
    }
}
