package io.zyphos.http2.hpack;

/**
 * The dynamic table of RFC 7541 §2.3.2 and §4: a first-in, first-out list of fields, the newest
 * at index 1, whose size is bounded by a capacity that the encoder sets with table size updates.
 *
 * <p>A ring of Strings: adding writes one slot, evicting moves the oldest mark; nothing is
 * allocated once the ring is large enough (it doubles as needed, up to one slot per 32 octets of
 * capacity, since no entry is smaller). Each entry also has a sequence number, counting every
 * entry ever added; {@link HpackEncoder}'s hash chains point at entries by it, and a number
 * below {@link #oldestSequence()} names an entry that has been evicted.
 *
 * <p>Outside this package the table is read-only: {@link HpackDecoder#table()} and
 * {@link HpackEncoder#table()} show what each side holds, for tests and diagnostics.
 *
 * <p>Size accounting follows §4.1: an entry's size is its name's and value's length in octets
 * plus 32. Sizes are measured in chars, which are octets here (see {@link HeaderFieldSink}).
 */
public final class DynamicTable {

    /** Added to every entry's size for the bookkeeping an implementation needs (RFC 7541 §4.1). */
    static final int ENTRY_OVERHEAD = 32;

    private static final int INITIAL_SLOTS = 16;

    private String[] names = new String[INITIAL_SLOTS];
    private String[] values = new String[INITIAL_SLOTS];
    private int mask = INITIAL_SLOTS - 1;
    /** Sequence number of the oldest entry, and of the next one to be added. */
    private int oldest;
    private int next;
    private long size;
    private long capacity;

    DynamicTable(long capacity) {
        this.capacity = capacity;
    }

    /** How many entries the table holds. */
    public int length() {
        return next - oldest;
    }

    /** The sum of the entries' sizes (§4.1). */
    public long size() {
        return size;
    }

    /** The maximum size, as the last size update set it (§4.2). */
    public long capacity() {
        return capacity;
    }

    /** The name at {@code index}, from 1 (newest) to {@link #length()}. */
    public String name(int index) {
        return names[slotOf(index)];
    }

    /** The value at {@code index}, from 1 (newest) to {@link #length()}. */
    public String value(int index) {
        return values[slotOf(index)];
    }

    /** "[1] name: value" lines, newest first, and the size: the form RFC 7541 Appendix C prints tables in. */
    @Override
    public String toString() {
        StringBuilder s = new StringBuilder();
        for (int i = 1; i <= length(); i++) {
            s.append('[').append(i).append("] ").append(name(i)).append(": ").append(value(i)).append('\n');
        }
        return s.append("size ").append(size).toString();
    }

    private int slotOf(int index) {
        if (index < 1 || index > length()) {
            throw new IndexOutOfBoundsException("no dynamic table entry " + index + " (1 to " + length() + ")");
        }
        return (next - index) & mask;
    }

    int oldestSequence() {
        return oldest;
    }

    /** The sequence number the next entry added will get. */
    int nextSequence() {
        return next;
    }

    String nameAt(int sequence) {
        return names[sequence & mask];
    }

    String valueAt(int sequence) {
        return values[sequence & mask];
    }

    /** True if the entry with this sequence number is still in the table. */
    boolean holds(int sequence) {
        return sequence - oldest >= 0 && next - sequence > 0;
    }

    /** The index (1 = newest) of the entry with this sequence number, which must be held. */
    int indexOf(int sequence) {
        return next - sequence;
    }

    static long sizeOf(String name, String value) {
        return (long) name.length() + value.length() + ENTRY_OVERHEAD;
    }

    /** Sets a new maximum size, evicting the oldest entries until the table fits (§4.3). */
    void setCapacity(long capacity) {
        this.capacity = capacity;
        evictUntil(capacity);
    }

    /**
     * Adds a field as the newest entry, first evicting the oldest until it fits (§4.4). An entry
     * larger than the capacity is not added, and leaves the table empty: that is not an error.
     */
    void add(String name, String value) {
        long entrySize = sizeOf(name, value);
        if (entrySize > capacity) {
            evictAll();
            return;
        }
        evictUntil(capacity - entrySize);
        if (length() == names.length) {
            grow();
        }
        int slot = next & mask;
        names[slot] = name;
        values[slot] = value;
        next++;
        size += entrySize;
    }

    /** Empties the table: what adding an entry larger than the capacity does (§4.4). */
    void evictAll() {
        evictUntil(0);
    }

    private void evictUntil(long maxSize) {
        while (size > maxSize) {
            int slot = oldest & mask;
            size -= sizeOf(names[slot], values[slot]);
            names[slot] = null;
            values[slot] = null;
            oldest++;
        }
    }

    private void grow() {
        int slots = names.length * 2;
        String[] newNames = new String[slots];
        String[] newValues = new String[slots];
        for (int sequence = oldest; sequence != next; sequence++) {
            newNames[sequence & (slots - 1)] = names[sequence & mask];
            newValues[sequence & (slots - 1)] = values[sequence & mask];
        }
        names = newNames;
        values = newValues;
        mask = slots - 1;
    }
}
