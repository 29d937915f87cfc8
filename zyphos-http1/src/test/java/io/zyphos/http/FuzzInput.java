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

    /** The bytes not read yet. */
    public byte[] restBytes() {
        byte[] rest = Arrays.copyOfRange(data, at, data.length);
        at = data.length;
        return rest;
    }
}
