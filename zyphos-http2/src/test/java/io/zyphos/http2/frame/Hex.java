package io.zyphos.http2.frame;

import java.util.HexFormat;

/**
 * Bytes written the way the RFC draws a frame: one field per line, in hex, with what the field is
 * after {@code //}. Whitespace and comments are dropped.
 *
 * <pre>{@code
 * Hex.bytes("""
 *         000004      // Length = 4
 *         08          // Type = WINDOW_UPDATE
 *         00          // Flags
 *         00000000    // Reserved, Stream Identifier = 0
 *         00010000    // Reserved, Window Size Increment = 65536
 *         """)
 * }</pre>
 */
final class Hex {

    private Hex() {}

    static byte[] bytes(String fields) {
        StringBuilder hex = new StringBuilder();
        for (String line : fields.split("\n")) {
            int comment = line.indexOf("//");
            hex.append((comment >= 0 ? line.substring(0, comment) : line).replaceAll("\\s", ""));
        }
        return HexFormat.of().parseHex(hex);
    }

    /** {@code a} then {@code b}. */
    static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] part : parts) {
            length += part.length;
        }
        byte[] all = new byte[length];
        int at = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, all, at, part.length);
            at += part.length;
        }
        return all;
    }
}
