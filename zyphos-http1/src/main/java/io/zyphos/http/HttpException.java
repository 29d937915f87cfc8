package io.zyphos.http;

import java.util.Objects;

/**
 * A request the server must refuse, carrying the status the RFC names for it: the remote side
 * broke a rule, and {@link #status()} is the answer it gets (400 for a bad escape in the target,
 * for example). A local misuse of the API throws {@link IllegalArgumentException} instead.
 *
 * <p>The engine answers it through its {@link ErrorHandler}, with the message as the problem and
 * the {@linkplain #headers() header fields} the answer needs ({@code Allow} on a 405, RFC 9110
 * §15.5.6). The message is shown to the client: describe the input, never server internals. Say
 * which rule was broken, and where there is one, cite it: {@code "name is required (RFC ...)"}.
 */
public final class HttpException extends RuntimeException {

    private final Status status;
    private final Headers headers;

    public HttpException(Status status, String message) {
        this(status, message, null);
    }

    /**
     * An exception whose answer carries {@code headers} too (not copied), such as {@code Allow}
     * for 405 or {@code Retry-After} for 503.
     */
    public HttpException(Status status, String message, Headers headers) {
        super(message, null, false, false);
        this.status = Objects.requireNonNull(status, "status");
        this.headers = headers;
    }

    /** A 400 Bad Request (RFC 9110 §15.5.1) with the given reason. */
    public static HttpException badRequest(String message) {
        return new HttpException(Status.BAD_REQUEST, message);
    }

    /** A 404 Not Found (RFC 9110 §15.5.5) with the given reason. */
    public static HttpException notFound(String message) {
        return new HttpException(Status.NOT_FOUND, message);
    }

    /**
     * A 405 Method Not Allowed, whose answer carries {@code Allow: allow} as RFC 9110 §15.5.6
     * requires.
     */
    public static HttpException methodNotAllowed(String message, String allow) {
        return new HttpException(Status.METHOD_NOT_ALLOWED, message, new Headers().add(HeaderName.ALLOW, allow));
    }

    /** The status of the response the client must get. */
    public Status status() {
        return status;
    }

    /** The header fields the answer carries besides what the error handler sets; empty if none. */
    public Headers headers() {
        return headers != null ? headers : new Headers();
    }

    Headers headersOrNull() {
        return headers;
    }
}
