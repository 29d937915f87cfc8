package io.zyphos.http1;

import io.netty.buffer.ByteBuf;
import io.zyphos.http1.internal.Ascii;
import java.nio.charset.StandardCharsets;

/**
 * A request line and header section (RFC 9112 §3 and §5), and what the parser decided from them:
 * how the body is framed (§6), whether the connection stays open (§9.3), and whether the client
 * waits for 100 Continue (RFC 9110 §10.1.1).
 *
 * <p>This event is a view, not a record: like picohttpparser, the parser points it at the bytes
 * it received instead of copying them, and reuses the one instance for every request, so parsing
 * a head allocates nothing. It is valid until the parser's next {@link Http1RequestParser#receive
 * receive}, {@link Http1RequestParser#endOfInput endOfInput} or {@link Http1RequestParser#close
 * close} call, or until {@code nextEvent()} returns the next head. Copy what must live longer:
 * {@link #method()}, {@link #target()} and the {@link Http1Fields} accessors make Strings.
 */
public final class Http1RequestHead implements Http1Event {

    /** How the request body is delimited, RFC 9112 §6.3. */
    public enum BodyFraming {
        /** No body: neither Content-Length nor Transfer-Encoding, or Content-Length: 0. */
        NONE,
        /** Exactly {@link #contentLength()} bytes follow. */
        CONTENT_LENGTH,
        /** The chunked transfer coding (RFC 9112 §7.1), ending with the last chunk and trailers. */
        CHUNKED
    }

    private final Http1Fields fields;
    private ByteBuf buffer;
    private int base;
    private int methodLength;
    private int targetOffset;
    private int targetLength;
    private Http1Version version;
    private BodyFraming framing;
    private long contentLength;
    private boolean persistent;
    private boolean expectsContinue;
    private boolean asksToUpgrade;

    Http1RequestHead(Http1Fields fields) {
        this.fields = fields;
    }

    /**
     * The method. Allocates nothing for the methods of RFC 9110 §9 and PATCH (a constant is
     * returned); allocates a String for any other.
     */
    public String method() {
        return switch (methodLength) {
            case 3 -> known("GET", "PUT");
            case 4 -> known("POST", "HEAD");
            case 5 -> known("PATCH", "TRACE");
            case 6 -> known("DELETE", null);
            case 7 -> known("OPTIONS", "CONNECT");
            default -> buffer.toString(base, methodLength, StandardCharsets.US_ASCII);
        };
    }

    /** Whether the method is {@code method}; methods are case-sensitive (RFC 9110 §9.1). */
    public boolean methodIs(CharSequence method) {
        return Ascii.equals(buffer, base, methodLength, method);
    }

    /** Where the method starts in {@link #buffer()}. */
    public int methodOffset() {
        return base;
    }

    /** The method's length in bytes. */
    public int methodLength() {
        return methodLength;
    }

    /** The request-target as sent (RFC 9112 §3.2), not decoded. Allocates. */
    public String target() {
        return buffer.toString(targetOffset, targetLength, StandardCharsets.US_ASCII);
    }

    /** Where the request-target starts in {@link #buffer()}. */
    public int targetOffset() {
        return targetOffset;
    }

    /** The request-target's length in bytes. */
    public int targetLength() {
        return targetLength;
    }

    /** The protocol version; {@code HTTP/1.2} and later minors read as 1.1 (RFC 9110 §2.5). */
    public Http1Version version() {
        return version;
    }

    /** The header section: field lines in order, as slices. */
    public Http1Fields fields() {
        return fields;
    }

    /** How the body is delimited. */
    public BodyFraming framing() {
        return framing;
    }

    /** The Content-Length, or -1 when the body is chunked or absent without one. */
    public long contentLength() {
        return contentLength;
    }

    /**
     * Whether the connection may carry another request after this one's response (RFC 9112
     * §9.3): not if Connection has "close"; otherwise yes for HTTP/1.1, and for HTTP/1.0 only if
     * Connection has "keep-alive". The response may still close it.
     */
    public boolean persistent() {
        return persistent;
    }

    /**
     * Whether the client sent {@code Expect: 100-continue} and waits for a 100 (Continue) before
     * sending the body (RFC 9110 §10.1.1). Always false for HTTP/1.0, whose expectations a server
     * MUST ignore.
     */
    public boolean expectsContinue() {
        return expectsContinue;
    }

    /**
     * Whether the request asks to switch protocols (RFC 9110 §7.8): an {@code Upgrade} field and the
     * {@code upgrade} connection option. Always false for HTTP/1.0, whose Upgrade a server MUST
     * ignore. The bytes after such a request may be another protocol's.
     */
    public boolean asksToUpgrade() {
        return asksToUpgrade;
    }

    /** The bytes the offsets point into; borrowed, never release it. */
    public ByteBuf buffer() {
        return buffer;
    }

    /** The request line, for debugging. Allocates. */
    @Override
    public String toString() {
        return method() + " " + target() + " " + version.text();
    }

    void publish(ByteBuf buffer, int base, int methodLength, int targetStart, int targetLength,
            Http1Version version, BodyFraming framing, long contentLength, boolean persistent,
            boolean expectsContinue, boolean asksToUpgrade) {
        this.buffer = buffer;
        this.base = base;
        this.methodLength = methodLength;
        this.targetOffset = base + targetStart;
        this.targetLength = targetLength;
        this.version = version;
        this.framing = framing;
        this.contentLength = contentLength;
        this.persistent = persistent;
        this.expectsContinue = expectsContinue;
        this.asksToUpgrade = asksToUpgrade;
    }

    private String known(String first, String second) {
        if (Ascii.equals(buffer, base, methodLength, first)) {
            return first;
        }
        if (second != null && Ascii.equals(buffer, base, methodLength, second)) {
            return second;
        }
        return buffer.toString(base, methodLength, StandardCharsets.US_ASCII);
    }
}
