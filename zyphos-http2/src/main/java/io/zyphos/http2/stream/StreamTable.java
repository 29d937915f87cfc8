package io.zyphos.http2.stream;

import java.util.function.Consumer;

/**
 * The streams a registry keeps, by identifier: an open-addressing hash table of the streams
 * themselves, keyed by {@link Http2Stream#id()}, so a stream costs one array slot and no boxed key
 * or entry object (a {@code HashMap<Integer, Http2Stream>} would add 16 octets of {@code Integer}
 * and 32 of entry for each). Linear probing; removal shifts the following entries back, so there
 * are no tombstones. At most half full.
 */
final class StreamTable {

    private Http2Stream[] slots = new Http2Stream[16];
    private int size;

    Http2Stream get(int id) {
        Http2Stream[] s = slots;
        int mask = s.length - 1;
        for (int i = slot(id, mask); ; i = (i + 1) & mask) {
            Http2Stream stream = s[i];
            if (stream == null || stream.id() == id) {
                return stream;
            }
        }
    }

    /** Adds {@code stream}, whose identifier is not in the table yet. */
    void add(Http2Stream stream) {
        if (2 * (size + 1) > slots.length) {
            grow();
        }
        insert(slots, stream);
        size++;
    }

    /** Removes the stream with identifier {@code id}, if there is one. */
    void remove(int id) {
        Http2Stream[] s = slots;
        int mask = s.length - 1;
        int i = slot(id, mask);
        while (s[i] != null && s[i].id() != id) {
            i = (i + 1) & mask;
        }
        if (s[i] == null) {
            return;
        }
        s[i] = null;
        size--;
        // Move back every entry of the run after the hole that could not be found past it otherwise.
        for (int j = (i + 1) & mask; s[j] != null; j = (j + 1) & mask) {
            int home = slot(s[j].id(), mask);
            boolean homeAfterHole = i <= j ? i < home && home <= j : i < home || home <= j;
            if (!homeAfterHole) {
                s[i] = s[j];
                s[j] = null;
                i = j;
            }
        }
    }

    int size() {
        return size;
    }

    void forEach(Consumer<Http2Stream> action) {
        for (Http2Stream stream : slots) {
            if (stream != null) {
                action.accept(stream);
            }
        }
    }

    private void grow() {
        Http2Stream[] bigger = new Http2Stream[slots.length * 2];
        for (Http2Stream stream : slots) {
            if (stream != null) {
                insert(bigger, stream);
            }
        }
        slots = bigger;
    }

    private static void insert(Http2Stream[] s, Http2Stream stream) {
        int mask = s.length - 1;
        int i = slot(stream.id(), mask);
        while (s[i] != null) {
            i = (i + 1) & mask;
        }
        s[i] = stream;
    }

    /** Fibonacci hashing: client identifiers are all odd and grow by 2, which a mask alone would cluster. */
    private static int slot(int id, int mask) {
        return (id * 0x9E3779B9 >>> 16) & mask;
    }
}
