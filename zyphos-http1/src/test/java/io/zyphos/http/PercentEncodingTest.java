package io.zyphos.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Percent-decoding (RFC 3986 §2.1): {@code %} and two hex digits, either case, stand for one octet,
 * and the octets are UTF-8 (§2.5). A malformed escape or invalid UTF-8 is the client's error: 400.
 * {@code +} is a space only where the form-urlencoded convention applies, the query.
 */
class PercentEncodingTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "abc           | abc         | false | nothing to decode",
        "a%20b         | a b         | false | an escaped space",
        "%7e%7E        | ~~          | false | hex digits in either case (RFC 3986 §2.1)",
        "caf%C3%A9     | café        | false | two octets, one UTF-8 character (RFC 3986 §2.5)",
        "%F0%9F%98%80  | \uD83D\uDE00 | false | four octets: a character outside the BMP",
        "a+b           | a+b         | false | outside a query, '+' is a plus",
        "a+b           | a b         | true  | in a query, '+' is a space (form-urlencoded)",
        "a%2Bb         | a+b         | true  | a literal plus in a query is escaped",
        "%25           | %           | false | an escaped percent sign decodes once, not twice",
        "%2541         | %41         | false | ...so %2541 is '%41', not 'A'",
    })
    void decodes(String in, String out, boolean plusAsSpace, String why) {
        assertEquals(out, PercentEncoding.decode(in, plusAsSpace), why);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "%zz      | not hex digits",
        "%4       | truncated: one digit",
        "abc%     | truncated: no digits",
        "%4g      | second digit is not hex",
        "%%41     | a percent sign must itself be escaped",
        "%C3      | a UTF-8 lead octet without its continuation",
        "%C0%AF   | an overlong encoding of '/': the classic traversal trick, not UTF-8",
        "%ED%A0%80| a UTF-16 surrogate encoded as UTF-8: not UTF-8",
        "%FF      | never valid in UTF-8",
    })
    void malformedInputIsA400(String in, String why) {
        HttpException e = assertThrows(HttpException.class, () -> PercentEncoding.decode(in, false), why);
        assertSame(Status.BAD_REQUEST, e.status());
        assertTrue(e.getMessage().contains("RFC 3986"), e.getMessage());
    }

    /**
     * Found by {@link RequestTargetFuzzTest}: the message
     * of a malformed escape quoted the characters after the '%' as sent, so a CR, LF or NUL there
     * went into the 400's body and any log line made from it. They are named by their code now.
     */
    @Test
    void aMalformedEscapeIsNamedWithoutTheControlCharactersAfterIt() {
        HttpException e = assertThrows(HttpException.class, () -> PercentEncoding.decode("a%\r\nb", false));
        assertEquals("malformed percent-escape \"%<0xd><0xa>\" at 1: '%' must be followed by two hexadecimal"
                + " digits (RFC 3986 §2.1)", e.getMessage());
        RefusalAssertions.assertBadRequest(assertThrows(HttpException.class, () -> RequestTarget.parse("/%\u0001\u0000")));
    }
}
