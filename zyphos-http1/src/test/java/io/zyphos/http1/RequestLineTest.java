package io.zyphos.http1;

import static io.zyphos.http1.ParserHarness.assertEvents;

import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * RFC 9112 §3: {@code request-line = method SP request-target SP HTTP-version}, with exactly one
 * space between the parts, a method that is a token, a target in one of four forms (§3.2), and a
 * Host field in every HTTP/1.1 request (§3.2).
 */
class RequestLineTest {

    private static final Http1ParserSettings SMALL_LIMITS = new Http1ParserSettings(
            6, 16, 4, 1024, 10, 1024, 64, 256, Set.of());

    @Test
    void theMethodIsAnyTokenAndCaseSensitive() {
        assertEvents("PURGE /cache HTTP/1.1\r\nHost: a\r\n\r\n", "PURGE /cache HTTP/1.1 [Host: a] no-body keep-alive", "end");
        assertEvents("get / HTTP/1.1\r\nHost: a\r\n\r\n", "get / HTTP/1.1 [Host: a] no-body keep-alive", "end");
        assertEvents("GE(T / HTTP/1.1\r\nHost: a\r\n\r\n", "error 400 INVALID_METHOD");
        assertEvents(" GET / HTTP/1.1\r\nHost: a\r\n\r\n", "error 400 MALFORMED_REQUEST_LINE");
    }

    @Test
    void aMethodLongerThanAnyWeImplementIsNotImplemented() {
        assertEvents(SMALL_LIMITS, "M-SEARCH / HTTP/1.1\r\n", "error 501 METHOD_TOO_LONG");
        assertEvents(SMALL_LIMITS, "MKCOL2 / HTTP/1.1\r\nHost: a\r\n\r\n", "MKCOL2 / HTTP/1.1 [Host: a] no-body keep-alive", "end");
    }

    @Test
    void partsAreSeparatedByExactlyOneSpace() {
        assertEvents("GET  / HTTP/1.1\r\nHost: a\r\n\r\n", "error 400 MALFORMED_REQUEST_LINE");
        assertEvents("GET /  HTTP/1.1\r\nHost: a\r\n\r\n", "error 400 MALFORMED_VERSION");
        assertEvents("GET\t/ HTTP/1.1\r\nHost: a\r\n\r\n", "error 400 MALFORMED_REQUEST_LINE");
        assertEvents("GET /\r\n\r\n", "error 400 MALFORMED_REQUEST_LINE");
    }

    @Test
    void aTargetLongerThanTheLimitIs414() {
        assertEvents(SMALL_LIMITS, "GET /0123456789abcdef HTTP/1.1\r\n", "error 414 TARGET_TOO_LONG");
        assertEvents(SMALL_LIMITS, "GET /0123456789abcde HTTP/1.1\r\nHost: a\r\n\r\n",
                "GET /0123456789abcde HTTP/1.1 [Host: a] no-body keep-alive", "end");
    }

    @Test
    void theTargetHasFourForms() {
        assertEvents("GET /where?q=now HTTP/1.1\r\nHost: a\r\n\r\n", "GET /where?q=now HTTP/1.1 [Host: a] no-body keep-alive", "end");
        assertEvents("GET http://www.example.org/pub/WWW/TheProject.html HTTP/1.1\r\nHost: www.example.org\r\n\r\n",
                "GET http://www.example.org/pub/WWW/TheProject.html HTTP/1.1 [Host: www.example.org] no-body keep-alive", "end");
        assertEvents("CONNECT www.example.com:80 HTTP/1.1\r\nHost: www.example.com\r\n\r\n",
                "CONNECT www.example.com:80 HTTP/1.1 [Host: www.example.com] no-body keep-alive", "end");
        assertEvents("OPTIONS * HTTP/1.1\r\nHost: a\r\n\r\n", "OPTIONS * HTTP/1.1 [Host: a] no-body keep-alive", "end");
    }

    @Test
    void aFormTheMethodDoesNotAllowIsRejected() {
        assertEvents("GET * HTTP/1.1\r\nHost: a\r\n\r\n", "error 400 INVALID_TARGET");
        assertEvents("CONNECT /x HTTP/1.1\r\nHost: a\r\n\r\n", "error 400 INVALID_TARGET");
        assertEvents("CONNECT example.com HTTP/1.1\r\nHost: a\r\n\r\n", "error 400 INVALID_TARGET");
        assertEvents("GET example.com HTTP/1.1\r\nHost: a\r\n\r\n", "error 400 INVALID_TARGET");
    }

    @Test
    void theTargetHoldsOnlyUriCharacters() {
        assertEvents("GET /a%20b;c=d HTTP/1.1\r\nHost: a\r\n\r\n", "GET /a%20b;c=d HTTP/1.1 [Host: a] no-body keep-alive", "end");
        assertEvents("GET /a|b HTTP/1.1\r\nHost: a\r\n\r\n", "error 400 UNSAFE_TARGET_CHARACTER");
        assertEvents("GET /a#frag HTTP/1.1\r\nHost: a\r\n\r\n", "error 400 UNSAFE_TARGET_CHARACTER");
        assertEvents("GET /caf\u00e9 HTTP/1.1\r\nHost: a\r\n\r\n", "error 400 INVALID_TARGET");
        assertEvents("GET /a\u0000b HTTP/1.1\r\nHost: a\r\n\r\n", "error 400 INVALID_TARGET");
    }

    @Test
    void unsafeButVisibleCharactersMayBeAllowed() {
        Http1ParserSettings lenient = Http1ParserSettings.defaults().allowing(Http1Violation.UNSAFE_TARGET_CHARACTER);
        assertEvents(lenient, "GET /q?a={1|2} HTTP/1.1\r\nHost: a\r\n\r\n", "GET /q?a={1|2} HTTP/1.1 [Host: a] no-body keep-alive", "end");
        assertEvents(lenient, "GET /caf\u00e9 HTTP/1.1\r\nHost: a\r\n\r\n", "error 400 INVALID_TARGET");
    }

    @Test
    void http11NeedsExactlyOneValidHost() {
        assertEvents("GET / HTTP/1.1\r\n\r\n", "error 400 MISSING_HOST");
        assertEvents("GET / HTTP/1.0\r\n\r\n", "GET / HTTP/1.0 [] no-body close", "end");
        assertEvents("GET / HTTP/1.1\r\nHost: a\r\nHost: a\r\n\r\n", "error 400 DUPLICATE_HOST");
        assertEvents("GET / HTTP/1.0\r\nHost: a\r\nhost: b\r\n\r\n", "error 400 DUPLICATE_HOST");
        assertEvents("GET / HTTP/1.1\r\nHost: a b\r\n\r\n", "error 400 INVALID_HOST");
        assertEvents("GET / HTTP/1.1\r\nHost: a/b\r\n\r\n", "error 400 INVALID_HOST");
        assertEvents("GET / HTTP/1.1\r\nHost: [::1]:8080\r\n\r\n", "GET / HTTP/1.1 [Host: [::1]:8080] no-body keep-alive", "end");
        assertEvents("GET / HTTP/1.1\r\nHost:\r\n\r\n", "GET / HTTP/1.1 [Host: ] no-body keep-alive", "end");
    }
}
