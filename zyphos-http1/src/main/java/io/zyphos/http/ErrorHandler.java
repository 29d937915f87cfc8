package io.zyphos.http;

import java.lang.System.Logger.Level;
import java.util.Objects;

/**
 * Makes the response to every error the server answers itself: no route (404) or method (405),
 * no file, an {@link HttpException} or any other exception from a handler (500), and what the wire
 * engine refuses before a handler runs (HTTP/1's 400, 408, 413, 414, 431, 501 and 505). One hook,
 * so a service gives all of them one shape (JSON problem details, say, RFC 9457).
 *
 * <pre>{@code
 * Http1Protocol.builder(router)
 *         .errorHandler((request, status, problem) -> HttpResponse.builder(status)
 *                 .header(HeaderName.CONTENT_TYPE, "application/problem+json")
 *                 .body("{\"status\":" + status.code() + ",\"detail\":\"" + Json.escape(problem) + "\"}")
 *                 .build())
 * }</pre>
 *
 * <p>The default, {@link #plainText()}, answers {@code text/plain} naming the status and the
 * problem: {@code "400 Bad Request\nmissing Host header (RFC 9112 §3.2)\n"}.
 *
 * <p>What the engine adds: the header fields an {@link HttpException} carries ({@code Allow} on a
 * 405) when the hook's response lacks them, and the framing. If the hook throws, returns
 * {@code null}, or returns what cannot be sent as an error (a 1xx, or its own Content-Length or
 * Transfer-Encoding), the default answers instead and the failure is logged. Whether the
 * connection stays open is the engine's decision, not the hook's.
 *
 * <p>Runs where the error is found: often on an event loop, so it must not block. Thread-safe.
 */
@FunctionalInterface
public interface ErrorHandler {

    /**
     * The response for an error.
     *
     * @param request the request, or {@code null} when there is none to give: the engine refused
     *     the bytes before they made a request (a malformed head, a head that did not arrive in
     *     time, an expectation it cannot meet)
     * @param status the status the answer should have, 4xx or 5xx
     * @param problem what went wrong in words, ending with the rule broken when there is one:
     *     {@code "missing Host header (RFC 9112 §3.2)"}. Safe to show a client: characters that
     *     could change how it is read ({@code < > & " ' `}, controls) are escaped. Never names
     *     server internals: an unexpected exception is only {@linkplain #UNEXPECTED described}.
     * @return the response; ownership of its body passes to the caller
     */
    HttpResponse handle(HttpRequest request, Status status, String problem) throws Exception;

    /** The problem given for an exception that is not an {@link HttpException}: nothing of it is shown. */
    String UNEXPECTED = "the server failed to answer this request (RFC 9110 §15.6.1)";

    /** The default: the status line's words, then the problem, as UTF-8 {@code text/plain}. */
    static ErrorHandler plainText() {
        return PlainTextErrors.INSTANCE;
    }

    /**
     * What an engine calls for an error it found: this hook's answer, or {@link #plainText()}'s if
     * the hook fails (see the class documentation). Never throws, never returns {@code null}.
     */
    default HttpResponse respond(HttpRequest request, Status status, String problem) {
        return respond(request, status, problem, null);
    }

    /**
     * What an engine calls for an exception a handler threw: an {@link HttpException}'s status,
     * message and header fields, or 500 with {@link #UNEXPECTED} for anything else. Never throws.
     */
    default HttpResponse respond(HttpRequest request, Throwable failure) {
        if (failure instanceof HttpException e) {
            return respond(request, e.status(), PlainTextErrors.escape(e.getMessage()), e.headersOrNull());
        }
        return respond(request, Status.INTERNAL_SERVER_ERROR, UNEXPECTED, null);
    }

    private HttpResponse respond(HttpRequest request, Status status, String problem, Headers extra) {
        Objects.requireNonNull(status, "status");
        HttpResponse answer = null;
        if (this != PlainTextErrors.INSTANCE) {
            try {
                answer = handle(request, status, problem);
            } catch (Exception | LinkageError | AssertionError e) {
                PlainTextErrors.LOG.log(Level.WARNING, "the error handler failed on " + status + " for " + request, e);
            }
            if (answer != null && !PlainTextErrors.sendable(answer)) {
                PlainTextErrors.LOG.log(Level.WARNING, "the error handler's answer to " + status + " cannot be sent: " + answer);
                answer.release();
                answer = null;
            }
        }
        if (answer == null) {
            answer = PlainTextErrors.INSTANCE.handle(request, status, problem);
        }
        if (extra != null) {
            for (int i = 0; i < extra.size(); i++) {
                if (!answer.headers().contains(extra.name(i))) {
                    answer.headers().add(extra.name(i), extra.value(i));
                }
            }
        }
        return answer;
    }
}
