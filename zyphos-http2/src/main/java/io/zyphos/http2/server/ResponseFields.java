package io.zyphos.http2.server;

import io.netty.buffer.ByteBuf;
import io.zyphos.http.HeaderName;
import io.zyphos.http.Headers;
import io.zyphos.http2.hpack.HpackEncoder;

/**
 * A response's header and trailer sections into HPACK blocks (RFC 7541), with the fields HTTP/2
 * has no place for left out.
 *
 * <p>RFC 9113 §8.2.2: "An endpoint MUST NOT generate an HTTP/2 message containing
 * connection-specific header fields" ({@code connection}, {@code keep-alive},
 * {@code proxy-connection}, {@code transfer-encoding}, {@code upgrade}), and {@code te} means
 * nothing in a response. They are dropped rather than refused: the handlers are shared with
 * HTTP/1.1, where a handler may rightly set {@code connection: close}, and the meaning of each is
 * carried by HTTP/2's framing instead; {@code http2-settings} goes too, the h2c upgrade's own field.
 */
final class ResponseFields {

    private static final HeaderName PROXY_CONNECTION = HeaderName.of("proxy-connection");
    private static final String[] STATUS_TEXT = new String[1000];

    private final HpackEncoder encoder = new HpackEncoder();

    /** Writes the block of a response with {@code status} (100 to 999) and {@code headers}. */
    void encodeResponse(ByteBuf block, int status, Headers headers) {
        encoder.beginBlock(block);
        encoder.encodeField(block, ":status", statusText(status));
        encodeRegular(block, headers);
    }

    /** Writes the block of a trailer section (no pseudo-headers, RFC 9113 §8.1). */
    void encodeTrailers(ByteBuf block, Headers trailers) {
        encoder.beginBlock(block);
        encodeRegular(block, trailers);
    }

    /** The peer's SETTINGS_HEADER_TABLE_SIZE changed. */
    void peerTableSize(long size) {
        encoder.setMaxTableSize(size);
    }

    private void encodeRegular(ByteBuf block, Headers headers) {
        for (int i = 0; i < headers.size(); i++) {
            HeaderName name = headers.name(i);
            if (!isConnectionSpecific(name)) {
                encoder.encodeField(block, name.name(), headers.value(i));
            }
        }
    }

    /** The fields of RFC 9113 §8.2.2 and the upgrade's own: never sent over HTTP/2. */
    static boolean isConnectionSpecific(HeaderName name) {
        return name == HeaderName.CONNECTION || name == HeaderName.KEEP_ALIVE || name == HeaderName.TRANSFER_ENCODING
                || name == HeaderName.UPGRADE || name == HeaderName.TE || name == HeaderName.HTTP2_SETTINGS
                || name.equals(PROXY_CONNECTION);
    }

    /** "200", the same String every time: a status is indexed from the static table by identity or by value. */
    private static String statusText(int status) {
        String text = STATUS_TEXT[status];
        if (text == null) {
            text = Integer.toString(status);
            STATUS_TEXT[status] = text;
        }
        return text;
    }
}
