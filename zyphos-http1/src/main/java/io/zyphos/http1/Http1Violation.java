package io.zyphos.http1;

/**
 * Every way a request can break RFC 9112, each with the status a server answers and the section
 * that says so.
 *
 * <p>The parser stops at the first violation and emits {@link Http1Event.ProtocolError}, which
 * carries one of these. A few violations are <em>leniencies</em>: the RFC lets a recipient
 * accept them, and {@link Http1ParserSettings#allowedViolations()} may name them. The default
 * allows none. An allowed violation is not an error; the parser counts it instead (see
 * {@link Http1RequestParser#allowedViolationsSeen()}).
 *
 * <p>After any violation the connection must be closed once the answer is written: the parser
 * cannot know where the next message starts, and guessing is how requests are smuggled
 * (RFC 9112 §11.2).
 */
public enum Http1Violation {

    /** A CR not followed by LF. RFC 9112 §2.2: a recipient MUST consider the element invalid. */
    BARE_CR(400, "RFC 9112 §2.2", false, "a CR not followed by LF"),
    /** A line ended by LF alone. RFC 9112 §2.2 lets a recipient accept it; we do not by default. */
    BARE_LF(400, "RFC 9112 §2.2", true, "a line ended by LF without CR"),
    /** Whitespace between the request line and the first field. RFC 9112 §2.2. */
    WHITESPACE_AFTER_START_LINE(400, "RFC 9112 §2.2", false, "whitespace before the first header field"),
    /** More empty lines before the request line than {@link Http1ParserSettings#maxLeadingEmptyLines()}. RFC 9112 §2.2. */
    TOO_MANY_LEADING_EMPTY_LINES(400, "RFC 9112 §2.2", false, "too many empty lines before the request line"),
    /** The request line is not {@code method SP request-target SP HTTP-version CRLF}. RFC 9112 §3. */
    MALFORMED_REQUEST_LINE(400, "RFC 9112 §3", false, "the request line is not a method, a target and a version separated by single spaces"),
    /** A method byte that is not a tchar. RFC 9112 §3.1, RFC 9110 §9.1. */
    INVALID_METHOD(400, "RFC 9112 §3.1", false, "the method is not a token"),
    /** A method longer than {@link Http1ParserSettings#maxMethodLength()}: longer than any we implement. RFC 9112 §3. */
    METHOD_TOO_LONG(501, "RFC 9112 §3", false, "the method is longer than any this server implements"),
    /** A request-target byte outside RFC 3986's URI characters, or a form the method does not allow. RFC 9112 §3.2. */
    INVALID_TARGET(400, "RFC 9112 §3.2", false, "the request target is not a form this method allows"),
    /**
     * A visible ASCII byte in the request-target that RFC 3986 §2 does not allow unescaped, such as a
     * vertical bar, a brace, a caret or a backslash. Some clients send bars and braces raw in
     * queries, so this may be allowed; controls, spaces and non-ASCII bytes never are. RFC 9112 §3.2.
     */
    UNSAFE_TARGET_CHARACTER(400, "RFC 9112 §3.2", true, "the request target holds a character that must be percent-encoded"),
    /** A request-target longer than {@link Http1ParserSettings#maxTargetLength()}. RFC 9112 §3 requires 414. */
    TARGET_TOO_LONG(414, "RFC 9112 §3", false, "the request target is longer than this server reads"),
    /** An HTTP-version that does not match {@code "HTTP/" DIGIT "." DIGIT}. RFC 9112 §2.3. */
    MALFORMED_VERSION(400, "RFC 9112 §2.3", false, "the version is not HTTP/digit.digit"),
    /** A well-formed version with a major other than 1. RFC 9110 §15.6.6 (505 HTTP Version Not Supported). */
    UNSUPPORTED_VERSION(505, "RFC 9110 §15.6.6", false, "only HTTP/1.0 and HTTP/1.1 are served here"),
    /** A field line continued on the next line (obs-fold). RFC 9112 §5.2: reject with 400. */
    OBS_FOLD(400, "RFC 9112 §5.2", false, "a header field folded over two lines"),
    /** Whitespace between a field name and its colon. RFC 9112 §5.1: a server MUST reject with 400. */
    WHITESPACE_BEFORE_COLON(400, "RFC 9112 §5.1", false, "whitespace between a header field name and its colon"),
    /** An empty field name, or one with a byte that is not a tchar. RFC 9110 §5.1. */
    INVALID_FIELD_NAME(400, "RFC 9110 §5.1", false, "a header field name that is not a token"),
    /** A field value byte that is not field-vchar, SP or HTAB (a control or DEL). RFC 9110 §5.5. */
    INVALID_FIELD_VALUE(400, "RFC 9110 §5.5", false, "a control character in a header field value"),
    /** The header section is larger than {@link Http1ParserSettings#maxHeaderSectionBytes()}. RFC 6585 §5 (431). */
    HEADER_SECTION_TOO_LARGE(431, "RFC 6585 §5", false, "the header section is larger than this server reads"),
    /** More field lines than {@link Http1ParserSettings#maxFieldCount()}. RFC 6585 §5 (431). */
    TOO_MANY_FIELDS(431, "RFC 6585 §5", false, "more header fields than this server reads"),
    /** An HTTP/1.1 request with no Host field. RFC 9112 §3.2: a server MUST answer 400. */
    MISSING_HOST(400, "RFC 9112 §3.2", false, "missing Host header"),
    /** More than one Host field line. RFC 9112 §3.2: a server MUST answer 400. */
    DUPLICATE_HOST(400, "RFC 9112 §3.2", false, "more than one Host header"),
    /** A Host value that is not {@code uri-host [ ":" port ]}. RFC 9112 §3.2. */
    INVALID_HOST(400, "RFC 9112 §3.2", false, "the Host header is not host[:port]"),
    /** A Content-Length that is not {@code 1*DIGIT}, or that overflows. RFC 9110 §8.6, RFC 9112 §6.3. */
    INVALID_CONTENT_LENGTH(400, "RFC 9112 §6.3", false, "Content-Length is not a number"),
    /** Several Content-Length values that differ. RFC 9112 §6.3 (identical repeats are folded, RFC 9110 §8.6). */
    CONFLICTING_CONTENT_LENGTH(400, "RFC 9112 §6.3", false, "Content-Length values that differ"),
    /** Both Transfer-Encoding and Content-Length. RFC 9112 §6.1 and §11.2: the request smuggling vector. */
    CONTENT_LENGTH_WITH_TRANSFER_ENCODING(400, "RFC 9112 §6.1", false, "both Content-Length and Transfer-Encoding"),
    /** Transfer-Encoding in an HTTP/1.0 request: the framing is faulty. RFC 9112 §6.1. */
    TRANSFER_ENCODING_IN_HTTP_1_0(400, "RFC 9112 §6.1", false, "Transfer-Encoding in an HTTP/1.0 request"),
    /** A Transfer-Encoding whose final coding is not chunked, or that applies chunked twice. RFC 9112 §6.1, §7. */
    CHUNKED_NOT_FINAL(400, "RFC 9112 §6.1", false, "Transfer-Encoding does not end with chunked, applied once"),
    /** A Transfer-Encoding list that is not a list of tokens. RFC 9112 §6.1, RFC 9110 §10.1.4. */
    INVALID_TRANSFER_ENCODING(400, "RFC 9112 §6.1", false, "Transfer-Encoding is not a list of codings"),
    /** A transfer coding we do not implement (anything but chunked). RFC 9112 §6.1: 501. */
    UNKNOWN_TRANSFER_CODING(501, "RFC 9112 §6.1", false, "a transfer coding other than chunked"),
    /** A chunk size that is not hex, is missing, or overflows a long. RFC 9112 §7.1. */
    INVALID_CHUNK_SIZE(400, "RFC 9112 §7.1", false, "a chunk size that is not hexadecimal"),
    /** A chunk extension that is not {@code ; name [= token / quoted-string]}. RFC 9112 §7.1.1. */
    INVALID_CHUNK_EXTENSION(400, "RFC 9112 §7.1.1", false, "a malformed chunk extension"),
    /** A chunk-size line longer than {@link Http1ParserSettings#maxChunkLineLength()}. RFC 9112 §7.1.1. */
    CHUNK_LINE_TOO_LONG(400, "RFC 9112 §7.1.1", false, "a chunk-size line longer than this server reads"),
    /** Chunk data not followed by CRLF. RFC 9112 §7.1. */
    MISSING_CHUNK_TERMINATOR(400, "RFC 9112 §7.1", false, "chunk data not followed by CRLF"),
    /** The trailer section is larger than {@link Http1ParserSettings#maxTrailerSectionBytes()}. RFC 9112 §7.1.2. */
    TRAILER_SECTION_TOO_LARGE(431, "RFC 9112 §7.1.2", false, "the trailer section is larger than this server reads"),
    /** A body larger than {@link Http1ParserSettings#maxBodyBytes()}. RFC 9110 §15.5.14 (413). */
    BODY_TOO_LARGE(413, "RFC 9110 §15.5.14", false, "the body is larger than this server accepts"),
    /** The input ended inside a message. RFC 9112 §8: an incomplete message. */
    INCOMPLETE_MESSAGE(400, "RFC 9112 §8", false, "the connection ended inside the request");

    private final int status;
    private final String reference;
    private final boolean lenient;
    private final String description;

    Http1Violation(int status, String reference, boolean lenient, String description) {
        this.status = status;
        this.reference = reference;
        this.lenient = lenient;
        this.description = description;
    }

    /** The status a server answers with before closing the connection. */
    public int status() {
        return status;
    }

    /** The RFC section that defines the rule, such as {@code "RFC 9112 §2.2"}. */
    public String reference() {
        return reference;
    }

    /** What is wrong, in words a client's developer reads: {@code "missing Host header"}. */
    public String description() {
        return description;
    }

    /**
     * The description and the rule, as an answer names them: {@code "missing Host header (RFC 9112 §3.2)"}.
     * Nothing of the request is in it.
     */
    public String problem() {
        return description + " (" + reference + ")";
    }

    /**
     * Whether the RFC lets a recipient accept this, so that {@link Http1ParserSettings} may allow
     * it. The others are never allowed.
     */
    public boolean lenient() {
        return lenient;
    }
}
