package io.zyphos.http1;

import io.netty.buffer.ByteBuf;
import io.zyphos.http1.internal.Ascii;
import java.nio.charset.StandardCharsets;

/**
 * The field lines of a header or trailer section, as slices of the received bytes.
 *
 * <p>Nothing is copied: each name and value is an offset and a length in {@link #buffer()}, like
 * picohttpparser's header array. Values are trimmed of the optional whitespace around them
 * (RFC 9112 §5.1). Lines keep their order and repeats; names compare case-insensitively
 * (RFC 9110 §5.1). {@link #name(int)} and {@link #value(int)} make a String when one is asked
 * for; the comparisons and look-ups allocate nothing.
 *
 * <p>This is a view owned by the parser and reused for every request. It is valid until the
 * parser's next {@link Http1RequestParser#receive receive}, {@link Http1RequestParser#endOfInput
 * endOfInput} or {@link Http1RequestParser#close close} call, or until {@code nextEvent()}
 * returns the next request's head. Copy what must live longer. The buffer is borrowed: never
 * release it.
 */
public final class Http1Fields {

    private static final int NAME_START = 0;
    private static final int NAME_LENGTH = 1;
    private static final int VALUE_START = 2;
    private static final int VALUE_LENGTH = 3;
    private static final int SLOTS = 4;

    /** An empty section, for messages without trailers. */
    static final Http1Fields EMPTY = new Http1Fields(0);

    private int[] slots;
    private int size;
    private ByteBuf buffer;
    private int base;

    Http1Fields(int initialCapacity) {
        this.slots = new int[initialCapacity * SLOTS];
    }

    /** The number of field lines. */
    public int size() {
        return size;
    }

    /** Whether there are no field lines. */
    public boolean isEmpty() {
        return size == 0;
    }

    /** The bytes the offsets point into; borrowed, never release it. */
    public ByteBuf buffer() {
        return buffer;
    }

    /** Where field {@code i}'s name starts in {@link #buffer()}. */
    public int nameOffset(int i) {
        return base + slots[check(i) * SLOTS + NAME_START];
    }

    /** The length of field {@code i}'s name. */
    public int nameLength(int i) {
        return slots[check(i) * SLOTS + NAME_LENGTH];
    }

    /** Where field {@code i}'s value starts in {@link #buffer()}. */
    public int valueOffset(int i) {
        return base + slots[check(i) * SLOTS + VALUE_START];
    }

    /** The length of field {@code i}'s value, without surrounding whitespace. */
    public int valueLength(int i) {
        return slots[check(i) * SLOTS + VALUE_LENGTH];
    }

    /** Field {@code i}'s name as it was sent (a token, so ASCII). Allocates. */
    public String name(int i) {
        return buffer.toString(nameOffset(i), nameLength(i), StandardCharsets.US_ASCII);
    }

    /**
     * Field {@code i}'s value. Allocates. Bytes above 0x7F (obs-text, RFC 9110 §5.5) map to the
     * ISO-8859-1 character of the same code, so no byte is lost.
     */
    public String value(int i) {
        return buffer.toString(valueOffset(i), valueLength(i), StandardCharsets.ISO_8859_1);
    }

    /** Whether field {@code i}'s name is {@code name}, ignoring ASCII case. */
    public boolean nameEquals(int i, CharSequence name) {
        return Ascii.equalsIgnoreCase(buffer, nameOffset(i), nameLength(i), name);
    }

    /** Whether field {@code i}'s value is {@code value}, ignoring ASCII case. */
    public boolean valueEqualsIgnoreCase(int i, CharSequence value) {
        return Ascii.equalsIgnoreCase(buffer, valueOffset(i), valueLength(i), value);
    }

    /** The index of the first field named {@code name} at or after {@code from}, or -1. */
    public int indexOf(CharSequence name, int from) {
        for (int i = Math.max(from, 0); i < size; i++) {
            if (nameEquals(i, name)) {
                return i;
            }
        }
        return -1;
    }

    /** The index of the first field named {@code name}, or -1. */
    public int indexOf(CharSequence name) {
        return indexOf(name, 0);
    }

    /** The first value of the field named {@code name}, or null. Allocates the String. */
    public String get(CharSequence name) {
        int i = indexOf(name);
        return i < 0 ? null : value(i);
    }

    /** Whether a field named {@code name} is present. */
    public boolean contains(CharSequence name) {
        return indexOf(name) >= 0;
    }

    /** Every field as {@code name: value} lines, for debugging. */
    @Override
    public String toString() {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < size; i++) {
            s.append(name(i)).append(": ").append(value(i)).append('\n');
        }
        return s.toString();
    }

    void reset() {
        size = 0;
        buffer = null;
        base = 0;
    }

    /** Adds a field line; offsets are relative to the section's base, set by {@link #publish}. */
    void add(int nameStart, int nameLength, int valueStart, int valueLength) {
        int at = size * SLOTS;
        if (at == slots.length) {
            slots = java.util.Arrays.copyOf(slots, Math.max(SLOTS * 8, slots.length * 2));
        }
        slots[at + NAME_START] = nameStart;
        slots[at + NAME_LENGTH] = nameLength;
        slots[at + VALUE_START] = valueStart;
        slots[at + VALUE_LENGTH] = valueLength;
        size++;
    }

    /** Points the relative offsets at bytes that now sit at {@code base} in {@code buffer}. */
    void publish(ByteBuf buffer, int base) {
        this.buffer = buffer;
        this.base = base;
    }

    private int check(int i) {
        if (i < 0 || i >= size) {
            throw new IndexOutOfBoundsException("field " + i + " of " + size);
        }
        return i;
    }
}
