package io.zyphos.http;

import io.zyphos.http.log.AccessLog;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadFactory;

/**
 * What answers requests, whatever HTTP version carried them: the router (or one handler), the
 * filter around it, the hook that answers errors, the access log, and where blocking handlers run.
 * Build it once and give it to every protocol the server speaks, so HTTP/1.1 and HTTP/2 serve the
 * same routes the same way.
 *
 * <pre>{@code
 * HttpService service = HttpService.builder(router).filter(auth).build();
 * Server.builder()
 *         .protocol(Http1Protocol.builder(service).build())
 *         .start();
 * }</pre>
 *
 * <p>Immutable and thread-safe; every connection of every protocol built from it shares it.
 */
public final class HttpService {

    private final Router router;
    private final HttpHandler handler;
    private final HttpFilter filter;
    private final ErrorHandler errors;
    private final AccessLog accessLog;
    private final Executor blockingExecutor;

    private HttpService(Builder b) {
        this.router = b.router;
        this.handler = b.handler;
        this.filter = b.filter;
        this.errors = b.errors;
        this.accessLog = b.accessLog;
        Executor executor = b.blockingExecutor;
        if (executor == null) {
            ThreadFactory virtualThreads = Thread.ofVirtual().name("zyphos-http-handler").factory();
            executor = task -> virtualThreads.newThread(task).start();
        }
        this.blockingExecutor = executor;
    }

    /** A service that routes each request with {@code router}. */
    public static Builder builder(Router router) {
        return new Builder(Objects.requireNonNull(router, "router"), null);
    }

    /** A service that gives every request to {@code handler}. */
    public static Builder builder(HttpHandler handler) {
        return new Builder(null, Objects.requireNonNull(handler, "handler"));
    }

    /** The router, or {@code null} when one {@linkplain #handler() handler} takes every request. */
    public Router router() {
        return router;
    }

    /** The one handler, or {@code null} when a {@linkplain #router() router} chooses. */
    public HttpHandler handler() {
        return handler;
    }

    /** The filter around every request, or {@code null}. */
    public HttpFilter filter() {
        return filter;
    }

    public ErrorHandler errorHandler() {
        return errors;
    }

    /** The access log, or {@code null}. */
    public AccessLog accessLog() {
        return accessLog;
    }

    /** Where blocking handlers run when the connection's thread is an event loop. */
    public Executor blockingExecutor() {
        return blockingExecutor;
    }

    public static final class Builder {

        private final Router router;
        private final HttpHandler handler;
        private HttpFilter filter;
        private ErrorHandler errors = ErrorHandler.plainText();
        private AccessLog accessLog;
        private Executor blockingExecutor;

        private Builder(Router router, HttpHandler handler) {
            this.router = router;
            this.handler = handler;
        }

        /**
         * Wraps every request, routed or not, including the automatic 404, 405 and OPTIONS
         * answers. A second call adds a filter inside the first.
         */
        public Builder filter(HttpFilter filter) {
            this.filter = this.filter == null ? Objects.requireNonNull(filter, "filter") : this.filter.andThen(filter);
            return this;
        }

        /**
         * Makes the answer to every error: the router's 404 and 405, a handler's
         * {@link HttpException} or failure (500), and what a connection refuses before a handler
         * runs (400, 408, 413 and the like). By default {@link ErrorHandler#plainText()}.
         */
        public Builder errorHandler(ErrorHandler handler) {
            this.errors = Objects.requireNonNull(handler, "handler");
            return this;
        }

        /**
         * Writes a line to {@code log} for every request once its response is complete, and for
         * every request refused before a handler ran. The log stays the caller's to close, after
         * the server.
         */
        public Builder accessLog(AccessLog log) {
            this.accessLog = Objects.requireNonNull(log, "log");
            return this;
        }

        /**
         * Where blocking handlers run when the connection's thread is an event loop. The default
         * starts one virtual thread per request.
         */
        public Builder blockingExecutor(Executor executor) {
            this.blockingExecutor = Objects.requireNonNull(executor, "executor");
            return this;
        }

        public HttpService build() {
            return new HttpService(this);
        }
    }
}
