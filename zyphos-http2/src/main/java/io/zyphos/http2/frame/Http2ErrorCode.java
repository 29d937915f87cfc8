package io.zyphos.http2.frame;

/**
 * The error codes of RFC 9113 §7, carried by RST_STREAM (a stream error) and GOAWAY (a connection
 * error). They share one 32-bit code space.
 *
 * <p>A peer may send a code not listed here: the frames keep the code as the {@code long} that
 * arrived, and {@link #forCode(long)} reads an unknown one as {@link #INTERNAL_ERROR}, as §7
 * allows ("Unknown or unsupported error codes MUST NOT trigger any special behavior").
 */
public enum Http2ErrorCode {
    /** Not an error: a GOAWAY for a graceful shutdown, say. */
    NO_ERROR(0x0),
    /** An unspecific protocol error, for use when no more specific code fits. */
    PROTOCOL_ERROR(0x1),
    /** The endpoint met an unexpected internal error. */
    INTERNAL_ERROR(0x2),
    /** The peer broke flow control (§5.2, §6.9). */
    FLOW_CONTROL_ERROR(0x3),
    /** A SETTINGS frame was not acknowledged in time (§6.5.3). */
    SETTINGS_TIMEOUT(0x4),
    /** A frame arrived after the stream was half-closed. */
    STREAM_CLOSED(0x5),
    /** A frame had an invalid size (§4.2). */
    FRAME_SIZE_ERROR(0x6),
    /** The stream was refused before any application processing (§8.7). */
    REFUSED_STREAM(0x7),
    /** The stream is no longer needed. */
    CANCEL(0x8),
    /** The field section compression context cannot be maintained (§4.3). */
    COMPRESSION_ERROR(0x9),
    /** The connection of a CONNECT request was reset or closed abnormally (§8.5). */
    CONNECT_ERROR(0xa),
    /** The peer behaves in a way that might be generating excessive load (§10.5). */
    ENHANCE_YOUR_CALM(0xb),
    /** The transport does not meet minimum security requirements (§9.2). */
    INADEQUATE_SECURITY(0xc),
    /** The endpoint requires HTTP/1.1 instead of HTTP/2. */
    HTTP_1_1_REQUIRED(0xd);

    private static final Http2ErrorCode[] BY_CODE = values();

    private final long code;

    Http2ErrorCode(long code) {
        this.code = code;
    }

    /** The code on the wire, an unsigned 32-bit value. */
    public long code() {
        return code;
    }

    /** The error with this code; {@link #INTERNAL_ERROR} for a code §7 does not define. */
    public static Http2ErrorCode forCode(long code) {
        return code >= 0 && code < BY_CODE.length ? BY_CODE[(int) code] : INTERNAL_ERROR;
    }
}
