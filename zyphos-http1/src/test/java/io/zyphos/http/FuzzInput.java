package io.zyphos.http;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * A fuzzer's bytes read front to back, first as choices, then as text: how a fuzz target turns the
 * one {@code byte[]} that Jazzer mutates into structured input. Once the bytes run out every choice
 * is 0, so any input, even an empty one, is a valid run, and a seed written by hand reads as the
 * text after its few leading choice bytes.
 */
public final class FuzzInput {

    private final byte[] data;
    private int at;

    public FuzzInput(byte[] data) {
        this.data = data;
    }

    /** The next byte, 0 to 255; 0 once the input is used up. */
    public int nextByte() {
        return at < data.length ? data[at++] & 0xFF : 0;
    }

    /** A choice in {@code [0, bound)}. */
    public int choose(int bound) {
        return nextByte() % bound;
    }

    /** A yes or no. */
    public boolean flag() {
        return (nextByte() & 1) != 0;
    }

    /** One of {@code values}. */
    public <T> T pick(List<T> values) {
        return values.get(choose(values.size()));
    }

    /** The next eight bytes as a long (big-endian, zeros past the end). */
    public long nextLong() {
        long value = 0;
        for (int i = 0; i < 8; i++) {
            value = value << 8 | nextByte();
        }
        return value;
    }

    /** Up to {@code length} next bytes, one character each (ISO-8859-1). */
    public String text(int length) {
        int n = Math.min(length, data.length - at);
        String s = new String(data, at, n, StandardCharsets.ISO_8859_1);
        at += n;
        return s;
    }

    /** The bytes not read yet, one character each (ISO-8859-1). */
    public String rest() {
        return text(data.length - at);
    }

    /**
     * The bytes not read yet made a valid field value (RFC 9110 §5.5), as a {@link Headers} line
     * accepts it: controls become commas, and whitespace at either end goes.
     */
    public String restAsFieldValue() {
        String text = rest();
        StringBuilder s = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            s.append(c < 0x20 && c != '\t' || c == 0x7F ? ',' : c);
        }
        return s.toString().strip();
    }

    /** {@code s} with its ASCII letters in upper case and every other character as it is. */
    public static String asciiUpperCase(String s) {
        StringBuilder upper = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            upper.append(c >= 'a' && c <= 'z' ? (char) (c - 32) : c);
        }
        return upper.toString();
    }

    /** The bytes not read yet. */
    public byte[] restBytes() {
        byte[] rest = Arrays.copyOfRange(data, at, data.length);
        at = data.length;
        return rest;
    }
}
