package io.zyphos.http1;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.zyphos.buffer.Buffers;
import io.zyphos.http1.internal.Ascii;
import io.zyphos.http1.internal.ByteClass;
import io.zyphos.http1.internal.ByteScanner;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * The server side of HTTP/1.0 and HTTP/1.1 (RFC 9112): request bytes in, {@link Http1Event}s out.
 *
 * <p>Sans-I/O: it opens no socket, starts no thread and reads no clock. The transport hands it
 * bytes as they arrive and asks for events until it needs more:
 *
 * <pre>{@code
 * parser.receive(bytes);                       // ownership of bytes passes to the parser
 * for (Http1Event e = parser.nextEvent(); e != Http1Event.NEED_DATA; e = parser.nextEvent()) {
 *     ...                                       // a head, body parts, the end; or a terminal event
 * }
 * }</pre>
 *
 * <h2>Methods</h2>
 * <ul>
 *   <li>Inputs: {@link #receive(ByteBuf)} (bytes from the peer), {@link #endOfInput()} (the peer
 *       closed its side).</li>
 *   <li>Output: {@link #nextEvent()}; call it until {@link Http1Event#NEED_DATA}, then receive.</li>
 *   <li>Commands: {@link #takeUnparsed()} (after an upgrade or CONNECT, the bytes that follow),
 *       {@link #close()} (release what the parser holds; always call it).</li>
 *   <li>Queries: {@link #allowedViolationsSeen()}, {@link #allowedViolationCount()},
 *       {@link #settings()}.</li>
 * </ul>
 *
 * <h2>Incremental</h2>
 * The input may stop at any byte. The parser remembers how far it has scanned and in which
 * element, and resumes there: a method, target, name or value is never scanned again from its
 * start (only the nine bytes of the version are rechecked). Received buffers are never merged unless
 * a request spans two of them, in which case the unparsed tail and the new bytes are merged into
 * one buffer from {@link Buffers#allocator()}. (The scan reads a copy of the head: see Scanning.)
 *
 * <h2>Scanning</h2>
 * Request lines, header sections, chunk lines and trailers are scanned in a {@code byte[]} copy of
 * the received bytes, the window, filled as the scan reaches its end ({@link #WINDOW_STEP} bytes at
 * a time), never from the start again. A byte of a {@code ByteBuf} costs a bounds check and a
 * reference-count check on every read; an array's loads are plain, and the copy is one
 * {@code memcpy} per window step. Body bytes are not copied: the body states hand out slices of
 * the received buffer, and a window step reaches at most {@link #WINDOW_STEP} bytes past a head.
 * Heads and fields still point into the received buffer, which their users read.
 *
 * <h2>Strict</h2>
 * Anything RFC 9112 does not allow ends the stream with a {@link Http1Event.ProtocolError} that
 * names the {@link Http1Violation} and the status to answer. The error is terminal: the parser
 * never reads past it, since a stream that broke framing once cannot be trusted to say where the
 * next request starts. The only leniencies are the {@linkplain Http1Violation#lenient() lenient
 * violations} that {@link Http1ParserSettings#allowedViolations()} names; those are counted.
 * Limits are listed in {@link Http1ParserSettings}.
 *
 * <h2>Buffers</h2>
 * {@link #receive} takes ownership of its argument. {@link Http1Event.Body} hands its content to
 * the caller, who releases it. {@link Http1RequestHead} and {@link Http1Fields} are views into
 * the parser's buffer, valid until the next {@code receive}, {@code endOfInput} or {@code close}
 * call, or the first {@code nextEvent} call after their request's {@link Http1Event.EndOfMessage}.
 *
 * <p>Not thread-safe: one parser per connection, used by the thread that owns the connection.
 */
public final class Http1RequestParser implements AutoCloseable {

    private static final int CR = '\r';
    private static final int LF = '\n';
    private static final int SP = ' ';
    /** {@link #lineTerminator} results that are not a length. */
    private static final int NEED = -1;
    private static final int FAILED = -2;
    private static final Http1Event.EndOfMessage END_WITHOUT_TRAILERS = new Http1Event.EndOfMessage(Http1Fields.EMPTY);
    /** How many more received bytes the window takes when a scan reaches its end. */
    private static final int WINDOW_STEP = 4096;
    private static final long HTTP_1_1 = Ascii.word("HTTP/1.1");
    private static final long HTTP_1_0 = Ascii.word("HTTP/1.0");
    /**
     * The window's size on an idle connection: a small request head fits, and a connection that
     * needed more (a large head, a pipelined batch) gives it back when it falls idle, so ten
     * thousand idle connections hold ten thousand small arrays.
     */
    private static final int IDLE_WINDOW = 256;
    private static final int KEPT_WINDOW = 2 * WINDOW_STEP;

    /**
     * Where the parser is. A request walks down the list: its request line (§3), the header
     * section (§5), a body framed by Content-Length or chunked (§6, §7), and back to START for
     * the next request. INPUT_CLOSED and FAILED are terminal.
     */
    private enum State {
        START, METHOD, TARGET, VERSION, REQUEST_LINE_END,
        FIELD_START, FIELD_NAME, FIELD_WHITESPACE, FIELD_VALUE, FIELD_LINE_END, SECTION_END,
        FIXED_BODY, CHUNK_LINE, CHUNK_DATA, CHUNK_DATA_END, END_OF_MESSAGE,
        INPUT_CLOSED, FAILED
    }

    private final Http1ParserSettings settings;
    private final Http1Fields headerFields;
    private final Http1Fields trailerFields;
    private final Http1RequestHead head;
    private final Http1Event.Body body = new Http1Event.Body();
    private final Http1Event.EndOfMessage endWithTrailers;
    private final EnumSet<Http1Violation> allowedSeen = EnumSet.noneOf(Http1Violation.class);
    private final Set<Http1Violation> allowedSeenView = Collections.unmodifiableSet(allowedSeen);
    private long allowedCount;

    private ByteBuf in;
    private boolean ownsInput;
    /**
     * The window: {@code window[k]} is the byte of {@link #in} at index {@code windowOrigin + k},
     * for indexes below {@code windowEnd}. The head states read bytes here, never from {@code in}.
     */
    private byte[] window = new byte[IDLE_WINDOW];
    private int windowOrigin;
    private int windowEnd;
    private boolean endOfInput;
    private boolean closed;
    private State state = State.START;
    private Http1Event.ProtocolError error;

    /** How far the current element has been scanned, relative to {@code in.readerIndex()}. */
    private int pos;

    // The request being parsed. Offsets are relative to in.readerIndex() at the request's start.
    private int leadingEmptyLines;
    private int methodLength;
    private int targetLength;
    private Http1Version version;
    private int sectionStart;
    private boolean inTrailers;
    private int lineStart;
    private int nameEnd;
    private int valueStart;
    private int valueEnd;
    private int hostCount;
    private long contentLength;
    private boolean transferEncoding;
    private int chunkedCount;
    private boolean lastCodingChunked;
    private boolean otherCoding;
    private boolean connectionClose;
    private boolean connectionKeepAlive;
    private boolean expectContinue;
    /** An Upgrade field, and the "upgrade" connection option (RFC 9110 §7.8). */
    private boolean upgradeField;
    private boolean connectionUpgrade;

    // The body.
    private long bodyRemaining;
    private long bodyTotal;
    private ChunkStep chunkStep;
    private long chunkSize;
    private int chunkDigits;

    /** A parser with {@link Http1ParserSettings#defaults()}. */
    public Http1RequestParser() {
        this(Http1ParserSettings.defaults());
    }

    /** A parser with these limits and leniencies. */
    public Http1RequestParser(Http1ParserSettings settings) {
        this.settings = settings;
        this.headerFields = new Http1Fields(16);
        this.trailerFields = new Http1Fields(4);
        this.head = new Http1RequestHead(headerFields);
        this.endWithTrailers = new Http1Event.EndOfMessage(trailerFields);
        startRequest();
    }

    // ---- queries ----

    /** The settings this parser was made with. */
    public Http1ParserSettings settings() {
        return settings;
    }

    /** The allowed leniencies that have occurred on this connection so far. */
    public Set<Http1Violation> allowedViolationsSeen() {
        return allowedSeenView;
    }

    /** How many times an allowed leniency occurred on this connection. */
    public long allowedViolationCount() {
        return allowedCount;
    }

    /**
     * Received bytes not yet turned into events: a partial request head, say, or pipelined
     * requests not yet asked for. Zero between requests when everything received was parsed.
     */
    public int bufferedBytes() {
        return readable();
    }

    // ---- inputs ----

    /**
     * Bytes from the peer, in order. <b>Takes ownership</b> of {@code bytes}: the parser releases
     * it, also when it ignores it (after a protocol error). Empty buffers are ignored.
     *
     * @throws IllegalStateException after {@link #endOfInput()} or {@link #close()}
     */
    public void receive(ByteBuf bytes) {
        if (closed || endOfInput) {
            bytes.release();
            throw new IllegalStateException(closed ? "receive after close" : "receive after endOfInput");
        }
        if (state == State.FAILED || state == State.INPUT_CLOSED || !bytes.isReadable()) {
            bytes.release();
            return;
        }
        if (in == null || !in.isReadable()) {
            if (in != null) {
                in.release();
            }
            in = bytes;
            ownsInput = false;
            windowOrigin = windowEnd = bytes.readerIndex();
            return;
        }
        if (ownsInput && in.refCnt() == 1) {
            if (in.writableBytes() < bytes.readableBytes()) {
                shiftWindow(in.readerIndex());
                in.discardReadBytes();
            }
            in.writeBytes(bytes);
            bytes.release();
            return;
        }
        int total = in.readableBytes() + bytes.readableBytes();
        ByteBuf merged = Buffers.allocator().directBuffer(Math.max(total * 2, 512));
        shiftWindow(in.readerIndex());
        merged.writeBytes(in).writeBytes(bytes);
        in.release();
        bytes.release();
        in = merged;
        ownsInput = true;
    }

    /** The bytes of {@link #in} move {@code by} places towards index 0; the window follows them. */
    private void shiftWindow(int by) {
        if (windowEnd < in.readerIndex()) {
            windowOrigin = windowEnd = in.readerIndex();
        }
        windowOrigin -= by;
        windowEnd -= by;
    }

    /**
     * The peer will send nothing more. Requests already received are still delivered; then
     * {@link #nextEvent()} returns {@link Http1Event.InputClosed} if the input ended between
     * requests, or {@link Http1Violation#INCOMPLETE_MESSAGE} if it ended inside one.
     */
    public void endOfInput() {
        endOfInput = true;
    }

    // ---- output ----

    /**
     * The next event: a request head, body bytes, the end of a request, {@link Http1Event#NEED_DATA},
     * or a terminal event, which every later call returns again.
     *
     * @throws IllegalStateException after {@link #close()}
     */
    public Http1Event nextEvent() {
        if (closed) {
            throw new IllegalStateException("nextEvent after close");
        }
        while (true) {
            Http1Event event = step();
            if (event == Http1Event.NEED_DATA && widenWindow()) {
                continue;
            }
            if (event == Http1Event.NEED_DATA && endOfInput) {
                return inputEnded();
            }
            if (event != null) {
                return event;
            }
        }
    }

    /**
     * What there was of the request line of a request whose head never became whole (the parser
     * refused it, or it stopped arriving): its bytes from the start up to the first CR or LF, at
     * most {@code max} of them, as ISO-8859-1; empty if no request had started. For an access log
     * line; escape it before showing it. Valid until the next {@link #receive} or {@link #close}.
     */
    public String requestLineSoFar(int max) {
        if (in == null || closed) {
            return "";
        }
        int start = in.readerIndex();
        int end = Math.min(in.writerIndex(), start + max);
        int i = start;
        while (i < end && in.getByte(i) != CR && in.getByte(i) != LF) {
            i++;
        }
        return in.toString(start, i - start, StandardCharsets.ISO_8859_1);
    }

    // ---- commands ----

    /**
     * The received bytes not yet parsed, for a protocol that takes over the connection after a
     * request (a 101 Switching Protocols upgrade, RFC 9110 §7.8, or a CONNECT tunnel). Only
     * between requests. <b>Ownership of the returned buffer passes to the caller.</b> The parser
     * is closed afterwards.
     *
     * @throws IllegalStateException inside a request, or after close
     */
    public ByteBuf takeUnparsed() {
        if (closed || state != State.START) {
            throw new IllegalStateException("takeUnparsed only between requests, not in " + (closed ? "closed" : state));
        }
        ByteBuf rest = in == null ? Unpooled.EMPTY_BUFFER : in.readRetainedSlice(in.readableBytes());
        close();
        return rest;
    }

    /** Releases the bytes the parser holds. Views and later calls become invalid. Idempotent. */
    @Override
    public void close() {
        if (in != null) {
            in.release();
            in = null;
        }
        closed = true;
    }

    // ---- the state machine ----

    /** One step: an event to return, {@link Http1Event#NEED_DATA}, or null to keep going. */
    private Http1Event step() {
        return switch (state) {
            case START -> start();
            case METHOD -> method();
            case TARGET -> target();
            case VERSION -> version();
            case REQUEST_LINE_END -> requestLineEnd();
            case FIELD_START -> fieldStart();
            case FIELD_NAME -> fieldName();
            case FIELD_WHITESPACE -> fieldWhitespace();
            case FIELD_VALUE -> fieldValue();
            case FIELD_LINE_END -> fieldLineEnd();
            case SECTION_END -> sectionEnd();
            case FIXED_BODY -> body(State.END_OF_MESSAGE);
            case CHUNK_LINE -> chunkLine();
            case CHUNK_DATA -> body(State.CHUNK_DATA_END);
            case CHUNK_DATA_END -> chunkDataEnd();
            case END_OF_MESSAGE -> {
                startRequest();
                yield END_WITHOUT_TRAILERS;
            }
            case INPUT_CLOSED -> Http1Event.INPUT_CLOSED;
            case FAILED -> error;
        };
    }

    /** RFC 9112 §2.2: ignore a few empty lines before a request line. */
    private Http1Event start() {
        if (readable() == 0) {
            releaseConsumedInput();
            return Http1Event.NEED_DATA;
        }
        if (available() == 0) {
            return Http1Event.NEED_DATA;
        }
        int b = byteAt(0);
        if (b == CR || b == LF) {
            int length = lineTerminator(0);
            if (length < 0) {
                return length == NEED ? Http1Event.NEED_DATA : error;
            }
            if (++leadingEmptyLines > settings.maxLeadingEmptyLines()) {
                return fail(Http1Violation.TOO_MANY_LEADING_EMPTY_LINES, leadingEmptyLines + " empty lines");
            }
            in.skipBytes(length);
            return null;
        }
        headerFields.reset();
        state = State.METHOD;
        return method();
    }

    /** RFC 9112 §3.1: method = token, then exactly one SP. */
    private Http1Event method() {
        int end = scan(ByteClass.TOKEN);
        if (end > settings.maxMethodLength()) {
            return fail(Http1Violation.METHOD_TOO_LONG, "method longer than " + settings.maxMethodLength());
        }
        if (end == available()) {
            pos = end;
            return Http1Event.NEED_DATA;
        }
        int b = byteAt(end);
        if (b != SP) {
            boolean structural = b == CR || b == LF || Ascii.isWhitespace(b);
            return fail(structural ? Http1Violation.MALFORMED_REQUEST_LINE : Http1Violation.INVALID_METHOD, describe(b, end));
        }
        if (end == 0) {
            return fail(Http1Violation.MALFORMED_REQUEST_LINE, "empty method");
        }
        methodLength = end;
        pos = end + 1;
        state = State.TARGET;
        return target();
    }

    /** RFC 9112 §3.2: request-target, RFC 3986 characters, then exactly one SP. */
    private Http1Event target() {
        int start = methodLength + 1;
        while (true) {
            int end = scan(ByteClass.TARGET);
            if (end - start > settings.maxTargetLength()) {
                return fail(Http1Violation.TARGET_TOO_LONG, "request-target longer than " + settings.maxTargetLength());
            }
            if (end == available()) {
                pos = end;
                return Http1Event.NEED_DATA;
            }
            int b = byteAt(end);
            if (b == SP) {
                if (end == start) {
                    return fail(Http1Violation.MALFORMED_REQUEST_LINE, "empty request-target");
                }
                targetLength = end - start;
                pos = end + 1;
                state = State.VERSION;
                return version();
            }
            if (b > SP && b < 0x7F) {
                if (!settings.allows(Http1Violation.UNSAFE_TARGET_CHARACTER)) {
                    return fail(Http1Violation.UNSAFE_TARGET_CHARACTER, describe(b, end));
                }
                allowed(Http1Violation.UNSAFE_TARGET_CHARACTER);
                pos = end + 1;
                continue;
            }
            if (b == CR || b == LF) {
                return fail(Http1Violation.MALFORMED_REQUEST_LINE, "no HTTP-version");
            }
            return fail(Http1Violation.INVALID_TARGET, describe(b, end));
        }
    }

    /**
     * RFC 9112 §2.3: {@code HTTP-version = "HTTP" "/" DIGIT "." DIGIT}, case-sensitive, then the
     * line's end. Checked byte by byte as bytes arrive, so a wrong one fails at once.
     */
    private Http1Event version() {
        int start = methodLength + 1 + targetLength + 1;
        int have = Math.min(available() - start, 9);
        // Nearly every request: "HTTP/1.1" or "HTTP/1.0" and the line's end, read as one long.
        long word = have == 9 ? Ascii.word(window, windowBase() + start) : 0;
        int last = have == 9 ? byteAt(start + 8) : 0;
        if ((word == HTTP_1_1 || word == HTTP_1_0) && (last == CR || last == LF)) {
            version = word == HTTP_1_1 ? Http1Version.HTTP_1_1 : Http1Version.HTTP_1_0;
        } else {
            Http1Event notYet = versionByteByByte(start, have);
            if (notYet != null) {
                return notYet;
            }
        }
        pos = start + 8;
        state = State.REQUEST_LINE_END;
        return requestLineEnd();
    }

    /**
     * The general reading of the version's {@code have} bytes from {@code start}: sets
     * {@link #version}, or returns the failure, or {@link Http1Event#NEED_DATA} for fewer than nine.
     */
    private Http1Event versionByteByByte(int start, int have) {
        for (int i = 0; i < have; i++) {
            int b = byteAt(start + i);
            boolean ok = switch (i) {
                case 0, 1, 2, 3, 4 -> b == "HTTP/".charAt(i);
                case 5, 7 -> b >= '0' && b <= '9';
                case 6 -> b == '.';
                default -> b == CR || b == LF;
            };
            if (!ok) {
                boolean inVersion = i < 8 || (b >= '0' && b <= '9') || b == '.';
                return fail(inVersion ? Http1Violation.MALFORMED_VERSION : Http1Violation.MALFORMED_REQUEST_LINE,
                        describe(b, start + i));
            }
        }
        if (have < 9) {
            return Http1Event.NEED_DATA;
        }
        int major = byteAt(start + 5) - '0';
        int minor = byteAt(start + 7) - '0';
        if (major != 1) {
            return fail(Http1Violation.UNSUPPORTED_VERSION, "HTTP/" + major + "." + minor);
        }
        version = minor == 0 ? Http1Version.HTTP_1_0 : Http1Version.HTTP_1_1;
        return null;
    }

    private Http1Event requestLineEnd() {
        int length = lineTerminator(pos);
        if (length < 0) {
            return length == NEED ? Http1Event.NEED_DATA : error;
        }
        Http1Event bad = checkTargetForm();
        if (bad != null) {
            return bad;
        }
        pos += length;
        sectionStart = pos;
        state = State.FIELD_START;
        return fieldStart();
    }

    /**
     * RFC 9112 §3.2: origin-form ({@code /path}), absolute-form ({@code scheme:...}),
     * authority-form (only for CONNECT, {@code host:port}), asterisk-form (only for OPTIONS).
     */
    private Http1Event checkTargetForm() {
        int r = windowBase();
        int t = r + methodLength + 1;
        int first = window[t];
        if (Ascii.equals(window, r, methodLength, "CONNECT")) {
            int colon = -1;
            for (int i = 0; i < targetLength; i++) {
                int b = window[t + i];
                if (b == '/' || b == '?' || b == '@') {
                    return fail(Http1Violation.INVALID_TARGET, "CONNECT needs authority-form host:port");
                }
                if (b == ':') {
                    colon = i;
                }
            }
            if (colon <= 0 || colon == targetLength - 1 || !digits(t + colon + 1, t + targetLength)) {
                return fail(Http1Violation.INVALID_TARGET, "CONNECT needs authority-form host:port");
            }
            return null;
        }
        if (first == '*' && targetLength == 1) {
            return Ascii.equals(window, r, methodLength, "OPTIONS")
                    ? null
                    : fail(Http1Violation.INVALID_TARGET, "asterisk-form is only for OPTIONS");
        }
        if (first == '/') {
            return null;
        }
        int i = 0;
        while (i < targetLength) {
            int b = window[t + i];
            boolean schemeChar = (b | 0x20) >= 'a' && (b | 0x20) <= 'z'
                    || i > 0 && (b >= '0' && b <= '9' || b == '+' || b == '-' || b == '.');
            if (!schemeChar) {
                break;
            }
            i++;
        }
        if (i > 0 && i < targetLength && window[t + i] == ':') {
            return null;
        }
        return fail(Http1Violation.INVALID_TARGET, "not origin-form, absolute-form, authority-form or asterisk-form");
    }

    /** RFC 9112 §5: a field line, the end of the section, or a forbidden leading whitespace. */
    private Http1Event fieldStart() {
        if (pos - sectionStart > sectionLimit()) {
            return sectionTooLarge();
        }
        if (pos >= available()) {
            return Http1Event.NEED_DATA;
        }
        int b = byteAt(pos);
        if (b == CR || b == LF) {
            state = State.SECTION_END;
            return sectionEnd();
        }
        if (Ascii.isWhitespace(b)) {
            boolean afterStartLine = !inTrailers && headerFields.size() == 0;
            return fail(afterStartLine ? Http1Violation.WHITESPACE_AFTER_START_LINE : Http1Violation.OBS_FOLD,
                    "line starts with whitespace");
        }
        lineStart = pos;
        state = State.FIELD_NAME;
        return fieldName();
    }

    /** RFC 9112 §5.1: field-name = token, then ':' with no whitespace before it. */
    private Http1Event fieldName() {
        int end = scan(ByteClass.TOKEN);
        if (end - sectionStart > sectionLimit()) {
            return sectionTooLarge();
        }
        if (end == available()) {
            pos = end;
            return Http1Event.NEED_DATA;
        }
        int b = byteAt(end);
        if (b == ':') {
            if (end == lineStart) {
                return fail(Http1Violation.INVALID_FIELD_NAME, "empty field name");
            }
            nameEnd = end;
            pos = end + 1;
            state = State.FIELD_WHITESPACE;
            return fieldWhitespace();
        }
        if (Ascii.isWhitespace(b)) {
            return fail(Http1Violation.WHITESPACE_BEFORE_COLON, describe(b, end));
        }
        return fail(Http1Violation.INVALID_FIELD_NAME, describe(b, end));
    }

    /** RFC 9112 §5.1: OWS before the value is not part of it. */
    private Http1Event fieldWhitespace() {
        int available = available();
        int base = windowBase();
        while (pos < available && Ascii.isWhitespace(window[base + pos])) {
            pos++;
        }
        if (pos - sectionStart > sectionLimit()) {
            return sectionTooLarge();
        }
        if (pos == available) {
            return Http1Event.NEED_DATA;
        }
        valueStart = pos;
        state = State.FIELD_VALUE;
        return fieldValue();
    }

    /** RFC 9110 §5.5: field-vchar, SP and HTAB up to the line's end; trailing OWS is trimmed. */
    private Http1Event fieldValue() {
        int end = scan(ByteClass.FIELD_VALUE);
        if (end - sectionStart > sectionLimit()) {
            return sectionTooLarge();
        }
        if (end == available()) {
            pos = end;
            return Http1Event.NEED_DATA;
        }
        int b = byteAt(end);
        if (b != CR && b != LF) {
            return fail(Http1Violation.INVALID_FIELD_VALUE, describe(b, end));
        }
        int trimmed = end;
        int base = windowBase();
        while (trimmed > valueStart && Ascii.isWhitespace(window[base + trimmed - 1])) {
            trimmed--;
        }
        valueEnd = trimmed;
        pos = end;
        state = State.FIELD_LINE_END;
        return fieldLineEnd();
    }

    private Http1Event fieldLineEnd() {
        int length = lineTerminator(pos);
        if (length < 0) {
            return length == NEED ? Http1Event.NEED_DATA : error;
        }
        Http1Fields fields = inTrailers ? trailerFields : headerFields;
        if (fields.size() >= settings.maxFieldCount()) {
            return fail(Http1Violation.TOO_MANY_FIELDS, "more than " + settings.maxFieldCount() + " field lines");
        }
        fields.add(lineStart, nameEnd - lineStart, valueStart, valueEnd - valueStart);
        if (!inTrailers) {
            int base = windowBase();
            Http1Event bad = headerField(base + lineStart, nameEnd - lineStart, base + valueStart, valueEnd - valueStart);
            if (bad != null) {
                return bad;
            }
        }
        pos += length;
        state = State.FIELD_START;
        return null;
    }

    private Http1Event sectionEnd() {
        int length = lineTerminator(pos);
        if (length < 0) {
            return length == NEED ? Http1Event.NEED_DATA : error;
        }
        pos += length;
        if (pos - sectionStart > sectionLimit()) {
            return sectionTooLarge();
        }
        return inTrailers ? trailersComplete() : headComplete();
    }

    /** RFC 9112 §6.3: the body's length, decided once from the whole header section. */
    private Http1Event headComplete() {
        if (version == Http1Version.HTTP_1_1 && hostCount == 0) {
            return fail(Http1Violation.MISSING_HOST, "HTTP/1.1 request without Host");
        }
        Http1RequestHead.BodyFraming framing;
        long length = -1;
        if (transferEncoding) {
            if (version == Http1Version.HTTP_1_0) {
                return fail(Http1Violation.TRANSFER_ENCODING_IN_HTTP_1_0, "Transfer-Encoding in HTTP/1.0");
            }
            if (contentLength >= 0) {
                return fail(Http1Violation.CONTENT_LENGTH_WITH_TRANSFER_ENCODING, "Content-Length and Transfer-Encoding");
            }
            if (chunkedCount != 1 || !lastCodingChunked) {
                return fail(Http1Violation.CHUNKED_NOT_FINAL,
                        chunkedCount > 1 ? "chunked applied more than once" : "last transfer coding is not chunked");
            }
            if (otherCoding) {
                return fail(Http1Violation.UNKNOWN_TRANSFER_CODING, "only chunked is implemented");
            }
            framing = Http1RequestHead.BodyFraming.CHUNKED;
        } else if (contentLength >= 0) {
            if (contentLength > settings.maxBodyBytes()) {
                return fail(Http1Violation.BODY_TOO_LARGE, "Content-Length " + contentLength);
            }
            framing = Http1RequestHead.BodyFraming.CONTENT_LENGTH;
            length = contentLength;
        } else {
            framing = Http1RequestHead.BodyFraming.NONE;
        }
        boolean persistent = !connectionClose && (version == Http1Version.HTTP_1_1 || connectionKeepAlive);
        int r = in.readerIndex();
        headerFields.publish(in, r);
        head.publish(in, r, methodLength, methodLength + 1, targetLength, version, framing, length, persistent,
                expectContinue && version == Http1Version.HTTP_1_1,
                upgradeField && connectionUpgrade && version == Http1Version.HTTP_1_1);
        in.readerIndex(r + pos);
        pos = 0;
        if (framing == Http1RequestHead.BodyFraming.CHUNKED) {
            state = State.CHUNK_LINE;
        } else if (length > 0) {
            bodyRemaining = length;
            state = State.FIXED_BODY;
        } else {
            state = State.END_OF_MESSAGE;
        }
        return head;
    }

    private Http1Event trailersComplete() {
        int r = in.readerIndex();
        trailerFields.publish(in, r);
        in.readerIndex(r + pos);
        Http1Event end = trailerFields.isEmpty() ? END_WITHOUT_TRAILERS : endWithTrailers;
        startRequest();
        return end;
    }

    /** Body bytes as they are available, up to what the framing says is left. */
    private Http1Event body(State after) {
        int available = readable();
        if (available == 0) {
            return Http1Event.NEED_DATA;
        }
        int take = (int) Math.min(available, bodyRemaining);
        ByteBuf content = in.readRetainedSlice(take);
        bodyRemaining -= take;
        if (bodyRemaining == 0) {
            state = after;
        }
        return body.with(content);
    }

    /** RFC 9112 §7.1: chunk-size [ chunk-ext ] CRLF, one byte at a time. */
    private Http1Event chunkLine() {
        int available = available();
        while (true) {
            if (pos > settings.maxChunkLineLength()) {
                return fail(Http1Violation.CHUNK_LINE_TOO_LONG, "chunk line longer than " + settings.maxChunkLineLength());
            }
            if (pos >= available) {
                return Http1Event.NEED_DATA;
            }
            int b = byteAt(pos);
            ChunkStep next = chunkStep == ChunkStep.SIZE ? chunkSizeDigit(b) : ChunkStep.next(chunkStep, b);
            if (next == ChunkStep.INVALID) {
                return fail(chunkStep == ChunkStep.SIZE ? Http1Violation.INVALID_CHUNK_SIZE : Http1Violation.INVALID_CHUNK_EXTENSION,
                        describe(b, pos));
            }
            if (next == ChunkStep.LINE_END) {
                int length = lineTerminator(pos);
                if (length < 0) {
                    return length == NEED ? Http1Event.NEED_DATA : error;
                }
                in.skipBytes(pos + length);
                pos = 0;
                return chunkHeaderComplete();
            }
            chunkStep = next;
            pos++;
        }
    }

    /** RFC 9112 §7.1: chunk-size = 1*HEXDIG; a size that overflows a long is invalid. */
    private ChunkStep chunkSizeDigit(int b) {
        int digit = Ascii.hexValue(b);
        if (digit >= 0) {
            if (chunkSize > (Long.MAX_VALUE >>> 4)) {
                return ChunkStep.INVALID;
            }
            chunkSize = (chunkSize << 4) | digit;
            chunkDigits++;
            return ChunkStep.SIZE;
        }
        if (chunkDigits == 0) {
            return ChunkStep.INVALID;
        }
        if (b == ';') {
            return ChunkStep.BEFORE_NAME;
        }
        if (Ascii.isWhitespace(b)) {
            return ChunkStep.BEFORE_SEMICOLON;
        }
        return b == CR || b == LF ? ChunkStep.LINE_END : ChunkStep.INVALID;
    }

    private Http1Event chunkHeaderComplete() {
        if (chunkSize == 0) {
            inTrailers = true;
            trailerFields.reset();
            sectionStart = 0;
            state = State.FIELD_START;
            return null;
        }
        if (chunkSize > settings.maxBodyBytes() - bodyTotal) {
            return fail(Http1Violation.BODY_TOO_LARGE, "chunked body longer than " + settings.maxBodyBytes());
        }
        bodyTotal += chunkSize;
        bodyRemaining = chunkSize;
        state = State.CHUNK_DATA;
        return null;
    }

    /** RFC 9112 §7.1: chunk-data is followed by CRLF. */
    private Http1Event chunkDataEnd() {
        if (available() == 0) {
            return Http1Event.NEED_DATA;
        }
        int b = byteAt(0);
        if (b != CR && b != LF) {
            return fail(Http1Violation.MISSING_CHUNK_TERMINATOR, describe(b, 0));
        }
        int length = lineTerminator(0);
        if (length < 0) {
            return length == NEED ? Http1Event.NEED_DATA : error;
        }
        in.skipBytes(length);
        resetChunk();
        state = State.CHUNK_LINE;
        return null;
    }

    // ---- header fields that decide framing and persistence ----

    /** Fields with a meaning for the wire: Host, Content-Length, Transfer-Encoding, Connection, Expect, Upgrade. */
    private Http1Event headerField(int name, int nameLength, int value, int valueLength) {
        switch (nameLength) {
            case 4 -> {
                if (Ascii.equalsIgnoreCase(window, name, nameLength, "host")) {
                    return host(value, valueLength);
                }
            }
            case 6 -> {
                if (Ascii.equalsIgnoreCase(window, name, nameLength, "expect")) {
                    expectContinue |= Ascii.equalsIgnoreCase(window, value, valueLength, "100-continue");
                }
            }
            case 7 -> upgradeField |= Ascii.equalsIgnoreCase(window, name, nameLength, "upgrade");
            case 10 -> {
                if (Ascii.equalsIgnoreCase(window, name, nameLength, "connection")) {
                    connection(value, value + valueLength);
                }
            }
            case 14 -> {
                if (Ascii.equalsIgnoreCase(window, name, nameLength, "content-length")) {
                    return contentLength(value, value + valueLength);
                }
            }
            case 17 -> {
                if (Ascii.equalsIgnoreCase(window, name, nameLength, "transfer-encoding")) {
                    return transferEncoding(value, value + valueLength);
                }
            }
            default -> {
                return null;
            }
        }
        return null;
    }

    /** RFC 9112 §3.2: one Host, whose value is uri-host [ ":" port ] (RFC 3986 characters). */
    private Http1Event host(int value, int length) {
        if (++hostCount > 1) {
            return fail(Http1Violation.DUPLICATE_HOST, "more than one Host");
        }
        for (int i = value; i < value + length; i++) {
            int b = window[i];
            if (!ByteClass.TARGET.contains((byte) b) || b == '/' || b == '?' || b == '@') {
                return fail(Http1Violation.INVALID_HOST, describe(b, i - windowBase()));
            }
        }
        return null;
    }

    /**
     * RFC 9110 §8.6: Content-Length = 1*DIGIT. A list of identical values ("42, 42"), or the
     * same value on several lines, is folded into one; differing values are an error (RFC 9112
     * §6.3), since two parsers could pick different ones.
     */
    private Http1Event contentLength(int from, int to) {
        int i = from;
        boolean any = false;
        while (true) {
            i = skipWhitespace(i, to);
            int digitsStart = i;
            long value = 0;
            while (i < to && window[i] >= '0' && window[i] <= '9') {
                if (i - digitsStart >= 18) {
                    return fail(Http1Violation.INVALID_CONTENT_LENGTH, "Content-Length too large");
                }
                value = value * 10 + (window[i] - '0');
                i++;
            }
            if (i == digitsStart) {
                return fail(Http1Violation.INVALID_CONTENT_LENGTH, "Content-Length is not 1*DIGIT");
            }
            if (contentLength >= 0 && contentLength != value) {
                return fail(Http1Violation.CONFLICTING_CONTENT_LENGTH, contentLength + " and " + value);
            }
            contentLength = value;
            any = true;
            i = skipWhitespace(i, to);
            if (i == to) {
                return any ? null : fail(Http1Violation.INVALID_CONTENT_LENGTH, "empty Content-Length");
            }
            if (window[i] != ',') {
                return fail(Http1Violation.INVALID_CONTENT_LENGTH, "Content-Length is not 1*DIGIT");
            }
            i++;
        }
    }

    /**
     * RFC 9112 §6.1 and RFC 9110 §10.1.4: a list of transfer codings, each a token with optional
     * parameters. Lines add to the list in order. What the list means is decided when the head
     * is complete ({@link #headComplete()}): chunked exactly once and last, nothing else.
     */
    private Http1Event transferEncoding(int from, int to) {
        transferEncoding = true;
        int i = from;
        while (true) {
            while (i < to && (Ascii.isWhitespace(window[i]) || window[i] == ',')) {
                i++;
            }
            if (i == to) {
                return null;
            }
            int nameStart = i;
            while (i < to && ByteClass.TOKEN.contains(window[i])) {
                i++;
            }
            if (i == nameStart) {
                return fail(Http1Violation.INVALID_TRANSFER_ENCODING, describe(window[i], i - windowBase()));
            }
            boolean chunked = Ascii.equalsIgnoreCase(window, nameStart, i - nameStart, "chunked");
            i = skipWhitespace(i, to);
            boolean parameters = i < to && window[i] == ';';
            if (parameters) {
                i = skipParameters(i, to);
            }
            if (i < to && window[i] != ',') {
                return fail(Http1Violation.INVALID_TRANSFER_ENCODING, describe(window[i], i - windowBase()));
            }
            if (chunked && parameters) {
                return fail(Http1Violation.INVALID_TRANSFER_ENCODING, "chunked takes no parameters");
            }
            if (chunked) {
                chunkedCount++;
            } else {
                otherCoding = true;
            }
            lastCodingChunked = chunked;
        }
    }

    /** Skips {@code ;param=value} up to the next list comma outside a quoted string. */
    private int skipParameters(int i, int to) {
        boolean quoted = false;
        while (i < to) {
            int b = window[i];
            if (quoted && b == '\\') {
                i += 2;
                continue;
            }
            if (b == '"') {
                quoted = !quoted;
            } else if (b == ',' && !quoted) {
                return i;
            }
            i++;
        }
        return to;
    }

    /** RFC 9112 §9.3 and §9.6: the "close" and "keep-alive" connection options; RFC 9110 §7.8: "upgrade". */
    private void connection(int from, int to) {
        int i = from;
        while (i < to) {
            while (i < to && (Ascii.isWhitespace(window[i]) || window[i] == ',')) {
                i++;
            }
            int start = i;
            while (i < to && window[i] != ',') {
                i++;
            }
            int end = i;
            while (end > start && Ascii.isWhitespace(window[end - 1])) {
                end--;
            }
            connectionClose |= Ascii.equalsIgnoreCase(window, start, end - start, "close");
            connectionKeepAlive |= Ascii.equalsIgnoreCase(window, start, end - start, "keep-alive");
            connectionUpgrade |= Ascii.equalsIgnoreCase(window, start, end - start, "upgrade");
        }
    }

    // ---- helpers ----

    /**
     * The length of the line terminator at {@code at}, whose byte is CR or LF: 2 for CRLF, 1 for
     * an allowed bare LF; {@link #NEED} if CR is the last byte so far; {@link #FAILED} (with
     * {@link #error} set) for a bare CR or a bare LF that is not allowed (RFC 9112 §2.2).
     */
    private int lineTerminator(int at) {
        if (byteAt(at) == CR) {
            if (at + 1 >= available()) {
                return NEED;
            }
            if (byteAt(at + 1) == LF) {
                return 2;
            }
            fail(Http1Violation.BARE_CR, "CR not followed by LF at " + at);
            return FAILED;
        }
        if (!settings.allows(Http1Violation.BARE_LF)) {
            fail(Http1Violation.BARE_LF, "LF without CR at " + at);
            return FAILED;
        }
        allowed(Http1Violation.BARE_LF);
        return 1;
    }

    /** Scans from {@link #pos} for the first byte not in {@code cls}; relative to the reader index. */
    private int scan(ByteClass cls) {
        int base = windowBase();
        return ByteScanner.skip(window, base + pos, windowEnd - windowOrigin, cls) - base;
    }

    private boolean digits(int from, int to) {
        for (int i = from; i < to; i++) {
            int b = window[i];
            if (b < '0' || b > '9') {
                return false;
            }
        }
        return true;
    }

    private int skipWhitespace(int i, int to) {
        while (i < to && Ascii.isWhitespace(window[i])) {
            i++;
        }
        return i;
    }

    /**
     * Between requests, with every byte parsed, nothing points into the input any more: let it go
     * now rather than at the next {@link #receive}, so a transport that lent a slice of a reused
     * read buffer gets it back whole.
     */
    private void releaseConsumedInput() {
        if (in != null) {
            in.release();
            in = null;
        }
        if (window.length > KEPT_WINDOW) {
            window = new byte[IDLE_WINDOW];
        }
    }

    /** Received bytes not yet consumed, copied into the window or not. */
    private int readable() {
        return in == null ? 0 : in.readableBytes();
    }

    /** How many bytes from the reader index on the head states can read: those in the window. */
    private int available() {
        return in == null ? 0 : Math.max(0, windowEnd - in.readerIndex());
    }

    /** Where the reader index of {@link #in} is in the window. */
    private int windowBase() {
        return in.readerIndex() - windowOrigin;
    }

    private int byteAt(int relative) {
        return window[windowBase() + relative] & 0xFF;
    }

    /**
     * Copies up to {@link #WINDOW_STEP} more received bytes into the window, first moving the
     * bytes not yet consumed to its start; false if every received byte is in it already. Only
     * the bytes a scan has reached are copied, so the window holds at most a head section (the
     * parser's limits end it there) and one step more.
     */
    private boolean widenWindow() {
        if (in == null || windowEnd >= in.writerIndex()) {
            return false;
        }
        int reader = in.readerIndex();
        int kept = Math.max(0, windowEnd - reader);
        if (kept > 0 && reader > windowOrigin) {
            System.arraycopy(window, reader - windowOrigin, window, 0, kept);
        }
        windowOrigin = reader;
        windowEnd = reader + kept;
        int more = Math.min(in.writerIndex() - windowEnd, WINDOW_STEP);
        if (kept + more > window.length) {
            window = Arrays.copyOf(window, Math.max(window.length * 2, kept + more));
        }
        in.getBytes(windowEnd, window, kept, more);
        windowEnd += more;
        return true;
    }

    private int sectionLimit() {
        return inTrailers ? settings.maxTrailerSectionBytes() : settings.maxHeaderSectionBytes();
    }

    private Http1Event sectionTooLarge() {
        return inTrailers
                ? fail(Http1Violation.TRAILER_SECTION_TOO_LARGE, "trailer section larger than " + settings.maxTrailerSectionBytes())
                : fail(Http1Violation.HEADER_SECTION_TOO_LARGE, "header section larger than " + settings.maxHeaderSectionBytes());
    }

    private void allowed(Http1Violation violation) {
        allowedSeen.add(violation);
        allowedCount++;
    }

    private Http1Event.ProtocolError fail(Http1Violation violation, String detail) {
        error = new Http1Event.ProtocolError(violation, detail);
        state = State.FAILED;
        return error;
    }

    private Http1Event inputEnded() {
        if (state == State.START && readable() == 0) {
            state = State.INPUT_CLOSED;
            return Http1Event.INPUT_CLOSED;
        }
        return fail(Http1Violation.INCOMPLETE_MESSAGE, "input ended in " + state);
    }

    private static String describe(int b, int at) {
        return String.format("byte 0x%02X at %d", b & 0xFF, at);
    }

    private void startRequest() {
        state = State.START;
        pos = 0;
        leadingEmptyLines = 0;
        inTrailers = false;
        hostCount = 0;
        contentLength = -1;
        transferEncoding = false;
        chunkedCount = 0;
        lastCodingChunked = false;
        otherCoding = false;
        connectionClose = false;
        connectionKeepAlive = false;
        expectContinue = false;
        upgradeField = false;
        connectionUpgrade = false;
        bodyRemaining = 0;
        bodyTotal = 0;
        resetChunk();
    }

    private void resetChunk() {
        chunkStep = ChunkStep.SIZE;
        chunkSize = 0;
        chunkDigits = 0;
    }
}
