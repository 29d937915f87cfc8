package io.zyphos.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The request-target (RFC 9112 §3.2) and the path a router can trust: only URI characters
 * (RFC 3986 §3.3), each segment decoded on its own (§2.4) and dot segments removed (§5.2.4), so
 * that no spelling of a path, encoded or not, climbs above the root.
 */
class RequestTargetTest {

    /**
     * RFC 3986 §5.4's reference resolution examples, path part only: against the base path
     * {@code /b/c/d;p}, a relative path is merged (§5.2.3: the base up to its last '/', then the
     * reference) and its dot segments removed (§5.2.4).
     */
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        // §5.4.1 normal examples
        "g             | /b/c/g",
        "./g           | /b/c/g",
        "g/            | /b/c/g/",
        ";x            | /b/c/;x",
        "g;x           | /b/c/g;x",
        ".             | /b/c/",
        "./            | /b/c/",
        "..            | /b/",
        "../           | /b/",
        "../g          | /b/g",
        "../..         | /",
        "../../        | /",
        "../../g       | /g",
        // §5.4.2 abnormal examples: more '..' than segments stops at the root
        "../../../g    | /g",
        "../../../../g | /g",
        "g.            | /b/c/g.",
        ".g            | /b/c/.g",
        "g..           | /b/c/g..",
        "..g           | /b/c/..g",
        "./../g        | /b/g",
        "./g/.         | /b/c/g/",
        "g/./h         | /b/c/g/h",
        "g/../h        | /b/c/h",
        "g;x=1/./y     | /b/c/g;x=1/y",
        "g;x=1/../y    | /b/c/y",
    })
    void rfc3986Section54Examples(String reference, String expected) {
        String merged = "/b/c/" + reference;
        assertEquals(expected, RequestTarget.removeDotSegments(merged));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "/a/b/c/./../../g | /a/g       | the worked example of RFC 3986 §5.2.4",
        "mid/content=5/../6 | mid/6    | the second worked example: a relative path",
        "/                | /          | the root",
        "/..              | /          | climbing above the root stays at the root",
        "/../x            | /x         | ",
        "/a/../../b       | /b         | two up from one deep",
        "/a/.             | /a/        | a final '.' leaves the slash",
        "/a/..            | /          | a final '..' too",
        "/.../a           | /.../a     | three dots are a name",
        "/a//../b         | /a/b       | an empty segment is a segment",
    })
    void removeDotSegments(String in, String out, String why) {
        assertEquals(out, RequestTarget.removeDotSegments(in), why);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "/                      | /                  | the root",
        "/index.html            | /index.html        | nothing to decode: the raw path is reused",
        "/a%20b/c               | /a b/c             | an escaped space",
        "/caf%C3%A9             | /café              | UTF-8 (RFC 3986 §2.5)",
        "/%2e%2e/etc/passwd     | /etc/passwd        | encoded dots are dots (RFC 3986 §2.3), removed after decoding",
        "/static/%2E%2E/%2e%2e/x| /x                 | mixed case, twice: still at the root",
        "/a/.%2e/b              | /b                 | half-encoded '..'",
        "/files/a%2Fb           | /files/a%2Fb       | %2F is data, not a separator: it stays encoded",
        "/files/..%2F..%2Fetc   | /files/..%2F..%2Fetc | ...so '..%2F..' is one odd segment, not two '..'",
        "/100%25                | /100%25            | %25 stays encoded too, so '%2F' cannot be forged from '%252F'",
        "/a%252Fb               | /a%252Fb           | an escaped '%' followed by '2F': still unambiguous",
        "/a;b=c/d:e@f!$&'()*+,= | /a;b=c/d:e@f!$&'()*+,= | every pchar is allowed raw (RFC 3986 §3.3)",
        "/a//b                  | /a//b              | empty segments are kept",
    })
    void decodedPath(String raw, String path, String why) {
        RequestTarget t = RequestTarget.parse(raw);
        assertEquals(path, t.path(), why);
        assertEquals(raw, t.rawPath());
        assertSame(RequestTarget.Form.ORIGIN, t.form());
    }

    @ParameterizedTest(name = "{1}: {0}")
    @CsvSource(delimiter = '|', value = {
        "/a%5C..%5C..%5Cwin.ini | an encoded backslash, a separator on Windows",
        "/a\\b                  | a raw backslash is not a URI character",
        "/a%00.html             | NUL truncates a C file name",
        "/a%0D%0ASet-Cookie:x   | CR LF decoded in a path that may be echoed into a header",
        "/a%7F                  | DEL",
        "/a%zz                  | a bad escape (RFC 3986 §2.1)",
        "/a%4                   | a truncated escape",
        "/a%C0%AE%C0%AE/x       | overlong UTF-8 dots: not UTF-8",
        "'/a b'                 | a raw space: the request line would already be broken",
        "/a\"b                  | '\"' is not a pchar",
        "/a<b>                  | '<' and '>' are not pchars",
        "/a#frag                | a fragment is never sent (RFC 9112 §3.2)",
        "/café                  | raw non-ASCII: it must be percent-encoded",
        "/a?b c                 | a raw space in the query",
        "/a?b%zz                | a bad escape in the query",
        "/a?b{c}                | '{' is not allowed in a query (RFC 3986 §3.4)",
        "''                     | empty",
        "a/b                    | neither '/' first nor an absolute URI",
        "ftp://h/x              | absolute-form only for http and https",
        "http:///x              | an http URI without a host (RFC 9110 §4.2.1)",
    })
    void rejectedWith400(String raw, String why) {
        HttpException e = assertThrows(HttpException.class, () -> RequestTarget.parse(raw), why);
        assertSame(Status.BAD_REQUEST, e.status(), why);
    }

    @Test
    void queryIsKeptRawAndPathIsSeparate() {
        RequestTarget t = RequestTarget.parse("/search?q=a+b&x=%2F/?");
        assertEquals("/search", t.path());
        assertEquals("q=a+b&x=%2F/?", t.rawQuery(), "'/' and '?' may appear in a query (RFC 3986 §3.4)");
        assertEquals("", RequestTarget.parse("/a?").rawQuery(), "an empty query is not the same as no query");
        assertNull(RequestTarget.parse("/a").rawQuery());
    }

    @Test
    void absoluteFormIsAcceptedAsAServerMust() {
        RequestTarget t = RequestTarget.parse("http://example.com:8080/a/../b?x=1");
        assertSame(RequestTarget.Form.ABSOLUTE, t.form(), "RFC 9112 §3.2.2");
        assertEquals("example.com:8080", t.authority());
        assertEquals("/b", t.path());
        assertEquals("x=1", t.rawQuery());
        RequestTarget bare = RequestTarget.parse("https://example.com?q");
        assertEquals("/", bare.path(), "an empty path is '/' (RFC 9112 §3.2.1)");
        assertEquals("q", bare.rawQuery());
    }

    @Test
    void asteriskFormIsForServerWideOptions() {
        RequestTarget t = RequestTarget.parse("*");
        assertSame(RequestTarget.Form.ASTERISK, t.form(), "RFC 9112 §3.2.4");
        assertEquals("*", t.path());
    }
}
