package io.zyphos.http2.stream;

import io.zyphos.http2.frame.Http2ErrorCode;
import io.zyphos.http2.frame.Http2Exception;

/**
 * How many streams a client may have reset on one connection before it is taken for an attack and
 * the connection ends with ENHANCE_YOUR_CALM (RFC 9113 §10.5).
 *
 * <p>Two attacks make a server work for streams that end at once. Rapid reset (CVE-2023-44487): the
 * client sends HEADERS and RST_STREAM, again and again; the stream never counts toward
 * SETTINGS_MAX_CONCURRENT_STREAMS for long, but each one costs the server a field block to decode
 * and a request to start, and maybe to cancel. MadeYouReset (CVE-2025-8671): the client sends no
 * RST_STREAM but a frame that makes the server reset the stream (a WINDOW_UPDATE of 0, DATA past
 * the window or after END_STREAM, a PRIORITY of the wrong size), with the same effect and past
 * defences that counted RST_STREAM frames received only. So both count here alike:
 * {@link #onResetByPeer} for every RST_STREAM that closes a stream, and {@link #onResetForPeerError}
 * for every stream error this endpoint answers (REFUSED_STREAM included), but not for streams this
 * endpoint cancels for reasons of its own.
 *
 * <p>The budget is a token bucket: {@value #DEFAULT_BURST} resets at once, {@value #DEFAULT_PER_SECOND}
 * more a second, and one more for every stream that ends normally ({@link #onStreamCompleted}),
 * so a client whose streams mostly complete never runs out however long the connection lives, and
 * one that resets more streams than it completes, faster than {@value #DEFAULT_PER_SECOND} a
 * second, does after some {@value #DEFAULT_BURST}. The README's "Abuse budgets" compares these
 * numbers with Netty's, nghttp2's, h2o's and Jetty's.
 *
 * <p>Not thread-safe: the connection's event loop owns it.
 */
public final class ResetBudget {

    /** Resets allowed at once: two full sets of the default 100 concurrent streams. */
    public static final int DEFAULT_BURST = 200;

    /** Resets a second allowed for ever: nghttp2's rate. */
    public static final int DEFAULT_PER_SECOND = 33;

    private final TokenBucket bucket;

    /** A budget with the defaults. */
    public ResetBudget() {
        this(DEFAULT_BURST, DEFAULT_PER_SECOND);
    }

    /** A budget of {@code burst} resets at once and {@code perSecond} more a second. */
    public ResetBudget(int burst, int perSecond) {
        this.bucket = new TokenBucket(burst, perSecond);
    }

    /**
     * The peer reset stream {@code streamId} with RST_STREAM.
     *
     * @throws Http2Exception a connection ENHANCE_YOUR_CALM once the budget is spent
     */
    public void onResetByPeer(int streamId, long nowNanos) {
        spend(nowNanos, "RST_STREAM", streamId);
    }

    /**
     * This endpoint answers a stream error of the peer's with RST_STREAM on {@code streamId}.
     *
     * @throws Http2Exception a connection ENHANCE_YOUR_CALM once the budget is spent
     */
    public void onResetForPeerError(int streamId, Http2ErrorCode code, long nowNanos) {
        spend(nowNanos, "stream errors (" + code + ")", streamId);
    }

    /** A stream ended normally, END_STREAM both ways: one reset more is allowed. */
    public void onStreamCompleted() {
        bucket.give(1);
    }

    /** Resets allowed now, before time refills any. */
    public int remaining() {
        return bucket.tokens();
    }

    private void spend(long nowNanos, String what, int streamId) {
        if (!bucket.take(nowNanos)) {
            throw Http2Exception.connectionError(Http2ErrorCode.ENHANCE_YOUR_CALM, "streams reset faster than "
                    + bucket.describe() + ", by the peer's " + what
                    + ", the last on stream " + streamId + " (RFC 9113 §10.5; CVE-2023-44487, CVE-2025-8671)");
        }
    }
}
