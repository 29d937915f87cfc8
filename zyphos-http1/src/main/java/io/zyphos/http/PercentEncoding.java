package io.zyphos.http;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Percent-decoding (RFC 3986 §2.1, §2.4) of one URI component into text.
 *
 * <p>A {@code %} must be followed by two hexadecimal digits; {@code %zz} or a truncated {@code %4}
 * is malformed, and so is a sequence of decoded octets that is not UTF-8 (RFC 3986 §2.5 makes
 * UTF-8 the encoding of new URI text; reading it as anything else would let two spellings name
 * one resource). Both are the client's error: {@link HttpException} with 400 Bad Request.
 *
 * <p>Decoding is done one component at a time, after the component was cut out of the URI by its
 * delimiters (RFC 3986 §2.4): decode first and a {@code %2F} inside a path segment would become a
 * new segment, a {@code %26} inside a query value a new parameter.
 *
 * <p>A component without {@code %} (and, in a query, without {@code +}) is returned as the same
 * characters with no decoding work; decoding allocates only for what it decodes.
 */
public final class PercentEncoding {

    private PercentEncoding() {}

    /**
     * The text of {@code s[start, end)} with every escape decoded.
     *
     * @param plusAsSpace whether {@code +} means a space. Only in a query component, by the
     *     {@code application/x-www-form-urlencoded} convention that HTML forms use (WHATWG URL
     *     §5.1); RFC 3986 itself gives {@code +} no meaning, and in a path it is a plus.
     * @throws HttpException 400 on a malformed escape or decoded octets that are not UTF-8
     */
    public static String decode(CharSequence s, int start, int end, boolean plusAsSpace) {
        int firstSpecial = -1;
        for (int i = start; i < end; i++) {
            char c = s.charAt(i);
            if (c == '%' || (plusAsSpace && c == '+')) {
                firstSpecial = i;
                break;
            }
        }
        if (firstSpecial < 0) {
            return s.subSequence(start, end).toString();
        }
        byte[] out = new byte[end - start];
        int n = 0;
        for (int i = start; i < end; i++) {
            char c = s.charAt(i);
            if (c == '%') {
                out[n++] = (byte) escapedOctet(s, i, end);
                i += 2;
            } else if (c == '+' && plusAsSpace) {
                out[n++] = ' ';
            } else if (c < 0x80) {
                out[n++] = (byte) c;
            } else {
                // Not URI text (RFC 3986 §2 allows ASCII only); callers validate the raw target
                // first, so this is text a program passed in directly.
                throw new IllegalArgumentException("non-ASCII character at " + i + " in a URI component");
            }
        }
        return utf8(out, n);
    }

    /** {@link #decode(CharSequence, int, int, boolean)} of the whole sequence. */
    public static String decode(CharSequence s, boolean plusAsSpace) {
        return decode(s, 0, s.length(), plusAsSpace);
    }

    /**
     * The octet that the escape at {@code s[i]} (a {@code %}) encodes.
     *
     * @throws HttpException 400 if two hexadecimal digits do not follow before {@code end}
     */
    static int escapedOctet(CharSequence s, int i, int end) {
        int hi = i + 1 < end ? hex(s.charAt(i + 1)) : -1;
        int lo = i + 2 < end ? hex(s.charAt(i + 2)) : -1;
        if (hi < 0 || lo < 0) {
            throw HttpException.badRequest("malformed percent-escape \"" + shown(s, i, Math.min(end, i + 3))
                    + "\" at " + i + ": '%' must be followed by two hexadecimal digits (RFC 3986 §2.1)");
        }
        return hi << 4 | lo;
    }

    /**
     * {@code s[from, to)} for an error message: visible ASCII as it is, anything else as
     * {@code <0x..>}, so that a CR, LF or NUL the client sent never reaches a log line or a body.
     */
    private static String shown(CharSequence s, int from, int to) {
        StringBuilder out = new StringBuilder();
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c > 0x20 && c < 0x7F) {
                out.append(c);
            } else {
                out.append("<0x").append(Integer.toHexString(c)).append('>');
            }
        }
        return out.toString();
    }

    static int hex(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        return -1;
    }

    static String utf8(byte[] bytes, int length) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, 0, length))
                    .toString();
        } catch (CharacterCodingException e) {
            throw HttpException.badRequest("percent-decoded octets are not UTF-8 (RFC 3986 §2.5)");
        }
    }
}
