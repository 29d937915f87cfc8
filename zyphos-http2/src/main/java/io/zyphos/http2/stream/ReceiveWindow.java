package io.zyphos.http2.stream;

import io.zyphos.http2.frame.Http2ErrorCode;
import io.zyphos.http2.frame.Http2Exception;

/**
 * The receive side of one flow-control window (RFC 9113 §5.2, §6.9): how much the peer may still
 * send on a stream or on the connection, and when to give credit back with WINDOW_UPDATE.
 *
 * <p>Three numbers add up to the window this endpoint wants the peer to have ({@link #target()}):
 * what the peer may still send ({@link #available()}), what arrived and waits for the application
 * ({@link #buffered()}), and what the application consumed but was not yet given back
 * ({@link #unacknowledged()}). DATA moves octets from the first to the second, the application
 * taking them moves them to the third, a WINDOW_UPDATE moves them back to the first. Padding and the
 * Pad Length octet count for flow control (§6.1, §6.9.1) but never reach the application, so they
 * count as consumed when they arrive. {@link WindowUpdatePolicy} says when to send the WINDOW_UPDATE.
 *
 * <p>Order of calls for a DATA frame: the connection's window first, then the stream's
 * ({@code §6.9.1}: the connection window counts every flow-controlled frame, even one in error or
 * on a stream already closed).
 *
 * <p>Not thread-safe: the connection's event loop owns it.
 */
public final class ReceiveWindow {

    private final WindowUpdatePolicy policy;
    private int target;
    private int available;
    private int unacknowledged;

    /** A window of {@code initial} octets (0 to 2^31-1), all of it the peer's to send. */
    public ReceiveWindow(int initial, WindowUpdatePolicy policy) {
        if (initial < 0) {
            throw new IllegalArgumentException("an initial window is 0 to 2^31-1, not " + initial);
        }
        this.policy = policy;
        this.target = initial;
        this.available = initial;
    }

    /** Starts over at {@code initial}: the window of a stream object reused for a new stream. */
    void reset(int initial) {
        target = initial;
        available = initial;
        unacknowledged = 0;
    }

    /**
     * A DATA frame of {@code payload} octets arrived, of which {@code padding} are the Pad Length
     * octet and the padding (0 for a frame without PADDED): the payload leaves the window, the
     * padding is consumed at once.
     *
     * @return the increment of a WINDOW_UPDATE to send now, 0 for none
     * @throws Http2Exception FLOW_CONTROL_ERROR if the frame is larger than what the peer was allowed
     *     to send: a stream error for a stream, a connection error for the connection (RFC 9113
     *     §6.9.1: "A receiver MAY treat ... as a connection error" for the stream case too; a stream
     *     error keeps the other streams)
     */
    public int onData(int payload, int padding, int streamId) {
        if (payload < 0 || padding < 0 || padding > payload) {
            throw new IllegalArgumentException("a DATA payload of " + payload + " octets with " + padding + " of padding");
        }
        if (payload > available) {
            String rule = "DATA of " + payload + " octets on " + (streamId == 0 ? "the connection" : "stream " + streamId)
                    + " with a window of " + available + " (RFC 9113 §6.9.1)";
            throw streamId == 0
                    ? Http2Exception.connectionError(Http2ErrorCode.FLOW_CONTROL_ERROR, rule)
                    : Http2Exception.streamError(streamId, Http2ErrorCode.FLOW_CONTROL_ERROR, rule);
        }
        available -= payload;
        return padding == 0 ? 0 : onConsumed(padding);
    }

    /**
     * The application took {@code octets} of the data that arrived. Only now does the credit for them
     * go back to the peer, so a reader that stops reading stops its sender.
     *
     * @return the increment of a WINDOW_UPDATE to send now, 0 for none
     * @throws IllegalStateException if that is more than has arrived and not been taken
     */
    public int onConsumed(int octets) {
        if (octets < 0 || octets > buffered()) {
            throw new IllegalStateException("consuming " + octets + " octets of " + buffered() + " received");
        }
        unacknowledged += octets;
        int increment = policy.increment(unacknowledged, target);
        if (increment > 0) {
            unacknowledged -= increment;
            available += increment;
        }
        return increment;
    }

    /**
     * This endpoint's SETTINGS_INITIAL_WINDOW_SIZE changed by {@code delta} and the peer acknowledged
     * it: a stream's window changes by as much, and may go below 0 (RFC 9113 §6.9.2).
     */
    public void onInitialWindowChange(int delta) {
        long newTarget = (long) target + delta;
        if (newTarget < 0 || newTarget > FlowControlWindow.MAX_WINDOW) {
            throw new IllegalArgumentException("an initial window of " + newTarget);
        }
        target = (int) newTarget;
        available += delta;
    }

    /**
     * Make the window {@code newTarget} octets, larger than it is: for the connection, whose window
     * only WINDOW_UPDATE can change (§6.9.2).
     *
     * @return the increment of the WINDOW_UPDATE to send now
     */
    public int widenTo(int newTarget) {
        if (newTarget < target) {
            throw new IllegalArgumentException("a window only widens: " + target + " to " + newTarget);
        }
        int increment = newTarget - target;
        target = newTarget;
        available += increment;
        return increment;
    }

    /** The window this endpoint wants the peer to have. */
    public int target() {
        return target;
    }

    /** Octets the peer may still send; below 0 after this endpoint lowered its initial window. */
    public int available() {
        return available;
    }

    /** Octets received and not yet taken by the application. */
    public int buffered() {
        return (int) ((long) target - available - unacknowledged);
    }

    /** Octets consumed and not yet given back with WINDOW_UPDATE. */
    public int unacknowledged() {
        return unacknowledged;
    }

    @Override
    public String toString() {
        return "available=" + available + " buffered=" + buffered() + " unacknowledged=" + unacknowledged;
    }
}
