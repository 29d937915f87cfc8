package io.zyphos.http2.stream;

import io.zyphos.http2.frame.Http2ErrorCode;
import io.zyphos.http2.frame.Http2Exception;

/**
 * What to do with a frame received on a stream, by the rules of RFC 9113 §5.1 and §6: take it (and
 * the state it leaves the stream in), drop it, answer with RST_STREAM, or end the connection.
 *
 * <pre>{@code
 * switch (registry.onReceive(streamId, FrameType.DATA, endStream)) {
 *     case Verdict.Accept a -> deliver(streamId, data);
 *     case Verdict.Ignore i -> { }                                  // DATA still counts for the connection window
 *     case Verdict.StreamError e -> sendRstStream(e.exception(streamId));
 *     case Verdict.ConnectionError e -> throw e.exception();        // GOAWAY, then close
 * }
 * }</pre>
 *
 * <p>Every verdict but {@link Accept} names the rule, "DATA on a half-closed (remote) stream (RFC
 * 9113 §5.1)", for a log line or the debug data of a GOAWAY.
 */
public sealed interface Verdict {

    /** The frame is allowed; the stream is now in {@code next}. */
    record Accept(StreamState next) implements Verdict {
    }

    /** The frame is allowed but means nothing any more: drop it. */
    record Ignore(String rule) implements Verdict {
    }

    /** A stream error (§5.4.2): send RST_STREAM with {@code code}; the stream is closed. */
    record StreamError(Http2ErrorCode code, String rule) implements Verdict {
        /** The error to answer with, on stream {@code streamId}. */
        public Http2Exception exception(int streamId) {
            return Http2Exception.streamError(streamId, code, rule);
        }
    }

    /** A connection error (§5.4.1): send GOAWAY with {@code code}, then close. */
    record ConnectionError(Http2ErrorCode code, String rule) implements Verdict {
        /** The error to answer with. */
        public Http2Exception exception() {
            return Http2Exception.connectionError(code, rule);
        }
    }
}
