package io.zyphos.http2.server;

import io.zyphos.http2.frame.FrameDecoderConfig;
import io.zyphos.http2.hpack.HpackDecoder;
import io.zyphos.http2.stream.ControlFrameBudget;
import io.zyphos.http2.stream.FlowControlWindow;
import io.zyphos.http2.stream.ResetBudget;
import java.util.concurrent.TimeUnit;

/**
 * What one {@link Http2ServerEngine} advertises in its SETTINGS and the limits it holds a client
 * to. Immutable; {@link #builder()} starts from the defaults.
 *
 * <table>
 *   <caption>Settings and limits</caption>
 *   <tr><th>setting</th><th>default</th><th>past it</th></tr>
 *   <tr><td>{@link #maxConcurrentStreams()}, SETTINGS_MAX_CONCURRENT_STREAMS, 100 to 10,000</td>
 *       <td>{@value #DEFAULT_MAX_CONCURRENT_STREAMS}</td><td>RST_STREAM REFUSED_STREAM (RFC 9113 §5.1.2)</td></tr>
 *   <tr><td>{@link #initialWindowSize()}, SETTINGS_INITIAL_WINDOW_SIZE: what one stream may have
 *       buffered and unconsumed</td><td>{@value #DEFAULT_INITIAL_WINDOW_SIZE} octets</td>
 *       <td>RST_STREAM FLOW_CONTROL_ERROR (§6.9.1)</td></tr>
 *   <tr><td>{@link #connectionWindowSize()}: what the whole connection may have buffered</td>
 *       <td>{@value #DEFAULT_CONNECTION_WINDOW_SIZE} octets</td><td>GOAWAY FLOW_CONTROL_ERROR (§6.9.1)</td></tr>
 *   <tr><td>{@link #maxFrameSize()}, SETTINGS_MAX_FRAME_SIZE</td><td>16,384 octets</td>
 *       <td>GOAWAY FRAME_SIZE_ERROR (§4.2)</td></tr>
 *   <tr><td>{@link #maxHeaderListSize()}, SETTINGS_MAX_HEADER_LIST_SIZE</td>
 *       <td>{@value HpackDecoder#DEFAULT_MAX_HEADER_LIST_SIZE} octets</td><td>a 431 response on the stream,
 *       the block still decoded (§10.5.1)</td></tr>
 *   <tr><td>{@link #enableConnectProtocol()}, SETTINGS_ENABLE_CONNECT_PROTOCOL (RFC 8441)</td>
 *       <td>false</td><td>a request with {@code :protocol} is malformed: RST_STREAM PROTOCOL_ERROR</td></tr>
 *   <tr><td>resets ({@link ResetBudget}): burst and per second</td><td>200, 33</td>
 *       <td>GOAWAY ENHANCE_YOUR_CALM (§10.5)</td></tr>
 *   <tr><td>frames that make no progress ({@link ControlFrameBudget}): burst and per second</td>
 *       <td>1000, 100</td><td>GOAWAY ENHANCE_YOUR_CALM (§10.5)</td></tr>
 *   <tr><td>{@link #settingsTimeoutNanos()}: our SETTINGS unacknowledged</td><td>10 s</td>
 *       <td>GOAWAY SETTINGS_TIMEOUT (§6.5.3)</td></tr>
 *   <tr><td>{@link #maxOutboundBytes()}: frames the engine produced and the transport has not
 *       taken</td><td>{@value #DEFAULT_MAX_OUTBOUND_BYTES} octets</td><td>input is no longer read
 *       (PING and SETTINGS acknowledgements included) until the transport takes them</td></tr>
 *   <tr><td>{@link #streamSendBufferBytes()}: DATA an application queued on one stream</td>
 *       <td>{@value #DEFAULT_STREAM_SEND_BUFFER_BYTES} octets</td><td>the stream is not writable
 *       until the queue drains below it again</td></tr>
 * </table>
 *
 * <p>NO_RFC7540_PRIORITIES is always 1: the engine schedules by RFC 9218 alone and ignores the
 * dependency tree of RFC 7540 (RFC 9218 §2.1).
 */
public final class Http2ServerConfig {

    /** RFC 9113 §6.5.2 recommends no less than 100. */
    public static final int DEFAULT_MAX_CONCURRENT_STREAMS = 100;
    /** The least the engine advertises: RFC 9113 §6.5.2's recommendation. */
    public static final int MIN_MAX_CONCURRENT_STREAMS = 100;
    /** The most: above it one connection holds more state than a server should give one client. */
    public static final int MAX_MAX_CONCURRENT_STREAMS = 10_000;
    /** The RFC's initial value, so no SETTINGS entry is needed and nothing changes on acknowledgement. */
    public static final int DEFAULT_INITIAL_WINDOW_SIZE = FlowControlWindow.DEFAULT_INITIAL_WINDOW;
    /** 1 MiB: sixteen streams can each fill their window before the connection's runs out. */
    public static final int DEFAULT_CONNECTION_WINDOW_SIZE = 1 << 20;
    /** 64 KiB: four maximal frames' worth of control frames and header blocks. */
    public static final int DEFAULT_MAX_OUTBOUND_BYTES = 64 * 1024;
    /** 64 KiB: the RFC's initial window, so a writer is told to wait about when the peer would be. */
    public static final int DEFAULT_STREAM_SEND_BUFFER_BYTES = 64 * 1024;
    /** Ten seconds, as HAProxy and h2o's defaults for an unanswered SETTINGS or PING. */
    public static final long DEFAULT_SETTINGS_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(10);

    private final int maxConcurrentStreams;
    private final int initialWindowSize;
    private final int connectionWindowSize;
    private final int maxFrameSize;
    private final int maxHeaderListSize;
    private final boolean enableConnectProtocol;
    private final int resetBurst;
    private final int resetsPerSecond;
    private final int controlFrameBurst;
    private final int controlFramesPerSecond;
    private final long settingsTimeoutNanos;
    private final int maxOutboundBytes;
    private final int streamSendBufferBytes;

    private Http2ServerConfig(Builder b) {
        this.maxConcurrentStreams = b.maxConcurrentStreams;
        this.initialWindowSize = b.initialWindowSize;
        this.connectionWindowSize = b.connectionWindowSize;
        this.maxFrameSize = b.maxFrameSize;
        this.maxHeaderListSize = b.maxHeaderListSize;
        this.enableConnectProtocol = b.enableConnectProtocol;
        this.resetBurst = b.resetBurst;
        this.resetsPerSecond = b.resetsPerSecond;
        this.controlFrameBurst = b.controlFrameBurst;
        this.controlFramesPerSecond = b.controlFramesPerSecond;
        this.settingsTimeoutNanos = b.settingsTimeoutNanos;
        this.maxOutboundBytes = b.maxOutboundBytes;
        this.streamSendBufferBytes = b.streamSendBufferBytes;
    }

    /** The defaults of the table above. */
    public static Http2ServerConfig defaults() {
        return builder().build();
    }

    /** A builder holding the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    public int maxConcurrentStreams() {
        return maxConcurrentStreams;
    }

    public int initialWindowSize() {
        return initialWindowSize;
    }

    public int connectionWindowSize() {
        return connectionWindowSize;
    }

    public int maxFrameSize() {
        return maxFrameSize;
    }

    public int maxHeaderListSize() {
        return maxHeaderListSize;
    }

    public boolean enableConnectProtocol() {
        return enableConnectProtocol;
    }

    ResetBudget newResetBudget() {
        return new ResetBudget(resetBurst, resetsPerSecond);
    }

    ControlFrameBudget newControlFrameBudget() {
        return new ControlFrameBudget(controlFrameBurst, controlFramesPerSecond);
    }

    public long settingsTimeoutNanos() {
        return settingsTimeoutNanos;
    }

    public int maxOutboundBytes() {
        return maxOutboundBytes;
    }

    public int streamSendBufferBytes() {
        return streamSendBufferBytes;
    }

    /** Sets what differs from the defaults; {@link #build()} checks each value. */
    public static final class Builder {
        private int maxConcurrentStreams = DEFAULT_MAX_CONCURRENT_STREAMS;
        private int initialWindowSize = DEFAULT_INITIAL_WINDOW_SIZE;
        private int connectionWindowSize = DEFAULT_CONNECTION_WINDOW_SIZE;
        private int maxFrameSize = FrameDecoderConfig.DEFAULT_MAX_FRAME_SIZE;
        private int maxHeaderListSize = HpackDecoder.DEFAULT_MAX_HEADER_LIST_SIZE;
        private boolean enableConnectProtocol;
        private int resetBurst = ResetBudget.DEFAULT_BURST;
        private int resetsPerSecond = ResetBudget.DEFAULT_PER_SECOND;
        private int controlFrameBurst = ControlFrameBudget.DEFAULT_BURST;
        private int controlFramesPerSecond = ControlFrameBudget.DEFAULT_PER_SECOND;
        private long settingsTimeoutNanos = DEFAULT_SETTINGS_TIMEOUT_NANOS;
        private int maxOutboundBytes = DEFAULT_MAX_OUTBOUND_BYTES;
        private int streamSendBufferBytes = DEFAULT_STREAM_SEND_BUFFER_BYTES;

        private Builder() {}

        public Builder maxConcurrentStreams(int streams) {
            this.maxConcurrentStreams = streams;
            return this;
        }

        public Builder initialWindowSize(int octets) {
            this.initialWindowSize = octets;
            return this;
        }

        public Builder connectionWindowSize(int octets) {
            this.connectionWindowSize = octets;
            return this;
        }

        public Builder maxFrameSize(int octets) {
            this.maxFrameSize = octets;
            return this;
        }

        public Builder maxHeaderListSize(int octets) {
            this.maxHeaderListSize = octets;
            return this;
        }

        public Builder enableConnectProtocol(boolean enable) {
            this.enableConnectProtocol = enable;
            return this;
        }

        public Builder resetBudget(int burst, int perSecond) {
            this.resetBurst = burst;
            this.resetsPerSecond = perSecond;
            return this;
        }

        public Builder controlFrameBudget(int burst, int perSecond) {
            this.controlFrameBurst = burst;
            this.controlFramesPerSecond = perSecond;
            return this;
        }

        public Builder settingsTimeoutNanos(long nanos) {
            this.settingsTimeoutNanos = nanos;
            return this;
        }

        public Builder maxOutboundBytes(int octets) {
            this.maxOutboundBytes = octets;
            return this;
        }

        public Builder streamSendBufferBytes(int octets) {
            this.streamSendBufferBytes = octets;
            return this;
        }

        /** @throws IllegalArgumentException naming the first value out of its range */
        public Http2ServerConfig build() {
            check(maxConcurrentStreams >= MIN_MAX_CONCURRENT_STREAMS && maxConcurrentStreams <= MAX_MAX_CONCURRENT_STREAMS,
                    "maxConcurrentStreams is 100 to 10000", maxConcurrentStreams);
            check(initialWindowSize >= 0, "initialWindowSize is 0 to 2^31-1", initialWindowSize);
            check(connectionWindowSize >= FlowControlWindow.DEFAULT_INITIAL_WINDOW,
                    "connectionWindowSize is 65535 to 2^31-1 (only WINDOW_UPDATE changes it, RFC 9113 §6.9.2)",
                    connectionWindowSize);
            FrameDecoderConfig.server().withMaxFrameSize(maxFrameSize);
            check(maxHeaderListSize > 0, "maxHeaderListSize is positive", maxHeaderListSize);
            check(resetBurst > 0 && resetsPerSecond >= 0, "the reset budget is positive", resetBurst);
            check(controlFrameBurst > 0 && controlFramesPerSecond >= 0, "the control frame budget is positive", controlFrameBurst);
            check(settingsTimeoutNanos > 0, "settingsTimeoutNanos is positive", settingsTimeoutNanos);
            check(maxOutboundBytes >= 1024, "maxOutboundBytes is at least 1024", maxOutboundBytes);
            check(streamSendBufferBytes > 0, "streamSendBufferBytes is positive", streamSendBufferBytes);
            return new Http2ServerConfig(this);
        }

        private static void check(boolean ok, String rule, long value) {
            if (!ok) {
                throw new IllegalArgumentException(rule + ", not " + value);
            }
        }
    }
}
