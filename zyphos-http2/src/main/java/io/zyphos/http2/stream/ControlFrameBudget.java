package io.zyphos.http2.stream;

import io.zyphos.http2.frame.Http2ErrorCode;
import io.zyphos.http2.frame.Http2Exception;

/**
 * How many frames that cost this endpoint work without moving any request forward a peer may send
 * before the connection ends with ENHANCE_YOUR_CALM (RFC 9113 §10.5: "An endpoint that doesn't
 * monitor use of these features exposes itself to a risk of denial of service").
 *
 * <p>The frames: SETTINGS (each is applied, and acknowledged), PING (each is answered), PRIORITY
 * and PRIORITY_UPDATE, DATA with no octets and no END_STREAM, WINDOW_UPDATE while nothing waits for
 * the window it widens, frames on streams that are ignored or closed, and frames of unknown types.
 * Floods of them were the 2019 HTTP/2 denial-of-service advisories (CVE-2019-9512 ping flood,
 * 9515 settings flood, 9518 empty frames flood, 9513 resource loop through PRIORITY). Which frame is
 * such a frame is the engine's to say, since it knows what waits to be sent; it calls
 * {@link #onUnproductiveFrame} for each, and {@link #onProgress} for each frame that moves a
 * request on (HEADERS opening a stream, DATA with octets), which earns one back.
 *
 * <p>A token bucket: {@value #DEFAULT_BURST} at once, {@value #DEFAULT_PER_SECOND} a second more.
 * The README's "Abuse budgets" compares these numbers with nghttp2's, Netty's and Jetty's.
 *
 * <p>Not thread-safe: the connection's event loop owns it.
 */
public final class ControlFrameBudget {

    /** Unproductive frames allowed at once: a browser's start (SETTINGS, PRIORITY for its streams) many times over. */
    public static final int DEFAULT_BURST = 1000;

    /** Unproductive frames a second allowed for ever: near Jetty's 128 events a second, a tenth of nghttp2's glitches. */
    public static final int DEFAULT_PER_SECOND = 100;

    private final TokenBucket bucket;

    /** A budget with the defaults. */
    public ControlFrameBudget() {
        this(DEFAULT_BURST, DEFAULT_PER_SECOND);
    }

    /** A budget of {@code burst} frames at once and {@code perSecond} more a second. */
    public ControlFrameBudget(int burst, int perSecond) {
        this.bucket = new TokenBucket(burst, perSecond);
    }

    /**
     * The peer sent a frame, named by {@code what} ("PING", "empty DATA"), that costs work and moves
     * nothing forward.
     *
     * @throws Http2Exception a connection ENHANCE_YOUR_CALM once the budget is spent
     */
    public void onUnproductiveFrame(String what, long nowNanos) {
        if (!bucket.take(nowNanos)) {
            throw Http2Exception.connectionError(Http2ErrorCode.ENHANCE_YOUR_CALM, "frames that make no progress"
                    + " faster than " + bucket.describe() + ", the last " + what + " (RFC 9113 §10.5)");
        }
    }

    /** The peer sent a frame that moves a request on: one unproductive frame more is allowed. */
    public void onProgress() {
        bucket.give(1);
    }

    /** Unproductive frames allowed now, before time refills any. */
    public int remaining() {
        return bucket.tokens();
    }
}
