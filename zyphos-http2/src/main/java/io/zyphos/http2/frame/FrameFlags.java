package io.zyphos.http2.frame;

/**
 * The flag bits of RFC 9113 §6. Each frame type gives meaning to a few bits of the 8-bit flags
 * field; the others are unused, left unset when sending and ignored on receipt (§4.1). The same
 * bit can mean different things in different frame types: 0x01 is END_STREAM in DATA and HEADERS,
 * ACK in SETTINGS and PING.
 */
public final class FrameFlags {

    /** DATA, HEADERS: the last frame the sender sends on the stream (§6.1, §6.2). */
    public static final int END_STREAM = 0x01;
    /** SETTINGS, PING: an acknowledgement (§6.5, §6.7). */
    public static final int ACK = 0x01;
    /** HEADERS, PUSH_PROMISE, CONTINUATION: the frame ends a field block (§6.2, §6.6, §6.10). */
    public static final int END_HEADERS = 0x04;
    /** DATA, HEADERS, PUSH_PROMISE: a Pad Length field and padding are present (§6.1). */
    public static final int PADDED = 0x08;
    /** HEADERS: the Exclusive, Stream Dependency and Weight fields are present (§6.2). */
    public static final int PRIORITY = 0x20;

    private FrameFlags() {}
}
