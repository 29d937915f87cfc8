package io.zyphos.http2.frame;

import io.netty.buffer.ByteBuf;

/**
 * What a {@link FrameDecoder} found, one call per frame, in the order the frames arrived: the
 * interface a connection engine implements. One method per frame type, with the frame's fields as
 * arguments, so that decoding allocates no frame object (build the {@link Http2Frame} records
 * from them where a value is wanted).
 *
 * <p>Every call describes a frame the decoder already checked against the rules of the frame
 * layer (see {@link FrameDecoder}): a listener never sees DATA on stream 0, a PING of 7 octets, or
 * a CONTINUATION out of place. What is left to it is the state of streams and the connection:
 * stream states (RFC 9113 §5.1), flow-control windows, the SETTINGS acknowledgement, HPACK.
 *
 * <h2>Buffers</h2>
 * Every {@code ByteBuf} argument is <b>borrowed</b>: valid until the method returns, then released
 * by the decoder. To keep the bytes longer, {@code retain()} them (or {@code retainedSlice()}) and
 * release what you retained. They are slices of the received bytes wherever a frame arrived whole,
 * so keeping one keeps the received buffer it came from.
 *
 * <h2>Errors</h2>
 * A frame that breaks a rule whose scope is its stream arrives as {@link #onStreamError}, and
 * decoding goes on; a connection error is thrown by {@link FrameDecoder#receive} instead. A
 * listener should not throw: an exception thrown here ends decoding, and the decoder rethrows it
 * from every later {@code receive}.
 */
public interface FrameListener {

    /**
     * A DATA frame (RFC 9113 §6.1).
     *
     * @param streamId the stream, never 0
     * @param data the Data field, possibly empty; borrowed
     * @param padding octets of padding with the Pad Length octet, 0 if none: flow control counts
     *     {@code data.readableBytes() + padding} (§6.9.1)
     * @param endStream END_STREAM: the peer's last frame on the stream
     */
    void onData(int streamId, ByteBuf data, int padding, boolean endStream);

    /**
     * A whole field block opened by a HEADERS frame (RFC 9113 §6.2): the HEADERS frame's fragment
     * and those of the CONTINUATION frames after it, joined, once the one with END_HEADERS has
     * arrived (§4.3).
     *
     * @param streamId the stream, never 0
     * @param headerBlock the field block, to give to HPACK (which must decode it even if the
     *     stream is to be discarded, §4.3); borrowed
     * @param padding the HEADERS frame's padding with its Pad Length octet, 0 if none
     * @param endStream END_STREAM: the block is the last the peer sends on the stream
     * @param dependency the Stream Dependency of the PRIORITY fields; 0 without them
     * @param weight the Weight of the PRIORITY fields, 1 to 256; <b>0 when the frame carries no
     *     PRIORITY fields</b>
     * @param exclusive the Exclusive bit of the PRIORITY fields; false without them
     */
    void onHeaders(int streamId, ByteBuf headerBlock, int padding, boolean endStream, int dependency, int weight,
            boolean exclusive);

    /**
     * A PRIORITY frame (RFC 9113 §6.3), deprecated but read.
     *
     * @param streamId the stream, never 0
     * @param dependency the Stream Dependency
     * @param weight the Weight, 1 to 256
     * @param exclusive the Exclusive bit
     */
    void onPriority(int streamId, int dependency, int weight, boolean exclusive);

    /**
     * A RST_STREAM frame (RFC 9113 §6.4).
     *
     * @param streamId the stream, never 0
     * @param errorCode the code as sent; {@link Http2ErrorCode#forCode} reads it
     */
    void onRstStream(int streamId, long errorCode);

    /**
     * A SETTINGS frame without ACK (RFC 9113 §6.5): apply, then acknowledge (§6.5.3). Each value
     * is one the setting allows; a setting given twice in the frame has the later value (settings
     * are processed in order), and unknown identifiers are left out.
     *
     * @param settings the settings the frame gives; immutable, the caller's to keep
     */
    void onSettings(Http2Settings settings);

    /** A SETTINGS frame with ACK: the peer applied this endpoint's oldest unacknowledged SETTINGS. */
    void onSettingsAck();

    /**
     * A whole field block opened by a PUSH_PROMISE frame (RFC 9113 §6.6), joined like
     * {@link #onHeaders}'s. Only a client's decoder calls it.
     *
     * @param streamId the stream the promise is made on, never 0
     * @param promisedStreamId the stream reserved for the push, never 0
     * @param headerBlock the field block of the promised request; borrowed
     * @param padding the PUSH_PROMISE frame's padding with its Pad Length octet, 0 if none
     */
    void onPushPromise(int streamId, int promisedStreamId, ByteBuf headerBlock, int padding);

    /**
     * A PING frame without ACK (RFC 9113 §6.7): answer with a PING with ACK and the same data.
     *
     * @param opaqueData the 8 octets, big-endian
     */
    void onPing(long opaqueData);

    /**
     * A PING frame with ACK: the answer to a PING this endpoint sent.
     *
     * @param opaqueData the 8 octets, big-endian
     */
    void onPingAck(long opaqueData);

    /**
     * A GOAWAY frame (RFC 9113 §6.8).
     *
     * @param lastStreamId the highest stream of this endpoint's the peer might have acted on
     * @param errorCode the code as sent; {@link Http2ErrorCode#forCode} reads it
     * @param debugData the Additional Debug Data, possibly empty; borrowed
     */
    void onGoAway(int lastStreamId, long errorCode, ByteBuf debugData);

    /**
     * A WINDOW_UPDATE frame (RFC 9113 §6.9).
     *
     * @param streamId the stream whose window grows; 0 for the connection
     * @param increment octets of credit, 1 to 2^31-1
     */
    void onWindowUpdate(int streamId, int increment);

    /**
     * A PRIORITY_UPDATE frame (RFC 9218 §7.1). Only a server's decoder calls it.
     *
     * @param prioritizedStreamId the stream whose priority changes, never 0
     * @param priorityFieldValue the Priority Field Value, ASCII, not yet parsed; borrowed
     */
    void onPriorityUpdate(int prioritizedStreamId, ByteBuf priorityFieldValue);

    /**
     * A frame broke a rule whose scope is one stream (RFC 9113 §5.4.2): answer RST_STREAM with
     * {@link Http2Exception#code()} on {@link Http2Exception#streamId()}. The frame was read and
     * dropped; decoding goes on.
     *
     * @param error the stream error, naming the rule
     */
    void onStreamError(Http2Exception error);
}
