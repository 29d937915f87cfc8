package io.zyphos.http;

import java.util.Objects;

/**
 * A response status: a three-digit code and its reason phrase (RFC 9110 §15).
 *
 * <p>The constants are the codes registered by RFC 9110 §15, plus 103 (RFC 8297) and 428, 429
 * and 431 (RFC 6585), which servers send often. 306 and 418 are reserved as unused (RFC 9110
 * §15.4.7, §15.5.19) and have no constant. {@link #of(int)} returns the constant for a registered
 * code without allocating, and a status with an empty reason phrase for any other code in
 * 100..599: a client must understand an unknown code by its first digit (RFC 9110 §15).
 *
 * <p>Immutable and thread-safe. Two statuses are equal when their codes are: the reason phrase is
 * advisory and a client ignores it (RFC 9112 §4).
 */
public final class Status {

    private static final Status[] REGISTERED = new Status[500];

    /** 100 Continue: RFC 9110 §15.2.1. */
    public static final Status CONTINUE = register(100, "Continue");
    /** 101 Switching Protocols: RFC 9110 §15.2.2. */
    public static final Status SWITCHING_PROTOCOLS = register(101, "Switching Protocols");
    /** 103 Early Hints: RFC 8297 §2. */
    public static final Status EARLY_HINTS = register(103, "Early Hints");
    /** 200 OK: RFC 9110 §15.3.1. */
    public static final Status OK = register(200, "OK");
    /** 201 Created: RFC 9110 §15.3.2. */
    public static final Status CREATED = register(201, "Created");
    /** 202 Accepted: RFC 9110 §15.3.3. */
    public static final Status ACCEPTED = register(202, "Accepted");
    /** 203 Non-Authoritative Information: RFC 9110 §15.3.4. */
    public static final Status NON_AUTHORITATIVE_INFORMATION = register(203, "Non-Authoritative Information");
    /** 204 No Content: RFC 9110 §15.3.5. */
    public static final Status NO_CONTENT = register(204, "No Content");
    /** 205 Reset Content: RFC 9110 §15.3.6. */
    public static final Status RESET_CONTENT = register(205, "Reset Content");
    /** 206 Partial Content: RFC 9110 §15.3.7. */
    public static final Status PARTIAL_CONTENT = register(206, "Partial Content");
    /** 300 Multiple Choices: RFC 9110 §15.4.1. */
    public static final Status MULTIPLE_CHOICES = register(300, "Multiple Choices");
    /** 301 Moved Permanently: RFC 9110 §15.4.2. */
    public static final Status MOVED_PERMANENTLY = register(301, "Moved Permanently");
    /** 302 Found: RFC 9110 §15.4.3. */
    public static final Status FOUND = register(302, "Found");
    /** 303 See Other: RFC 9110 §15.4.4. */
    public static final Status SEE_OTHER = register(303, "See Other");
    /** 304 Not Modified: RFC 9110 §15.4.5. */
    public static final Status NOT_MODIFIED = register(304, "Not Modified");
    /** 305 Use Proxy: RFC 9110 §15.4.6 (deprecated). */
    public static final Status USE_PROXY = register(305, "Use Proxy");
    /** 307 Temporary Redirect: RFC 9110 §15.4.8. */
    public static final Status TEMPORARY_REDIRECT = register(307, "Temporary Redirect");
    /** 308 Permanent Redirect: RFC 9110 §15.4.9. */
    public static final Status PERMANENT_REDIRECT = register(308, "Permanent Redirect");
    /** 400 Bad Request: RFC 9110 §15.5.1. */
    public static final Status BAD_REQUEST = register(400, "Bad Request");
    /** 401 Unauthorized: RFC 9110 §15.5.2. */
    public static final Status UNAUTHORIZED = register(401, "Unauthorized");
    /** 402 Payment Required: RFC 9110 §15.5.3. */
    public static final Status PAYMENT_REQUIRED = register(402, "Payment Required");
    /** 403 Forbidden: RFC 9110 §15.5.4. */
    public static final Status FORBIDDEN = register(403, "Forbidden");
    /** 404 Not Found: RFC 9110 §15.5.5. */
    public static final Status NOT_FOUND = register(404, "Not Found");
    /** 405 Method Not Allowed: RFC 9110 §15.5.6. */
    public static final Status METHOD_NOT_ALLOWED = register(405, "Method Not Allowed");
    /** 406 Not Acceptable: RFC 9110 §15.5.7. */
    public static final Status NOT_ACCEPTABLE = register(406, "Not Acceptable");
    /** 407 Proxy Authentication Required: RFC 9110 §15.5.8. */
    public static final Status PROXY_AUTHENTICATION_REQUIRED = register(407, "Proxy Authentication Required");
    /** 408 Request Timeout: RFC 9110 §15.5.9. */
    public static final Status REQUEST_TIMEOUT = register(408, "Request Timeout");
    /** 409 Conflict: RFC 9110 §15.5.10. */
    public static final Status CONFLICT = register(409, "Conflict");
    /** 410 Gone: RFC 9110 §15.5.11. */
    public static final Status GONE = register(410, "Gone");
    /** 411 Length Required: RFC 9110 §15.5.12. */
    public static final Status LENGTH_REQUIRED = register(411, "Length Required");
    /** 412 Precondition Failed: RFC 9110 §15.5.13. */
    public static final Status PRECONDITION_FAILED = register(412, "Precondition Failed");
    /** 413 Content Too Large: RFC 9110 §15.5.14. */
    public static final Status CONTENT_TOO_LARGE = register(413, "Content Too Large");
    /** 414 URI Too Long: RFC 9110 §15.5.15. */
    public static final Status URI_TOO_LONG = register(414, "URI Too Long");
    /** 415 Unsupported Media Type: RFC 9110 §15.5.16. */
    public static final Status UNSUPPORTED_MEDIA_TYPE = register(415, "Unsupported Media Type");
    /** 416 Range Not Satisfiable: RFC 9110 §15.5.17. */
    public static final Status RANGE_NOT_SATISFIABLE = register(416, "Range Not Satisfiable");
    /** 417 Expectation Failed: RFC 9110 §15.5.18. */
    public static final Status EXPECTATION_FAILED = register(417, "Expectation Failed");
    /** 421 Misdirected Request: RFC 9110 §15.5.20. */
    public static final Status MISDIRECTED_REQUEST = register(421, "Misdirected Request");
    /** 422 Unprocessable Content: RFC 9110 §15.5.21. */
    public static final Status UNPROCESSABLE_CONTENT = register(422, "Unprocessable Content");
    /** 426 Upgrade Required: RFC 9110 §15.5.22. */
    public static final Status UPGRADE_REQUIRED = register(426, "Upgrade Required");
    /** 428 Precondition Required: RFC 6585 §3. */
    public static final Status PRECONDITION_REQUIRED = register(428, "Precondition Required");
    /** 429 Too Many Requests: RFC 6585 §4. */
    public static final Status TOO_MANY_REQUESTS = register(429, "Too Many Requests");
    /** 431 Request Header Fields Too Large: RFC 6585 §5. */
    public static final Status REQUEST_HEADER_FIELDS_TOO_LARGE = register(431, "Request Header Fields Too Large");
    /** 500 Internal Server Error: RFC 9110 §15.6.1. */
    public static final Status INTERNAL_SERVER_ERROR = register(500, "Internal Server Error");
    /** 501 Not Implemented: RFC 9110 §15.6.2. */
    public static final Status NOT_IMPLEMENTED = register(501, "Not Implemented");
    /** 502 Bad Gateway: RFC 9110 §15.6.3. */
    public static final Status BAD_GATEWAY = register(502, "Bad Gateway");
    /** 503 Service Unavailable: RFC 9110 §15.6.4. */
    public static final Status SERVICE_UNAVAILABLE = register(503, "Service Unavailable");
    /** 504 Gateway Timeout: RFC 9110 §15.6.5. */
    public static final Status GATEWAY_TIMEOUT = register(504, "Gateway Timeout");
    /** 505 HTTP Version Not Supported: RFC 9110 §15.6.6. */
    public static final Status HTTP_VERSION_NOT_SUPPORTED = register(505, "HTTP Version Not Supported");

    private final int code;
    private final String reasonPhrase;

    private Status(int code, String reasonPhrase) {
        this.code = code;
        this.reasonPhrase = reasonPhrase;
    }

    private static Status register(int code, String reasonPhrase) {
        Status status = new Status(code, reasonPhrase);
        REGISTERED[code - 100] = status;
        return status;
    }

    /**
     * The status for {@code code}: the registered constant, or a status with an empty reason phrase.
     *
     * @throws IllegalArgumentException if {@code code} is outside 100..599, which RFC 9110 §15
     *     calls invalid
     */
    public static Status of(int code) {
        checkCode(code);
        Status registered = REGISTERED[code - 100];
        return registered != null ? registered : new Status(code, "");
    }

    /**
     * A status with a reason phrase of your own, such as a translation.
     *
     * @throws IllegalArgumentException if {@code code} is outside 100..599, or the phrase holds a
     *     character that RFC 9112 §4 does not allow in a reason-phrase (a control, such as CR or LF)
     */
    public static Status of(int code, String reasonPhrase) {
        checkCode(code);
        Objects.requireNonNull(reasonPhrase, "reasonPhrase");
        for (int i = 0; i < reasonPhrase.length(); i++) {
            char c = reasonPhrase.charAt(i);
            // reason-phrase = 1*( HTAB / SP / VCHAR / obs-text )
            if (c != '\t' && (c < 0x20 || c == 0x7F || c > 0xFF)) {
                throw new IllegalArgumentException("invalid character 0x" + Integer.toHexString(c)
                        + " at " + i + " in reason phrase (RFC 9112 §4)");
            }
        }
        return new Status(code, reasonPhrase);
    }

    private static void checkCode(int code) {
        if (code < 100 || code > 599) {
            throw new IllegalArgumentException("status code " + code + " is outside 100..599 (RFC 9110 §15)");
        }
    }

    public int code() {
        return code;
    }

    /** The reason phrase; empty for an unregistered code. */
    public String reasonPhrase() {
        return reasonPhrase;
    }

    /** 1xx (RFC 9110 §15.2): the request was received, the process continues. */
    public boolean isInformational() {
        return code < 200;
    }

    /** 2xx (RFC 9110 §15.3): the request was received, understood and accepted. */
    public boolean isSuccess() {
        return code >= 200 && code < 300;
    }

    /** 3xx (RFC 9110 §15.4): the client must act further to complete the request. */
    public boolean isRedirection() {
        return code >= 300 && code < 400;
    }

    /** 4xx (RFC 9110 §15.5): the request is wrong or cannot be fulfilled. */
    public boolean isClientError() {
        return code >= 400 && code < 500;
    }

    /** 5xx (RFC 9110 §15.6): the server failed to fulfil a valid request. */
    public boolean isServerError() {
        return code >= 500;
    }

    /**
     * Whether a response with this status never has content, whatever the request: 1xx, 204 and
     * 304 (RFC 9110 §6.4.1). The wire engines use it to frame the message.
     */
    public boolean forbidsContent() {
        return code < 200 || code == 204 || code == 304;
    }

    @Override
    public boolean equals(Object o) {
        return this == o || (o instanceof Status s && s.code == code);
    }

    @Override
    public int hashCode() {
        return code;
    }

    @Override
    public String toString() {
        return reasonPhrase.isEmpty() ? Integer.toString(code) : code + " " + reasonPhrase;
    }
}
