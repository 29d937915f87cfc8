package io.zyphos.http1.internal;

/**
 * The byte classes the HTTP/1 grammar is built from, each as a 256-entry table. Bytes 0x80 and
 * above (obs-text) belong only to {@link #FIELD_VALUE}.
 */
public enum ByteClass {
    /** tchar, RFC 9110 §5.6.2: the bytes of methods, field names and transfer codings. */
    TOKEN(ascii("!#$%&'*+-.^_`|~").or(alnum()), false),
    /** field-vchar, SP and HTAB, RFC 9110 §5.5: everything a field value may hold. */
    FIELD_VALUE(range(0x21, 0x7E).or(bit(' ')).or(bit('\t')), true),
    /**
     * The characters RFC 3986 §2 allows in a URI, minus the fragment's '#', which is never sent
     * (RFC 9112 §3.2): unreserved, gen-delims, sub-delims and '%'.
     */
    TARGET(alnum().or(ascii("-._~:/?[]@!$&'()*+,;=%")), false),
    /** Every visible ASCII byte: the request-target when unsafe characters are allowed. */
    TARGET_LENIENT(range(0x21, 0x7E), false);

    private final boolean[] table = new boolean[256];

    ByteClass(Bits ascii, boolean obsText) {
        for (int b = 0; b < 128; b++) {
            table[b] = ascii.has(b);
        }
        for (int b = 128; b < 256; b++) {
            table[b] = obsText;
        }
    }

    /** Whether byte {@code b} belongs to this class. */
    public boolean contains(byte b) {
        return table[b & 0xFF];
    }

    /** The class as a table indexed by the unsigned byte, for {@link ByteScanner}; not to be changed. */
    boolean[] table() {
        return table;
    }

    /** A set of ASCII bytes, 128 bits. */
    private record Bits(long low, long high) {
        boolean has(int b) {
            return b < 64 ? (low >>> b & 1) != 0 : (high >>> (b - 64) & 1) != 0;
        }

        Bits or(Bits o) {
            return new Bits(low | o.low, high | o.high);
        }
    }

    private static Bits bit(int b) {
        return b < 64 ? new Bits(1L << b, 0) : new Bits(0, 1L << (b - 64));
    }

    private static Bits range(int from, int to) {
        Bits r = new Bits(0, 0);
        for (int b = from; b <= to; b++) {
            r = r.or(bit(b));
        }
        return r;
    }

    private static Bits ascii(String chars) {
        Bits r = new Bits(0, 0);
        for (int i = 0; i < chars.length(); i++) {
            r = r.or(bit(chars.charAt(i)));
        }
        return r;
    }

    private static Bits alnum() {
        return range('0', '9').or(range('A', 'Z')).or(range('a', 'z'));
    }
}
