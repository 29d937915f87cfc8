package io.zyphos.http;

import static io.zyphos.http.RefusalAssertions.assertBadRequest;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.fail;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Percent-decoding undoes percent-encoding for any text (RFC 3986 §2.1, UTF-8 by §2.5), and any
 * other input decodes exactly as the RFC reads it or is refused with 400: an escape without two hex
 * digits, or octets that are not UTF-8. Never another exception. The fuzz lesson for RFC 3986 §2.
 *
 * <p>The first byte chooses the run: bit 0 decodes as a query ({@code +} is a space), bit 1 encodes
 * the rest of the input (read as UTF-8) and decodes it back, bits 2-3 choose how it is encoded
 * (lower-case hex, unreserved characters escaped too). Otherwise the rest, cut to 7 bits (URI text
 * is ASCII), is decoded as it is, whole and through a window {@code [start, end)} taken from bytes
 * 4-5 of the first byte and the second byte.
 */
class PercentEncodingFuzzTest {

    @FuzzTest(maxDuration = "30s")
    void decodingUndoesEncodingAndRefusesMalformedEscapes(byte[] data) {
        FuzzInput in = new FuzzInput(data);
        int mode = in.nextByte();
        boolean query = (mode & 1) != 0;
        if ((mode & 2) != 0) {
            String text = new String(in.restBytes(), StandardCharsets.UTF_8);
            String encoded = encode(text, query, (mode & 4) != 0, (mode & 8) != 0);
            assertEquals(text, PercentEncoding.decode(encoded, query), () -> "decoding " + encoded);
            String framed = "a&" + encoded + "&b";
            assertEquals(text, PercentEncoding.decode(framed, 2, 2 + encoded.length(), query), "a window of a longer text");
            return;
        }
        int skip = in.nextByte();
        byte[] ascii = in.restBytes();
        for (int i = 0; i < ascii.length; i++) {
            ascii[i] &= 0x7F;
        }
        String s = new String(ascii, StandardCharsets.US_ASCII);
        assertDecodesLikeTheRfc(s, 0, s.length(), query);
        int start = Math.min(skip & 0x0F, s.length());
        int end = Math.max(start, s.length() - (mode >> 4 & 0x0F));
        assertDecodesLikeTheRfc(s, start, end, query);
    }

    private static void assertDecodesLikeTheRfc(String s, int start, int end, boolean query) {
        String expected = reference(s.substring(start, end), query);
        String actual;
        try {
            actual = PercentEncoding.decode(s, start, end, query);
        } catch (HttpException refused) {
            assertBadRequest(refused);
            assertNull(expected, () -> "refused, but the RFC reads " + expected);
            return;
        }
        if (expected == null) {
            fail("decoded to " + actual + ", but the RFC refuses " + s.substring(start, end));
        }
        assertEquals(expected, actual);
    }

    /** RFC 3986 §2.1 and §2.5, written plainly: the text, or null if it is not valid. */
    private static String reference(String s, boolean query) {
        ByteArrayOutputStream octets = new ByteArrayOutputStream();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%') {
                if (i + 2 >= s.length() || !isHex(s.charAt(i + 1)) || !isHex(s.charAt(i + 2))) {
                    return null;
                }
                octets.write(Integer.parseInt(s.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                octets.write(query && c == '+' ? ' ' : c);
            }
        }
        byte[] bytes = octets.toByteArray();
        String text = new String(bytes, StandardCharsets.UTF_8);
        // Java replaces what is not UTF-8; the text then no longer encodes to the same octets.
        return Arrays.equals(bytes, text.getBytes(StandardCharsets.UTF_8)) ? text : null;
    }

    private static boolean isHex(char c) {
        return Character.digit(c, 16) >= 0 && c < 0x80;
    }

    /**
     * Percent-encodes the UTF-8 of {@code text}: always what is not unreserved (RFC 3986 §2.3), a
     * space as {@code +} in a query.
     */
    private static String encode(String text, boolean query, boolean lowerHex, boolean escapeUnreserved) {
        StringBuilder out = new StringBuilder();
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xFF;
            boolean unreserved = c < 0x80 && (Character.isLetterOrDigit(c) || "-._~".indexOf(c) >= 0);
            if (unreserved && !escapeUnreserved) {
                out.append((char) c);
            } else if (query && c == ' ' && !escapeUnreserved) {
                out.append('+');
            } else {
                String hex = String.format("%02X", c);
                out.append('%').append(lowerHex ? hex.toLowerCase() : hex);
            }
        }
        return out.toString();
    }
}
