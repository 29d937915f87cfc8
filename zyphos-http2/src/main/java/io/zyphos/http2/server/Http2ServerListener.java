package io.zyphos.http2.server;

import io.netty.buffer.ByteBuf;
import io.zyphos.http.Headers;
import io.zyphos.http2.frame.Http2ErrorCode;
import io.zyphos.http2.frame.Http2Exception;

/**
 * The application side of an {@link Http2ServerEngine}: what the client did, one call per event,
 * made from inside the engine's input methods ({@code receive}, {@code onTimeout},
 * {@code pollOutbound}) on the connection's thread. A listener may call the engine's commands
 * from inside a call (answer a request at once, say).
 *
 * <h2>Borrowed arguments</h2>
 * The {@link RequestHead}, the {@link Headers} of trailers and every {@code ByteBuf} are the
 * engine's, valid during the call only and reused for the next: copy what you keep
 * ({@code Headers.copy()}, {@code retain()} or {@code retainedSlice()} on a buffer, and release
 * that). Nothing is allocated per event in steady state.
 *
 * <h2>Flow control</h2>
 * Every octet {@link #onData} delivers counts against the stream's and the connection's receive
 * windows until the application calls {@link Http2ServerEngine#consumed(int, int)} for it, also
 * after the stream ended or was reset: credit goes back to the client only for what was consumed,
 * so a reader that stops reading stops its sender, and what is buffered is bounded by the windows.
 */
public interface Http2ServerListener {

    /** A request's header section arrived and is valid (RFC 9113 §8.3.1); {@code head} is borrowed. */
    void onRequest(RequestHead head);

    /**
     * Request content (a DATA frame, RFC 9113 §6.1), never empty unless {@code endStream}.
     *
     * @param data borrowed; acknowledge its octets with {@link Http2ServerEngine#consumed}
     * @param endStream the request is complete
     */
    void onData(int streamId, ByteBuf data, boolean endStream);

    /** The request's trailer section (RFC 9113 §8.1), which ends it; {@code trailers} is borrowed. */
    void onTrailers(int streamId, Headers trailers);

    /**
     * The stream ended abnormally: the client reset it (RST_STREAM), or the engine reset it for an
     * error of the client's after its request was delivered (content-length wrong, window
     * overrun). What was queued to send on it has been released; commands on it are refused.
     */
    void onStreamReset(int streamId, Http2ErrorCode code);

    /** A stream that was not {@link Http2ServerEngine#isWritable writable} is again: send more. */
    void onStreamWritable(int streamId);

    /**
     * The client sent GOAWAY (RFC 9113 §6.8): it opens no more streams; streams up to
     * {@code lastStreamId} of the server's (there are none: no push) might have been processed.
     *
     * @param debugData borrowed
     */
    void onGoAway(int lastStreamId, Http2ErrorCode code, ByteBuf debugData);

    /**
     * The connection is over: every stream ended and a GOAWAY is queued (or came). {@code error}
     * is the connection error the engine answered with GOAWAY (RFC 9113 §5.4.1), or null for a
     * graceful end. Called once; the transport closes the connection when
     * {@link Http2ServerEngine#isFinished()}.
     */
    void onConnectionEnded(Http2Exception error);
}
