package io.zyphos.http2.frame;

import io.netty.buffer.ByteBuf;
import io.zyphos.server.Protocol;
import java.nio.charset.StandardCharsets;

/**
 * The client connection preface (RFC 9113 §3.4): the 24 octets {@code PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n}
 * a client sends first on a connection that speaks HTTP/2 from its start (prior knowledge, or h2
 * over TLS), followed by a SETTINGS frame. The octets were chosen so that an HTTP/1 server reads
 * a request line with method PRI and version HTTP/2.0 and stops there.
 *
 * <p>{@link #sniff} lets a protocol chooser tell an HTTP/2 client from an HTTP/1 one by the first
 * bytes; {@link FrameDecoder} checks the preface itself (and the SETTINGS frame after it) on a
 * server's connection.
 */
public final class ConnectionPreface {

    /** The length of the preface's magic. */
    public static final int LENGTH = 24;

    private static final byte[] MAGIC = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    private ConnectionPreface() {}

    /**
     * Whether {@code prefix} starts with the preface ({@code MATCH}), is too short to tell but
     * agrees with it so far ({@code NEED_MORE}), or differs from it ({@code NO_MATCH}).
     *
     * @param prefix the first bytes from the client, from its reader index; borrowed, neither
     *     consumed nor released
     */
    public static Protocol.Detection sniff(ByteBuf prefix) {
        int n = Math.min(prefix.readableBytes(), LENGTH);
        int at = prefix.readerIndex();
        for (int i = 0; i < n; i++) {
            if (prefix.getByte(at + i) != MAGIC[i]) {
                return Protocol.Detection.NO_MATCH;
            }
        }
        return n == LENGTH ? Protocol.Detection.MATCH : Protocol.Detection.NEED_MORE;
    }

    /** Writes the 24 octets into {@code out}, as a client does first. */
    public static void write(ByteBuf out) {
        out.writeBytes(MAGIC);
    }

    /** The preface's octet at {@code index}, 0 to 23. */
    static byte magicByte(int index) {
        return MAGIC[index];
    }
}
