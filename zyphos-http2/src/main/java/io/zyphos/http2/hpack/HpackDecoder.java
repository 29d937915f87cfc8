package io.zyphos.http2.hpack;

import io.netty.buffer.ByteBuf;

/**
 * Decodes HPACK header blocks (RFC 7541) into fields: the receiving half of one HTTP/2
 * connection's header compression. Sans-I/O: a complete block in, fields out to a
 * {@link HeaderFieldSink}.
 *
 * <pre>{@code
 * decoder.decode(block, sink);    // the HEADERS and CONTINUATION fragments, joined; throws HpackException
 * }</pre>
 *
 * <h2>Methods</h2>
 * <ul>
 *   <li>Input: {@link #decode(ByteBuf, HeaderFieldSink)}, one whole header block at a time; the
 *       frame layer joins a HEADERS frame and its CONTINUATIONs first (RFC 9113 §4.3).</li>
 *   <li>Command: {@link #setMaxTableSize(long)}, when this side's SETTINGS_HEADER_TABLE_SIZE
 *       has been acknowledged.</li>
 *   <li>Query: {@link #table()}, the dynamic table as the peer's blocks have left it.</li>
 * </ul>
 *
 * <h2>Limits</h2>
 * <table>
 *   <caption>Decoder limits</caption>
 *   <tr><th>limit</th><th>default</th><th>when exceeded</th></tr>
 *   <tr><td>maximum table size: SETTINGS_HEADER_TABLE_SIZE (RFC 9113 §6.5.2)</td>
 *       <td>{@value #DEFAULT_MAX_TABLE_SIZE} octets</td>
 *       <td>a size update above it is a {@link HpackException.Kind#COMPRESSION_ERROR} (§6.3)</td></tr>
 *   <tr><td>maximum header list size: SETTINGS_MAX_HEADER_LIST_SIZE (RFC 9113 §6.5.2), the sum of
 *       each field's name and value length plus 32</td>
 *       <td>{@value #DEFAULT_MAX_HEADER_LIST_SIZE} octets</td>
 *       <td>{@link HpackException.Kind#HEADER_LIST_TOO_LARGE}</td></tr>
 *   <tr><td>maximum string length, as sent (Huffman-coded or not)</td>
 *       <td>{@value #DEFAULT_MAX_STRING_LENGTH} octets</td>
 *       <td>{@link HpackException.Kind#HEADER_LIST_TOO_LARGE}</td></tr>
 * </table>
 *
 * <p>The header list size is counted as fields are decoded. Once it passes the limit, no further
 * field reaches the sink and no further string is decoded unless the dynamic table must store it,
 * so a block built to expand (an "HPACK bomb": one large table entry referenced thousands of
 * times) costs a pass over its octets and nothing more. The rest of the block is still read, so
 * that its table insertions keep this table in step with the peer's (RFC 9113 §10.5.1), and
 * only then is the {@link HpackException} thrown; the connection can go on. Strings that are
 * skipped are not checked for Huffman errors.
 *
 * <h2>Strict</h2>
 * Every MUST of RFC 7541 is checked, and a broken one is a COMPRESSION_ERROR, a connection error
 * (RFC 9113 §4.3): index 0 or past the tables (§2.3.3, §6.1), an integer above 2<sup>31</sup>-1
 * or longer than 5 continuation octets (§5.1), a string past the end of the block (§5.2), EOS in
 * a Huffman string or padding that is longer than 7 bits or not all ones (§5.2), a table size
 * update after a field or above the setting (§4.2, §6.3), and a missing size update after the
 * setting was lowered below the table's size (§4.2). The one leniency: a setting that was raised,
 * or lowered but not below the table's current size, does not demand an update, since the
 * encoder's table is still valid (peers disagreed over this, and RFC 9113 §4.3.1 now asks
 * encoders to always send one).
 *
 * <h2>Buffers and strings</h2>
 * {@code decode} reads its block from the reader index to the writer index, moves the reader
 * index to the end, and does not release it: the caller owns it. The block's octets are copied
 * once into an array the decoder keeps (unless the buffer has one already): a direct buffer read
 * an octet at a time costs a bounds and reference check per octet, and Strings need heap octets
 * anyway. Fields from the static table, and from the dynamic table, are delivered as the String
 * instances the tables hold: a block of indexed fields allocates nothing. A literal's strings are
 * new Strings, except names and short values that are in the static table or are
 * {@linkplain CommonStrings common}, which are shared.
 *
 * <p>Not thread-safe: one decoder per connection, used by the thread that owns the connection.
 */
public final class HpackDecoder {

    /** The initial SETTINGS_HEADER_TABLE_SIZE of RFC 9113 §6.5.2. */
    public static final int DEFAULT_MAX_TABLE_SIZE = 4096;
    /** As much as Zyphos's HTTP/1 parser takes in a header section by default. */
    public static final int DEFAULT_MAX_HEADER_LIST_SIZE = 16 * 1024;
    /** No single string can be longer than the header list may be. */
    public static final int DEFAULT_MAX_STRING_LENGTH = DEFAULT_MAX_HEADER_LIST_SIZE;

    /** A block up to this size keeps its copy array for the next block. */
    private static final int RETAINED_BLOCK_ARRAY = 64 * 1024;
    private static final int MAX_INTEGER_OCTETS = 5;

    private final long maxHeaderListSize;
    private final int maxStringLength;
    private final DynamicTable table;
    private long maxTableSize;
    private boolean sizeUpdateRequired;

    // The block being decoded: its octets, where decoding is, and where it ends.
    private byte[] in;
    private int pos;
    private int end;
    private byte[] blockCopy = new byte[256];
    private byte[] huffmanOut = new byte[256];
    private long headerListSize;
    /** Why this block fails with HEADER_LIST_TOO_LARGE once finished, or null. */
    private String tooLarge;

    /** A decoder with the default limits. */
    public HpackDecoder() {
        this(DEFAULT_MAX_TABLE_SIZE, DEFAULT_MAX_HEADER_LIST_SIZE, DEFAULT_MAX_STRING_LENGTH);
    }

    /**
     * @param maxTableSize the SETTINGS_HEADER_TABLE_SIZE the peer's encoder starts with, and the
     *     dynamic table's first capacity (RFC 9113 §6.5.2: 4096 until SETTINGS say otherwise)
     * @param maxHeaderListSize the largest header list to deliver (SETTINGS_MAX_HEADER_LIST_SIZE)
     * @param maxStringLength the longest name or value to decode, as sent
     */
    public HpackDecoder(long maxTableSize, long maxHeaderListSize, int maxStringLength) {
        checkTableSize(maxTableSize);
        if (maxHeaderListSize < 0 || maxStringLength < 0) {
            throw new IllegalArgumentException("limits must not be negative");
        }
        this.maxTableSize = maxTableSize;
        this.maxHeaderListSize = maxHeaderListSize;
        this.maxStringLength = maxStringLength;
        this.table = new DynamicTable(maxTableSize);
    }

    // ---- Input ---------------------------------------------------------------------------------

    /**
     * Decodes one complete header block and delivers its fields to {@code sink}, in order.
     *
     * @param block the block, from its reader index to its writer index; the reader index is
     *     moved to the end, and the buffer stays the caller's to release
     * @throws HpackException a COMPRESSION_ERROR (the connection must end: the table may no
     *     longer match the peer's), or, after the whole block was processed, HEADER_LIST_TOO_LARGE
     */
    public void decode(ByteBuf block, HeaderFieldSink sink) {
        int length = block.readableBytes();
        if (block.hasArray()) {
            in = block.array();
            pos = block.arrayOffset() + block.readerIndex();
        } else {
            if (blockCopy.length < length) {
                blockCopy = new byte[Math.max(length, blockCopy.length * 2)];
            }
            block.getBytes(block.readerIndex(), blockCopy, 0, length);
            in = blockCopy;
            pos = 0;
        }
        end = pos + length;
        block.skipBytes(length);
        headerListSize = 0;
        tooLarge = null;
        try {
            decodeFields(sink);
        } finally {
            in = null;
            if (blockCopy.length > RETAINED_BLOCK_ARRAY) {
                blockCopy = new byte[256];
            }
        }
        if (tooLarge != null) {
            throw new HpackException(HpackException.Kind.HEADER_LIST_TOO_LARGE, tooLarge);
        }
    }

    private void decodeFields(HeaderFieldSink sink) {
        boolean atStart = true;
        while (pos < end) {
            int first = in[pos] & 0xFF;
            if ((first & 0xE0) == 0x20) {
                if (!atStart) {
                    throw HpackException.compression(
                            "a dynamic table size update after a field: it must come at the beginning of a block (RFC 7541 §4.2)");
                }
                sizeUpdate();
                continue;
            }
            if (atStart) {
                atStart = false;
                if (sizeUpdateRequired) {
                    throw sizeUpdateMissing();
                }
            }
            if ((first & 0x80) != 0) {
                indexed(sink);
            } else if ((first & 0x40) != 0) {
                literal(sink, 6, true, false);
            } else {
                // 0000 without indexing (§6.2.2), 0001 never indexed (§6.2.3).
                literal(sink, 4, false, (first & 0x10) != 0);
            }
        }
        if (sizeUpdateRequired) {
            throw sizeUpdateMissing();
        }
    }

    // ---- Command -------------------------------------------------------------------------------

    /**
     * Takes the SETTINGS_HEADER_TABLE_SIZE this side sent, once the peer has acknowledged it
     * (RFC 9113 §6.5.3). If it is below the table's current capacity, the peer's next block must
     * begin with a size update that brings the table within it (RFC 7541 §4.2); until then the
     * table keeps its entries, which the peer may still refer to.
     */
    public void setMaxTableSize(long maxTableSize) {
        checkTableSize(maxTableSize);
        this.maxTableSize = maxTableSize;
        if (maxTableSize < table.capacity()) {
            sizeUpdateRequired = true;
        }
    }

    // ---- Queries -------------------------------------------------------------------------------

    /** The dynamic table, read-only: what the peer's encoder has stored. */
    public DynamicTable table() {
        return table;
    }

    // ---- Representations (RFC 7541 §6) ---------------------------------------------------------

    /** §6.1: an index into the static table, then the dynamic one. */
    private void indexed(HeaderFieldSink sink) {
        int index = readInteger(7);
        if (index == 0) {
            throw HpackException.compression("index 0 in an indexed field (RFC 7541 §6.1)");
        }
        if (index <= StaticTable.LENGTH) {
            deliver(sink, StaticTable.name(index), StaticTable.value(index), false);
        } else {
            int dynamic = dynamicIndex(index);
            deliver(sink, table.name(dynamic), table.value(dynamic), false);
        }
    }

    /** §6.2: a name (indexed, or a string) and a value string; with incremental indexing, stored. */
    private void literal(HeaderFieldSink sink, int prefixBits, boolean store, boolean neverIndexed) {
        int nameIndex = readInteger(prefixBits);
        long room = store ? table.capacity() - DynamicTable.ENTRY_OVERHEAD : -1;
        String name;
        if (nameIndex == 0) {
            name = readString(room);
        } else if (nameIndex <= StaticTable.LENGTH) {
            name = StaticTable.name(nameIndex);
        } else {
            name = table.name(dynamicIndex(nameIndex));
        }
        if (name == null) {
            room = -1;
        } else if (store) {
            room -= name.length();
        }
        String value = readString(room);
        if (store) {
            if (name == null || value == null) {
                // Skipped because the entry could never fit: adding it would empty the table (§4.4).
                table.evictAll();
            } else {
                table.add(name, value);
            }
        }
        if (name != null && value != null) {
            deliver(sink, name, value, neverIndexed);
        }
    }

    /** §6.3 */
    private void sizeUpdate() {
        int size = readInteger(5);
        if (size > maxTableSize) {
            throw HpackException.compression("a dynamic table size update to " + size
                    + " exceeds SETTINGS_HEADER_TABLE_SIZE " + maxTableSize + " (RFC 7541 §6.3)");
        }
        table.setCapacity(size);
        sizeUpdateRequired = false;
    }

    private void deliver(HeaderFieldSink sink, String name, String value, boolean neverIndexed) {
        if (tooLarge != null) {
            return;
        }
        headerListSize += name.length() + value.length() + DynamicTable.ENTRY_OVERHEAD;
        if (headerListSize > maxHeaderListSize) {
            tooLarge = "the header list exceeds SETTINGS_MAX_HEADER_LIST_SIZE " + maxHeaderListSize
                    + " octets (RFC 9113 §6.5.2)";
            return;
        }
        sink.onField(name, value, neverIndexed);
    }

    // ---- Primitives (RFC 7541 §5) --------------------------------------------------------------

    /** §5.1: an integer with an N-bit prefix, at most 2^31-1. */
    private int readInteger(int prefixBits) {
        int max = (1 << prefixBits) - 1;
        int value = in[pos++] & max;
        if (value < max) {
            return value;
        }
        long sum = value;
        for (int octets = 0, shift = 0; ; octets++, shift += 7) {
            if (pos == end) {
                throw HpackException.compression("an integer runs past the end of the block (RFC 7541 §5.1)");
            }
            if (octets == MAX_INTEGER_OCTETS) {
                throw integerOverflow();
            }
            int octet = in[pos++];
            sum += (long) (octet & 0x7F) << shift;
            if (sum > Integer.MAX_VALUE) {
                throw integerOverflow();
            }
            if (octet >= 0) {
                return (int) sum;
            }
        }
    }

    /**
     * §5.2: a string literal. Returns it, or null if it was skipped: the block already failed and
     * the table does not need it, or it could never fit in the table ({@code tableRoom} octets
     * left for it, or -1 when it is not going to be stored).
     */
    private String readString(long tableRoom) {
        if (pos == end) {
            throw HpackException.compression("a string literal is missing at the end of the block (RFC 7541 §5.2)");
        }
        boolean huffman = in[pos] < 0;
        int length = readInteger(7);
        if (length > end - pos) {
            throw HpackException.compression("a string literal of " + length + " octets runs past the end of the block ("
                    + (end - pos) + " left) (RFC 7541 §5.2)");
        }
        int start = pos;
        pos += length;
        if (length > maxStringLength && tooLarge == null) {
            tooLarge = "a string literal of " + length + " octets exceeds the limit of " + maxStringLength
                    + " (RFC 9113 §10.5.1)";
        }
        if (tooLarge != null) {
            // Huffman codes are 5 to 30 bits, so the string decodes to at least 8/30 of its length.
            long shortest = huffman ? length * 8L / 30 : length;
            if (tableRoom < 0 || shortest > tableRoom) {
                return null;
            }
        }
        if (!huffman) {
            return CommonStrings.string(in, start, length);
        }
        int room = HuffmanDecoder.maxDecodedLength(length);
        if (huffmanOut.length < room) {
            huffmanOut = new byte[Math.max(room, huffmanOut.length * 2)];
        }
        int decoded = HuffmanDecoder.decode(in, start, length, huffmanOut);
        return CommonStrings.string(huffmanOut, 0, decoded);
    }

    // ---- Helpers -------------------------------------------------------------------------------

    /** The dynamic table index for a combined index above 61 (§2.3.3), or an error. */
    private int dynamicIndex(int index) {
        int dynamic = index - StaticTable.LENGTH;
        if (dynamic > table.length()) {
            throw HpackException.compression("index " + index + " is past the end of the tables ("
                    + (StaticTable.LENGTH + table.length()) + " entries) (RFC 7541 §2.3.3)");
        }
        return dynamic;
    }

    private static HpackException integerOverflow() {
        return HpackException.compression("an integer exceeds 2^31-1 (RFC 7541 §5.1)");
    }

    private HpackException sizeUpdateMissing() {
        return HpackException.compression("SETTINGS_HEADER_TABLE_SIZE was lowered to " + maxTableSize
                + " but the block does not begin with a dynamic table size update (RFC 7541 §4.2)");
    }

    private static void checkTableSize(long size) {
        if (size < 0 || size > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("SETTINGS_HEADER_TABLE_SIZE is 0 to 2^32-1, not " + size);
        }
    }
}
