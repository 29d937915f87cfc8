package io.zyphos.http2.frame;

import java.util.Objects;

/**
 * The peer broke an HTTP/2 rule, and this is the error RFC 9113 §5.4 says to answer with: a
 * {@linkplain Scope#CONNECTION connection error} (send GOAWAY with {@link #code()}, then close the
 * connection, §5.4.1) or a {@linkplain Scope#STREAM stream error} (send RST_STREAM with
 * {@link #code()} on {@link #streamId()} and carry on, §5.4.2).
 *
 * <p>The message names the rule and the section it comes from, "WINDOW_UPDATE with an increment of
 * 0 (RFC 9113 §6.9)", so that a log line, or a GOAWAY's debug data, says what went wrong. It
 * describes the peer's input and nothing of the server. A local misuse of the API throws
 * {@link IllegalArgumentException} or {@link IllegalStateException} instead.
 *
 * <p>Thrown often by a fuzzed or hostile peer, it records no stack trace.
 */
public final class Http2Exception extends RuntimeException {

    /** Which part of the connection the error ends. */
    public enum Scope {
        /** The whole connection: GOAWAY, then close (RFC 9113 §5.4.1). */
        CONNECTION,
        /** One stream: RST_STREAM on it; other streams carry on (RFC 9113 §5.4.2). */
        STREAM
    }

    private final Scope scope;
    private final int streamId;
    private final Http2ErrorCode code;

    private Http2Exception(Scope scope, int streamId, Http2ErrorCode code, String message) {
        super(message, null, false, false);
        this.scope = scope;
        this.streamId = streamId;
        this.code = Objects.requireNonNull(code, "code");
    }

    /** An error that ends the connection. */
    public static Http2Exception connectionError(Http2ErrorCode code, String message) {
        return new Http2Exception(Scope.CONNECTION, 0, code, message);
    }

    /** An error that ends one stream, {@code streamId}, which is not 0. */
    public static Http2Exception streamError(int streamId, Http2ErrorCode code, String message) {
        if (streamId <= 0) {
            throw new IllegalArgumentException("a stream error needs a stream, not " + streamId);
        }
        return new Http2Exception(Scope.STREAM, streamId, code, message);
    }

    /** Whether the error ends the connection or one stream. */
    public Scope scope() {
        return scope;
    }

    /** Whether this is a connection error. */
    public boolean isConnectionError() {
        return scope == Scope.CONNECTION;
    }

    /** The stream a stream error ends; 0 for a connection error. */
    public int streamId() {
        return streamId;
    }

    /** The code to send in the RST_STREAM or GOAWAY frame. */
    public Http2ErrorCode code() {
        return code;
    }

    /** "connection error PROTOCOL_ERROR: ..." or "stream error on stream 3 FRAME_SIZE_ERROR: ...". */
    @Override
    public String toString() {
        return (scope == Scope.CONNECTION ? "connection error " : "stream error on stream " + streamId + " ")
                + code + ": " + getMessage();
    }
}
