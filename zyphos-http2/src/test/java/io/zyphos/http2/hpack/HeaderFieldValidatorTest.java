package io.zyphos.http2.hpack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zyphos.http2.hpack.HeaderFieldValidator.Section;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * RFC 9113 §8.2 and §8.3: what HTTP/2 asks of the fields themselves, once HPACK has decoded them.
 * Pseudo-headers are kept apart from the regular fields, and a request or response that breaks a
 * rule is malformed, a stream error (§8.1.1). One line per case: the section, the fields in the
 * order sent, and the rule the validator names, or null when the fields are well-formed.
 */
class HeaderFieldValidatorTest {

    private static final String GET = ":method: GET|:scheme: https|:path: /|:authority: example.com";

    @Test
    void aRequestsPseudoHeadersAreKeptApartFromItsFields() {
        List<String> regular = new ArrayList<>();
        HeaderFieldValidator validator = new HeaderFieldValidator((name, value, neverIndexed) -> regular.add(name + ": " + value));
        feed(validator.reset(Section.REQUEST), GET + "|accept: */*|cookie: a=1");
        validator.finish();
        assertEquals("GET", validator.method());
        assertEquals("https", validator.scheme());
        assertEquals("/", validator.path());
        assertEquals("example.com", validator.authority());
        assertNull(validator.status());
        assertEquals(List.of("accept: */*", "cookie: a=1"), regular);
    }

    @Test
    void wellFormedMessages() {
        check(Section.REQUEST, GET, null);
        check(Section.REQUEST, ":method: CONNECT|:authority: example.com:443", null);
        check(Section.REQUEST, ":method: CONNECT|:protocol: websocket|:scheme: https|:path: /chat|:authority: a", null);
        check(Section.REQUEST, ":method: OPTIONS|:scheme: https|:path: *", null);
        check(Section.REQUEST, GET + "|te: trailers", null);
        check(Section.RESPONSE, ":status: 200|content-type: text/html", null);
        check(Section.TRAILERS, "grpc-status: 0", null);
        check(Section.TRAILERS, "", null);
    }

    @Test
    void fieldNamesAndValues() {
        check(Section.REQUEST, GET + "|Accept: */*", "the field name \"Accept\"");
        check(Section.REQUEST, GET + "|x y: 1", "the field name \"x y\"");
        check(Section.REQUEST, GET + "|x:y: 1", "the field name \"x:y\"");
        check(Section.REQUEST, GET + "|caf\u00e9: 1", "the field name \"caf\u00e9\"");
        check(Section.REQUEST, GET + "|: 1", "the field name \"\"");
        check(Section.REQUEST, GET + "|x: a\rb", "the value of x holds NUL, CR or LF");
        check(Section.REQUEST, GET + "|x: a\nb", "the value of x holds NUL, CR or LF");
        check(Section.REQUEST, GET + "|x: a\u0000b", "the value of x holds NUL, CR or LF");
        check(Section.REQUEST, GET + "|x:  padded", "begins or ends with a space or tab");
        check(Section.REQUEST, GET + "|x: padded\t", "begins or ends with a space or tab");
        check(Section.REQUEST, ":method: GET |:scheme: https|:path: /", "the value of :method");
    }

    @Test
    void connectionSpecificFields() {
        check(Section.REQUEST, GET + "|connection: keep-alive", "connection-specific field connection (RFC 9113 §8.2.2)");
        check(Section.REQUEST, GET + "|keep-alive: 5", "connection-specific field keep-alive");
        check(Section.REQUEST, GET + "|proxy-connection: close", "connection-specific field proxy-connection");
        check(Section.REQUEST, GET + "|transfer-encoding: chunked", "connection-specific field transfer-encoding");
        check(Section.REQUEST, GET + "|upgrade: h2c", "connection-specific field upgrade");
        check(Section.REQUEST, GET + "|te: gzip", "te other than \"trailers\"");
    }

    @Test
    void pseudoHeaders() {
        check(Section.REQUEST, ":method: GET|accept: */*|:path: /|:scheme: https", "the pseudo-header :path after a regular field");
        check(Section.REQUEST, GET + "|accept: */*|:method: POST", "the pseudo-header :method after a regular field");
        check(Section.REQUEST, ":method: GET|:method: POST|:scheme: https|:path: /", ":method more than once");
        check(Section.REQUEST, ":path: /|:path: /|:method: GET|:scheme: https", ":path more than once");
        check(Section.REQUEST, GET.replace(":authority", ":status"), "the pseudo-header :status is not defined for a request");
        check(Section.REQUEST, ":method: GET|:scheme: https|:path: /|:host: a", "the pseudo-header :host is not defined");
        check(Section.RESPONSE, ":status: 200|:method: GET", "the pseudo-header :method is not defined for a response");
        check(Section.TRAILERS, ":status: 200", "the pseudo-header :status in trailers (RFC 9113 §8.1)");
    }

    @Test
    void requiredPseudoHeaders() {
        check(Section.REQUEST, ":scheme: https|:path: /", "a request without :method");
        check(Section.REQUEST, ":method: GET|:path: /", "a request without :scheme or :path");
        check(Section.REQUEST, ":method: GET|:scheme: https", "a request without :scheme or :path");
        check(Section.REQUEST, ":method: GET|:scheme: https|:path: ", "an empty :path");
        check(Section.REQUEST, ":method: CONNECT|:scheme: https|:path: /|:authority: a", "a CONNECT request with :scheme or :path");
        check(Section.REQUEST, ":method: CONNECT", "a CONNECT request without :authority");
        check(Section.REQUEST, ":method: GET|:protocol: websocket|:scheme: https|:path: /", ":protocol on a request that is not CONNECT");
        check(Section.RESPONSE, "content-type: text/html", "a response without :status");
        check(Section.RESPONSE, ":status: 2000", "is not a three-digit code");
        check(Section.RESPONSE, ":status: ok!", "is not a three-digit code");
    }

    @Test
    void theFirstBrokenRuleWinsAndStopsTheFieldsGoingOn() {
        List<String> regular = new ArrayList<>();
        HeaderFieldValidator validator = new HeaderFieldValidator((name, value, neverIndexed) -> regular.add(name));
        feed(validator.reset(Section.REQUEST), GET + "|a: 1|Upper: 2|b: 3|connection: close");
        HpackException e = assertThrows(HpackException.class, validator::finish);
        assertTrue(e.getMessage().contains("\"Upper\""), e.getMessage());
        assertEquals(List.of("a"), regular);

        feed(validator.reset(Section.REQUEST), GET + "|c: 3");
        validator.finish();
        assertEquals(List.of("a", "c"), regular, "reset forgets the last block");
    }

    @Test
    void aMalformedMessageIsAStreamErrorOfTypeProtocolError() {
        HeaderFieldValidator validator = new HeaderFieldValidator((name, value, neverIndexed) -> { });
        feed(validator.reset(Section.RESPONSE), "");
        HpackException e = assertThrows(HpackException.class, validator::finish);
        assertEquals(HpackException.Kind.MALFORMED_FIELD, e.kind());
        assertFalse(e.kind().connectionError());
        assertEquals(0x1, e.kind().http2ErrorCode());
    }

    /** Feeds {@code fields} ("name: value", separated by '|') and checks what {@code finish} says. */
    private static void check(Section section, String fields, String violation) {
        HeaderFieldValidator validator = new HeaderFieldValidator((name, value, neverIndexed) -> { });
        feed(validator.reset(section), fields);
        if (violation == null) {
            validator.finish();
            return;
        }
        HpackException e = assertThrows(HpackException.class, validator::finish, fields);
        assertEquals(HpackException.Kind.MALFORMED_FIELD, e.kind());
        assertTrue(e.getMessage().contains(violation), () -> "\"" + e.getMessage() + "\" should say " + violation);
        assertTrue(e.getMessage().contains("(RFC "), () -> "\"" + e.getMessage() + "\" should cite its rule");
    }

    private static void feed(HeaderFieldValidator validator, String fields) {
        if (fields.isEmpty()) {
            return;
        }
        for (String field : fields.split("\\|")) {
            int colon = field.indexOf(": ", field.startsWith(": ") ? 0 : 1);
            validator.onField(field.substring(0, colon), field.substring(colon + 2), false);
        }
    }
}
