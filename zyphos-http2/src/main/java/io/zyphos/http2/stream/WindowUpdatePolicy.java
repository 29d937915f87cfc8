package io.zyphos.http2.stream;

/**
 * When a receiver gives flow-control credit back with WINDOW_UPDATE (RFC 9113 §5.2.2, §6.9): once
 * the octets the application has consumed, and not yet acknowledged, reach a share of the window,
 * all of them go back in one WINDOW_UPDATE.
 *
 * <p>Why this never stalls a reader that keeps reading: of a window of W octets, at any moment some
 * are still the peer's to send (A), some are received and waiting for the application (B), and some
 * are consumed but not yet given back (U): A + B + U = W. When the application has taken everything,
 * B is 0, so either U has reached the threshold and a WINDOW_UPDATE of U goes out, or U is below it
 * and the peer still has A = W - U, more than 0 octets. Either way the sender can send.
 *
 * <p>Why it bounds what is buffered: B is at most W, since the peer may never send more than A
 * (a FLOW_CONTROL_ERROR otherwise), and credit comes back only for octets the application took, never
 * for octets merely received. A slow reader slows its sender instead of filling memory.
 *
 * <p>The threshold trades frames for latency: a WINDOW_UPDATE per DATA frame wastes 13 octets and a
 * frame's work each time, and a threshold near W leaves the sender idle for a round trip. Half the
 * window is the usual choice (nghttp2, Jetty's {@code BufferingFlowControlStrategy(0.5)}, Netty's
 * {@code DefaultHttp2LocalFlowController} default ratio).
 */
public final class WindowUpdatePolicy {

    /** Give credit back when half the window is consumed. */
    public static final WindowUpdatePolicy HALF = new WindowUpdatePolicy(50);

    private final int percent;

    /** Give credit back once {@code percent} (1 to 100) of the window is consumed and unacknowledged. */
    public WindowUpdatePolicy(int percent) {
        if (percent < 1 || percent > 100) {
            throw new IllegalArgumentException("a share of the window is 1 to 100 percent, not " + percent);
        }
        this.percent = percent;
    }

    /**
     * The increment of the WINDOW_UPDATE to send now, or 0 for none yet.
     *
     * @param unacknowledged octets consumed and not yet given back
     * @param window the window the receiver wants the peer to have
     */
    public int increment(int unacknowledged, int window) {
        long threshold = Math.max(1, (long) window * percent / 100);
        return unacknowledged >= threshold ? unacknowledged : 0;
    }

    /** The share of the window, in percent. */
    public int percent() {
        return percent;
    }
}
