package io.zyphos.http2.stream;

import io.zyphos.http2.frame.Http2ErrorCode;
import io.zyphos.http2.frame.Http2Exception;

/**
 * A send-side flow-control window of RFC 9113 §5.2 and §6.9: how many octets of DATA this endpoint
 * may still send on one stream, or on the connection (stream 0). The peer's WINDOW_UPDATE frames
 * widen it, the DATA frames this endpoint sends narrow it.
 *
 * <p>The window is a signed 31-bit number. It starts at the peer's SETTINGS_INITIAL_WINDOW_SIZE
 * (a stream) or 65,535 (the connection, §6.9.2), never goes above 2^31-1 (§6.9.1: past it is a
 * FLOW_CONTROL_ERROR of the stream or the connection), and may go below 0 when the peer lowers its
 * SETTINGS_INITIAL_WINDOW_SIZE after data was sent (§6.9.2); then nothing may be sent until
 * WINDOW_UPDATE frames bring it above 0 again.
 *
 * <p>Not thread-safe: the connection's event loop owns it.
 */
public final class FlowControlWindow {

    /** The largest window, 2^31-1 (RFC 9113 §6.9.1). */
    public static final int MAX_WINDOW = Integer.MAX_VALUE;

    /** The initial window of the connection and, until SETTINGS says otherwise, of each stream (§6.9.2). */
    public static final int DEFAULT_INITIAL_WINDOW = 65_535;

    private int window;

    /** A window of {@code initial} octets, 0 to 2^31-1. */
    public FlowControlWindow(int initial) {
        if (initial < 0) {
            throw new IllegalArgumentException("an initial window is 0 to 2^31-1, not " + initial);
        }
        this.window = initial;
    }

    /** Starts over at {@code initial}: the window of a stream object reused for a new stream. */
    void reset(int initial) {
        window = initial;
    }

    /** Octets that may be sent now; 0 or less means none. */
    public int available() {
        return window;
    }

    /**
     * The peer sent WINDOW_UPDATE with {@code increment} (1 to 2^31-1; the frame decoder refuses 0)
     * for {@code streamId}, 0 for the connection.
     *
     * @throws Http2Exception FLOW_CONTROL_ERROR if the window would pass 2^31-1: a stream error
     *     for a stream, a connection error for the connection (RFC 9113 §6.9.1)
     */
    public void onWindowUpdate(int increment, int streamId) {
        long widened = (long) window + increment;
        if (widened > MAX_WINDOW) {
            String rule = "WINDOW_UPDATE taking the window of " + (streamId == 0 ? "the connection" : "stream " + streamId)
                    + " to " + widened + ", past 2^31-1 (RFC 9113 §6.9.1)";
            throw streamId == 0
                    ? Http2Exception.connectionError(Http2ErrorCode.FLOW_CONTROL_ERROR, rule)
                    : Http2Exception.streamError(streamId, Http2ErrorCode.FLOW_CONTROL_ERROR, rule);
        }
        window = (int) widened;
    }

    /**
     * The peer's SETTINGS_INITIAL_WINDOW_SIZE changed by {@code delta} (new value minus old): a
     * stream's window changes by as much, and may go below 0 (RFC 9113 §6.9.2).
     *
     * @throws Http2Exception a connection FLOW_CONTROL_ERROR if the window would pass 2^31-1 (§6.9.2)
     */
    public void onInitialWindowChange(int delta, int streamId) {
        long changed = (long) window + delta;
        if (changed > MAX_WINDOW) {
            throw Http2Exception.connectionError(Http2ErrorCode.FLOW_CONTROL_ERROR,
                    "SETTINGS_INITIAL_WINDOW_SIZE taking the window of stream " + streamId + " to " + changed
                            + ", past 2^31-1 (RFC 9113 §6.9.2)");
        }
        window = (int) changed;
    }

    /**
     * This endpoint sends {@code octets} of flow-controlled payload (data, Pad Length and padding,
     * §6.9.1).
     *
     * @throws IllegalStateException if that is more than {@link #available()}: the caller asks
     *     {@link #sendable} first (§6.9.1: "The sender MUST NOT send a flow-controlled frame with a
     *     length that exceeds the space available")
     */
    public void consume(int octets) {
        if (octets < 0 || octets > window) {
            throw new IllegalStateException("sending " + octets + " octets with a window of " + window);
        }
        window -= octets;
    }

    /**
     * How many octets of a stream's data may go in the next DATA frame: the least of what is
     * waiting, the stream's window, the connection's window and the peer's SETTINGS_MAX_FRAME_SIZE,
     * and never below 0 (RFC 9113 §5.2.1, §6.9.1, §4.2).
     */
    public static int sendable(long waiting, FlowControlWindow stream, FlowControlWindow connection, int maxFrameSize) {
        long n = Math.min(Math.min(waiting, maxFrameSize), Math.min(stream.window, connection.window));
        return (int) Math.max(0, n);
    }

    @Override
    public String toString() {
        return Integer.toString(window);
    }
}
