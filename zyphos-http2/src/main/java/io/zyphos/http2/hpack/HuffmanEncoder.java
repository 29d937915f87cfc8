package io.zyphos.http2.hpack;

import io.netty.buffer.ByteBuf;

/**
 * Encodes strings with the Huffman code of RFC 7541 Appendix B. The encoder first asks
 * {@link #encodedLength} whether the code is longer than the raw octets, and sends the shorter,
 * the code on a tie (RFC 7541 §5.2 leaves the choice to it).
 */
final class HuffmanEncoder {

    private HuffmanEncoder() {}

    /**
     * How many octets {@code s} takes Huffman-coded, with its padding.
     *
     * @throws IllegalArgumentException if a char of {@code s} is not one octet (above U+00FF)
     */
    static int encodedLength(CharSequence s) {
        long bits = 0;
        for (int i = 0, n = s.length(); i < n; i++) {
            bits += HuffmanCode.length(octet(s, i));
        }
        return (int) ((bits + 7) >>> 3);
    }

    /** Writes {@code s} Huffman-coded, padded with the leading ones of EOS to a whole octet. */
    static void encode(CharSequence s, ByteBuf out) {
        long pending = 0;
        int pendingBits = 0;
        for (int i = 0, n = s.length(); i < n; i++) {
            int symbol = octet(s, i);
            pending = pending << HuffmanCode.length(symbol) | HuffmanCode.code(symbol);
            pendingBits += HuffmanCode.length(symbol);
            // At most 7 + 30 bits are pending here, so a long never overflows.
            while (pendingBits >= 8) {
                pendingBits -= 8;
                out.writeByte((int) (pending >>> pendingBits));
            }
        }
        if (pendingBits > 0) {
            int pad = 8 - pendingBits;
            out.writeByte((int) (pending << pad | (0xFF >>> pendingBits)));
        }
    }

    static int octet(CharSequence s, int i) {
        char c = s.charAt(i);
        if (c > 0xFF) {
            throw new IllegalArgumentException("a header field holds octets only (RFC 7541 §5.2); U+"
                    + Integer.toHexString(c | 0x10000).substring(1).toUpperCase(java.util.Locale.ROOT)
                    + " at " + i + " is not one");
        }
        return c;
    }
}
