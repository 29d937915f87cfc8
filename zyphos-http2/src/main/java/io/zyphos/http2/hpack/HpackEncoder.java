package io.zyphos.http2.hpack;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * Encodes header fields into HPACK header blocks (RFC 7541): the sending half of one HTTP/2
 * connection's header compression. Sans-I/O: fields in, octets written into the caller's buffer.
 *
 * <pre>{@code
 * encoder.beginBlock(out);                 // first, for every block: pending table size updates
 * encoder.encodeField(out, ":status", "200");
 * encoder.encodeField(out, "content-type", "text/html");
 * }</pre>
 *
 * <h2>Methods</h2>
 * <ul>
 *   <li>Commands: {@link #beginBlock(ByteBuf)}, then {@link #encodeField(ByteBuf, String, String)}
 *       for each field (or {@link #encodeField(ByteBuf, String, String, HpackIndexing)} to
 *       choose how it is sent), in order.</li>
 *   <li>Input: {@link #setMaxTableSize(long)}, when the peer's SETTINGS_HEADER_TABLE_SIZE
 *       changes.</li>
 *   <li>Query: {@link #table()}, the dynamic table the peer's decoder now mirrors.</li>
 * </ul>
 *
 * <h2>What it chooses</h2>
 * <ul>
 *   <li>A field that is in the static or dynamic table as it is: its index (§6.1), one or two
 *       octets. The dynamic table is searched through hash chains, not a scan.</li>
 *   <li>Otherwise a literal (§6.2), its name by index when a table has the name (the static
 *       table's lower index first), stored in the dynamic table or not as the
 *       {@link IndexingPolicy} says. A field that would take more than three quarters of the
 *       table is never stored: it would evict everything else for one entry.</li>
 *   <li>Each string Huffman-coded unless that is longer, raw otherwise (§5.2); a length pass
 *       over the code table decides, before anything is written.</li>
 *   <li>Table size updates (§6.3) at the start of the next block when the peer's setting has
 *       changed: the smallest size since the last block and then the final one, when they
 *       differ (§4.2). RFC 9113 §4.3.1 asks for one after every change of the setting, even
 *       when the table size stays the same.</li>
 * </ul>
 *
 * <h2>Buffers and strings</h2>
 * Writes grow {@code out} as needed and never release it. Names and values are Strings of
 * octets (ISO-8859-1, see {@link HeaderFieldSink}); a char above U+00FF is refused with
 * {@link IllegalArgumentException}. Names must already be lowercase (RFC 9113 §8.2.1): the
 * encoder sends what it is given. The dynamic table keeps the Strings it is given.
 *
 * <p>Not thread-safe: one encoder per connection, used by the thread that owns the connection.
 */
public final class HpackEncoder {

    /** The table size both sides start from (RFC 9113 §6.5.2) and the most this encoder uses by default. */
    public static final int DEFAULT_MAX_TABLE_SIZE = 4096;

    /**
     * The most table an encoder may be given: its hash chains take 28 octets per 32 octets of
     * table, allocated up front, and tables beyond a few KiB gain little.
     */
    public static final int LARGEST_MAX_TABLE_SIZE = 1 << 20;

    private static final long NO_UPDATE = -1;
    private static final int NO_ENTRY = -1;

    private final IndexingPolicy policy;
    private final boolean huffman;
    private final long maxTableSize;
    private final DynamicTable table;

    // Hash chains over the dynamic table, by sequence number (see DynamicTable): the bucket heads
    // hold the newest entry of each bucket, and each entry's slot the next older one.
    private final int slotMask;
    private final int bucketMask;
    private final int[] fieldBuckets;
    private final int[] nameBuckets;
    private final int[] fieldNext;
    private final int[] nameNext;
    private final int[] fieldHashes;

    private long peerSetting;
    private long smallestUpdate = NO_UPDATE;
    private long lastUpdate = NO_UPDATE;

    /** An encoder with {@link IndexingPolicy#DEFAULT}, Huffman coding, and a 4096 octet table. */
    public HpackEncoder() {
        this(DEFAULT_MAX_TABLE_SIZE, DEFAULT_MAX_TABLE_SIZE, IndexingPolicy.DEFAULT, true);
    }

    /**
     * @param tableSize the table size both sides start with: the peer's SETTINGS_HEADER_TABLE_SIZE
     *     as far as this side knows it (4096 in HTTP/2 until SETTINGS arrive)
     * @param maxTableSize the most table this encoder uses, whatever the peer allows, up to
     *     {@link #LARGEST_MAX_TABLE_SIZE}; if it is below {@code tableSize}, the first block begins
     *     with a size update to it
     * @param policy which literals to store
     * @param huffman whether to Huffman-code strings that do not get longer for it
     */
    public HpackEncoder(long tableSize, long maxTableSize, IndexingPolicy policy, boolean huffman) {
        if (tableSize < 0 || tableSize > 0xFFFF_FFFFL || maxTableSize < 0 || maxTableSize > LARGEST_MAX_TABLE_SIZE) {
            throw new IllegalArgumentException("the table size is 0 to 2^32-1 and the encoder's maximum 0 to "
                    + LARGEST_MAX_TABLE_SIZE + ", not " + tableSize + " and " + maxTableSize);
        }
        this.policy = Objects.requireNonNull(policy, "policy");
        this.huffman = huffman;
        this.maxTableSize = maxTableSize;
        this.peerSetting = tableSize;
        long capacity = Math.min(tableSize, maxTableSize);
        this.table = new DynamicTable(capacity);
        if (capacity < tableSize) {
            smallestUpdate = capacity;
            lastUpdate = capacity;
        }
        int slots = Integer.highestOneBit((int) Math.max(8, maxTableSize / DynamicTable.ENTRY_OVERHEAD) * 2 - 1);
        slotMask = slots - 1;
        bucketMask = 2 * slots - 1;
        fieldBuckets = emptyChains(2 * slots);
        nameBuckets = emptyChains(2 * slots);
        fieldNext = new int[slots];
        nameNext = new int[slots];
        fieldHashes = new int[slots];
    }

    // ---- Input ---------------------------------------------------------------------------------

    /**
     * Takes the peer's new SETTINGS_HEADER_TABLE_SIZE. The table follows it (up to this encoder's
     * own maximum) from the next {@link #beginBlock}, which tells the peer so.
     */
    public void setMaxTableSize(long peerSetting) {
        if (peerSetting < 0 || peerSetting > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("SETTINGS_HEADER_TABLE_SIZE is 0 to 2^32-1, not " + peerSetting);
        }
        if (peerSetting == this.peerSetting) {
            return;
        }
        this.peerSetting = peerSetting;
        long capacity = Math.min(peerSetting, maxTableSize);
        smallestUpdate = smallestUpdate == NO_UPDATE ? capacity : Math.min(smallestUpdate, capacity);
        lastUpdate = capacity;
    }

    // ---- Commands ------------------------------------------------------------------------------

    /** Starts a header block: writes the size updates owed since the last one (RFC 7541 §4.2). */
    public void beginBlock(ByteBuf out) {
        if (lastUpdate == NO_UPDATE) {
            return;
        }
        if (smallestUpdate < lastUpdate) {
            writeSizeUpdate(out, smallestUpdate);
        }
        writeSizeUpdate(out, lastUpdate);
        smallestUpdate = NO_UPDATE;
        lastUpdate = NO_UPDATE;
    }

    /** Writes one field, sent as the {@link IndexingPolicy} says. */
    public void encodeField(ByteBuf out, String name, String value) {
        encode(out, name, value, null);
    }

    /** Writes one field, sent as {@code indexing} says unless a table holds it as it is. */
    public void encodeField(ByteBuf out, String name, String value, HpackIndexing indexing) {
        encode(out, name, value, Objects.requireNonNull(indexing, "indexing"));
    }

    // ---- Query ---------------------------------------------------------------------------------

    /** The dynamic table, read-only: what the peer's decoder holds once it has read what was written. */
    public DynamicTable table() {
        return table;
    }

    // ---- Representations (RFC 7541 §6) ---------------------------------------------------------

    /** {@code indexing} null: as the policy says. */
    private void encode(ByteBuf out, String name, String value, HpackIndexing indexing) {
        if (lastUpdate != NO_UPDATE) {
            throw new IllegalStateException("a table size update is owed: call beginBlock first (RFC 7541 §4.2)");
        }
        int staticIndex = StaticTable.indexOf(name, value);
        if (staticIndex > 0) {
            writeInteger(out, 0x80, 7, staticIndex);
            return;
        }
        if (indexing == null) {
            indexing = policy.indexing(name, value);
        }
        int nameHash = name.hashCode();
        int fieldHash = 31 * nameHash + value.hashCode();
        if (indexing != HpackIndexing.NEVER_INDEXED) {
            int sequence = findField(name, value, fieldHash);
            if (sequence != NO_ENTRY) {
                writeInteger(out, 0x80, 7, StaticTable.LENGTH + table.indexOf(sequence));
                return;
            }
        }
        long entrySize = DynamicTable.sizeOf(name, value);
        if (indexing == HpackIndexing.INCREMENTAL && entrySize > table.capacity() * 3 / 4) {
            indexing = HpackIndexing.WITHOUT_INDEXING;
        }
        int nameIndex = -staticIndex;
        if (nameIndex == 0) {
            int sequence = findName(name, nameHash);
            if (sequence != NO_ENTRY) {
                nameIndex = StaticTable.LENGTH + table.indexOf(sequence);
            }
        }
        switch (indexing) {
            case INCREMENTAL -> writeInteger(out, 0x40, 6, nameIndex);
            case WITHOUT_INDEXING -> writeInteger(out, 0x00, 4, nameIndex);
            case NEVER_INDEXED -> writeInteger(out, 0x10, 4, nameIndex);
        }
        if (nameIndex == 0) {
            writeString(out, name);
        }
        writeString(out, value);
        if (indexing == HpackIndexing.INCREMENTAL) {
            add(name, value, nameHash, fieldHash);
        }
    }

    private void writeSizeUpdate(ByteBuf out, long size) {
        writeInteger(out, 0x20, 5, (int) size);
        table.setCapacity(size);
    }

    // ---- Primitives (RFC 7541 §5) --------------------------------------------------------------

    /** §5.1: {@code value} with an N-bit prefix, in an octet whose other bits are {@code flags}. */
    private static void writeInteger(ByteBuf out, int flags, int prefixBits, int value) {
        int max = (1 << prefixBits) - 1;
        if (value < max) {
            out.writeByte(flags | value);
            return;
        }
        out.writeByte(flags | max);
        int rest = value - max;
        while (rest >= 0x80) {
            out.writeByte(rest & 0x7F | 0x80);
            rest >>>= 7;
        }
        out.writeByte(rest);
    }

    /**
     * §5.2: a string literal, Huffman-coded unless that is longer. A tie goes to the code, as in
     * RFC 7541 Appendix C.6.2, whose octets this encoder reproduces.
     */
    private void writeString(ByteBuf out, String s) {
        int length = s.length();
        if (huffman) {
            int coded = HuffmanEncoder.encodedLength(s);
            if (coded <= length) {
                writeInteger(out, 0x80, 7, coded);
                HuffmanEncoder.encode(s, out);
                return;
            }
        } else {
            for (int i = 0; i < length; i++) {
                HuffmanEncoder.octet(s, i);
            }
        }
        writeInteger(out, 0x00, 7, length);
        out.writeCharSequence(s, StandardCharsets.ISO_8859_1);
    }

    // ---- The dynamic table's hash chains -------------------------------------------------------

    private int findField(String name, String value, int fieldHash) {
        for (int sequence = fieldBuckets[fieldHash & bucketMask]; table.holds(sequence);
                sequence = fieldNext[sequence & slotMask]) {
            if (fieldHashes[sequence & slotMask] == fieldHash
                    && value.equals(table.valueAt(sequence)) && name.equals(table.nameAt(sequence))) {
                return sequence;
            }
        }
        return NO_ENTRY;
    }

    private int findName(String name, int nameHash) {
        for (int sequence = nameBuckets[nameHash & bucketMask]; table.holds(sequence);
                sequence = nameNext[sequence & slotMask]) {
            if (name.equals(table.nameAt(sequence))) {
                return sequence;
            }
        }
        return NO_ENTRY;
    }

    private void add(String name, String value, int nameHash, int fieldHash) {
        int sequence = table.nextSequence();
        table.add(name, value);
        if (!table.holds(sequence)) {
            return;
        }
        int slot = sequence & slotMask;
        fieldHashes[slot] = fieldHash;
        fieldNext[slot] = fieldBuckets[fieldHash & bucketMask];
        fieldBuckets[fieldHash & bucketMask] = sequence;
        nameNext[slot] = nameBuckets[nameHash & bucketMask];
        nameBuckets[nameHash & bucketMask] = sequence;
    }

    private static int[] emptyChains(int length) {
        int[] chains = new int[length];
        Arrays.fill(chains, NO_ENTRY);
        return chains;
    }
}
