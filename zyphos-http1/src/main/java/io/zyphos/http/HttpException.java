package io.zyphos.http;

import java.util.Objects;

/**
 * A request the server must refuse, carrying the status the RFC names for it: the remote side
 * broke a rule, and {@link #status()} is the answer it gets (400 for a bad escape in the target,
 * for example). A local misuse of the API throws {@link IllegalArgumentException} instead.
 *
 * <p>The message is safe to show the client: it describes the input, never server internals.
 */
public final class HttpException extends RuntimeException {

    private final Status status;

    public HttpException(Status status, String message) {
        super(message, null, false, false);
        this.status = Objects.requireNonNull(status, "status");
    }

    /** A 400 Bad Request (RFC 9110 §15.5.1) with the given reason. */
    public static HttpException badRequest(String message) {
        return new HttpException(Status.BAD_REQUEST, message);
    }

    /** The status of the response the client must get. */
    public Status status() {
        return status;
    }
}
