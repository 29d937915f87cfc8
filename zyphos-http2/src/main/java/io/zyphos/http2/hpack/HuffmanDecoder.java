package io.zyphos.http2.hpack;

/**
 * Decodes the Huffman code of RFC 7541 §5.2 and Appendix B a whole octet at a time.
 *
 * <p>The code is a binary tree with 257 leaves and so 256 inner nodes. The decoder's state is
 * the inner node it stands on (0 is the root, where every symbol starts). For each state and
 * each of the 256 octets, a table made once from {@link HuffmanCode} says which symbols the
 * octet's eight bits complete, and on which node they leave the decoder. No code is shorter than
 * 5 bits, so one octet completes at most two symbols (the end of one, then a whole 5-7 bit one).
 * One table lookup per input octet replaces eight steps down the tree.
 *
 * <p>Each entry packs, from bit 0: the first symbol (8 bits), the second (8), the next state
 * (8), how many symbols were completed (2), whether the octet may end the string, and whether it
 * is an error.
 *
 * <p>The end of a string is checked as §5.2 requires: the last octet is padded with the most
 * significant bits of EOS, that is with ones, and with fewer than 8 of them. So a string may end
 * only on the root or on one of the first seven nodes down the all-ones path; anything else is
 * padding that is too long, or not all ones. EOS itself, 30 ones, is a leaf that no table entry
 * may reach.
 */
final class HuffmanDecoder {

    private static final int SYMBOLS = 8;
    private static final int NEXT = 16;
    private static final int COUNT = 24;
    private static final int ACCEPTS = 1 << 26;
    private static final int FAILS = 1 << 27;

    /** Entry for (state, octet) at {@code state << 8 | octet}. */
    private static final int[] TABLE = buildTable();

    private HuffmanDecoder() {}

    /**
     * Room enough to decode {@code encodedLength} octets of code into: as many octets as five-bit
     * symbols fit, plus two that {@link #decode} may write past the last symbol.
     */
    static int maxDecodedLength(int encodedLength) {
        return encodedLength * 8 / 5 + 2;
    }

    /**
     * Decodes {@code length} octets of {@code in} from {@code offset} into {@code out}, which has
     * room for {@link #maxDecodedLength(int)} octets.
     *
     * @return how many octets were decoded
     * @throws HpackException a COMPRESSION_ERROR if the code holds EOS or its padding is wrong
     */
    static int decode(byte[] in, int offset, int length, byte[] out) {
        int state = 0;
        int entry = ACCEPTS;
        int written = 0;
        for (int i = offset, end = offset + length; i < end; i++) {
            entry = TABLE[state << 8 | (in[i] & 0xFF)];
            if ((entry & FAILS) != 0) {
                throw HpackException.compression("a Huffman-coded string contains EOS (RFC 7541 §5.2)");
            }
            // Both symbol slots are written and the count decides how many stay: no branch.
            out[written] = (byte) entry;
            out[written + 1] = (byte) (entry >>> SYMBOLS);
            written += (entry >>> COUNT) & 3;
            state = (entry >>> NEXT) & 0xFF;
        }
        if ((entry & ACCEPTS) == 0) {
            throw HpackException.compression(
                    "Huffman padding longer than 7 bits or not the most significant bits of EOS (RFC 7541 §5.2)");
        }
        return written;
    }

    private static int[] buildTable() {
        // The tree: inner nodes 0..255, children[node][bit] >= 0 an inner node, < 0 a leaf -(symbol + 1).
        int[][] children = new int[256][2];
        int nodes = 1;
        for (int symbol = 0; symbol <= HuffmanCode.EOS; symbol++) {
            int code = HuffmanCode.code(symbol);
            int node = 0;
            for (int bit = HuffmanCode.length(symbol) - 1; bit > 0; bit--) {
                int b = (code >>> bit) & 1;
                if (children[node][b] == 0) {
                    children[node][b] = nodes++;
                }
                node = children[node][b];
            }
            children[node][code & 1] = -(symbol + 1);
        }
        // Where a string may end: the root and the first seven inner nodes down the all-ones path.
        boolean[] accepting = new boolean[256];
        for (int node = 0, depth = 0; depth <= 7; depth++, node = children[node][1]) {
            accepting[node] = true;
        }

        int[] table = new int[256 * 256];
        for (int state = 0; state < 256; state++) {
            for (int octet = 0; octet < 256; octet++) {
                int node = state;
                int count = 0;
                int symbols = 0;
                boolean fails = false;
                for (int bit = 7; bit >= 0; bit--) {
                    int child = children[node][(octet >>> bit) & 1];
                    if (child >= 0) {
                        node = child;
                        continue;
                    }
                    int symbol = -child - 1;
                    if (symbol == HuffmanCode.EOS) {
                        fails = true;
                        break;
                    }
                    symbols |= symbol << (SYMBOLS * count++);
                    node = 0;
                }
                table[state << 8 | octet] = fails
                        ? FAILS
                        : symbols | node << NEXT | count << COUNT | (accepting[node] ? ACCEPTS : 0);
            }
        }
        return table;
    }
}
