package io.zyphos.http1.internal;

import io.netty.buffer.ByteBuf;

/** ASCII comparisons over buffer bytes that allocate nothing. */
public final class Ascii {

    private Ascii() {}

    /** {@code b} with ASCII upper case letters turned to lower case. */
    public static int lower(int b) {
        return b >= 'A' && b <= 'Z' ? b + ('a' - 'A') : b;
    }

    /** Whether {@code length} bytes at {@code offset} spell {@code text}, ignoring ASCII case. */
    public static boolean equalsIgnoreCase(ByteBuf buf, int offset, int length, CharSequence text) {
        if (length != text.length()) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            if (lower(buf.getByte(offset + i) & 0xFF) != lower(text.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** Whether {@code length} bytes at {@code offset} spell {@code text} exactly. */
    public static boolean equals(ByteBuf buf, int offset, int length, CharSequence text) {
        if (length != text.length()) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            if ((buf.getByte(offset + i) & 0xFF) != text.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** Whether {@code length} bytes of {@code bytes} at {@code offset} spell {@code text}, ignoring ASCII case. */
    public static boolean equalsIgnoreCase(byte[] bytes, int offset, int length, CharSequence text) {
        if (length != text.length()) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            if (lower(bytes[offset + i] & 0xFF) != lower(text.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** Whether {@code length} bytes of {@code bytes} at {@code offset} spell {@code text} exactly. */
    public static boolean equals(byte[] bytes, int offset, int length, CharSequence text) {
        if (length != text.length()) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            if ((bytes[offset + i] & 0xFF) != text.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** Whether {@code b} is SP or HTAB, the whitespace of RFC 9110 §5.6.3. */
    public static boolean isWhitespace(int b) {
        return b == ' ' || b == '\t';
    }

    /** The value of hex digit {@code b}, or -1. */
    public static int hexValue(int b) {
        if (b >= '0' && b <= '9') {
            return b - '0';
        }
        int l = b | 0x20;
        if (l >= 'a' && l <= 'f') {
            return l - 'a' + 10;
        }
        return -1;
    }
}
