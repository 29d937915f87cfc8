package io.zyphos.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.zyphos.buffer.Buffers;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Request methods (RFC 9110 §9): the standard ones are constants found from wire bytes without
 * allocating, names are case-sensitive (§9.1), extension methods are any token, and each method
 * is or is not safe (§9.2.1) and idempotent (§9.2.2).
 */
class MethodTest {

    @ParameterizedTest(name = "{0}: safe={1} idempotent={2}")
    @CsvSource({
        // method, safe, idempotent   -- RFC 9110 §9.2.1 and §9.2.2, RFC 5789 §2 for PATCH
        "GET,     true,  true",
        "HEAD,    true,  true",
        "OPTIONS, true,  true",
        "TRACE,   true,  true",
        "PUT,     false, true",
        "DELETE,  false, true",
        "POST,    false, false",
        "CONNECT, false, false",
        "PATCH,   false, false",
    })
    void standardMethodsAreConstantsWithTheirProperties(String name, boolean safe, boolean idempotent) {
        Method m = Method.of(name);
        assertSame(m, Method.of(name), "a standard method is always the same object");
        assertTrue(m.isStandard());
        assertEquals(safe, m.isSafe());
        assertEquals(idempotent, m.isIdempotent());
        byte[] bytes = ("xx" + name + "yy").getBytes(StandardCharsets.US_ASCII);
        assertSame(m, Method.lookup(bytes, 2, name.length()), "found from bytes inside a larger buffer");
        ByteBuf buf = Buffers.allocator().buffer().writeBytes(bytes);
        try {
            assertSame(m, Method.lookup(buf, 2, name.length()));
            assertEquals(0, buf.readerIndex(), "lookup does not move the buffer's indices");
        } finally {
            buf.release();
        }
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
        "get     | method names are case-sensitive (RFC 9110 §9.1): this is an extension method",
        "GETX    | same first letter, longer",
        "GE      | a prefix of GET",
        "PROPFIND| a WebDAV method (RFC 4918): an extension here",
        "POSTS   | the length of PATCH and TRACE, first letter of both P methods",
    })
    void otherTokensAreExtensionMethods(String name, String why) {
        assertNull(Method.lookup(name), why);
        byte[] bytes = name.getBytes(StandardCharsets.US_ASCII);
        assertNull(Method.lookup(bytes, 0, bytes.length), why);
        Method m = Method.of(name);
        assertFalse(m.isStandard(), why);
        assertFalse(m.isSafe(), "an unknown method is treated as unsafe (RFC 9110 §9.2)");
        assertEquals(name, m.name());
        assertEquals(m, Method.of(name), "extension methods are equal by name");
        assertNotSame(m, Method.of(name));
    }

    @ParameterizedTest(name = "\"{0}\"")
    @CsvSource(delimiter = '|', value = {
        "''      | empty",
        "'GE T'  | space is a delimiter, not a tchar",
        "'GET\r' | CR",
        "'G(T'   | '(' is a delimiter (RFC 9110 §5.6.2)",
        "'GÉT'   | not ASCII",
    })
    void aMethodMustBeAToken(String name, String why) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Method.of(name), why);
        assertTrue(e.getMessage().contains("RFC 9110 §9.1"), e.getMessage());
    }

    @Test
    void standardListIsInRegistryOrder() {
        assertEquals("[GET, HEAD, POST, PUT, DELETE, CONNECT, OPTIONS, TRACE, PATCH]", Method.standard().toString());
    }
}
