package io.zyphos.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.zyphos.buffer.Buffers;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Header fields (RFC 9110 §5): names are case-insensitive tokens (§5.1), a name may repeat and
 * its lines keep their order (§5.3), and a value may not hold CR, LF or NUL (§5.5), the guard
 * against response splitting.
 */
class HeadersTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({"content-type", "Content-Type", "CONTENT-TYPE", "cOnTeNt-TyPe"})
    void wellKnownNamesAreFoundInAnyCaseWithoutAllocating(String spelling) {
        assertSame(HeaderName.CONTENT_TYPE, HeaderName.lookup(spelling));
        assertSame(HeaderName.CONTENT_TYPE, HeaderName.of(spelling));
        byte[] bytes = (" " + spelling + ":").getBytes(StandardCharsets.US_ASCII);
        assertSame(HeaderName.CONTENT_TYPE, HeaderName.lookup(bytes, 1, spelling.length()));
        ByteBuf buf = Buffers.allocator().buffer().writeBytes(bytes);
        try {
            assertSame(HeaderName.CONTENT_TYPE, HeaderName.lookup(buf, 1, spelling.length()));
        } finally {
            buf.release();
        }
    }

    @Test
    void everyWellKnownNameIsFoundByItsOwnSpelling() {
        for (HeaderName h : HeaderName.wellKnownNames()) {
            assertSame(h, HeaderName.lookup(h.name().toUpperCase()), h.name());
            byte[] b = h.asciiBytes();
            assertSame(h, HeaderName.lookup(b, 0, b.length), h.name());
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "content-typ   | a prefix of a well-known name",
        "content-typee | one letter longer",
        "x-custom      | not well-known",
    })
    void otherNamesAreCreatedLowerCased(String name, String why) {
        assertNull(HeaderName.lookup(name), why);
        HeaderName h = HeaderName.of(name.toUpperCase());
        assertEquals(name, h.name(), "held in lower case, as HTTP/2 sends it (RFC 9113 §8.2.1)");
        assertEquals(h, HeaderName.of(name), "equal by name, whatever the case");
        assertEquals(h.hashCode(), HeaderName.of(name).hashCode());
    }

    @ParameterizedTest(name = "\"{0}\"")
    @CsvSource(delimiter = '|', value = {
        "''              | empty",
        "'Content Type'  | space",
        "'Content-Type:' | the colon ends a name on the wire",
        "'Host\r\nX'     | CR LF: a second field smuggled in the name",
        "'Ünicode'       | not ASCII",
    })
    void aNameMustBeAToken(String name, String why) {
        assertThrows(IllegalArgumentException.class, () -> HeaderName.of(name), why);
    }

    @Test
    void valuesAreMultipleOrderedAndCaseInsensitivelyNamed() {
        Headers h = new Headers()
                .add("Set-Cookie", "a=1")
                .add(HeaderName.CONTENT_TYPE, "text/plain")
                .add("set-cookie", "b=2")
                .add("X-Trace", "t1");
        assertEquals(4, h.size());
        assertEquals("a=1", h.get(HeaderName.SET_COOKIE), "get returns the first value");
        assertEquals(List.of("a=1", "b=2"), h.getAll("SET-COOKIE"), "getAll keeps the order (RFC 9110 §5.3)");
        assertEquals("t1", h.get("x-trace"));
        assertTrue(h.contains("X-TRACE"));
        assertNull(h.get("x-missing"));

        List<String> lines = new ArrayList<>();
        for (Headers.Field f : h) {
            lines.add(f.name() + ": " + f.value());
        }
        assertEquals(List.of("set-cookie: a=1", "content-type: text/plain", "set-cookie: b=2", "x-trace: t1"), lines,
                "iteration is in insertion order, one entry per line");

        h.set("Set-Cookie", "c=3");
        assertEquals(List.of("c=3"), h.getAll(HeaderName.SET_COOKIE), "set replaces every line of the name");
        assertEquals(HeaderName.SET_COOKIE, h.name(2), "and the new line goes last");
        assertTrue(h.remove("x-trace"));
        assertFalse(h.remove("x-trace"));
        assertEquals(2, h.size());
        h.clear();
        assertTrue(h.isEmpty());
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', value = {
        "'keep-alive, close' | close        | true  | second element",
        "'Keep-Alive,Close'  | close        | true  | no space after the comma, other case",
        "' close '           | close        | false | leading whitespace is not a valid value; refused on add",
        "'closed'            | close        | false | a longer token is another token",
        "'upgrade'           | close        | false | absent",
        "'a,,  close'        | close        | true  | empty list elements are ignored (RFC 9110 §5.6.1)",
    })
    void containsTokenReadsCommaSeparatedLists(String value, String token, boolean expected, String why) {
        Headers h = new Headers();
        if (value.startsWith(" ")) {
            assertThrows(IllegalArgumentException.class, () -> h.add(HeaderName.CONNECTION, value), why);
            return;
        }
        h.add(HeaderName.CONNECTION, value);
        assertEquals(expected, h.containsToken(HeaderName.CONNECTION, token), why);
    }

    /** Values are written with Java escapes ({@code \\r}, octal {@code \\0}), translated before use. */
    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', value = {
        "'a\\r\\nSet-Cookie: admin=1' | CR LF: response splitting, the reason for the rule (RFC 9110 §5.5)",
        "'a\\nb'                     | a bare LF",
        "'a\\rb'                     | a bare CR",
        "'a\\0b'                     | NUL",
        "'a\\7b'                     | another control (BEL)",
        "'a\\177b'                   | DEL",
        "' a'                        | leading space: not part of a field value",
        "'a\\t'                      | trailing tab",
        "'\u20ACuro'                 | above 0xFF: not one octet",
    })
    void invalidValuesAreRefusedOnAdd(String escaped, String why) {
        String value = escaped.translateEscapes();
        Headers h = new Headers();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> h.add("X-Echo", value), why);
        assertTrue(e.getMessage().contains("RFC 9110 §5.5"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> h.set("X-Echo", value), "set checks too");
        assertTrue(h.isEmpty(), "nothing was added");
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', value = {
        "''                 | an empty value is valid",
        "'a b\tc'           | spaces and tabs inside",
        "'caf\u00e9'        | obs-text, 0x80-0xFF",
        "'\"quoted, list\"' | quotes and commas",
    })
    void validValuesAreKeptAsGiven(String value, String why) {
        assertEquals(value, new Headers().add("X-V", value).get("x-v"), why);
    }

    @Test
    void copyIsIndependent() {
        Headers a = new Headers().add("A", "1");
        Headers b = a.copy().add("B", "2");
        assertEquals(1, a.size());
        assertEquals(2, b.size());
    }
}
