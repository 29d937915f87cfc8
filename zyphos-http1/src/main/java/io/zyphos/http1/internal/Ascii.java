package io.zyphos.http1.internal;

import io.netty.buffer.ByteBuf;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/** ASCII comparisons over buffer bytes that allocate nothing. */
public final class Ascii {

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

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

    /** Eight bytes of {@code bytes} from {@code at} as one little-endian long: what {@link #word(String)} makes. */
    public static long word(byte[] bytes, int at) {
        return (long) LONGS.get(bytes, at);
    }

    /** Eight ASCII characters as the long {@link #word(byte[], int)} reads for their bytes. */
    public static long word(String eight) {
        if (eight.length() != Long.BYTES) {
            throw new IllegalArgumentException("not eight characters: " + eight);
        }
        long word = 0;
        for (int i = Long.BYTES - 1; i >= 0; i--) {
            word = word << 8 | eight.charAt(i);
        }
        return word;
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
