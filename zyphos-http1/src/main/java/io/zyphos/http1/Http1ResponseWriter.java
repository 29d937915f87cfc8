package io.zyphos.http1;

import io.netty.buffer.ByteBuf;
import io.zyphos.http.HeaderName;
import io.zyphos.http.Headers;
import io.zyphos.http.Status;
import io.zyphos.http1.internal.ByteClass;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Serialises HTTP/1.1 responses (RFC 9112 §4, §6, §7) into buffers the caller supplies.
 *
 * <p>A response is written in order: {@link #statusLine}, any number of {@link #field}s and a
 * {@link #date}, then exactly one way to end the head, which also fixes the body's framing:
 * <ul>
 *   <li>{@link #endHead(ByteBuf, long)}: {@code Content-Length}; then {@link #body} up to that
 *       many bytes and {@link #end}.</li>
 *   <li>{@link #endHeadChunked}: {@code Transfer-Encoding: chunked}; each {@link #body} call is
 *       one chunk; {@link #end} writes the last chunk, or {@link #lastChunk}, {@link #trailer}s
 *       and {@link #end} send trailers (§7.1.2).</li>
 *   <li>{@link #endHeadUntilClose}: a body delimited by closing the connection (§6.3, for
 *       HTTP/1.0 clients that cannot read chunked).</li>
 *   <li>{@link #endHeadWithoutBody}: for HEAD, 204 and 304, which have no body (§6.3).</li>
 * </ul>
 * An {@link #interim} response (1xx, such as 100 Continue) may precede the final one. Calls out
 * of this order are the caller's mistake and throw {@link IllegalStateException}; bad names and
 * values throw {@link IllegalArgumentException} before anything is written, so a header can never
 * split a response. The writer frames; Content-Length and Transfer-Encoding are not accepted as
 * plain fields.
 *
 * <p>Every {@code ByteBuf out} stays the caller's: the writer only appends to it. The head, from
 * the status line to the empty line that ends it, is composed in the writer and appended whole to
 * the {@code out} of the call that ends it; until then the other calls' {@code out} is untouched. A {@code ByteBuf
 * data} argument is borrowed: its readable bytes are copied and its indices are not moved.
 *
 * <p>Responses are always {@code HTTP/1.1}: a server sends the highest minor version it
 * conforms to (RFC 9110 §2.5), also to HTTP/1.0 clients. Not thread-safe: one per connection.
 */
public final class Http1ResponseWriter {

    private enum Phase { IDLE, HEAD, LENGTH_BODY, CHUNKED_BODY, UNTIL_CLOSE_BODY, TRAILERS }

    private static final byte[] CRLF = {'\r', '\n'};
    private static final byte[] FIELD_SEPARATOR = {':', ' '};
    private static final byte[] CONTENT_LENGTH = "content-length: ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CHUNKED = "transfer-encoding: chunked\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] DATE = "date: ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] LAST_CHUNK = "0\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[][] STATUS_LINES = new byte[600][];
    /** The digits of every length below 4096: most bodies' Content-Length, with no division. */
    private static final byte[][] SMALL_DECIMALS = new byte[4096][];

    static {
        for (int n = 0; n < SMALL_DECIMALS.length; n++) {
            SMALL_DECIMALS[n] = Integer.toString(n).getBytes(StandardCharsets.US_ASCII);
        }
    }

    static {
        // The phrases are Status's: one table for every HTTP version.
        for (int code = 100; code < 600; code++) {
            STATUS_LINES[code] = statusLineBytes(Status.of(code));
        }
    }

    private final DateHeaderCache date = new DateHeaderCache();
    /**
     * The head being written, from the status line to the empty line that ends it: copied into
     * the caller's buffer at once when it ends, rather than a few bytes at a time, each copy into
     * a direct buffer having a cost of its own.
     */
    private byte[] head = new byte[256];
    private int headLength;
    private Phase phase = Phase.IDLE;
    private long declaredLength;
    private long written;
    /** A chunk's data went out {@linkplain #bodyElsewhere elsewhere}; its closing CRLF is owed. */
    private boolean chunkEndOwed;

    /** Whether the writer is between responses. */
    public boolean idle() {
        return phase == Phase.IDLE;
    }

    /**
     * An interim response with no fields (RFC 9110 §15.2), such as {@code 100 Continue} for a
     * request that {@linkplain Http1RequestHead#expectsContinue() expects it}.
     */
    public void interim(ByteBuf out, int status) {
        require(Phase.IDLE, "interim");
        if (status < 100 || status > 199 || status == 101) {
            throw new IllegalArgumentException("interim responses are 1xx other than 101 (write that with statusLine): " + status);
        }
        out.writeBytes(STATUS_LINES[status]).writeBytes(CRLF);
    }

    /**
     * An interim response with fields (RFC 9110 §15.2), such as {@code 103 Early Hints} with the
     * {@code Link} fields a client may preload (RFC 8297). Framing fields are refused: an interim
     * response has no content (RFC 9110 §15.2).
     */
    public void interim(ByteBuf out, Status status, Headers fields) {
        require(Phase.IDLE, "interim");
        int code = status.code();
        if (code < 100 || code > 199 || code == 101) {
            throw new IllegalArgumentException("interim responses are 1xx other than 101 (write that with statusLine): " + code);
        }
        headLength = 0;
        stage(status == Status.of(code) ? STATUS_LINES[code] : statusLineBytes(status));
        for (int i = 0, n = fields.size(); i < n; i++) {
            HeaderName name = fields.name(i);
            if (name == HeaderName.CONTENT_LENGTH || name == HeaderName.TRANSFER_ENCODING) {
                headLength = 0;
                throw new IllegalArgumentException(name + " has no place in an interim response");
            }
            stageField(name.name(), fields.value(i));
        }
        stage(CRLF);
        emitHead(out);
    }

    /**
     * Starts a response: {@code HTTP/1.1 status reason CRLF} (RFC 9112 §4), with the reason
     * phrase {@link Status#of(int)} gives the code.
     */
    public void statusLine(ByteBuf out, int status) {
        require(Phase.IDLE, "statusLine");
        if (status < 100 || status > 599) {
            throw new IllegalArgumentException("status must be 100 to 599: " + status);
        }
        headLength = 0;
        stage(STATUS_LINES[status]);
        phase = Phase.HEAD;
    }

    /**
     * Starts a response with {@code status}'s own reason phrase: the registered one, or one given
     * to {@link Status#of(int, String)} (checked there against RFC 9112 §4's grammar).
     */
    public void statusLine(ByteBuf out, Status status) {
        require(Phase.IDLE, "statusLine");
        int code = status.code();
        headLength = 0;
        stage(status == Status.of(code) ? STATUS_LINES[code] : statusLineBytes(status));
        phase = Phase.HEAD;
    }

    private static byte[] statusLineBytes(Status status) {
        return ("HTTP/1.1 " + status.code() + " " + status.reasonPhrase() + "\r\n").getBytes(StandardCharsets.ISO_8859_1);
    }

    /**
     * One field line {@code name: value CRLF} (RFC 9112 §5). The name must be a token; the value
     * field-vchar, SP or HTAB, with no CR, LF or other control.
     */
    public void field(ByteBuf out, CharSequence name, CharSequence value) {
        require(Phase.HEAD, "field");
        checkField(name, value);
        if (equalsIgnoreCase(name, "content-length") || equalsIgnoreCase(name, "transfer-encoding")) {
            throw new IllegalArgumentException(name + " is written by endHead or endHeadChunked");
        }
        stageField(name, value);
    }

    /**
     * A field from {@link Headers}, which checked its name and value when it was added (RFC 9110
     * §5.1, §5.5), so they are written without a second check.
     */
    public void field(ByteBuf out, HeaderName name, String value) {
        require(Phase.HEAD, "field");
        if (name == HeaderName.CONTENT_LENGTH || name == HeaderName.TRANSFER_ENCODING) {
            throw new IllegalArgumentException(name + " is written by endHead or endHeadChunked");
        }
        stageField(name.name(), value);
    }

    /**
     * Abandons the response being written, if any, and returns to between responses: for a
     * connection that replaces a response it could not finish writing into its buffer.
     */
    public void reset() {
        phase = Phase.IDLE;
        chunkEndOwed = false;
        headLength = 0;
    }

    /** {@code date: IMF-fixdate CRLF} for {@code nowMillis} (RFC 9110 §6.6.1), formatted once a second. */
    public void date(ByteBuf out, long nowMillis) {
        require(Phase.HEAD, "date");
        stage(DATE);
        ensureRoom(DateHeaderCache.LENGTH);
        headLength = date.writeTo(head, headLength, nowMillis);
        stage(CRLF);
    }

    /** Ends the head with {@code content-length} (RFC 9110 §8.6); a body of exactly that many bytes follows. */
    public void endHead(ByteBuf out, long contentLength) {
        require(Phase.HEAD, "endHead");
        endWithContentLength(out, contentLength);
        declaredLength = contentLength;
        written = 0;
        phase = contentLength == 0 ? Phase.IDLE : Phase.LENGTH_BODY;
    }

    /**
     * Ends the head with {@code transfer-encoding: chunked} (RFC 9112 §7.1).
     *
     * @param requestVersion the request's version: a server MUST NOT send Transfer-Encoding to an
     *     HTTP/1.0 request (RFC 9112 §6.1), so that throws
     */
    public void endHeadChunked(ByteBuf out, Http1Version requestVersion) {
        require(Phase.HEAD, "endHeadChunked");
        if (requestVersion != Http1Version.HTTP_1_1) {
            throw new IllegalStateException("chunked responses need an HTTP/1.1 request (RFC 9112 §6.1); use endHeadUntilClose");
        }
        stage(CHUNKED);
        emitHead(out);
        phase = Phase.CHUNKED_BODY;
    }

    /** Ends the head; the body runs until the connection closes, which the caller must then do (RFC 9112 §6.3). */
    public void endHeadUntilClose(ByteBuf out) {
        require(Phase.HEAD, "endHeadUntilClose");
        stage(CRLF);
        emitHead(out);
        phase = Phase.UNTIL_CLOSE_BODY;
    }

    /** Ends the head of a response that has no body: to HEAD, or 1xx, 204 or 304 (RFC 9112 §6.3). */
    public void endHeadWithoutBody(ByteBuf out) {
        require(Phase.HEAD, "endHeadWithoutBody");
        stage(CRLF);
        emitHead(out);
        phase = Phase.IDLE;
    }

    /**
     * Ends the head of a response to HEAD with the {@code content-length} the same GET would have
     * had (RFC 9110 §9.3.2 and §8.6), and no body.
     */
    public void endHeadWithoutBody(ByteBuf out, long contentLength) {
        require(Phase.HEAD, "endHeadWithoutBody");
        endWithContentLength(out, contentLength);
        phase = Phase.IDLE;
    }

    private void endWithContentLength(ByteBuf out, long contentLength) {
        if (contentLength < 0) {
            throw new IllegalArgumentException("content length must not be negative: " + contentLength);
        }
        stage(CONTENT_LENGTH);
        stageDecimal(contentLength);
        stage(CRLF);
        stage(CRLF);
        emitHead(out);
    }

    // ---- the head, composed in an array of our own and copied into the caller's buffer whole ----

    private void ensureRoom(int n) {
        if (headLength + n > head.length) {
            head = Arrays.copyOf(head, Math.max(head.length * 2, headLength + n));
        }
    }

    private void stage(byte[] bytes) {
        ensureRoom(bytes.length);
        System.arraycopy(bytes, 0, head, headLength, bytes.length);
        headLength += bytes.length;
    }

    /** Characters of a name or value already checked to be bytes (ISO-8859-1, names ASCII). */
    private void stage(CharSequence text) {
        int n = text.length();
        ensureRoom(n);
        byte[] h = head;
        int at = headLength;
        for (int i = 0; i < n; i++) {
            h[at + i] = (byte) text.charAt(i);
        }
        headLength = at + n;
    }

    private void stageField(CharSequence name, CharSequence value) {
        stage(name);
        stage(FIELD_SEPARATOR);
        stage(value);
        stage(CRLF);
    }

    private void stageDecimal(long n) {
        if (n < SMALL_DECIMALS.length) {
            stage(SMALL_DECIMALS[(int) n]);
            return;
        }
        ensureRoom(20);
        int digits = 1;
        for (long rest = n / 10; rest != 0; rest /= 10) {
            digits++;
        }
        for (int i = headLength + digits - 1; i >= headLength; i--) {
            head[i] = (byte) ('0' + n % 10);
            n /= 10;
        }
        headLength += digits;
    }

    /** The head is complete: into {@code out} in one copy. */
    private void emitHead(ByteBuf out) {
        out.writeBytes(head, 0, headLength);
        headLength = 0;
    }

    /**
     * Body bytes that the caller queues itself right after {@code out}, instead of having them
     * copied: a large buffer handed to the transport whole, or a file region sent with sendfile.
     * They are counted against the Content-Length; in a chunked body the chunk-size line goes
     * into {@code out} now and the CRLF that closes the chunk at the next call.
     */
    public void bodyElsewhere(ByteBuf out, long length) {
        switch (phase) {
            case LENGTH_BODY -> {
                if (written + length > declaredLength) {
                    throw new IllegalStateException("body longer than content-length " + declaredLength);
                }
                written += length;
            }
            case CHUNKED_BODY -> {
                if (length > 0) {
                    payChunkEnd(out);
                    writeHex(out, length);
                    out.writeBytes(CRLF);
                    chunkEndOwed = true;
                }
            }
            case UNTIL_CLOSE_BODY -> { }
            default -> throw new IllegalStateException("body in phase " + phase);
        }
    }

    private void payChunkEnd(ByteBuf out) {
        if (chunkEndOwed) {
            out.writeBytes(CRLF);
            chunkEndOwed = false;
        }
    }

    /**
     * Body bytes: copied as they are, or as one chunk ({@code size-in-hex CRLF data CRLF}) when
     * chunked. An empty {@code data} writes nothing, since an empty chunk would end the body.
     *
     * @param data borrowed; its readable bytes are copied and its indices not moved
     */
    public void body(ByteBuf out, ByteBuf data) {
        int length = data.readableBytes();
        switch (phase) {
            case LENGTH_BODY -> {
                if (written + length > declaredLength) {
                    throw new IllegalStateException("body longer than content-length " + declaredLength);
                }
                out.writeBytes(data, data.readerIndex(), length);
                written += length;
            }
            case CHUNKED_BODY -> {
                if (length > 0) {
                    payChunkEnd(out);
                    writeHex(out, length);
                    out.writeBytes(CRLF).writeBytes(data, data.readerIndex(), length).writeBytes(CRLF);
                }
            }
            case UNTIL_CLOSE_BODY -> out.writeBytes(data, data.readerIndex(), length);
            default -> throw new IllegalStateException("body in phase " + phase);
        }
    }

    /** In a chunked body, the last chunk {@code 0 CRLF}; {@link #trailer}s and {@link #end} follow. */
    public void lastChunk(ByteBuf out) {
        require(Phase.CHUNKED_BODY, "lastChunk");
        payChunkEnd(out);
        out.writeBytes(LAST_CHUNK);
        phase = Phase.TRAILERS;
    }

    /** A trailer field (RFC 9112 §7.1.2), after {@link #lastChunk}. Same rules as {@link #field}. */
    public void trailer(ByteBuf out, CharSequence name, CharSequence value) {
        require(Phase.TRAILERS, "trailer");
        checkField(name, value);
        writeField(out, name, value);
    }

    /**
     * Ends the response. Content-Length bodies must be complete; chunked ones get their last
     * chunk and the empty line ending the trailer section; until-close bodies end here, and the
     * caller closes the connection.
     */
    public void end(ByteBuf out) {
        switch (phase) {
            case LENGTH_BODY -> {
                if (written != declaredLength) {
                    throw new IllegalStateException("body has " + written + " of " + declaredLength + " bytes");
                }
            }
            case CHUNKED_BODY -> {
                payChunkEnd(out);
                out.writeBytes(LAST_CHUNK).writeBytes(CRLF);
            }
            case TRAILERS -> out.writeBytes(CRLF);
            case UNTIL_CLOSE_BODY -> { }
            case IDLE, HEAD -> throw new IllegalStateException("end in phase " + phase);
        }
        phase = Phase.IDLE;
    }

    private void require(Phase expected, String call) {
        if (phase != expected) {
            throw new IllegalStateException(call + " in phase " + phase + ", expected " + expected);
        }
    }

    private static void checkField(CharSequence name, CharSequence value) {
        if (name.isEmpty()) {
            throw new IllegalArgumentException("empty field name");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c > 0x7F || !ByteClass.TOKEN.contains((byte) c)) {
                throw new IllegalArgumentException("field name is not a token: " + name);
            }
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c > 0xFF || !ByteClass.FIELD_VALUE.contains((byte) c)) {
                throw new IllegalArgumentException("field value byte 0x" + Integer.toHexString(c) + " not allowed in " + name);
            }
        }
    }

    private static void writeField(ByteBuf out, CharSequence name, CharSequence value) {
        out.writeCharSequence(name, StandardCharsets.US_ASCII);
        out.writeBytes(FIELD_SEPARATOR);
        out.writeCharSequence(value, StandardCharsets.ISO_8859_1);
        out.writeBytes(CRLF);
    }

    private static boolean equalsIgnoreCase(CharSequence a, String lower) {
        if (a.length() != lower.length()) {
            return false;
        }
        for (int i = 0; i < a.length(); i++) {
            char c = a.charAt(i);
            if ((c >= 'A' && c <= 'Z' ? (char) (c + 32) : c) != lower.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static void writeHex(ByteBuf out, long n) {
        int shift = (63 - Long.numberOfLeadingZeros(n)) & ~3;
        for (; shift >= 0; shift -= 4) {
            out.writeByte("0123456789abcdef".charAt((int) ((n >>> shift) & 0xF)));
        }
    }
}
