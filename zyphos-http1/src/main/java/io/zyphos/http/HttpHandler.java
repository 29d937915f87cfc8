package io.zyphos.http;

import java.util.Objects;

/**
 * Application code that answers a request: one method, request in, response out.
 *
 * <p>The handler owns the response it returns until it returns it; then the wire engine owns it
 * and releases its body once written (see {@link HttpResponse}). The request, its headers and its
 * body are valid until the response is complete; see {@link HttpRequest} for what to retain to
 * keep them longer.
 *
 * <p>A body produced bit by bit (a large download, server-sent events) is a
 * {@linkplain HttpResponse.Builder#stream streamed body}: the handler returns the status and
 * headers at once, and its {@link BodyWriter} writes the rest as it is produced.
 *
 * <p>An exception thrown by {@link #handle} becomes a response the engine generates: the status of
 * an {@link HttpException}, or 500 Internal Server Error for anything else.
 *
 * <p><b>Where it runs.</b> Handlers are {@link InvocationType#BLOCKING} unless they say otherwise,
 * and run on virtual threads; a handler that never blocks overrides {@link #invocationType()}, or
 * is wrapped by {@link #nonBlocking}, to run on the connection's event loop.
 */
@FunctionalInterface
public interface HttpHandler {

    /**
     * Answers {@code request}.
     *
     * @return the response, never {@code null}; ownership of its body passes to the caller
     * @throws Exception anything; the engine answers with 500, or with the status of an {@link HttpException}
     */
    HttpResponse handle(HttpRequest request) throws Exception;

    /** Whether this handler may block; {@link InvocationType#BLOCKING} unless overridden. */
    default InvocationType invocationType() {
        return InvocationType.BLOCKING;
    }

    /**
     * Whether answering this one request may block; {@link #invocationType()} unless overridden.
     * A handler that can answer some requests at once and others only after I/O (a file whose
     * bytes and validators it already holds, against one it must first look up) says so per
     * request, and the quick ones run on the event loop with no hand-off.
     *
     * <p>Asked on the connection's thread just before the handler runs, so it must be quick and
     * must not block itself. The request's route is valid only during this call.
     */
    default InvocationType invocationType(HttpRequest request) {
        return invocationType();
    }

    /** {@code handler}, declared {@link InvocationType#NON_BLOCKING}: it will run on the event loop. */
    static HttpHandler nonBlocking(HttpHandler handler) {
        Objects.requireNonNull(handler, "handler");
        return new HttpHandler() {
            @Override
            public HttpResponse handle(HttpRequest request) throws Exception {
                return handler.handle(request);
            }

            @Override
            public InvocationType invocationType() {
                return InvocationType.NON_BLOCKING;
            }
        };
    }
}
