package io.zyphos.http;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.function.BiConsumer;

/**
 * The header (or trailer) fields of one message (RFC 9110 §5): case-insensitive names, several
 * values per name, kept in the order they were added.
 *
 * <p>Order matters: RFC 9110 §5.3 lets a recipient combine field lines with the same name into
 * one comma-separated value only in their original order, and {@code Set-Cookie} cannot be
 * combined at all, so each line is kept as it came and {@link #getAll} returns them in order.
 *
 * <p>Fields live in two parallel arrays scanned from the start. A message has a few dozen fields
 * at most (the wire engines bound the count), and a scan that compares well-known names by
 * identity beats hashing at that size.
 *
 * <p>Every value is checked when it is added: a value holding CR, LF or NUL would let a handler
 * that copies user input into a header split the response in two (RFC 9110 §5.5), so it is
 * refused with an {@link IllegalArgumentException}, as are the other controls and leading or
 * trailing whitespace, which the field-value grammar does not allow.
 *
 * <p>Not thread-safe: a message's fields belong to whoever is building or reading the message.
 */
public final class Headers implements Iterable<Headers.Field> {

    /** One field line: a name and one value. */
    public record Field(HeaderName name, String value) {}

    private static final int INITIAL_CAPACITY = 8;

    private HeaderName[] names;
    private String[] values;
    private int size;
    /** Set by {@link #readOnlyCopy()}: the fields of a constant response, shared between threads. */
    private boolean readOnly;

    public Headers() {
        names = new HeaderName[INITIAL_CAPACITY];
        values = new String[INITIAL_CAPACITY];
    }

    private Headers(Headers other) {
        names = Arrays.copyOf(other.names, Math.max(other.size, INITIAL_CAPACITY));
        values = Arrays.copyOf(other.values, names.length);
        size = other.size;
    }

    /** An independent copy, which may be changed even if this one is read-only. */
    public Headers copy() {
        return new Headers(this);
    }

    /** A copy that refuses every change, for a response many threads send ({@link HttpResponse.Builder#buildConstant()}). */
    Headers readOnlyCopy() {
        Headers copy = new Headers(this);
        copy.readOnly = true;
        return copy;
    }

    /** Whether this instance refuses changes: the fields of a constant response. */
    public boolean isReadOnly() {
        return readOnly;
    }

    private void checkWritable() {
        if (readOnly) {
            throw new UnsupportedOperationException(
                    "these are a constant response's header fields, shared by every request it answers: read-only;"
                            + " build a new response (HttpResponse.builder) to send other fields");
        }
    }

    /** The number of field lines (a name with three values counts three). */
    public int size() {
        return size;
    }

    public boolean isEmpty() {
        return size == 0;
    }

    /** The name of the {@code index}-th field line, for iterating without allocating. */
    public HeaderName name(int index) {
        Objects.checkIndex(index, size);
        return names[index];
    }

    /** The value of the {@code index}-th field line. */
    public String value(int index) {
        Objects.checkIndex(index, size);
        return values[index];
    }

    /**
     * Appends a field line.
     *
     * @throws IllegalArgumentException if {@code value} is not a valid field value (RFC 9110 §5.5)
     * @return this, for chaining
     */
    public Headers add(HeaderName name, String value) {
        checkWritable();
        Objects.requireNonNull(name, "name");
        checkValue(name, value);
        if (size == names.length) {
            names = Arrays.copyOf(names, size * 2);
            values = Arrays.copyOf(values, size * 2);
        }
        names[size] = name;
        values[size] = value;
        size++;
        return this;
    }

    /** {@link #add(HeaderName, String)} with a name checked by {@link HeaderName#of}. */
    public Headers add(CharSequence name, String value) {
        return add(HeaderName.of(name), value);
    }

    /** Replaces every line named {@code name} with one holding {@code value}. */
    public Headers set(HeaderName name, String value) {
        checkWritable();
        checkValue(name, value);
        remove(name);
        return add(name, value);
    }

    public Headers set(CharSequence name, String value) {
        return set(HeaderName.of(name), value);
    }

    /** The first value of {@code name}, or {@code null}. Allocates nothing. */
    public String get(HeaderName name) {
        int i = indexOf(name, 0);
        return i < 0 ? null : values[i];
    }

    /** The first value of the field spelled {@code name} in any case, or {@code null}. */
    public String get(CharSequence name) {
        HeaderName known = HeaderName.lookup(name);
        if (known != null) {
            return get(known);
        }
        for (int i = 0; i < size; i++) {
            if (!names[i].isWellKnown() && names[i].contentEqualsIgnoreCase(name)) {
                return values[i];
            }
        }
        return null;
    }

    /** Every value of {@code name}, in order; empty if none. */
    public List<String> getAll(HeaderName name) {
        List<String> all = new ArrayList<>(2);
        for (int i = indexOf(name, 0); i >= 0; i = indexOf(name, i + 1)) {
            all.add(values[i]);
        }
        return all;
    }

    public List<String> getAll(CharSequence name) {
        return getAll(HeaderName.of(name));
    }

    public boolean contains(HeaderName name) {
        return indexOf(name, 0) >= 0;
    }

    public boolean contains(CharSequence name) {
        return get(name) != null;
    }

    /**
     * Whether a comma-separated list field (RFC 9110 §5.6.1) holds {@code token}, ignoring case
     * and the optional whitespace around elements: {@code Connection: keep-alive, Close} holds
     * {@code close}. Every line named {@code name} is searched. Allocates nothing.
     */
    public boolean containsToken(HeaderName name, String token) {
        for (int i = indexOf(name, 0); i >= 0; i = indexOf(name, i + 1)) {
            String v = values[i];
            int start = 0;
            while (start <= v.length()) {
                int comma = v.indexOf(',', start);
                int end = comma < 0 ? v.length() : comma;
                int s = start;
                int e = end;
                while (s < e && (v.charAt(s) == ' ' || v.charAt(s) == '\t')) {
                    s++;
                }
                while (e > s && (v.charAt(e - 1) == ' ' || v.charAt(e - 1) == '\t')) {
                    e--;
                }
                if (e - s == token.length() && v.regionMatches(true, s, token, 0, token.length())) {
                    return true;
                }
                start = end + 1;
            }
        }
        return false;
    }

    /** Removes every line named {@code name}; returns whether there was one. */
    public boolean remove(HeaderName name) {
        checkWritable();
        int w = 0;
        for (int r = 0; r < size; r++) {
            if (!names[r].equals(name)) {
                names[w] = names[r];
                values[w] = values[r];
                w++;
            }
        }
        boolean removed = w < size;
        Arrays.fill(names, w, size, null);
        Arrays.fill(values, w, size, null);
        size = w;
        return removed;
    }

    public boolean remove(CharSequence name) {
        return remove(HeaderName.of(name));
    }

    /** Removes every field. Keeps the arrays, so a reused instance allocates nothing. */
    public void clear() {
        checkWritable();
        Arrays.fill(names, 0, size, null);
        Arrays.fill(values, 0, size, null);
        size = 0;
    }

    /**
     * Replaces these fields with {@code other}'s, in order. Nothing is checked again: {@code other}
     * checked its values when they were added. For a wire engine that reuses one {@code Headers}
     * per request and copies a repeated request's fields from the last one.
     */
    public void setAll(Headers other) {
        checkWritable();
        if (names.length < other.size) {
            names = new HeaderName[other.names.length];
            values = new String[other.names.length];
        } else if (other.size < size) {
            Arrays.fill(names, other.size, size, null);
            Arrays.fill(values, other.size, size, null);
        }
        System.arraycopy(other.names, 0, names, 0, other.size);
        System.arraycopy(other.values, 0, values, 0, other.size);
        size = other.size;
    }

    /** Calls {@code action} for each field line in order. Allocates nothing. */
    public void forEach(BiConsumer<HeaderName, String> action) {
        for (int i = 0; i < size; i++) {
            action.accept(names[i], values[i]);
        }
    }

    @Override
    public Iterator<Field> iterator() {
        return new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
                return next < size;
            }

            @Override
            public Field next() {
                if (next >= size) {
                    throw new NoSuchElementException();
                }
                Field f = new Field(names[next], values[next]);
                next++;
                return f;
            }
        };
    }

    private int indexOf(HeaderName name, int from) {
        for (int i = from; i < size; i++) {
            HeaderName n = names[i];
            if (n == name || n.equals(name)) {
                return i;
            }
        }
        return -1;
    }

    private static void checkValue(HeaderName name, String value) {
        Objects.requireNonNull(value, "value");
        int bad = Tokens.invalidFieldValueIndex(value);
        if (bad >= 0) {
            char c = value.charAt(bad);
            String what = c == ' ' || c == '\t' ? "whitespace at the edge" : "character 0x" + Integer.toHexString(c);
            throw new IllegalArgumentException("invalid field value for " + name + ": " + what
                    + " at index " + bad + " (RFC 9110 §5.5)");
        }
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("Headers[");
        for (int i = 0; i < size; i++) {
            sb.append(i == 0 ? "" : ", ").append(names[i]).append(": ").append(values[i]);
        }
        return sb.append(']').toString();
    }
}
