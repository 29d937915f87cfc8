package io.zyphos.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Status codes (RFC 9110 §15): registered codes are constants with their reason phrases, the first
 * digit gives the class a client falls back on for an unknown code, and 1xx, 204 and 304 never
 * carry content (§6.4.1).
 */
class StatusTest {

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', value = {
        "100 | Continue                        | 1 | RFC 9110 §15.2.1",
        "200 | OK                              | 2 | RFC 9110 §15.3.1",
        "204 | No Content                      | 2 | RFC 9110 §15.3.5",
        "304 | Not Modified                    | 3 | RFC 9110 §15.4.5",
        "308 | Permanent Redirect              | 3 | RFC 9110 §15.4.9",
        "405 | Method Not Allowed              | 4 | RFC 9110 §15.5.6",
        "413 | Content Too Large               | 4 | RFC 9110 §15.5.14 (was Payload Too Large)",
        "422 | Unprocessable Content           | 4 | RFC 9110 §15.5.21",
        "431 | Request Header Fields Too Large | 4 | RFC 6585 §5",
        "505 | HTTP Version Not Supported      | 5 | RFC 9110 §15.6.6",
    })
    void registeredCodes(int code, String reason, int klass, String why) {
        Status s = Status.of(code);
        assertSame(s, Status.of(code), why + ": a registered code is one constant");
        assertEquals(reason, s.reasonPhrase(), why);
        assertEquals(klass == 1, s.isInformational());
        assertEquals(klass == 2, s.isSuccess());
        assertEquals(klass == 3, s.isRedirection());
        assertEquals(klass == 4, s.isClientError());
        assertEquals(klass == 5, s.isServerError());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "299 | unregistered 2xx: understood as 200 by class",
        "306 | reserved, unused (RFC 9110 §15.4.7)",
        "418 | reserved, unused (RFC 9110 §15.5.19)",
        "599 | the top of the valid range",
    })
    void unregisteredCodesHaveAnEmptyReasonPhrase(int code, String why) {
        Status s = Status.of(code);
        assertEquals("", s.reasonPhrase(), why);
        assertEquals(String.valueOf(code), s.toString());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"0", "99", "600", "999", "-200"})
    void codesOutside100To599AreInvalid(int code) {
        assertThrows(IllegalArgumentException.class, () -> Status.of(code), "RFC 9110 §15: outside 100..599 is invalid");
    }

    @Test
    void contentIsForbiddenFor1xx204And304() {
        assertEquals(true, Status.CONTINUE.forbidsContent());
        assertEquals(true, Status.NO_CONTENT.forbidsContent());
        assertEquals(true, Status.NOT_MODIFIED.forbidsContent());
        assertEquals(false, Status.OK.forbidsContent());
        assertEquals(false, Status.RESET_CONTENT.forbidsContent());
    }

    @Test
    void aCustomReasonPhraseCannotSplitTheStatusLine() {
        assertEquals("200 Tout va bien", Status.of(200, "Tout va bien").toString());
        assertEquals(Status.OK, Status.of(200, "Tout va bien"), "equality is by code: the phrase is advisory");
        assertThrows(IllegalArgumentException.class, () -> Status.of(200, "OK\r\nSet-Cookie: x=1"),
                "CR LF in a reason phrase would inject a header (RFC 9112 §4)");
    }
}
