package io.zyphos.http2.frame;

import io.netty.buffer.ByteBuf;
import io.zyphos.buffer.Buffers;

/**
 * The frame layer of HTTP/2 (RFC 9113 §4, §6) on the receiving side: bytes in, one
 * {@link FrameListener} call per frame out, every frame checked against the rules that need
 * nothing but the frames themselves.
 *
 * <p>Sans-I/O: it opens no socket, starts no thread and reads no clock. The transport hands it
 * bytes as they arrive, cut anywhere; the decoder calls the listener for each frame that is whole
 * and keeps the rest for the next call:
 *
 * <pre>{@code
 * FrameDecoder decoder = new FrameDecoder(FrameDecoderConfig.server(), engine);
 * try {
 *     decoder.receive(bytes);                 // ownership of bytes passes to the decoder
 * } catch (Http2Exception e) {                // always a connection error
 *     sendGoAway(e.code(), e.getMessage());   // then close (RFC 9113 §5.4.1)
 * }
 * }</pre>
 *
 * <h2>Methods</h2>
 * <ul>
 *   <li>Input: {@link #receive(ByteBuf)}; output goes to the listener during the call.</li>
 *   <li>Commands: {@link #maxFrameSize(int)} (a new SETTINGS_MAX_FRAME_SIZE of this endpoint took
 *       effect), {@link #close()} (release what the decoder holds; always call it).</li>
 *   <li>Queries: {@link #config()}, {@link #maxFrameSize()}.</li>
 * </ul>
 *
 * <h2>What it checks</h2>
 * <table>
 *   <caption>Frame-layer rules</caption>
 *   <tr><th>rule</th><th>error</th><th>RFC</th></tr>
 *   <tr><td>the client preface, then a SETTINGS frame first</td><td>connection PROTOCOL_ERROR</td><td>9113 §3.4</td></tr>
 *   <tr><td>a payload longer than SETTINGS_MAX_FRAME_SIZE</td><td>connection FRAME_SIZE_ERROR</td><td>9113 §4.2</td></tr>
 *   <tr><td>a payload too short for the fields the frame must carry (Pad Length, priority, promised
 *       stream, GOAWAY's 8 octets, PRIORITY_UPDATE's 4)</td><td>connection FRAME_SIZE_ERROR</td><td>9113 §4.2</td></tr>
 *   <tr><td>PING not 8 octets, RST_STREAM or WINDOW_UPDATE not 4, SETTINGS not a multiple of 6 or an
 *       ACK with a payload</td><td>connection FRAME_SIZE_ERROR</td><td>9113 §6.4, §6.5, §6.7, §6.9</td></tr>
 *   <tr><td>PRIORITY not 5 octets</td><td>stream FRAME_SIZE_ERROR</td><td>9113 §6.3</td></tr>
 *   <tr><td>DATA, HEADERS, PRIORITY, RST_STREAM, PUSH_PROMISE, CONTINUATION on stream 0</td>
 *       <td>connection PROTOCOL_ERROR</td><td>9113 §6.1 to §6.4, §6.6, §6.10</td></tr>
 *   <tr><td>SETTINGS, PING, GOAWAY, PRIORITY_UPDATE on a stream other than 0</td>
 *       <td>connection PROTOCOL_ERROR</td><td>9113 §6.5, §6.7, §6.8; 9218 §7.1</td></tr>
 *   <tr><td>padding as long as the room the payload leaves for it, or longer</td>
 *       <td>connection PROTOCOL_ERROR</td><td>9113 §6.1, §6.2, §6.6</td></tr>
 *   <tr><td>anything but a CONTINUATION on the same stream after a HEADERS or PUSH_PROMISE without
 *       END_HEADERS; a CONTINUATION after anything else</td><td>connection PROTOCOL_ERROR</td>
 *       <td>9113 §5.5, §6.2, §6.10</td></tr>
 *   <tr><td>SETTINGS values: ENABLE_PUSH, ENABLE_CONNECT_PROTOCOL, NO_RFC7540_PRIORITIES not 0 or 1;
 *       MAX_FRAME_SIZE outside 2^14 to 2^24-1; ENABLE_PUSH 1 from a server</td>
 *       <td>connection PROTOCOL_ERROR</td><td>9113 §6.5.2; 8441 §3; 9218 §2.1</td></tr>
 *   <tr><td>SETTINGS_INITIAL_WINDOW_SIZE above 2^31-1</td><td>connection FLOW_CONTROL_ERROR</td><td>9113 §6.5.2</td></tr>
 *   <tr><td>WINDOW_UPDATE with an increment of 0</td><td>stream PROTOCOL_ERROR; connection
 *       PROTOCOL_ERROR on stream 0</td><td>9113 §6.9</td></tr>
 *   <tr><td>PUSH_PROMISE to a server, or promising stream 0</td><td>connection PROTOCOL_ERROR</td><td>9113 §8.4, §5.1.1</td></tr>
 *   <tr><td>PRIORITY_UPDATE to a client, or for stream 0</td><td>connection PROTOCOL_ERROR</td><td>9218 §7.1</td></tr>
 *   <tr><td>a field block past {@link FrameDecoderConfig#maxHeaderBlockBytes()}, or with more than
 *       {@link FrameDecoderConfig#maxContinuationFrames()} CONTINUATION frames</td>
 *       <td>connection ENHANCE_YOUR_CALM</td><td>9113 §10.5, §10.5.1</td></tr>
 * </table>
 * Frames of unknown types are discarded (§4.1, §5.5), unused flags and the reserved bits ignored
 * (§4.1). Padding octets are not read: §6.1 lets a receiver leave them unchecked. The rest is the
 * connection engine's, which knows the state of each stream: frames on idle or closed streams,
 * stream identifiers that go backwards, flow-control windows, SETTINGS acknowledgements, HPACK.
 * Frame-size errors end the connection, but for PRIORITY's, which §6.3 makes a stream error, even
 * where §4.2 would allow a stream error (an oversized DATA frame): §5.4.1 lets an endpoint treat
 * any stream error as a connection error, and skipping up to 16 MiB to save one stream is not
 * worth it.
 *
 * <h2>Errors</h2>
 * A connection error is thrown as an {@link Http2Exception} from {@link #receive}; the decoder
 * then holds nothing, ignores later input and throws the same exception again. A stream error goes
 * to {@link FrameListener#onStreamError} and decoding goes on after the frame.
 *
 * <h2>Field blocks and their limits</h2>
 * A field block that does not fit one frame arrives as HEADERS (or PUSH_PROMISE) and CONTINUATION
 * frames, with nothing else between them (§4.3). The decoder copies the fragments into one buffer
 * and calls the listener once, with the whole block, when the frame with END_HEADERS arrives; a
 * block in a single frame is handed over as a slice, uncopied. Two limits bound what a peer can
 * make it hold: {@link FrameDecoderConfig#maxHeaderBlockBytes()} octets of block, and
 * {@link FrameDecoderConfig#maxContinuationFrames()} frames (a flood of empty CONTINUATIONs adds no
 * octets but costs a frame header each, the CONTINUATION flood of 2024). A CONTINUATION that would
 * pass either is refused from its 9-octet header, before its payload is read.
 *
 * <p>Past a limit the connection ends with ENHANCE_YOUR_CALM, rather than a 431 on the stream and
 * decoding going on. A block must be decompressed even when its request is refused, since every
 * block can change the HPACK table both ends share (§4.3, §10.5.1: "The field block MUST be
 * processed to ensure a consistent connection state, unless the connection is closed"); this
 * decoder gives HPACK whole blocks, so a block it stopped keeping can no longer be processed. A
 * 431 would need an HPACK decoder fed fragment by fragment, as nghttp2 does. ENHANCE_YOUR_CALM is
 * the code §10.5 gives for suspicious activity, and the frame layer uses it for these two limits
 * only, so an engine can count them apart. The module README compares Netty, h2o and nghttp2.
 *
 * <h2>Buffers</h2>
 * {@link #receive} takes ownership of its argument and releases it before returning. The buffers
 * the listener gets are borrowed (see {@link FrameListener}): slices of the received bytes where
 * the frame arrived whole, or of a buffer from {@link Buffers#allocator()} into which the decoder
 * copied a frame that was cut between two receives (only that frame's bytes are copied), or a
 * field block joined from several frames.
 *
 * <p>Not thread-safe: one decoder per connection, used by the thread that owns the connection.
 */
public final class FrameDecoder implements AutoCloseable {

    /** Where the decoder is: the preface, then frame headers and payloads in turn. */
    private enum State { PREFACE, FRAME_HEADER, FRAME_PAYLOAD, FAILED, CLOSED }

    /** Drops the reserved bit in front of a 31-bit stream identifier (§4.1). */
    private static final int STREAM_ID_MASK = 0x7FFF_FFFF;
    private static final int HEADER_LENGTH = Http2Frame.HEADER_LENGTH;

    private final FrameDecoderConfig config;
    private final FrameListener listener;
    private final HeaderBlockAssembler headerBlock;
    private int maxFrameSize;

    private State state;
    /** Octets of the client preface matched so far. */
    private int prefaceMatched;
    /** The preface is done but its SETTINGS frame has not come yet (§3.4). */
    private boolean settingsExpected;

    /** A frame header cut between two receives, gathered here. */
    private final byte[] headerBytes = new byte[HEADER_LENGTH];
    private int headerFilled;
    /** A payload cut between two receives, gathered here; null otherwise. */
    private ByteBuf payload;

    // The frame header being decoded.
    private int length;
    private int typeCode;
    private FrameType type;
    private int flags;
    private int streamId;

    private RuntimeException failure;

    /** A decoder that reports to {@code listener}. */
    public FrameDecoder(FrameDecoderConfig config, FrameListener listener) {
        this.config = config;
        this.listener = listener;
        this.headerBlock = new HeaderBlockAssembler(config.maxHeaderBlockBytes(), config.maxContinuationFrames());
        this.maxFrameSize = config.maxFrameSize();
        boolean serverPreface = config.expectPreface() && config.endpoint() == FrameDecoderConfig.Endpoint.SERVER;
        this.state = serverPreface ? State.PREFACE : State.FRAME_HEADER;
        this.settingsExpected = config.expectPreface();
    }

    // ---- queries ----

    /** The configuration the decoder was made with. */
    public FrameDecoderConfig config() {
        return config;
    }

    /** The largest frame payload accepted now. */
    public int maxFrameSize() {
        return maxFrameSize;
    }

    // ---- input ----

    /**
     * Bytes from the peer, in order, cut anywhere. Calls the listener for every frame they
     * complete, before returning. <b>Takes ownership</b> of {@code bytes}: the decoder releases it,
     * also when it throws.
     *
     * @throws Http2Exception a connection error: the peer broke a rule above; every later call
     *     throws it again
     * @throws IllegalStateException after {@link #close()}
     */
    public void receive(ByteBuf bytes) {
        if (state == State.CLOSED) {
            bytes.release();
            throw new IllegalStateException("receive after close");
        }
        if (state == State.FAILED) {
            bytes.release();
            throw failure;
        }
        try {
            decode(bytes);
        } catch (RuntimeException e) {
            fail(e);
            throw e;
        } finally {
            bytes.release();
        }
    }

    // ---- commands ----

    /**
     * This endpoint's SETTINGS_MAX_FRAME_SIZE changed and the peer acknowledged it: frames up to
     * {@code max} octets of payload are accepted from the next frame header on.
     *
     * @throws IllegalArgumentException outside 16,384 to 16,777,215
     */
    public void maxFrameSize(int max) {
        FrameDecoderConfig.checkMaxFrameSize(max);
        maxFrameSize = max;
    }

    /** Releases what the decoder holds: a part of a frame, a part of a field block. Idempotent. */
    @Override
    public void close() {
        releaseHeld();
        state = State.CLOSED;
    }

    // ---- decoding ----

    private void decode(ByteBuf in) {
        boolean progress = true;
        while (progress) {
            progress = switch (state) {
                case PREFACE -> readPreface(in);
                case FRAME_HEADER -> readHeader(in);
                case FRAME_PAYLOAD -> readPayload(in);
                case FAILED, CLOSED -> throw new IllegalStateException(state.toString());
            };
        }
    }

    /** §3.4: the 24 octets of the client preface, checked as they arrive. */
    private boolean readPreface(ByteBuf in) {
        int at = in.readerIndex();
        int n = Math.min(in.readableBytes(), ConnectionPreface.LENGTH - prefaceMatched);
        for (int i = 0; i < n; i++) {
            if (in.getByte(at + i) != ConnectionPreface.magicByte(prefaceMatched + i)) {
                throw Http2Exception.connectionError(Http2ErrorCode.PROTOCOL_ERROR,
                        "the client connection preface is not PRI * HTTP/2.0 (RFC 9113 §3.4)");
            }
        }
        in.skipBytes(n);
        prefaceMatched += n;
        if (prefaceMatched < ConnectionPreface.LENGTH) {
            return false;
        }
        state = State.FRAME_HEADER;
        return true;
    }

    /** §4.1: the 9-octet frame header, checked before any of the payload is read. */
    private boolean readHeader(ByteBuf in) {
        if (headerFilled == 0 && in.readableBytes() >= HEADER_LENGTH) {
            int at = in.readerIndex();
            length = in.getUnsignedMedium(at);
            typeCode = in.getUnsignedByte(at + 3);
            flags = in.getUnsignedByte(at + 4);
            streamId = in.getInt(at + 5) & STREAM_ID_MASK;
            in.readerIndex(at + HEADER_LENGTH);
        } else {
            int n = Math.min(HEADER_LENGTH - headerFilled, in.readableBytes());
            in.readBytes(headerBytes, headerFilled, n);
            headerFilled += n;
            if (headerFilled < HEADER_LENGTH) {
                return false;
            }
            headerFilled = 0;
            byte[] h = headerBytes;
            length = (h[0] & 0xFF) << 16 | (h[1] & 0xFF) << 8 | h[2] & 0xFF;
            typeCode = h[3] & 0xFF;
            flags = h[4] & 0xFF;
            streamId = ((h[5] & 0xFF) << 24 | (h[6] & 0xFF) << 16 | (h[7] & 0xFF) << 8 | h[8] & 0xFF) & STREAM_ID_MASK;
        }
        type = FrameType.forCode(typeCode);
        checkHeader();
        state = State.FRAME_PAYLOAD;
        return true;
    }

    /** The payload: a slice of {@code in} if it is all there, else gathered across receives. */
    private boolean readPayload(ByteBuf in) {
        if (payload == null) {
            if (in.readableBytes() >= length) {
                int start = in.readerIndex();
                in.readerIndex(start + length);
                state = State.FRAME_HEADER;
                onPayload(in, start);
                return true;
            }
            if (!in.isReadable()) {
                return false;
            }
            payload = Buffers.allocator().directBuffer(length, length);
        }
        payload.writeBytes(in, Math.min(length - payload.readableBytes(), in.readableBytes()));
        if (payload.readableBytes() < length) {
            return false;
        }
        ByteBuf whole = payload;
        payload = null;
        state = State.FRAME_HEADER;
        try {
            onPayload(whole, whole.readerIndex());
        } finally {
            whole.release();
        }
        return true;
    }

    // ---- the frame header's rules ----

    private void checkHeader() {
        if (length > maxFrameSize) {
            throw connectionError(Http2ErrorCode.FRAME_SIZE_ERROR, typeName() + " of " + length
                    + " octets, more than SETTINGS_MAX_FRAME_SIZE " + maxFrameSize + " (RFC 9113 §4.2)");
        }
        if (settingsExpected) {
            if (type != FrameType.SETTINGS || has(FrameFlags.ACK)) {
                throw connectionError(Http2ErrorCode.PROTOCOL_ERROR, "the connection preface must go on with a SETTINGS"
                        + " frame, not " + (type == FrameType.SETTINGS ? "a SETTINGS ACK" : typeName()) + " (RFC 9113 §3.4)");
            }
            settingsExpected = false;
        }
        checkSequence();
        if (type == null) {
            return;
        }
        switch (type) {
            case DATA -> {
                requireStream("6.1");
                requireAtLeast(padLengthOctet(), "RFC 9113 §4.2, §6.1");
            }
            case HEADERS -> {
                requireStream("6.2");
                requireAtLeast(padLengthOctet() + (has(FrameFlags.PRIORITY) ? PriorityFrame.LENGTH : 0), "RFC 9113 §4.2, §6.2");
            }
            case PRIORITY -> requireStream("6.3");
            case RST_STREAM -> {
                requireStream("6.4");
                requireExactly(RstStreamFrame.LENGTH, "6.4");
            }
            case SETTINGS -> checkSettingsHeader();
            case PUSH_PROMISE -> {
                if (config.endpoint() == FrameDecoderConfig.Endpoint.SERVER) {
                    throw connectionError(Http2ErrorCode.PROTOCOL_ERROR, "PUSH_PROMISE from a client (RFC 9113 §8.4)");
                }
                requireStream("6.6");
                requireAtLeast(padLengthOctet() + 4, "RFC 9113 §4.2, §6.6");
            }
            case PING -> {
                requireConnection("6.7");
                requireExactly(PingFrame.LENGTH, "6.7");
            }
            case GOAWAY -> {
                requireConnection("6.8");
                requireAtLeast(GoAwayFrame.MIN_LENGTH, "RFC 9113 §4.2, §6.8");
            }
            case WINDOW_UPDATE -> requireExactly(WindowUpdateFrame.LENGTH, "6.9");
            case CONTINUATION -> { } // checked with the sequence, above
            case PRIORITY_UPDATE -> {
                if (config.endpoint() == FrameDecoderConfig.Endpoint.CLIENT) {
                    throw connectionError(Http2ErrorCode.PROTOCOL_ERROR, "PRIORITY_UPDATE from a server (RFC 9218 §7.1)");
                }
                if (streamId != 0) {
                    throw connectionError(Http2ErrorCode.PROTOCOL_ERROR,
                            "PRIORITY_UPDATE on stream " + streamId + ", not 0 (RFC 9218 §7.1)");
                }
                requireAtLeast(PriorityUpdateFrame.MIN_LENGTH, "RFC 9113 §4.2; RFC 9218 §7.1");
            }
        }
    }

    /** §4.3, §6.10: a field block's frames come together, with nothing between them. */
    private void checkSequence() {
        if (type == FrameType.CONTINUATION && streamId == 0) {
            throw connectionError(Http2ErrorCode.PROTOCOL_ERROR, "CONTINUATION on stream 0 (RFC 9113 §6.10)");
        }
        if (headerBlock.isOpen()) {
            if (type == null) {
                throw connectionError(Http2ErrorCode.PROTOCOL_ERROR, typeName() + " inside the field block of stream "
                        + headerBlock.streamId() + "; extension frames may not come there (RFC 9113 §5.5)");
            }
            if (type != FrameType.CONTINUATION) {
                throw connectionError(Http2ErrorCode.PROTOCOL_ERROR, type + " inside the field block of stream "
                        + headerBlock.streamId() + ", where only CONTINUATION may come (RFC 9113 §6.10)");
            }
            if (streamId != headerBlock.streamId()) {
                throw connectionError(Http2ErrorCode.PROTOCOL_ERROR, "CONTINUATION on stream " + streamId
                        + " inside the field block of stream " + headerBlock.streamId() + " (RFC 9113 §6.10)");
            }
            headerBlock.checkContinuation(length);
        } else if (type == FrameType.CONTINUATION) {
            throw connectionError(Http2ErrorCode.PROTOCOL_ERROR,
                    "CONTINUATION with no HEADERS or PUSH_PROMISE without END_HEADERS before it (RFC 9113 §6.10)");
        }
    }

    /** §6.5: on stream 0; an ACK is empty; the settings take 6 octets each. */
    private void checkSettingsHeader() {
        requireConnection("6.5");
        if (has(FrameFlags.ACK) && length != 0) {
            throw connectionError(Http2ErrorCode.FRAME_SIZE_ERROR,
                    "SETTINGS ACK with a payload of " + length + " octets (RFC 9113 §6.5)");
        }
        if (length % SettingsFrame.SETTING_LENGTH != 0) {
            throw connectionError(Http2ErrorCode.FRAME_SIZE_ERROR,
                    "SETTINGS of " + length + " octets, not a multiple of 6 (RFC 9113 §6.5)");
        }
    }

    private void requireStream(String section) {
        if (streamId == 0) {
            throw connectionError(Http2ErrorCode.PROTOCOL_ERROR, type + " on stream 0 (RFC 9113 §" + section + ")");
        }
    }

    private void requireConnection(String section) {
        if (streamId != 0) {
            throw connectionError(Http2ErrorCode.PROTOCOL_ERROR,
                    type + " on stream " + streamId + ", not 0 (RFC 9113 §" + section + ")");
        }
    }

    private void requireExactly(int expected, String section) {
        if (length != expected) {
            throw connectionError(Http2ErrorCode.FRAME_SIZE_ERROR,
                    type + " of " + length + " octets, not " + expected + " (RFC 9113 §" + section + ")");
        }
    }

    /** §4.2: a frame "too small to contain mandatory frame data". */
    private void requireAtLeast(int minimum, String reference) {
        if (length < minimum) {
            throw connectionError(Http2ErrorCode.FRAME_SIZE_ERROR, type + " of " + length
                    + " octets, too short for the " + minimum + " octets of fields it must carry (" + reference + ")");
        }
    }

    private int padLengthOctet() {
        return has(FrameFlags.PADDED) ? 1 : 0;
    }

    // ---- the payloads ----

    /** A whole payload: {@code length} octets of {@code buf} from {@code start}. */
    private void onPayload(ByteBuf buf, int start) {
        if (type == null) {
            return;
        }
        switch (type) {
            case DATA -> data(buf, start);
            case HEADERS -> headers(buf, start);
            case PRIORITY -> priority(buf, start);
            case RST_STREAM -> listener.onRstStream(streamId, buf.getUnsignedInt(start));
            case SETTINGS -> settings(buf, start);
            case PUSH_PROMISE -> pushPromise(buf, start);
            case PING -> ping(buf, start);
            case GOAWAY -> goAway(buf, start);
            case WINDOW_UPDATE -> windowUpdate(buf, start);
            case CONTINUATION -> continuation(buf, start);
            case PRIORITY_UPDATE -> priorityUpdate(buf, start);
        }
    }

    /** §6.1. */
    private void data(ByteBuf buf, int start) {
        int padding = padding(buf, start, 0, "6.1");
        ByteBuf data = buf.retainedSlice(start + (padding > 0 ? 1 : 0), length - padding);
        try {
            listener.onData(streamId, data, padding, has(FrameFlags.END_STREAM));
        } finally {
            data.release();
        }
    }

    /** §6.2. */
    private void headers(ByteBuf buf, int start) {
        boolean prioritized = has(FrameFlags.PRIORITY);
        int padding = padding(buf, start, prioritized ? PriorityFrame.LENGTH : 0, "6.2");
        int at = start + (padding > 0 ? 1 : 0);
        int dependency = 0;
        int weight = 0;
        boolean exclusive = false;
        if (prioritized) {
            int word = buf.getInt(at);
            exclusive = word < 0;
            dependency = word & STREAM_ID_MASK;
            weight = buf.getUnsignedByte(at + 4) + 1;
            at += PriorityFrame.LENGTH;
        }
        int fragmentLength = length - padding - (prioritized ? PriorityFrame.LENGTH : 0);
        headerBlock.checkFirstFragment(fragmentLength);
        boolean endStream = has(FrameFlags.END_STREAM);
        if (!has(FrameFlags.END_HEADERS)) {
            headerBlock.openHeaders(streamId, buf, at, fragmentLength, padding, endStream, dependency, weight, exclusive);
            return;
        }
        ByteBuf block = buf.retainedSlice(at, fragmentLength);
        try {
            listener.onHeaders(streamId, block, padding, endStream, dependency, weight, exclusive);
        } finally {
            block.release();
        }
    }

    /** §6.3: a wrong length is this stream's error alone. */
    private void priority(ByteBuf buf, int start) {
        if (length != PriorityFrame.LENGTH) {
            listener.onStreamError(Http2Exception.streamError(streamId, Http2ErrorCode.FRAME_SIZE_ERROR,
                    "PRIORITY of " + length + " octets, not 5 (RFC 9113 §6.3)"));
            return;
        }
        int word = buf.getInt(start);
        listener.onPriority(streamId, word & STREAM_ID_MASK, buf.getUnsignedByte(start + 4) + 1, word < 0);
    }

    /** §6.5, §6.5.2: every known value checked before any is reported; unknown identifiers skipped. */
    private void settings(ByteBuf buf, int start) {
        if (has(FrameFlags.ACK)) {
            listener.onSettingsAck();
            return;
        }
        long[] values = null;
        int given = 0;
        for (int at = start; at < start + length; at += SettingsFrame.SETTING_LENGTH) {
            Http2Setting setting = Http2Setting.forId(buf.getUnsignedShort(at));
            if (setting == null) {
                continue;
            }
            long value = buf.getUnsignedInt(at + 2);
            String violation = setting.violation(value);
            if (violation != null) {
                throw connectionError(setting.violationCode(), violation);
            }
            if (setting == Http2Setting.ENABLE_PUSH && value == 1 && config.endpoint() == FrameDecoderConfig.Endpoint.CLIENT) {
                throw connectionError(Http2ErrorCode.PROTOCOL_ERROR, "SETTINGS_ENABLE_PUSH of 1 from a server (RFC 9113 §6.5.2)");
            }
            if (values == null) {
                values = Http2Settings.initialValues();
            }
            values[setting.ordinal()] = value;
            given |= 1 << setting.ordinal();
        }
        listener.onSettings(Http2Settings.of(values, given));
    }

    /** §6.6. */
    private void pushPromise(ByteBuf buf, int start) {
        int padding = padding(buf, start, 4, "6.6");
        int at = start + (padding > 0 ? 1 : 0);
        int promised = buf.getInt(at) & STREAM_ID_MASK;
        if (promised == 0) {
            throw connectionError(Http2ErrorCode.PROTOCOL_ERROR,
                    "PUSH_PROMISE promising stream 0, which no stream can use (RFC 9113 §5.1.1, §6.6)");
        }
        at += 4;
        int fragmentLength = length - padding - 4;
        headerBlock.checkFirstFragment(fragmentLength);
        if (!has(FrameFlags.END_HEADERS)) {
            headerBlock.openPushPromise(streamId, promised, buf, at, fragmentLength, padding);
            return;
        }
        ByteBuf block = buf.retainedSlice(at, fragmentLength);
        try {
            listener.onPushPromise(streamId, promised, block, padding);
        } finally {
            block.release();
        }
    }

    /** §6.7. */
    private void ping(ByteBuf buf, int start) {
        long opaqueData = buf.getLong(start);
        if (has(FrameFlags.ACK)) {
            listener.onPingAck(opaqueData);
        } else {
            listener.onPing(opaqueData);
        }
    }

    /** §6.8. */
    private void goAway(ByteBuf buf, int start) {
        int lastStreamId = buf.getInt(start) & STREAM_ID_MASK;
        long errorCode = buf.getUnsignedInt(start + 4);
        ByteBuf debugData = buf.retainedSlice(start + GoAwayFrame.MIN_LENGTH, length - GoAwayFrame.MIN_LENGTH);
        try {
            listener.onGoAway(lastStreamId, errorCode, debugData);
        } finally {
            debugData.release();
        }
    }

    /** §6.9: an increment of 0 is the stream's error, or the connection's on stream 0. */
    private void windowUpdate(ByteBuf buf, int start) {
        int increment = buf.getInt(start) & STREAM_ID_MASK;
        if (increment != 0) {
            listener.onWindowUpdate(streamId, increment);
        } else if (streamId == 0) {
            throw connectionError(Http2ErrorCode.PROTOCOL_ERROR,
                    "WINDOW_UPDATE with an increment of 0 on the connection (RFC 9113 §6.9)");
        } else {
            listener.onStreamError(Http2Exception.streamError(streamId, Http2ErrorCode.PROTOCOL_ERROR,
                    "WINDOW_UPDATE with an increment of 0 (RFC 9113 §6.9)"));
        }
    }

    /** §6.10: already checked against the open block and its limits from the frame header. */
    private void continuation(ByteBuf buf, int start) {
        headerBlock.append(buf, start, length);
        if (has(FrameFlags.END_HEADERS)) {
            headerBlock.deliver(listener);
        }
    }

    /** RFC 9218 §7.1. */
    private void priorityUpdate(ByteBuf buf, int start) {
        int prioritized = buf.getInt(start) & STREAM_ID_MASK;
        if (prioritized == 0) {
            throw connectionError(Http2ErrorCode.PROTOCOL_ERROR, "PRIORITY_UPDATE for stream 0 (RFC 9218 §7.1)");
        }
        ByteBuf value = buf.retainedSlice(start + PriorityUpdateFrame.MIN_LENGTH, length - PriorityUpdateFrame.MIN_LENGTH);
        try {
            listener.onPriorityUpdate(prioritized, value);
        } finally {
            value.release();
        }
    }

    /**
     * The padding of a PADDED frame with its Pad Length octet, or 0. The padding must leave room
     * for the {@code fields} octets the frame carries besides its data or fragment: "If the length
     * of the padding is the length of the frame payload or greater, the recipient MUST treat this
     * as a connection error".
     */
    private int padding(ByteBuf buf, int start, int fields, String section) {
        if (!has(FrameFlags.PADDED)) {
            return 0;
        }
        int padLength = buf.getUnsignedByte(start);
        if (padLength > length - 1 - fields) {
            throw connectionError(Http2ErrorCode.PROTOCOL_ERROR, type + " with a Pad Length of " + padLength
                    + " in a payload of " + length + " octets (RFC 9113 §" + section + ")");
        }
        return padLength + 1;
    }

    // ---- helpers ----

    private boolean has(int flag) {
        return (flags & flag) != 0;
    }

    private String typeName() {
        return type != null ? type.toString() : String.format("a frame of unknown type 0x%02x", typeCode);
    }

    private static Http2Exception connectionError(Http2ErrorCode code, String message) {
        return Http2Exception.connectionError(code, message);
    }

    private void fail(RuntimeException e) {
        releaseHeld();
        failure = e;
        state = State.FAILED;
    }

    private void releaseHeld() {
        if (payload != null) {
            payload.release();
            payload = null;
        }
        headerBlock.release();
    }
}
