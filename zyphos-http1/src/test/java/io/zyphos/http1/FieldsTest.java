package io.zyphos.http1;

import static io.zyphos.http1.ParserHarness.assertEvents;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.Unpooled;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * RFC 9112 §5 and RFC 9110 §5: a field line is {@code field-name ":" OWS field-value OWS}. The name
 * is a token, with no whitespace before the colon; the value's surrounding whitespace is not part
 * of it; a line may not be continued on the next (obs-fold); and the section has size limits.
 */
class FieldsTest {

    private static final Http1ParserSettings SMALL_LIMITS = new Http1ParserSettings(
            32, 64, 4, 64, 3, 1024, 64, 32, Set.of());

    @Test
    void whitespaceAroundTheValueIsNotPartOfIt() {
        assertEvents("GET / HTTP/1.1\r\nHost:a\r\nX:  \t spaced  out \t \r\nY:\r\n\r\n",
                "GET / HTTP/1.1 [Host: a][X: spaced  out][Y: ] no-body keep-alive", "end");
    }

    @Test
    void repeatedFieldsKeepTheirOrderAndNamesTheirCase() {
        assertEvents("GET / HTTP/1.1\r\nhost: a\r\nAccept: text/html\r\nACCEPT: */*\r\n\r\n",
                "GET / HTTP/1.1 [host: a][Accept: text/html][ACCEPT: */*] no-body keep-alive", "end");
    }

    @Test
    void valuesMayCarryObsTextBytes() {
        assertEvents("GET / HTTP/1.1\r\nHost: a\r\nX-Name: Andr\u00e9\r\n\r\n",
                "GET / HTTP/1.1 [Host: a][X-Name: Andr\u00e9] no-body keep-alive", "end");
    }

    @Test
    void whitespaceBeforeTheColonIsRejected() {
        assertEvents("GET / HTTP/1.1\r\nHost : a\r\n\r\n", "error 400 WHITESPACE_BEFORE_COLON");
        assertEvents("GET / HTTP/1.1\r\nHost\t: a\r\n\r\n", "error 400 WHITESPACE_BEFORE_COLON");
    }

    @Test
    void aLineContinuedOnTheNextIsRejected() {
        assertEvents("GET / HTTP/1.1\r\nHost: a\r\nX: one\r\n two\r\n\r\n", "error 400 OBS_FOLD");
        assertEvents("GET / HTTP/1.1\r\nHost: a\r\nX: one\r\n\ttwo\r\n\r\n", "error 400 OBS_FOLD");
    }

    @Test
    void theNameIsANonEmptyToken() {
        assertEvents("GET / HTTP/1.1\r\n: a\r\n\r\n", "error 400 INVALID_FIELD_NAME");
        assertEvents("GET / HTTP/1.1\r\nHo\"st: a\r\n\r\n", "error 400 INVALID_FIELD_NAME");
        assertEvents("GET / HTTP/1.1\r\nHost a\r\n\r\n", "error 400 WHITESPACE_BEFORE_COLON");
        assertEvents("GET / HTTP/1.1\r\nNoColon\r\n\r\n", "error 400 INVALID_FIELD_NAME");
        assertEvents("GET / HTTP/1.1\r\nX-\u00e9: a\r\n\r\n", "error 400 INVALID_FIELD_NAME");
    }

    @Test
    void theValueHoldsNoControlCharacters() {
        assertEvents("GET / HTTP/1.1\r\nHost: a\u0000b\r\n\r\n", "error 400 INVALID_FIELD_VALUE");
        assertEvents("GET / HTTP/1.1\r\nHost: a\r\nX: \u007f\r\n\r\n", "error 400 INVALID_FIELD_VALUE");
        assertEvents("GET / HTTP/1.1\r\nHost: a\r\nX: a\u000bb\r\n\r\n", "error 400 INVALID_FIELD_VALUE");
    }

    @Test
    void aHeaderSectionOverTheLimitIs431() {
        // 64 bytes: two 31-byte lines and the empty line.
        String line = "X: 01234567890123456789012345\r\n";
        assertEvents(SMALL_LIMITS, "GET / HTTP/1.0\r\n" + line + line + "\r\n",
                "GET / HTTP/1.0 [X: 01234567890123456789012345][X: 01234567890123456789012345] no-body close", "end");
        assertEvents(SMALL_LIMITS, "GET / HTTP/1.0\r\n" + line + line + "Y: 12345\r\n\r\n", "error 431 HEADER_SECTION_TOO_LARGE");
        assertEvents(SMALL_LIMITS, "GET / HTTP/1.0\r\nX: " + "v".repeat(100), "error 431 HEADER_SECTION_TOO_LARGE");
    }

    @Test
    void moreFieldLinesThanTheLimitIs431() {
        assertEvents(SMALL_LIMITS, "GET / HTTP/1.0\r\nA: 1\r\nB: 2\r\nC: 3\r\n\r\n",
                "GET / HTTP/1.0 [A: 1][B: 2][C: 3] no-body close", "end");
        assertEvents(SMALL_LIMITS, "GET / HTTP/1.0\r\nA: 1\r\nB: 2\r\nC: 3\r\nD: 4\r\n\r\n", "error 431 TOO_MANY_FIELDS");
    }

    @Test
    void fieldsAreSlicesLookedUpWithoutRegardToCase() {
        try (Http1RequestParser parser = new Http1RequestParser()) {
            parser.receive(Unpooled.copiedBuffer(ParserHarness.bytes(
                    "GET / HTTP/1.1\r\nHost: a\r\nContent-Type: text/plain\r\nX-Many: 1\r\nx-many: 2\r\n\r\n")));
            Http1RequestHead head = (Http1RequestHead) parser.nextEvent();
            Http1Fields fields = head.fields();
            assertEquals(4, fields.size());
            assertEquals("text/plain", fields.get("content-type"));
            assertTrue(fields.nameEquals(1, "CONTENT-TYPE"));
            assertTrue(fields.valueEqualsIgnoreCase(1, "TEXT/PLAIN"));
            assertEquals(2, fields.indexOf("X-MANY"));
            assertEquals(3, fields.indexOf("x-many", 3));
            assertNull(fields.get("accept"));
            assertFalse(fields.contains("accept"));
            assertEquals("text/plain", head.buffer().toString(fields.valueOffset(1), fields.valueLength(1),
                    java.nio.charset.StandardCharsets.US_ASCII));
            assertSame("GET", head.method());
            assertTrue(head.methodIs("GET"));
        }
    }
}
