package io.zyphos.http;

import java.util.Objects;

/**
 * Middleware around a handler: it sees the request first and the response last, and decides
 * whether to call the handler at all (authentication, logging, compression, CORS).
 *
 * <p>Filters compose like functions: {@code a.andThen(b).wrap(h)} runs {@code a}, which calls
 * {@code b}, which calls {@code h}. A filter that replaces the response it got from {@code next}
 * must {@linkplain HttpResponse#release() release} the one it drops. {@link #wrap} composes once,
 * when routes are registered; {@link #andThen} leaves the inner filter's {@code next} open, so its
 * chain allocates one small object per request: prefer {@code a.wrap(b.wrap(h))} on a hot route.
 *
 * <p>A filter that never blocks declares {@link InvocationType#NON_BLOCKING} (override
 * {@link #invocationType()} or use {@link #nonBlocking}); a wrapped handler runs on the event loop
 * only if it and every filter around it are non-blocking.
 */
@FunctionalInterface
public interface HttpFilter {

    /**
     * Handles {@code request}, usually by calling {@code next.handle(request)} and adjusting what
     * it returns.
     *
     * @return the response; ownership of its body passes to the caller
     */
    HttpResponse filter(HttpRequest request, HttpHandler next) throws Exception;

    /** Whether this filter may block; {@link InvocationType#BLOCKING} unless overridden. */
    default InvocationType invocationType() {
        return InvocationType.BLOCKING;
    }

    /** This filter outside, {@code inner} inside: {@code inner} sees what this one passes on. */
    default HttpFilter andThen(HttpFilter inner) {
        Objects.requireNonNull(inner, "inner");
        HttpFilter outer = this;
        InvocationType type = outer.invocationType().and(inner.invocationType());
        return new HttpFilter() {
            @Override
            public HttpResponse filter(HttpRequest request, HttpHandler next) throws Exception {
                return outer.filter(request, inner.wrap(next));
            }

            @Override
            public InvocationType invocationType() {
                return type;
            }
        };
    }

    /** A handler that runs this filter around {@code handler}. */
    default HttpHandler wrap(HttpHandler handler) {
        Objects.requireNonNull(handler, "handler");
        HttpFilter filter = this;
        InvocationType type = filter.invocationType().and(handler.invocationType());
        return new HttpHandler() {
            @Override
            public HttpResponse handle(HttpRequest request) throws Exception {
                return filter.filter(request, handler);
            }

            @Override
            public InvocationType invocationType() {
                return type;
            }

            @Override
            public InvocationType invocationType(HttpRequest request) {
                return filter.invocationType().and(handler.invocationType(request));
            }
        };
    }

    /** {@code filter}, declared {@link InvocationType#NON_BLOCKING}. */
    static HttpFilter nonBlocking(HttpFilter filter) {
        Objects.requireNonNull(filter, "filter");
        return new HttpFilter() {
            @Override
            public HttpResponse filter(HttpRequest request, HttpHandler next) throws Exception {
                return filter.filter(request, next);
            }

            @Override
            public InvocationType invocationType() {
                return InvocationType.NON_BLOCKING;
            }
        };
    }
}
