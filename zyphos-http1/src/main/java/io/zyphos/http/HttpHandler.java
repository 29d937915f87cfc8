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
