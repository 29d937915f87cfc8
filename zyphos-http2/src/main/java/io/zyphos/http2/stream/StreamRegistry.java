package io.zyphos.http2.stream;

import io.zyphos.http2.frame.Http2ErrorCode;
import io.zyphos.http2.frame.Http2Setting;
import io.zyphos.http2.frame.Http2Settings;
import java.util.ArrayDeque;
import java.util.function.Consumer;

/**
 * The streams of one HTTP/2 connection, seen from one endpoint: which are open and in what state,
 * how many count toward each side's SETTINGS_MAX_CONCURRENT_STREAMS, the highest identifiers each
 * side has used, and how the recently closed ones closed. Every frame received on a stream goes
 * through {@link #onReceive}, every HEADERS, END_STREAM, RST_STREAM and PUSH_PROMISE sent through
 * {@link #onSend}; the registry applies RFC 9113 §5.1 ({@link ReceiveRules}), §5.1.1 (identifiers)
 * and §5.1.2 (concurrency), and moves each stream along.
 *
 * <pre>{@code
 * StreamRegistry streams = StreamRegistry.forServer(100, 65_535);
 * Verdict verdict = streams.onReceive(1, StreamFrame.HEADERS, false);   // Accept(OPEN): a new request
 * streams.onSend(1, StreamEvent.SEND_HEADERS);                          // the response's HEADERS
 * streams.onSend(1, StreamEvent.SEND_END_STREAM);                       // and its end
 * }</pre>
 *
 * <h2>Methods</h2>
 * <ul>
 *   <li>Inputs: {@link #onReceive} (each stream frame received), {@link #onPeerSettings} (a SETTINGS
 *       frame received), {@link #onLocalInitialWindowSize} (this endpoint's new
 *       SETTINGS_INITIAL_WINDOW_SIZE, once acknowledged).</li>
 *   <li>Commands: {@link #onSend} (before writing a HEADERS, END_STREAM, RST_STREAM or PUSH_PROMISE),
 *       {@link #onGoAwaySent}.</li>
 *   <li>Queries: {@link #stream}, {@link #stateOf}, {@link #activePeerStreams},
 *       {@link #activeLocalStreams}, {@link #canOpenLocalStream}, {@link #nextLocalStreamId},
 *       {@link #lastPeerStreamId} (for GOAWAY), {@link #highestPeerStreamId}, {@link #size},
 *       {@link #forEach}.</li>
 * </ul>
 *
 * <h2>Limits</h2>
 * <table>
 *   <caption>Registry limits</caption>
 *   <tr><th>limit</th><th>default</th><th>past it</th></tr>
 *   <tr><td>streams the peer may have active (this endpoint's SETTINGS_MAX_CONCURRENT_STREAMS)</td>
 *       <td>{@value #DEFAULT_MAX_CONCURRENT_STREAMS}</td><td>stream REFUSED_STREAM on the HEADERS
 *       that opens one more (§5.1.2, §8.7: the client may retry it)</td></tr>
 *   <tr><td>closed streams remembered</td><td>{@value #DEFAULT_CLOSED_STREAMS_REMEMBERED}</td>
 *       <td>the oldest is forgotten: frames on it get the answers of "closed, forgotten" in
 *       {@link ReceiveRules}</td></tr>
 * </table>
 *
 * <p>A stream error the registry returns closes the stream as if this endpoint had sent its
 * RST_STREAM already: the engine sends it and does not call {@link #onSend} for it. A refused
 * stream is remembered the same way, so what the peer sent on it before it saw the refusal is
 * ignored.
 *
 * <p>Not thread-safe: the connection's event loop owns it.
 */
public final class StreamRegistry {

    /** SETTINGS_MAX_CONCURRENT_STREAMS this endpoint advertises unless told otherwise; RFC 9113 §6.5.2 recommends no less than 100. */
    public static final int DEFAULT_MAX_CONCURRENT_STREAMS = 100;

    /** How many closed streams a registry remembers how they closed. */
    public static final int DEFAULT_CLOSED_STREAMS_REMEMBERED = 128;

    private final boolean server;
    private final int maxConcurrentPeerStreams;
    private final WindowUpdatePolicy policy;
    private final StreamTable streams = new StreamTable();
    /** Closed streams' objects given back by {@link #recycle}, for the next streams to open. */
    private final ArrayDeque<Http2Stream> spare = new ArrayDeque<>();
    /**
     * The most kept in {@link #spare}: as many as may be open at once (a client that keeps 100
     * streams going closes and opens 100 at a time), up to 256, 20 KiB, so an idle connection
     * after a burst does not hold thousands.
     */
    private static final int MAX_SPARE_STREAMS = 256;
    private final ClosedStreams closed;

    private long peerMaxConcurrentStreams = Http2Settings.UNLIMITED;
    private int peerInitialWindow = FlowControlWindow.DEFAULT_INITIAL_WINDOW;
    private int localInitialWindow;
    private int activePeer;
    private int activeLocal;
    private int highestPeer;
    private int highestLocal;
    private int lastAcceptedPeer;
    private int goAwayLastStreamId = Integer.MAX_VALUE;

    private StreamRegistry(boolean server, int maxConcurrentStreams, int initialWindowSize, int closedRemembered,
            WindowUpdatePolicy policy) {
        if (maxConcurrentStreams < 0 || initialWindowSize < 0) {
            throw new IllegalArgumentException("max concurrent streams " + maxConcurrentStreams + ", initial window "
                    + initialWindowSize);
        }
        this.server = server;
        this.maxConcurrentPeerStreams = maxConcurrentStreams;
        this.localInitialWindow = initialWindowSize;
        this.closed = new ClosedStreams(closedRemembered);
        this.policy = policy;
    }

    /** A server's registry with the default limits and the RFC's initial window. */
    public static StreamRegistry forServer() {
        return forServer(DEFAULT_MAX_CONCURRENT_STREAMS, FlowControlWindow.DEFAULT_INITIAL_WINDOW);
    }

    /**
     * A server's registry: clients open odd streams.
     *
     * @param maxConcurrentStreams the SETTINGS_MAX_CONCURRENT_STREAMS this server advertises
     * @param initialWindowSize the SETTINGS_INITIAL_WINDOW_SIZE this server advertises
     */
    public static StreamRegistry forServer(int maxConcurrentStreams, int initialWindowSize) {
        return new StreamRegistry(true, maxConcurrentStreams, initialWindowSize, DEFAULT_CLOSED_STREAMS_REMEMBERED,
                WindowUpdatePolicy.HALF);
    }

    /** A client's registry: the server's streams, pushed ones, are even. */
    public static StreamRegistry forClient(int maxConcurrentStreams, int initialWindowSize) {
        return new StreamRegistry(false, maxConcurrentStreams, initialWindowSize, DEFAULT_CLOSED_STREAMS_REMEMBERED,
                WindowUpdatePolicy.HALF);
    }

    /** A server's registry remembering {@code closedRemembered} closed streams, with {@code policy}. */
    public static StreamRegistry forServer(int maxConcurrentStreams, int initialWindowSize, int closedRemembered,
            WindowUpdatePolicy policy) {
        return new StreamRegistry(true, maxConcurrentStreams, initialWindowSize, closedRemembered, policy);
    }

    // ---- inputs

    /**
     * A frame arrived on stream {@code streamId} (not 0): what to do with it, the stream moved on.
     *
     * @param endStream whether a HEADERS or DATA frame has the END_STREAM flag
     */
    public Verdict onReceive(int streamId, StreamFrame frame, boolean endStream) {
        if (streamId <= 0) {
            throw new IllegalArgumentException("stream " + streamId + " is the connection's, not a stream");
        }
        Http2Stream stream = streams.get(streamId);
        StreamState state = stream != null ? stream.state() : stateOfUnkept(streamId);
        if (state == StreamState.IDLE && frame == StreamFrame.HEADERS) {
            return open(streamId, endStream);
        }
        Verdict verdict = ReceiveRules.onReceive(state, frame, endStream);
        switch (verdict) {
            case Verdict.Accept accept -> {
                if (stream != null) {
                    transition(stream, accept.next());
                }
            }
            case Verdict.StreamError error -> {
                if (stream != null) {
                    transition(stream, StreamState.CLOSED_RESET_SENT);
                } else {
                    closed.remember(streamId, StreamState.CLOSED_RESET_SENT);
                }
            }
            case Verdict.Ignore ignore -> { }
            case Verdict.ConnectionError error -> { }
        }
        return verdict;
    }

    /**
     * The peer's SETTINGS frame, with only the values it gives: SETTINGS_MAX_CONCURRENT_STREAMS
     * bounds the streams this endpoint opens, and a new SETTINGS_INITIAL_WINDOW_SIZE changes the
     * send window of every stream kept by the difference, below 0 if need be (RFC 9113 §6.9.2).
     *
     * @throws io.zyphos.http2.frame.Http2Exception a connection FLOW_CONTROL_ERROR if a window would
     *     pass 2^31-1 (§6.9.2)
     */
    public void onPeerSettings(Http2Settings settings) {
        if (settings.contains(Http2Setting.MAX_CONCURRENT_STREAMS)) {
            peerMaxConcurrentStreams = settings.maxConcurrentStreams();
        }
        if (settings.contains(Http2Setting.INITIAL_WINDOW_SIZE)) {
            int delta = settings.initialWindowSize() - peerInitialWindow;
            peerInitialWindow = settings.initialWindowSize();
            if (delta != 0) {
                streams.forEach(s -> s.sendWindow().onInitialWindowChange(delta, s.id()));
            }
        }
    }

    /**
     * The peer acknowledged this endpoint's new SETTINGS_INITIAL_WINDOW_SIZE: the receive window of
     * every stream kept changes by the difference (§6.9.2), and new streams start from it.
     */
    public void onLocalInitialWindowSize(int initialWindowSize) {
        int delta = initialWindowSize - localInitialWindow;
        localInitialWindow = initialWindowSize;
        if (delta != 0) {
            streams.forEach(s -> s.receiveWindow().onInitialWindowChange(delta));
        }
    }

    // ---- commands

    /**
     * This endpoint is about to send what {@code event} names on stream {@code streamId}: a
     * HEADERS frame (which opens an idle stream of this endpoint), END_STREAM, RST_STREAM, or a
     * PUSH_PROMISE promising {@code streamId}.
     *
     * @throws IllegalStateException if the diagram of §5.1 has no such arrow from the stream's state
     *     (RST_STREAM on an idle stream, DATA after END_STREAM...), if a new stream's identifier is
     *     the peer's or not above every one this endpoint used (§5.1.1), or if opening it would pass
     *     the peer's SETTINGS_MAX_CONCURRENT_STREAMS (§5.1.2)
     */
    public Http2Stream onSend(int streamId, StreamEvent event) {
        if (!event.isSent()) {
            throw new IllegalArgumentException(event + " is not something this endpoint sends");
        }
        Http2Stream stream = streams.get(streamId);
        StreamState state = stream != null ? stream.state() : stateOf(streamId);
        StreamState next = state.after(event);
        if (next == null) {
            throw new IllegalStateException(event + " on stream " + streamId + ", " + state.rfcName()
                    + ": not a transition of RFC 9113 §5.1");
        }
        if (!state.isActive() && next.isActive() && !isPeerStream(streamId) && activeLocal >= peerMaxConcurrentStreams) {
            throw new IllegalStateException("stream " + streamId + " would pass the peer's SETTINGS_MAX_CONCURRENT_STREAMS of "
                    + peerMaxConcurrentStreams + " (RFC 9113 §5.1.2)");
        }
        if (stream == null) {
            if (isPeerStream(streamId)) {
                throw new IllegalStateException("stream " + streamId + " is the peer's to open (RFC 9113 §5.1.1)");
            }
            highestLocal = streamId;
            return create(streamId, next);
        }
        transition(stream, next);
        return stream;
    }

    /**
     * This endpoint sent GOAWAY naming {@code lastStreamId}: HEADERS opening a stream above it is
     * ignored from now on (RFC 9113 §6.8).
     */
    public void onGoAwaySent(int lastStreamId) {
        goAwayLastStreamId = Math.min(goAwayLastStreamId, lastStreamId);
    }

    // ---- queries

    /** The stream kept under {@code streamId}, or null: idle and closed streams are not kept. */
    public Http2Stream stream(int streamId) {
        return streams.get(streamId);
    }

    /** The state of stream {@code streamId}, as far as this registry knows it. */
    public StreamState stateOf(int streamId) {
        Http2Stream stream = streams.get(streamId);
        return stream != null ? stream.state() : stateOfUnkept(streamId);
    }

    /** Streams the peer opened that are open or half-closed: what its limit counts (§5.1.2). */
    public int activePeerStreams() {
        return activePeer;
    }

    /** Streams this endpoint opened that are open or half-closed. */
    public int activeLocalStreams() {
        return activeLocal;
    }

    /** Whether one more stream of this endpoint's stays within the peer's SETTINGS_MAX_CONCURRENT_STREAMS. */
    public boolean canOpenLocalStream() {
        return activeLocal < peerMaxConcurrentStreams;
    }

    /**
     * The identifier for this endpoint's next stream, or -1 when they are used up: then only a new
     * connection can open more (§5.1.1; a server sends GOAWAY).
     */
    public int nextLocalStreamId() {
        long next = highestLocal == 0 ? (server ? 2 : 1) : highestLocal + 2L;
        return next > Integer.MAX_VALUE ? -1 : (int) next;
    }

    /**
     * The highest identifier of a stream the peer opened and this endpoint took on: the Last-Stream-ID
     * of a GOAWAY (§6.8). Refused streams and those ignored after GOAWAY are not counted.
     */
    public int lastPeerStreamId() {
        return lastAcceptedPeer;
    }

    /** The highest identifier the peer has used to open a stream. */
    public int highestPeerStreamId() {
        return highestPeer;
    }

    /** How many streams are kept: every stream not idle and not closed. */
    public int size() {
        return streams.size();
    }

    /** Calls {@code action} for every stream kept, in no order. */
    public void forEach(Consumer<Http2Stream> action) {
        streams.forEach(action);
    }

    // ---- the moves

    private Verdict open(int streamId, boolean endStream) {
        if (!isPeerStream(streamId)) {
            return new Verdict.ConnectionError(Http2ErrorCode.PROTOCOL_ERROR, "HEADERS opening stream " + streamId
                    + ": a client's streams are odd, a server's even (RFC 9113 §5.1.1)");
        }
        highestPeer = streamId;
        if (streamId > goAwayLastStreamId) {
            // Nothing more will be done for it: what follows on it is dropped as on a reset stream.
            closed.remember(streamId, StreamState.CLOSED_RESET_SENT);
            return new Verdict.Ignore("HEADERS opening stream " + streamId + " after a GOAWAY naming "
                    + goAwayLastStreamId + " (RFC 9113 §6.8)");
        }
        if (activePeer >= maxConcurrentPeerStreams) {
            closed.remember(streamId, StreamState.CLOSED_RESET_SENT);
            return new Verdict.StreamError(Http2ErrorCode.REFUSED_STREAM, "HEADERS opening stream " + streamId
                    + " past SETTINGS_MAX_CONCURRENT_STREAMS of " + maxConcurrentPeerStreams + " (RFC 9113 §5.1.2)");
        }
        Verdict verdict = ReceiveRules.onReceive(StreamState.IDLE, StreamFrame.HEADERS, endStream);
        create(streamId, ((Verdict.Accept) verdict).next());
        lastAcceptedPeer = streamId;
        return verdict;
    }

    private Http2Stream create(int streamId, StreamState state) {
        Http2Stream stream = spare.poll();
        if (stream == null) {
            stream = new Http2Stream(streamId, state, new FlowControlWindow(peerInitialWindow),
                    new ReceiveWindow(localInitialWindow, policy));
        } else {
            stream.reuse(streamId, state, peerInitialWindow, localInitialWindow);
        }
        streams.add(stream);
        if (state.isActive()) {
            count(streamId, 1);
        }
        return stream;
    }

    /**
     * Takes back a closed stream's object to be reused for a stream opened later, so that a
     * connection in steady state makes none per request. The caller, and whatever it attached,
     * must hold no reference to it afterwards. A stream still open is not taken.
     */
    public void recycle(Http2Stream stream) {
        if (stream.state().isClosed() && streams.get(stream.id()) != stream && spare.size() < Math.min(maxConcurrentPeerStreams, MAX_SPARE_STREAMS)) {
            stream.attachment(null);
            spare.push(stream);
        }
    }

    private void transition(Http2Stream stream, StreamState next) {
        StreamState before = stream.state();
        stream.state(next);
        if (before.isActive() != next.isActive()) {
            count(stream.id(), next.isActive() ? 1 : -1);
        }
        if (next.isClosed()) {
            streams.remove(stream.id());
            closed.remember(stream.id(), next);
        }
    }

    private void count(int streamId, int change) {
        if (isPeerStream(streamId)) {
            activePeer += change;
        } else {
            activeLocal += change;
        }
    }

    private StreamState stateOfUnkept(int streamId) {
        int highest = isPeerStream(streamId) ? highestPeer : highestLocal;
        return streamId > highest ? StreamState.IDLE : closed.closedState(streamId);
    }

    /** Clients open odd streams, servers even ones (§5.1.1). */
    private boolean isPeerStream(int streamId) {
        return (streamId & 1) == (server ? 1 : 0);
    }
}
