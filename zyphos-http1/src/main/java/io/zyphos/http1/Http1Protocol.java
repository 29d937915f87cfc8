package io.zyphos.http1;

import io.netty.buffer.ByteBuf;
import io.zyphos.http.ErrorHandler;
import io.zyphos.http.HttpFilter;
import io.zyphos.http.HttpHandler;
import io.zyphos.http.HttpService;
import io.zyphos.http.Router;
import io.zyphos.http.log.AccessLog;
import io.zyphos.http1.internal.Http1Config;
import io.zyphos.http1.internal.Http1Metrics;
import io.zyphos.http1.internal.Http1ServerConnection;
import io.zyphos.http1.internal.ByteClass;
import io.zyphos.metrics.MetricsRegistry;
import io.zyphos.server.Connection;
import io.zyphos.server.Protocol;
import io.zyphos.server.ProtocolHandler;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executor;

/**
 * HTTP/1.0 and HTTP/1.1 for the server bootstrap: routes requests to handlers and writes their
 * responses, over any transport.
 *
 * <pre>{@code
 * Router router = Router.builder()
 *         .get("/hello", HttpHandler.nonBlocking(req -> HttpResponse.text(Status.OK, "Hello")))
 *         .build();
 * Server server = Server.builder()
 *         .protocol(Http1Protocol.builder(router).build())
 *         .port(8080)
 *         .start();
 * }</pre>
 *
 * <h2>What the connection does</h2>
 * <ul>
 *   <li>Persistence per RFC 9112 §9.3: HTTP/1.1 connections stay open unless either side says
 *       {@code Connection: close}; HTTP/1.0 ones only with {@code keep-alive}.</li>
 *   <li>Pipelining (§9.3.2): requests sent back to back are read ahead, up to
 *       {@link Builder#maxPipelinedRequests}, and answered strictly in order; beyond that the
 *       connection stops reading until responses catch up.</li>
 *   <li>Bodies up to {@link Builder#maxAggregatedBodyBytes} come to the handler whole; longer ones
 *       stream ({@link io.zyphos.http.RequestBody.Streamed}). Past the parser's
 *       {@linkplain Http1ParserSettings#maxBodyBytes() limit} the answer is 413.</li>
 *   <li>{@code Expect: 100-continue} (RFC 9110 §10.1.1) is answered when the body is wanted: at
 *       once for an aggregated body, at the handler's first demand for a streamed one. Any other
 *       expectation gets 417.</li>
 *   <li>Bad input gets the status the parser names (400, 413, 414, 431, 501, 505) and the
 *       connection is closed after it (§11.2); a request head that does not arrive within the
 *       server's read timeout gets 408. These answers, and every other error's, come from one
 *       {@linkplain Builder#errorHandler hook}.</li>
 *   <li>Handlers run where their {@link io.zyphos.http.InvocationType} says: non-blocking ones on
 *       the connection's thread, blocking ones on a virtual thread when the transport is an event
 *       loop, or inline when the connection has a thread of its own.</li>
 * </ul>
 */
public final class Http1Protocol implements Protocol {

    private final Http1Config config;
    /** Whether the builder was given a registry; if not, the protocol counts in its server's. */
    private final boolean ownRegistry;

    private Http1Protocol(Http1Config config, boolean ownRegistry) {
        this.config = config;
        this.ownRegistry = ownRegistry;
    }

    /** A protocol that routes each request with {@code router}. */
    public static Builder builder(Router router) {
        return new Builder(HttpService.builder(router), null);
    }

    /** A protocol that gives every request to {@code handler}. */
    public static Builder builder(HttpHandler handler) {
        return new Builder(HttpService.builder(handler), null);
    }

    /**
     * A protocol that serves {@code service}: the way to serve the same routes, filter, error hook
     * and access log over HTTP/1.1 and HTTP/2 alike. The service's own settings are then set on
     * the service, not on this builder.
     */
    public static Builder builder(HttpService service) {
        return new Builder(null, Objects.requireNonNull(service, "service"));
    }

    @Override
    public String name() {
        return "http/1.1";
    }

    /** RFC 7301 §6: "http/1.1" is HTTP/1.1's ALPN id; HTTP/1.0 has none of its own. */
    @Override
    public List<String> applicationProtocols() {
        return List.of("http/1.1");
    }

    /**
     * A request line starts with a method, a token (RFC 9112 §3.1), optionally after empty lines
     * (§2.2); nothing else can. The parser judges the rest.
     */
    @Override
    public Detection detect(ByteBuf prefix) {
        int end = prefix.writerIndex();
        int i = prefix.readerIndex();
        while (i < end && (prefix.getByte(i) == '\r' || prefix.getByte(i) == '\n')) {
            i++;
        }
        int methodStart = i;
        while (i < end && ByteClass.TOKEN.contains(prefix.getByte(i))) {
            i++;
        }
        if (i == end) {
            return Detection.NEED_MORE;
        }
        return i > methodStart && prefix.getByte(i) == ' ' ? Detection.MATCH : Detection.NO_MATCH;
    }

    /**
     * Counts in the server's registry, unless {@link Builder#metrics} named another. Until it is
     * bound (a protocol driven without a server, in a benchmark) it counts in a registry of its own.
     */
    @Override
    public Protocol bind(MetricsRegistry serverMetrics) {
        if (ownRegistry) {
            return this;
        }
        // The protocol requests upgrade to counts in the same registry (an HTTP/2 one, say).
        Http1Upgrade upgrade = config.upgrade();
        if (upgrade instanceof Protocol p && p.bind(serverMetrics) instanceof Http1Upgrade bound) {
            upgrade = bound;
        }
        return new Http1Protocol(config.withMetrics(new Http1Metrics(serverMetrics), upgrade), true);
    }

    @Override
    public ProtocolHandler newHandler(Connection connection) {
        return new Http1ServerConnection(connection, config);
    }

    /** Configures an {@link Http1Protocol}. */
    public static final class Builder {

        /** The service being built here, or {@code null} when one was given whole. */
        private final HttpService.Builder serviceBuilder;
        private final HttpService service;
        private Http1ParserSettings parserSettings = Http1ParserSettings.defaults();
        private int maxPipelinedRequests = 16;
        private int maxAggregatedBodyBytes = 256 * 1024;
        private MetricsRegistry metrics;
        private Http1Upgrade upgrade;

        private Builder(HttpService.Builder serviceBuilder, HttpService service) {
            this.serviceBuilder = serviceBuilder;
            this.service = service;
        }

        /**
         * Wraps every request, routed or not, including the automatic 404, 405 and OPTIONS answers.
         *
         * @see HttpService.Builder#filter
         */
        public Builder filter(HttpFilter filter) {
            ownService("filter").filter(filter);
            return this;
        }

        /** Limits and leniencies of the request parser. */
        public Builder parserSettings(Http1ParserSettings settings) {
            this.parserSettings = Objects.requireNonNull(settings, "settings");
            return this;
        }

        /** Requests read ahead of their responses on one connection (RFC 9112 §9.3.2); at least 1. */
        public Builder maxPipelinedRequests(int max) {
            if (max < 1) {
                throw new IllegalArgumentException("maxPipelinedRequests must be at least 1: " + max);
            }
            this.maxPipelinedRequests = max;
            return this;
        }

        /** The longest request body handed to a handler whole; longer ones stream. */
        public Builder maxAggregatedBodyBytes(int max) {
            if (max < 0) {
                throw new IllegalArgumentException("maxAggregatedBodyBytes must not be negative: " + max);
            }
            this.maxAggregatedBodyBytes = max;
            return this;
        }

        /**
         * Where blocking handlers run when the connection's thread is an event loop. The default
         * starts one virtual thread per request.
         *
         * @see HttpService.Builder#blockingExecutor
         */
        public Builder blockingExecutor(Executor executor) {
            ownService("blockingExecutor").blockingExecutor(executor);
            return this;
        }

        /**
         * Makes the answer to every error: the router's 404 and 405, a handler's
         * {@link io.zyphos.http.HttpException} or failure (500), and what the connection refuses
         * before a handler runs (400, 408, 413, 414, 417, 431, 501, 505). By default
         * {@link ErrorHandler#plainText()}.
         *
         * @see HttpService.Builder#errorHandler
         */
        public Builder errorHandler(ErrorHandler handler) {
            ownService("errorHandler").errorHandler(handler);
            return this;
        }

        /**
         * Writes a line to {@code log} for every request once its response is complete, with the
         * status and body bytes that went out, and for every request refused before a handler ran
         * (with what there was of its request line). The log stays the caller's to close, after
         * the server.
         *
         * @see HttpService.Builder#accessLog
         */
        public Builder accessLog(AccessLog log) {
            ownService("accessLog").accessLog(log);
            return this;
        }

        /**
         * A protocol HTTP/1.1 requests may upgrade to without a handler's say, such as
         * {@code h2c}: a request that asks for it is answered {@code 101} and served by it.
         */
        public Builder upgrade(Http1Upgrade upgrade) {
            this.upgrade = Objects.requireNonNull(upgrade, "upgrade");
            return this;
        }

        /**
         * Registers the protocol's metrics here instead of in the registry of the server it is
         * given to ({@link io.zyphos.server.Server#metrics()}).
         */
        public Builder metrics(MetricsRegistry registry) {
            this.metrics = Objects.requireNonNull(registry, "registry");
            return this;
        }

        public Http1Protocol build() {
            HttpService s = service != null ? service : serviceBuilder.build();
            Http1Metrics m = new Http1Metrics(metrics != null ? metrics : new MetricsRegistry());
            return new Http1Protocol(Http1Config.of(s, parserSettings, maxPipelinedRequests, maxAggregatedBodyBytes, m, upgrade),
                    metrics != null);
        }

        private HttpService.Builder ownService(String setting) {
            if (serviceBuilder == null) {
                throw new IllegalStateException(setting + " belongs to the HttpService this protocol was built with: set it there");
            }
            return serviceBuilder;
        }
    }
}
