package io.zyphos.http2.server;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.zyphos.buffer.Buffers;
import io.zyphos.http.HeaderName;
import io.zyphos.http.Headers;
import io.zyphos.http.Method;
import io.zyphos.http.Status;
import io.zyphos.http2.frame.FrameDecoder;
import io.zyphos.http2.frame.FrameDecoderConfig;
import io.zyphos.http2.frame.FrameListener;
import io.zyphos.http2.frame.FrameWriter;
import io.zyphos.http2.frame.Http2ErrorCode;
import io.zyphos.http2.frame.Http2Exception;
import io.zyphos.http2.frame.Http2Setting;
import io.zyphos.http2.frame.Http2Settings;
import io.zyphos.http2.hpack.HeaderFieldValidator.Section;
import io.zyphos.http2.stream.ControlFrameBudget;
import io.zyphos.http2.stream.FlowControlWindow;
import io.zyphos.http2.stream.Http2Stream;
import io.zyphos.http2.stream.ReceiveWindow;
import io.zyphos.http2.stream.ResetBudget;
import io.zyphos.http2.stream.StreamEvent;
import io.zyphos.http2.stream.StreamFrame;
import io.zyphos.http2.stream.StreamRegistry;
import io.zyphos.http2.stream.StreamState;
import io.zyphos.http2.stream.Verdict;
import io.zyphos.http2.stream.WindowUpdatePolicy;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Base64;

/**
 * One HTTP/2 server connection (RFC 9113) as a sans-I/O state machine: bytes from the client in,
 * events to an {@link Http2ServerListener} out; the application's responses in as commands, bytes
 * for the client out. It opens no socket, starts no thread and reads no clock: time comes in as
 * {@code nowNanos}. It joins the frame layer ({@link FrameDecoder}, {@link FrameWriter}), HPACK and
 * the stream pieces ({@link StreamRegistry}, the windows, {@link ResetBudget},
 * {@link ControlFrameBudget}), and schedules DATA by the priorities of RFC 9218.
 *
 * <h2>Methods, and the order to call them</h2>
 * <ul>
 *   <li>Start: {@link #start(long)} once, or {@link #startFromUpgrade} for h2c.</li>
 *   <li>Inputs: {@link #receive(ByteBuf, long)} as bytes arrive; {@link #onTimeout(long)} once
 *       {@link #nextDeadlineNanos()} has passed.</li>
 *   <li>Commands: {@link #sendHeaders}, {@link #sendData}, {@link #sendTrailers},
 *       {@link #resetStream}, {@link #consumed}, {@link #goAway}, {@link #ping}.</li>
 *   <li>Output: {@link #pollOutbound(ByteBuf, int)} whenever the socket can take more, until it
 *       returns 0.</li>
 *   <li>Queries: {@link #state()}, {@link #isFinished()} (close the connection now),
 *       {@link #isReadPaused()}, {@link #isWritable(int)}, {@link #nextDeadlineNanos()},
 *       {@link #activeStreams()}, {@link #outboundBytes()}.</li>
 *   <li>End: {@link #close()} when the connection is closed, whatever its state.</li>
 * </ul>
 * After each input or command the transport calls {@code pollOutbound} and asks
 * {@code nextDeadlineNanos} again, as {@code io.zyphos.server.ProtocolHandler} does.
 *
 * <h2>Buffers</h2>
 * {@link #receive} <b>borrows</b> its argument, as {@code ProtocolHandler.onRead} does: it reads
 * what it can take and advances the reader index; bytes left unread (only while
 * {@link #isReadPaused()}) are the caller's to present again. {@link #sendData} <b>takes
 * ownership</b> of its buffer, released once written or when its stream ends first.
 * {@link #pollOutbound} writes into the caller's buffer. Buffers lent to the listener are borrowed
 * for the call. The engine's own buffers come from {@link Buffers#allocator()} and are released by
 * {@link #close()}.
 *
 * <h2>Output</h2>
 * {@code pollOutbound} copies frames into the caller's buffer, up to {@code maxBytes}: control
 * frames and header blocks first, in the order they were made (HPACK needs blocks on the wire in
 * the order they were encoded, §4.3), then DATA as the flow-control windows allow (§5.2), stream
 * by stream in the order of RFC 9218 ({@link PriorityScheduler}). DATA is copied rather than
 * queued behind as the application's buffer, so one buffer goes to the socket per call and nothing
 * is allocated per frame; for the small responses most requests get, one copy costs less than the
 * object a gathering write needs per frame. Frames the engine makes on its own (acknowledgements,
 * RST_STREAM, WINDOW_UPDATE, GOAWAY) wait in one buffer bounded by
 * {@link Http2ServerConfig#maxOutboundBytes()}: past it the engine stops reading input (the
 * client's PINGs and SETTINGS wait unread, so their acknowledgements are not made) and says so
 * with {@link #isReadPaused()}, until the transport takes the output. A client that never reads
 * thus costs at most twice that bound and a socket buffer.
 *
 * <h2>Errors</h2>
 * A connection error of the client's (RFC 9113 §5.4.1) ends the engine: GOAWAY with the error's
 * code and the rule as debug data, every stream dropped, {@link Http2ServerListener#onConnectionEnded}
 * with the error; the transport writes what is left and closes once {@link #isFinished()}. A
 * stream error (§5.4.2) resets the stream with RST_STREAM and the connection goes on; every one
 * counts against the {@link ResetBudget}, so a client cannot make the server reset streams for
 * free (MadeYouReset, CVE-2025-8671). Local misuse (DATA before HEADERS, a second final HEADERS)
 * throws {@link IllegalStateException} or {@link IllegalArgumentException}; a command on a stream
 * the client has meanwhile reset returns false instead, since that race is nobody's fault.
 *
 * <p>Not thread-safe: one engine per connection, used by the thread that owns the connection.
 */
public final class Http2ServerEngine implements AutoCloseable {

    /** Where the connection is. */
    public enum State {
        /** Made, not started. */
        NEW,
        /** Serving: streams may open. */
        OPEN,
        /** The first GOAWAY of a graceful shutdown (2^31-1) and a PING are out (RFC 9113 §6.8). */
        DRAINING,
        /** The final GOAWAY is out: streams above it are refused, the rest finish. */
        GOING_AWAY,
        /** Over: no more frames but what is queued. */
        ENDED
    }

    /** The largest stream identifier, the Last-Stream-ID of a graceful shutdown's first GOAWAY. */
    private static final int MAX_STREAM_ID = Integer.MAX_VALUE;
    /** The opaque data of the PING that times a graceful shutdown; "zyphos-1" in ASCII. */
    static final long DRAIN_PING = 0x7a79_7068_6f73_2d31L;
    /** GOAWAY debug data is cut here: enough for the rule, never a large frame. */
    private static final int MAX_DEBUG_OCTETS = 256;

    private final Http2ServerConfig config;
    private final Http2ServerListener listener;
    private final FrameWriter writer = new FrameWriter();
    private final FrameDecoder decoder;
    private final StreamRegistry registry;
    private final RequestFields requestFields;
    private final ResponseFields responseFields = new ResponseFields();
    private final FlowControlWindow connectionSendWindow = new FlowControlWindow(FlowControlWindow.DEFAULT_INITIAL_WINDOW);
    private final ReceiveWindow connectionReceiveWindow =
            new ReceiveWindow(FlowControlWindow.DEFAULT_INITIAL_WINDOW, WindowUpdatePolicy.HALF);
    private final ResetBudget resets;
    private final ControlFrameBudget controlFrames;
    private final PriorityScheduler scheduler = new PriorityScheduler();
    private final PendingPriorities pendingPriorities;
    private final ArrayDeque<ServerStream> pool = new ArrayDeque<>();
    private final RequestHead head = new RequestHead();
    private final Headers trailers = new Headers();
    private final Http2Settings localSettings;

    /** Frames waiting for pollOutbound: control frames and header blocks, in wire order. */
    private ByteBuf control;
    /** Where a header block is encoded before it is framed; reused. */
    private ByteBuf block;

    private State state = State.NEW;
    private long now;
    private long settingsAckDeadline = Long.MAX_VALUE;
    private long drainDeadline = Long.MAX_VALUE;
    private boolean readPaused;
    private boolean endReported;

    /** An engine that will speak for {@code listener} once started. */
    public Http2ServerEngine(Http2ServerConfig config, Http2ServerListener listener) {
        this.config = config;
        this.listener = listener;
        this.decoder = new FrameDecoder(FrameDecoderConfig.server(), new Inbound());
        // The RFC's initial window until the client acknowledges ours (RFC 9113 §6.9.2).
        this.registry = StreamRegistry.forServer(config.maxConcurrentStreams(), FlowControlWindow.DEFAULT_INITIAL_WINDOW);
        this.requestFields = new RequestFields(config.maxHeaderListSize());
        this.resets = config.newResetBudget();
        this.controlFrames = config.newControlFrameBudget();
        this.pendingPriorities = new PendingPriorities(config.maxConcurrentStreams());
        this.localSettings = localSettings(config);
        this.control = Buffers.allocator().directBuffer(256);
        this.block = Buffers.allocator().directBuffer(256);
    }

    private static Http2Settings localSettings(Http2ServerConfig config) {
        Http2Settings settings = Http2Settings.defaults()
                .with(Http2Setting.MAX_CONCURRENT_STREAMS, config.maxConcurrentStreams())
                .with(Http2Setting.MAX_HEADER_LIST_SIZE, config.maxHeaderListSize())
                .with(Http2Setting.NO_RFC7540_PRIORITIES, 1);
        if (config.initialWindowSize() != FlowControlWindow.DEFAULT_INITIAL_WINDOW) {
            settings = settings.with(Http2Setting.INITIAL_WINDOW_SIZE, config.initialWindowSize());
        }
        if (config.maxFrameSize() != FrameDecoderConfig.DEFAULT_MAX_FRAME_SIZE) {
            settings = settings.with(Http2Setting.MAX_FRAME_SIZE, config.maxFrameSize());
        }
        if (config.enableConnectProtocol()) {
            settings = settings.with(Http2Setting.ENABLE_CONNECT_PROTOCOL, 1);
        }
        return settings;
    }

    // ---- start -------------------------------------------------------------------------------------

    /**
     * Starts a connection that began with HTTP/2 (TLS with ALPN {@code h2}, or the client preface
     * in clear text): queues the server's connection preface, a SETTINGS frame (RFC 9113 §3.4), and
     * a WINDOW_UPDATE widening the connection's window, and starts the SETTINGS timeout (§6.5.3).
     * The client's preface is expected as the first bytes received.
     */
    public void start(long nowNanos) {
        if (state != State.NEW) {
            throw new IllegalStateException("started already");
        }
        now = nowNanos;
        state = State.OPEN;
        writer.writeSettings(control, localSettings);
        settingsAckDeadline = nowNanos + config.settingsTimeoutNanos();
        int widen = config.connectionWindowSize() - connectionReceiveWindow.target();
        if (widen > 0) {
            writer.writeWindowUpdate(control, 0, connectionReceiveWindow.widenTo(config.connectionWindowSize()));
        }
    }

    /**
     * Starts a connection upgraded from HTTP/1.1 with {@code Upgrade: h2c} (RFC 7540 §3.2; RFC 9113
     * removed the mechanism and the glue decides whether to offer it): after the 101 response the
     * server starts as {@link #start} does; the client's {@code HTTP2-Settings} apply as if a
     * SETTINGS frame had brought them, acknowledged by the 101 itself (RFC 7540 §3.2.1); and the
     * upgraded request is stream 1, half-closed (remote), given to the listener as an ordinary
     * request. The client preface still comes first in the bytes that follow, and is checked.
     *
     * @param clientSettings from {@link #decodeHttp2Settings}
     * @param headers the request's fields; the HTTP/1.1 connection's own ({@code connection},
     *     {@code upgrade}, {@code http2-settings}...) are left out, and {@code host} stands for the
     *     authority when {@code authority} is null
     */
    public void startFromUpgrade(Http2Settings clientSettings, Method method, String scheme, String authority,
            String path, Headers headers, long nowNanos) {
        start(nowNanos);
        applyPeerSettings(clientSettings);
        Verdict opened = registry.onReceive(1, StreamFrame.HEADERS, true);
        if (!(opened instanceof Verdict.Accept)) {
            throw new IllegalStateException("stream 1 cannot open: " + opened);
        }
        ServerStream s = attach(registry.stream(1), PriorityField.DEFAULT);
        Headers fields = head.headers();
        fields.clear();
        for (int i = 0; i < headers.size(); i++) {
            HeaderName name = headers.name(i);
            if (!ResponseFields.isConnectionSpecific(name) && name != HeaderName.HOST) {
                fields.add(name, headers.value(i));
            }
        }
        String host = authority != null ? authority : headers.get(HeaderName.HOST);
        deliverRequest(s, method, scheme, host, path, null, true);
    }

    /**
     * The SETTINGS an h2c upgrade request carries in its {@code HTTP2-Settings} field: the payload
     * of a SETTINGS frame in base64url (RFC 7540 §3.2.1), checked as the frame would be.
     *
     * @throws Http2Exception if it is not a valid SETTINGS payload: the glue refuses the upgrade
     * @throws IllegalArgumentException if it is not base64url
     */
    public static Http2Settings decodeHttp2Settings(String token68) {
        byte[] payload = Base64.getUrlDecoder().decode(token68.strip());
        ByteBuf frame = Buffers.allocator().heapBuffer(9 + payload.length);
        FrameWriter.writeFrameHeader(frame, payload.length, io.zyphos.http2.frame.FrameType.SETTINGS, 0, 0);
        frame.writeBytes(payload);
        Http2Settings[] found = new Http2Settings[1];
        try (FrameDecoder settingsDecoder = new FrameDecoder(FrameDecoderConfig.server().afterPreface(), new SettingsOnly(found))) {
            settingsDecoder.receive(frame);
        }
        return found[0];
    }

    // ---- inputs ------------------------------------------------------------------------------------

    /**
     * Bytes from the client, in order, cut anywhere. Calls the listener for what they complete.
     * Reads all of {@code in} unless output waiting passes {@link Http2ServerConfig#maxOutboundBytes()},
     * which pauses reading ({@link #isReadPaused()}); once ended, reads and drops everything.
     *
     * @param in borrowed: read from its reader index, never released
     */
    public void receive(ByteBuf in, long nowNanos) {
        requireStarted();
        now = nowNanos;
        while (in.isReadable()) {
            if (state == State.ENDED) {
                in.skipBytes(in.readableBytes());
                return;
            }
            int room = config.maxOutboundBytes() - control.readableBytes();
            if (room <= 0) {
                readPaused = true;
                return;
            }
            readPaused = false;
            // Each octet read makes at most about an octet of acknowledgement or reset, so reading
            // no more than the room left keeps the output within twice the bound.
            int n = Math.min(in.readableBytes(), room);
            try {
                decoder.receive(in.readRetainedSlice(n));
            } catch (Http2Exception e) {
                fail(e);
            }
        }
        readPaused = false;
    }

    /** Time passed {@link #nextDeadlineNanos()}: the SETTINGS timeout, or the PING of a graceful shutdown. */
    public void onTimeout(long nowNanos) {
        now = nowNanos;
        if (state == State.ENDED) {
            return;
        }
        if (settingsAckDeadline != Long.MAX_VALUE && nowNanos - settingsAckDeadline >= 0) {
            fail(Http2Exception.connectionError(Http2ErrorCode.SETTINGS_TIMEOUT,
                    "SETTINGS not acknowledged in time (RFC 9113 §6.5.3)"));
            return;
        }
        if (state == State.DRAINING && nowNanos - drainDeadline >= 0) {
            sendFinalGoAway();
        }
    }

    // ---- commands ----------------------------------------------------------------------------------

    /** {@link #sendHeaders(int, int, Headers, boolean)} with a {@link Status}. */
    public boolean sendHeaders(int streamId, Status status, Headers headers, boolean endStream) {
        return sendHeaders(streamId, status.code(), headers, endStream);
    }

    /**
     * Queues a response's header section on {@code streamId}: a 1xx interim response (any number,
     * never with {@code endStream}), then the final one (RFC 9113 §8.1). Connection-specific fields
     * are dropped (§8.2.2, see {@link ResponseFields}).
     *
     * @return false if the stream is gone (the client reset it, or the connection ended)
     * @throws IllegalArgumentException a status outside 100 to 999, 101 (§8.6), or a 1xx that ends the stream
     * @throws IllegalStateException a final response already sent on the stream
     */
    public boolean sendHeaders(int streamId, int status, Headers headers, boolean endStream) {
        if (status < 100 || status > 999 || status == 101 || (status < 200 && endStream)) {
            throw new IllegalArgumentException("status " + status + (endStream ? " ending the stream" : "")
                    + ": HTTP/2 has no 101 and an interim response never ends a stream (RFC 9113 §8.1, §8.6)");
        }
        ServerStream s = streamForSending(streamId);
        if (s == null) {
            return false;
        }
        if (s.response != ServerStream.Response.NOT_STARTED) {
            throw new IllegalStateException("stream " + streamId + " has its response header section; trailers go with sendTrailers");
        }
        block.clear();
        responseFields.encodeResponse(block, status, headers);
        writer.writeHeaders(control, streamId, block, endStream);
        registry.onSend(streamId, StreamEvent.SEND_HEADERS);
        if (status >= 200) {
            s.response = ServerStream.Response.HEADERS_SENT;
        }
        if (endStream) {
            s.response = ServerStream.Response.END_QUEUED;
            endSent(s);
        }
        return true;
    }

    /**
     * Queues response content on {@code streamId}, sent as the windows allow (RFC 9113 §5.2) in the
     * order of the stream's priority. Takes ownership of {@code data}, also when it returns false.
     * Keep to {@link #isWritable(int)}: the engine holds whatever is queued.
     *
     * @param endStream the last of the content: END_STREAM on its last frame
     * @return false if the stream is gone; {@code data} was released
     * @throws IllegalStateException before the response's HEADERS, or after its end was queued
     */
    public boolean sendData(int streamId, ByteBuf data, boolean endStream) {
        ServerStream s = streamForSending(streamId);
        if (s == null) {
            data.release();
            return false;
        }
        if (s.response != ServerStream.Response.HEADERS_SENT) {
            data.release();
            throw new IllegalStateException("DATA on stream " + streamId + " "
                    + (s.response == ServerStream.Response.NOT_STARTED ? "before its response HEADERS" : "after its end")
                    + " (RFC 9113 §8.1)");
        }
        if (data.isReadable()) {
            s.enqueue(data);
        } else {
            data.release();
        }
        if (endStream) {
            s.response = ServerStream.Response.END_QUEUED;
        }
        if (s.queuedBytes >= config.streamSendBufferBytes()) {
            s.writableOwed = true;
        }
        schedule(s);
        return true;
    }

    /**
     * Queues the response's trailer section (RFC 9113 §8.1), which ends the stream once the content
     * queued before it is out. {@code fields} is kept, not copied, until then: do not change it.
     *
     * @return false if the stream is gone
     * @throws IllegalStateException before the response's HEADERS, or after its end was queued
     */
    public boolean sendTrailers(int streamId, Headers fields) {
        ServerStream s = streamForSending(streamId);
        if (s == null) {
            return false;
        }
        if (s.response != ServerStream.Response.HEADERS_SENT) {
            throw new IllegalStateException("trailers on stream " + streamId + " without a response in progress");
        }
        s.trailers = fields;
        s.response = ServerStream.Response.END_QUEUED;
        schedule(s);
        return true;
    }

    /**
     * Resets {@code streamId} with RST_STREAM {@code code} (RFC 9113 §6.4): the application no
     * longer wants it. Queued content is released. Not counted against the reset budget: the
     * server chose it. Nothing happens if the stream is closed already.
     */
    public void resetStream(int streamId, Http2ErrorCode code) {
        Http2Stream h = registry.stream(streamId);
        if (state == State.ENDED || h == null) {
            return;
        }
        registry.onSend(streamId, StreamEvent.SEND_RST_STREAM);
        writer.writeRstStream(control, streamId, code.code());
        retire(h);
        maybeEnd();
    }

    /**
     * The application took {@code octets} of the content {@link Http2ServerListener#onData} gave
     * on {@code streamId}: credit goes back to the client, in WINDOW_UPDATE frames once half a
     * window has been taken (RFC 9113 §6.9). Call it for every octet delivered, also once the
     * stream has ended.
     *
     * @throws IllegalStateException more than was delivered and not yet consumed
     */
    public void consumed(int streamId, int octets) {
        if (state == State.ENDED || octets == 0) {
            return;
        }
        giveBack(octets);
        Http2Stream h = registry.stream(streamId);
        if (h != null) {
            int increment = h.receiveWindow().onConsumed(octets);
            StreamState st = h.state();
            if (increment > 0 && (st == StreamState.OPEN || st == StreamState.HALF_CLOSED_LOCAL)) {
                writer.writeWindowUpdate(control, streamId, increment);
            }
        }
    }

    /**
     * Ends the connection with GOAWAY (RFC 9113 §6.8). Graceful: a GOAWAY naming 2^31-1 and a PING
     * first, so requests already in flight are still taken; when the PING's acknowledgement comes
     * (or the SETTINGS timeout passes), the final GOAWAY names the last stream taken on and
     * streams above it are refused; streams below finish, then the engine ends. Not graceful: the
     * final GOAWAY at once. Uses the time of the last input.
     */
    public void goAway(boolean graceful) {
        requireStarted();
        if (state == State.OPEN && graceful) {
            writer.writeGoAway(control, MAX_STREAM_ID, Http2ErrorCode.NO_ERROR.code(), Unpooled.EMPTY_BUFFER);
            writer.writePing(control, false, DRAIN_PING);
            drainDeadline = now + config.settingsTimeoutNanos();
            state = State.DRAINING;
        } else if (state == State.OPEN || state == State.DRAINING) {
            sendFinalGoAway();
        }
    }

    /** Sends a PING (RFC 9113 §6.7) with {@code opaqueData}; its acknowledgement is not reported. */
    public void ping(long opaqueData) {
        requireStarted();
        if (state != State.ENDED) {
            writer.writePing(control, false, opaqueData);
        }
    }

    // ---- output ------------------------------------------------------------------------------------

    /**
     * Writes frames for the client into {@code out}, at most {@code maxBytes} octets (at least 1):
     * control frames and header blocks first, then DATA by priority as the windows allow. Never
     * splits a DATA frame across calls: each is cut to what fits.
     *
     * @return the octets written; 0 when nothing can be sent now
     */
    public int pollOutbound(ByteBuf out, int maxBytes) {
        int start = out.writerIndex();
        int left = maxBytes;
        while (left > 0) {
            if (control.isReadable()) {
                int n = Math.min(left, control.readableBytes());
                out.writeBytes(control, n);
                left -= n;
                if (control.isReadable()) {
                    break;
                }
                control.clear();
                continue;
            }
            if (state == State.ENDED) {
                break;
            }
            ServerStream s = scheduler.next();
            if (s == null || left <= FRAME_HEADER || (s.queuedBytes > 0 && connectionSendWindow.available() <= 0)) {
                break;
            }
            left -= writeData(s, out, left - FRAME_HEADER);
        }
        return out.writerIndex() - start;
    }

    private static final int FRAME_HEADER = 9;

    // ---- queries -----------------------------------------------------------------------------------

    public State state() {
        return state;
    }

    /** Over, and nothing left to write: the transport closes the connection. */
    public boolean isFinished() {
        return state == State.ENDED && !control.isReadable();
    }

    /** Input is not being read: output waiting passed its bound (see the class comment). */
    public boolean isReadPaused() {
        return readPaused;
    }

    /** Whether more content may be queued on {@code streamId}: less than its send buffer is waiting. */
    public boolean isWritable(int streamId) {
        ServerStream s = attached(registry.stream(streamId));
        return s != null && state != State.ENDED && s.queuedBytes < config.streamSendBufferBytes();
    }

    /** When {@link #onTimeout} is next due, or {@link Long#MAX_VALUE}. */
    public long nextDeadlineNanos() {
        if (state == State.ENDED) {
            return Long.MAX_VALUE;
        }
        return Math.min(settingsAckDeadline, state == State.DRAINING ? drainDeadline : Long.MAX_VALUE);
    }

    /** Streams the client opened that are open or half-closed. */
    public int activeStreams() {
        return registry.activePeerStreams();
    }

    /** Octets of control frames and header blocks waiting for {@link #pollOutbound}. */
    public int outboundBytes() {
        return control.readableBytes();
    }

    /** PRIORITY_UPDATE frames kept for streams not yet open. */
    int pendingPriorityUpdates() {
        return pendingPriorities.size();
    }

    /** Releases every buffer the engine holds. Idempotent; the engine is unusable after. */
    @Override
    public void close() {
        if (control == null) {
            return;
        }
        dropAllStreams();
        decoder.close();
        control.release();
        block.release();
        control = null;
        block = null;
        state = State.ENDED;
    }

    // ---- sending DATA ------------------------------------------------------------------------------

    /** One DATA frame of {@code s}, at most {@code room} octets of payload; returns the octets written. */
    private int writeData(ServerStream s, ByteBuf out, int room) {
        int n = FlowControlWindow.sendable(s.queuedBytes, s.stream.sendWindow(), connectionSendWindow,
                Math.min(writer.maxFrameSize(), room));
        if (s.queuedBytes > 0 && n == 0) {
            if (s.stream.sendWindow().available() <= 0) {
                scheduler.remove(s);    // back on WINDOW_UPDATE
            }
            return 0;
        }
        boolean drained = n == s.queuedBytes;
        boolean endStream = drained && s.response == ServerStream.Response.END_QUEUED && s.trailers == null;
        int written = 0;
        if (n > 0 || endStream) {
            writer.writeDataHeader(out, s.id, n, endStream);
            s.writeQueued(out, n);
            s.stream.sendWindow().consume(n);
            connectionSendWindow.consume(n);
            written = FRAME_HEADER + n;
        }
        if (drained && s.response == ServerStream.Response.END_QUEUED) {
            if (s.trailers != null) {
                block.clear();
                responseFields.encodeTrailers(block, s.trailers);
                writer.writeHeaders(control, s.id, block, true);
                registry.onSend(s.id, StreamEvent.SEND_HEADERS);
            }
            endSent(s);
            return written;
        }
        if (!s.isReady()) {
            scheduler.remove(s);
        } else {
            scheduler.sent(s);
        }
        if (s.writableOwed && s.queuedBytes < config.streamSendBufferBytes()) {
            s.writableOwed = false;
            listener.onStreamWritable(s.id);
        }
        return written;
    }

    /** The stream's END_STREAM is written: it closes if the client's side is closed too. */
    private void endSent(ServerStream s) {
        Http2Stream h = s.stream;
        scheduler.remove(s);
        registry.onSend(s.id, StreamEvent.SEND_END_STREAM);
        retireIfClosed(h);
    }

    private void schedule(ServerStream s) {
        if (s.isReady()) {
            scheduler.add(s);
        }
    }

    // ---- streams -----------------------------------------------------------------------------------

    private ServerStream streamForSending(int streamId) {
        if (state == State.NEW) {
            throw new IllegalStateException("not started");
        }
        ServerStream s = state == State.ENDED ? null : attached(registry.stream(streamId));
        if (s == null && streamId > registry.highestPeerStreamId()) {
            throw new IllegalStateException("stream " + streamId + " was never opened by the client");
        }
        return s;
    }

    private ServerStream attach(Http2Stream h, int priority) {
        ServerStream s = pool.poll();
        if (s == null) {
            s = new ServerStream();
        }
        s.open(h, priority);
        h.attachment(s);
        return s;
    }

    private static ServerStream attached(Http2Stream h) {
        return h == null ? null : (ServerStream) h.attachment();
    }

    /** The stream closed: its queue is released and its state goes back to the pool. */
    private void retire(Http2Stream h) {
        ServerStream s = attached(h);
        if (s == null) {
            return;
        }
        scheduler.remove(s);
        s.clear();
        h.attachment(null);
        if (pool.size() < config.maxConcurrentStreams()) {
            pool.push(s);
        }
        // Nothing here holds h any more: the registry may make it the next stream.
        registry.recycle(h);
    }

    /** After a transition: a stream that closed is retired; one that completed, END_STREAM both ways, earns a reset back. */
    private void retireIfClosed(Http2Stream h) {
        if (h != null && h.state().isClosed()) {
            if (h.state() == StreamState.CLOSED) {
                resets.onStreamCompleted();
            }
            retire(h);
            maybeEnd();
        }
    }

    private void dropAllStreams() {
        registry.forEach(this::retire);
    }

    private void deliverRequest(ServerStream s, Method method, String scheme, String authority, String path,
            String protocol, boolean endStream) {
        int priority = PriorityField.parse(head.headers().get(HeaderName.PRIORITY));
        int pending = pendingPriorities.take(s.id);
        if (pending >= 0) {
            priority = pending;     // the PRIORITY_UPDATE came after the field was sent (RFC 9218 §7.1)
        }
        s.priority = priority;
        s.requestDelivered = true;
        head.set(s.id, method, scheme, authority, path, protocol, endStream, PriorityField.urgency(priority),
                PriorityField.incremental(priority));
        listener.onRequest(head);
    }

    // ---- errors ------------------------------------------------------------------------------------

    /**
     * Answers a stream error of the client's with RST_STREAM (RFC 9113 §5.4.2), counted against the
     * reset budget (CVE-2025-8671): {@code h} is the stream as it was before the frame, null if it
     * was not kept; {@code closedAlready} when the registry closed it on its verdict.
     */
    private void resetForPeerError(int streamId, Http2Stream h, Http2ErrorCode code) {
        resets.onResetForPeerError(streamId, code, now);
        if (h != null && !h.state().isClosed()) {
            registry.onSend(streamId, StreamEvent.SEND_RST_STREAM);
        }
        writer.writeRstStream(control, streamId, code.code());
        ServerStream s = attached(h);
        boolean tell = s != null && s.requestDelivered;
        if (h != null) {
            retire(h);
        }
        if (tell) {
            listener.onStreamReset(streamId, code);
        }
        maybeEnd();
    }

    /** A connection error: GOAWAY with its code, everything dropped, the listener told (RFC 9113 §5.4.1). */
    private void fail(Http2Exception e) {
        if (state == State.ENDED) {
            return;
        }
        int last = registry.lastPeerStreamId();
        byte[] message = e.getMessage().getBytes(StandardCharsets.UTF_8);
        ByteBuf debug = Unpooled.wrappedBuffer(message, 0, Math.min(message.length, MAX_DEBUG_OCTETS));
        writer.writeGoAway(control, last, e.code().code(), debug);
        debug.release();
        registry.onGoAwaySent(last);
        state = State.ENDED;
        dropAllStreams();
        reportEnd(e);
    }

    private void sendFinalGoAway() {
        int last = registry.lastPeerStreamId();
        writer.writeGoAway(control, last, Http2ErrorCode.NO_ERROR.code(), Unpooled.EMPTY_BUFFER);
        registry.onGoAwaySent(last);
        state = State.GOING_AWAY;
        maybeEnd();
    }

    /** After the final GOAWAY, the engine ends once its last stream does. */
    private void maybeEnd() {
        if (state == State.GOING_AWAY && registry.activePeerStreams() == 0) {
            state = State.ENDED;
            dropAllStreams();
            reportEnd(null);
        }
    }

    private void reportEnd(Http2Exception error) {
        if (!endReported) {
            endReported = true;
            listener.onConnectionEnded(error);
        }
    }

    private void requireStarted() {
        if (state == State.NEW) {
            throw new IllegalStateException("not started: call start or startFromUpgrade first");
        }
    }

    // ---- receiving ---------------------------------------------------------------------------------

    private void applyPeerSettings(Http2Settings settings) {
        registry.onPeerSettings(settings);
        if (settings.contains(Http2Setting.MAX_FRAME_SIZE)) {
            writer.maxFrameSize(settings.maxFrameSize());
        }
        if (settings.contains(Http2Setting.HEADER_TABLE_SIZE)) {
            responseFields.peerTableSize(settings.headerTableSize());
        }
        if (settings.contains(Http2Setting.INITIAL_WINDOW_SIZE)) {
            // Windows moved, up or down (§6.9.2): every stream with content waits or goes again.
            registry.forEach(h -> {
                ServerStream s = attached(h);
                if (s != null) {
                    if (s.isReady()) {
                        scheduler.add(s);
                    } else {
                        scheduler.remove(s);
                    }
                }
            });
        }
    }

    /** Connection credit for octets nobody will read: discarded DATA, or DATA the application consumed. */
    private void giveBack(int octets) {
        int increment = connectionReceiveWindow.onConsumed(octets);
        if (increment > 0) {
            writer.writeWindowUpdate(control, 0, increment);
        }
    }

    private void onRequestHeaders(ServerStream s, ByteBuf headerBlock, boolean endStream) {
        RequestFields.Outcome outcome = requestFields.decode(headerBlock, Section.REQUEST, head.headers());
        int id = s.id;
        switch (outcome) {
            case TOO_LARGE -> {
                // §10.5.1: the block was decoded to its end, so only the request fails.
                resets.onResetForPeerError(id, Http2ErrorCode.PROTOCOL_ERROR, now);
                s.response = ServerStream.Response.HEADERS_SENT;
                block.clear();
                responseFields.encodeResponse(block, Status.REQUEST_HEADER_FIELDS_TOO_LARGE.code(), EMPTY);
                writer.writeHeaders(control, id, block, true);
                registry.onSend(id, StreamEvent.SEND_HEADERS);
                Http2Stream h = s.stream;
                s.response = ServerStream.Response.END_QUEUED;
                registry.onSend(id, StreamEvent.SEND_END_STREAM);
                if (!h.state().isClosed()) {
                    // The client may still be sending content nobody wants (§8.1: RST_STREAM NO_ERROR).
                    registry.onSend(id, StreamEvent.SEND_RST_STREAM);
                    writer.writeRstStream(control, id, Http2ErrorCode.NO_ERROR.code());
                }
                retire(h);
                return;
            }
            case MALFORMED -> {
                resetForPeerError(id, s.stream, Http2ErrorCode.PROTOCOL_ERROR);
                return;
            }
            case VALID -> { }
        }
        var pseudo = requestFields.pseudoHeaders();
        Method method = Method.lookup(pseudo.method());
        if (method == null) {
            try {
                method = Method.of(pseudo.method());
            } catch (IllegalArgumentException e) {
                resetForPeerError(id, s.stream, Http2ErrorCode.PROTOCOL_ERROR);
                return;
            }
        }
        String host = head.headers().get(HeaderName.HOST);
        boolean hostDiffers = host != null && pseudo.authority() != null && !host.equalsIgnoreCase(pseudo.authority());
        boolean connectProtocolRefused = pseudo.protocol() != null && !config.enableConnectProtocol();
        long contentLength = RequestFields.contentLength(head.headers());
        if (hostDiffers || connectProtocolRefused || contentLength == -2 || (endStream && contentLength > 0)) {
            // §8.3.1 (host against :authority), RFC 8441 §4 (:protocol needs our setting),
            // §8.1.1 (content-length a number, and matching the content: none here).
            resetForPeerError(id, s.stream, Http2ErrorCode.PROTOCOL_ERROR);
            return;
        }
        s.contentLength = contentLength;
        controlFrames.onProgress();
        deliverRequest(s, method, pseudo.scheme(), pseudo.authority(), pseudo.path(), pseudo.protocol(), endStream);
    }

    private static final Headers EMPTY = new Headers();

    private void onTrailers(ServerStream s, Http2Stream h, ByteBuf headerBlock, boolean endStream) {
        RequestFields.Outcome outcome = requestFields.decode(headerBlock, Section.TRAILERS, trailers);
        boolean lengthWrong = s.contentLength >= 0 && s.received != s.contentLength;
        if (!endStream || outcome != RequestFields.Outcome.VALID || lengthWrong) {
            // §8.1: a HEADERS after the header section must end the stream; §8.1.1 the length.
            resetForPeerError(s.id, h, Http2ErrorCode.PROTOCOL_ERROR);
            return;
        }
        listener.onTrailers(s.id, trailers);
        retireIfClosed(h);
    }

    /** The frame layer's calls, turned into the engine's work. */
    private final class Inbound implements FrameListener {

        @Override
        public void onHeaders(int streamId, ByteBuf headerBlock, int padding, boolean endStream, int dependency,
                int weight, boolean exclusive) {
            if (state == State.ENDED) {
                return;     // the engine ended inside this receive: the rest is dropped
            }
            // PRIORITY fields are ignored: we sent SETTINGS_NO_RFC7540_PRIORITIES = 1 (RFC 9218 §2.1).
            Http2Stream before = registry.stream(streamId);
            Verdict verdict = registry.onReceive(streamId, StreamFrame.HEADERS, endStream);
            switch (verdict) {
                case Verdict.Accept accept -> {
                    if (before == null) {
                        onRequestHeaders(attach(registry.stream(streamId), PriorityField.DEFAULT), headerBlock, endStream);
                    } else {
                        onTrailers(attached(before), before, headerBlock, endStream);
                    }
                }
                case Verdict.Ignore ignore -> {
                    requestFields.discard(headerBlock);
                    controlFrames.onUnproductiveFrame("HEADERS on an ignored stream", now);
                }
                case Verdict.StreamError error -> {
                    requestFields.discard(headerBlock);
                    resetForPeerError(streamId, before, error.code());
                }
                case Verdict.ConnectionError error -> throw error.exception();
            }
        }

        @Override
        public void onData(int streamId, ByteBuf data, int padding, boolean endStream) {
            if (state == State.ENDED) {
                return;
            }
            int length = data.readableBytes();
            int flowControlled = length + padding;
            // §6.9: every DATA counts against the connection's window, whatever becomes of it.
            int increment = connectionReceiveWindow.onData(flowControlled, padding, 0);
            if (increment > 0) {
                writer.writeWindowUpdate(control, 0, increment);
            }
            Http2Stream h = registry.stream(streamId);
            Verdict verdict = registry.onReceive(streamId, StreamFrame.DATA, endStream);
            switch (verdict) {
                case Verdict.Accept accept -> acceptData(h, data, padding, endStream);
                case Verdict.Ignore ignore -> {
                    giveBack(length);
                    controlFrames.onUnproductiveFrame("DATA on an ignored stream", now);
                }
                case Verdict.StreamError error -> {
                    giveBack(length);
                    resetForPeerError(streamId, h, error.code());
                }
                case Verdict.ConnectionError error -> throw error.exception();
            }
        }

        private void acceptData(Http2Stream h, ByteBuf data, int padding, boolean endStream) {
            ServerStream s = attached(h);
            int length = data.readableBytes();
            int streamId = h.id();
            try {
                int increment = h.receiveWindow().onData(length + padding, padding, streamId);
                if (increment > 0 && !endStream) {
                    writer.writeWindowUpdate(control, streamId, increment);
                }
            } catch (Http2Exception e) {
                giveBack(length);
                resetForPeerError(streamId, h, e.code());
                return;
            }
            s.received += length;
            boolean tooLong = s.contentLength >= 0 && s.received > s.contentLength;
            boolean tooShort = endStream && s.contentLength >= 0 && s.received != s.contentLength;
            if (tooLong || tooShort) {
                // §8.1.1: content-length against the DATA received, a malformed request.
                giveBack(length);
                resetForPeerError(streamId, h, Http2ErrorCode.PROTOCOL_ERROR);
                return;
            }
            if (length == 0 && !endStream) {
                controlFrames.onUnproductiveFrame("empty DATA", now);
            } else {
                controlFrames.onProgress();
            }
            listener.onData(streamId, data, endStream);
            retireIfClosed(h);
        }

        @Override
        public void onPriority(int streamId, int dependency, int weight, boolean exclusive) {
            if (state == State.ENDED) {
                return;
            }
            controlFrames.onUnproductiveFrame("PRIORITY", now);
            Verdict verdict = registry.onReceive(streamId, StreamFrame.PRIORITY, false);
            if (verdict instanceof Verdict.ConnectionError error) {
                throw error.exception();
            }
        }

        @Override
        public void onRstStream(int streamId, long errorCode) {
            if (state == State.ENDED) {
                return;
            }
            Http2Stream h = registry.stream(streamId);
            Verdict verdict = registry.onReceive(streamId, StreamFrame.RST_STREAM, false);
            switch (verdict) {
                case Verdict.Accept accept -> {
                    resets.onResetByPeer(streamId, now);
                    ServerStream s = attached(h);
                    boolean tell = s != null && s.requestDelivered;
                    retire(h);
                    if (tell) {
                        listener.onStreamReset(streamId, Http2ErrorCode.forCode(errorCode));
                    }
                    maybeEnd();
                }
                case Verdict.Ignore ignore -> controlFrames.onUnproductiveFrame("RST_STREAM on a closed stream", now);
                case Verdict.StreamError error -> resetForPeerError(streamId, h, error.code());
                case Verdict.ConnectionError error -> throw error.exception();
            }
        }

        @Override
        public void onSettings(Http2Settings settings) {
            if (state == State.ENDED) {
                return;
            }
            controlFrames.onUnproductiveFrame("SETTINGS", now);
            applyPeerSettings(settings);
            writer.writeSettingsAck(control);
        }

        @Override
        public void onSettingsAck() {
            if (state == State.ENDED) {
                return;
            }
            if (settingsAckDeadline == Long.MAX_VALUE) {
                controlFrames.onUnproductiveFrame("SETTINGS ACK", now);
                return;
            }
            // Our SETTINGS hold from now on (§6.5.3): larger frames, the stream windows.
            settingsAckDeadline = Long.MAX_VALUE;
            decoder.maxFrameSize(config.maxFrameSize());
            registry.onLocalInitialWindowSize(config.initialWindowSize());
        }

        @Override
        public void onPushPromise(int streamId, int promisedStreamId, ByteBuf headerBlock, int padding) {
            throw Http2Exception.connectionError(Http2ErrorCode.PROTOCOL_ERROR,
                    "PUSH_PROMISE from a client (RFC 9113 §8.4)");
        }

        @Override
        public void onPing(long opaqueData) {
            if (state == State.ENDED) {
                return;
            }
            controlFrames.onUnproductiveFrame("PING", now);
            writer.writePing(control, true, opaqueData);
        }

        @Override
        public void onPingAck(long opaqueData) {
            if (state == State.ENDED) {
                return;
            }
            if (state == State.DRAINING && opaqueData == DRAIN_PING) {
                sendFinalGoAway();
            } else {
                controlFrames.onUnproductiveFrame("PING ACK", now);
            }
        }

        @Override
        public void onGoAway(int lastStreamId, long errorCode, ByteBuf debugData) {
            if (state == State.ENDED) {
                return;
            }
            listener.onGoAway(lastStreamId, Http2ErrorCode.forCode(errorCode), debugData);
            // The client opens no more streams: finish the ones it has, then end.
            if (state == State.OPEN || state == State.DRAINING) {
                sendFinalGoAway();
            }
        }

        @Override
        public void onWindowUpdate(int streamId, int increment) {
            if (state == State.ENDED) {
                return;
            }
            if (streamId == 0) {
                boolean waiting = connectionSendWindow.available() <= 0 && scheduler.size() > 0;
                connectionSendWindow.onWindowUpdate(increment, 0);
                if (waiting) {
                    controlFrames.onProgress();
                } else {
                    controlFrames.onUnproductiveFrame("WINDOW_UPDATE", now);
                }
                return;
            }
            Http2Stream h = registry.stream(streamId);
            Verdict verdict = registry.onReceive(streamId, StreamFrame.WINDOW_UPDATE, false);
            switch (verdict) {
                case Verdict.Accept accept -> {
                    ServerStream s = attached(h);
                    try {
                        h.sendWindow().onWindowUpdate(increment, streamId);
                    } catch (Http2Exception e) {
                        resetForPeerError(streamId, h, e.code());
                        return;
                    }
                    if (s != null && s.queuedBytes > 0) {
                        controlFrames.onProgress();
                        schedule(s);
                    } else {
                        controlFrames.onUnproductiveFrame("WINDOW_UPDATE", now);
                    }
                }
                case Verdict.Ignore ignore -> controlFrames.onUnproductiveFrame("WINDOW_UPDATE on a closed stream", now);
                case Verdict.StreamError error -> resetForPeerError(streamId, h, error.code());
                case Verdict.ConnectionError error -> throw error.exception();
            }
        }

        @Override
        public void onPriorityUpdate(int prioritizedStreamId, ByteBuf priorityFieldValue) {
            if (state == State.ENDED) {
                return;
            }
            controlFrames.onUnproductiveFrame("PRIORITY_UPDATE", now);
            if ((prioritizedStreamId & 1) == 0) {
                // Push is off, so an even stream is never a request (RFC 9218 §7.1).
                throw Http2Exception.connectionError(Http2ErrorCode.PROTOCOL_ERROR,
                        "PRIORITY_UPDATE for stream " + prioritizedStreamId + ", which no request can use (RFC 9218 §7.1)");
            }
            int priority = PriorityField.parse(priorityFieldValue.toString(StandardCharsets.US_ASCII));
            ServerStream s = attached(registry.stream(prioritizedStreamId));
            if (s != null) {
                scheduler.reprioritize(s, priority);
            } else if (registry.stateOf(prioritizedStreamId) == StreamState.IDLE) {
                // §7.1: kept for a stream not yet open, no more than MAX_CONCURRENT_STREAMS of them.
                if (!pendingPriorities.put(prioritizedStreamId, priority,
                        config.maxConcurrentStreams() - registry.activePeerStreams())) {
                    throw Http2Exception.connectionError(Http2ErrorCode.PROTOCOL_ERROR,
                            "PRIORITY_UPDATE for more idle streams than SETTINGS_MAX_CONCURRENT_STREAMS allows"
                                    + " with those open (RFC 9218 §7.1)");
                }
            }
            // A closed stream's: nothing left to schedule (§7.1 lets a server discard it).
        }

        @Override
        public void onStreamError(Http2Exception error) {
            if (state == State.ENDED) {
                return;
            }
            int streamId = error.streamId();
            if (registry.stateOf(streamId) == StreamState.IDLE) {
                // No RST_STREAM on an idle stream (§6.4): §5.4.1 lets any stream error end the connection.
                throw Http2Exception.connectionError(error.code(), error.getMessage());
            }
            Http2Stream h = registry.stream(streamId);
            if (h != null) {
                resetForPeerError(streamId, h, error.code());
            } else {
                resets.onResetForPeerError(streamId, error.code(), now);
            }
        }
    }

    /** PRIORITY_UPDATE frames for streams not yet open (RFC 9218 §7.1): a bounded list, taken on open. */
    private static final class PendingPriorities {
        private final int[] ids;
        private final int[] priorities;
        private int size;

        PendingPriorities(int capacity) {
            ids = new int[capacity];
            priorities = new int[capacity];
        }

        /** Keeps {@code priority} for {@code id}; false if that would pass {@code room} streams. */
        boolean put(int id, int priority, int room) {
            for (int i = 0; i < size; i++) {
                if (ids[i] == id) {
                    priorities[i] = priority;
                    return true;
                }
            }
            if (size >= room || size == ids.length) {
                return false;
            }
            ids[size] = id;
            priorities[size] = priority;
            size++;
            return true;
        }

        /**
         * The priority kept for {@code id}, or -1; forgets it, and those of lower streams, which the
         * client skipped and so closed (RFC 9113 §5.1.1).
         */
        int take(int id) {
            int found = -1;
            for (int i = 0; i < size; ) {
                if (ids[i] <= id) {
                    if (ids[i] == id) {
                        found = priorities[i];
                    }
                    size--;
                    ids[i] = ids[size];
                    priorities[i] = priorities[size];
                } else {
                    i++;
                }
            }
            return found;
        }

        int size() {
            return size;
        }
    }

    /** Takes the SETTINGS of an h2c upgrade's HTTP2-Settings payload; nothing else can come. */
    private record SettingsOnly(Http2Settings[] found) implements FrameListener {
        @Override
        public void onSettings(Http2Settings settings) {
            found[0] = settings;
        }

        @Override
        public void onData(int streamId, ByteBuf data, int padding, boolean endStream) {}

        @Override
        public void onHeaders(int streamId, ByteBuf headerBlock, int padding, boolean endStream, int dependency,
                int weight, boolean exclusive) {}

        @Override
        public void onPriority(int streamId, int dependency, int weight, boolean exclusive) {}

        @Override
        public void onRstStream(int streamId, long errorCode) {}

        @Override
        public void onSettingsAck() {}

        @Override
        public void onPushPromise(int streamId, int promisedStreamId, ByteBuf headerBlock, int padding) {}

        @Override
        public void onPing(long opaqueData) {}

        @Override
        public void onPingAck(long opaqueData) {}

        @Override
        public void onGoAway(int lastStreamId, long errorCode, ByteBuf debugData) {}

        @Override
        public void onWindowUpdate(int streamId, int increment) {}

        @Override
        public void onPriorityUpdate(int prioritizedStreamId, ByteBuf priorityFieldValue) {}

        @Override
        public void onStreamError(Http2Exception error) {}
    }
}
