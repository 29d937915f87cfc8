package io.zyphos.http2;

import io.netty.buffer.ByteBuf;
import io.zyphos.http.HeaderName;
import io.zyphos.http.HttpRequest;
import io.zyphos.http.HttpService;
import io.zyphos.http1.Http1Upgrade;
import io.zyphos.http2.frame.ConnectionPreface;
import io.zyphos.http2.frame.Http2Exception;
import io.zyphos.http2.frame.Http2Settings;
import io.zyphos.http2.internal.Http2Config;
import io.zyphos.http2.internal.Http2Metrics;
import io.zyphos.http2.internal.Http2ServerConnection;
import io.zyphos.http2.server.Http2ServerConfig;
import io.zyphos.http2.server.Http2ServerEngine;
import io.zyphos.metrics.MetricsRegistry;
import io.zyphos.server.Connection;
import io.zyphos.server.Protocol;
import io.zyphos.server.ProtocolHandler;
import java.util.List;
import java.util.Objects;

/**
 * HTTP/2 (RFC 9113) for the server bootstrap: the same {@link HttpService} as HTTP/1.1, its
 * handlers and router unchanged, over any transport.
 *
 * <pre>{@code
 * HttpService service = HttpService.builder(router).build();
 * Http2Protocol h2 = Http2Protocol.builder(service).build();
 * Server.builder()
 *         .protocol(h2)                                             // prior knowledge, or ALPN h2
 *         .protocol(Http1Protocol.builder(service).upgrade(h2).build())  // HTTP/1.1, and Upgrade: h2c
 *         .start();
 * }</pre>
 *
 * <p>A connection becomes HTTP/2 three ways: over TLS when the client chose {@code h2} by ALPN;
 * in clear text when its first bytes are the client preface ("prior knowledge", RFC 9113 §3.3,
 * which {@link #detect} recognises); or from HTTP/1.1 with {@code Upgrade: h2c} (RFC 7540 §3.2),
 * when this protocol is given to {@link io.zyphos.http1.Http1Protocol.Builder#upgrade}, the
 * request that asked becoming stream 1.
 *
 * <p>The protocol rules are {@link Http2ServerEngine}'s, a sans-I/O engine; its settings and
 * limits come from {@link Builder#settings}.
 */
public final class Http2Protocol implements Protocol, Http1Upgrade {

    /** The ALPN identifier of HTTP/2 over TLS (RFC 9113 §3.2). */
    public static final String ALPN_ID = "h2";
    /** The Upgrade token of HTTP/2 over clear text from HTTP/1.1 (RFC 7540 §3.2). */
    public static final String H2C = "h2c";
    private static final HeaderName HTTP2_SETTINGS = HeaderName.of("http2-settings");

    private final Http2Config config;
    private final boolean ownRegistry;

    private Http2Protocol(Http2Config config, boolean ownRegistry) {
        this.config = config;
        this.ownRegistry = ownRegistry;
    }

    /** A protocol that serves {@code service}. */
    public static Builder builder(HttpService service) {
        return new Builder(Objects.requireNonNull(service, "service"));
    }

    @Override
    public String name() {
        return ALPN_ID;
    }

    @Override
    public List<String> applicationProtocols() {
        return List.of(ALPN_ID);
    }

    /** The 24-octet client preface (RFC 9113 §3.4) opens HTTP/2 with prior knowledge. */
    @Override
    public Detection detect(ByteBuf prefix) {
        return ConnectionPreface.sniff(prefix);
    }

    /**
     * Counts in the server's registry, unless {@link Builder#metrics} named another. Counters of
     * the same name in one registry are shared, so the protocol bound here and the one an
     * HTTP/1.1 protocol upgrades to count together.
     */
    @Override
    public Protocol bind(MetricsRegistry serverMetrics) {
        return ownRegistry ? this : new Http2Protocol(config.withMetrics(new Http2Metrics(serverMetrics)), true);
    }

    @Override
    public ProtocolHandler newHandler(Connection connection) {
        return Http2ServerConnection.start(connection, config);
    }

    // ---- h2c: HTTP/1.1's upgrade ----

    @Override
    public String token() {
        return H2C;
    }

    /**
     * Takes an HTTP/1.1 request that asked for {@code h2c} (RFC 7540 §3.2): it must carry exactly
     * one {@code HTTP2-Settings} field, named as a connection option, holding a valid SETTINGS
     * payload (§3.2.1), and come in clear text ({@code h2c} is HTTP/2 without TLS; over TLS, ALPN
     * chooses). Otherwise the request is declined and served on HTTP/1.1.
     */
    @Override
    public Protocol accept(HttpRequest request) {
        if (!"http".equals(request.scheme())
                || request.headers().getAll(HTTP2_SETTINGS).size() != 1
                || !request.headers().containsToken(HeaderName.CONNECTION, "http2-settings")) {
            return null;
        }
        Http2Settings settings;
        try {
            settings = Http2ServerEngine.decodeHttp2Settings(request.headers().get(HTTP2_SETTINGS));
        } catch (Http2Exception | IllegalArgumentException malformed) {
            return null;
        }
        if (settings == null) {
            return null;
        }
        return new Upgraded(config, settings, request);
    }

    /** The HTTP/2 connection one h2c upgrade starts, with the request that asked as stream 1. */
    private record Upgraded(Http2Config config, Http2Settings settings, HttpRequest request) implements Protocol {

        @Override
        public String name() {
            return H2C;
        }

        /** Never chosen by sniffing: only an upgrade switches to it. */
        @Override
        public Detection detect(ByteBuf prefix) {
            return Detection.NO_MATCH;
        }

        @Override
        public ProtocolHandler newHandler(Connection connection) {
            return Http2ServerConnection.upgraded(connection, config, settings, request);
        }
    }

    /** Configures an {@link Http2Protocol}. */
    public static final class Builder {

        private final HttpService service;
        private Http2ServerConfig settings = Http2ServerConfig.defaults();
        private int maxAggregatedBodyBytes = 256 * 1024;
        private MetricsRegistry metrics;

        private Builder(HttpService service) {
            this.service = service;
        }

        /**
         * The engine's SETTINGS and limits: MAX_CONCURRENT_STREAMS (100 by default, 100 to
         * 10,000), windows, frame and header list sizes, abuse budgets.
         */
        public Builder settings(Http2ServerConfig config) {
            this.settings = Objects.requireNonNull(config, "config");
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
         * Registers the protocol's metrics here instead of in the registry of the server it is
         * given to ({@link io.zyphos.server.Server#metrics()}).
         */
        public Builder metrics(MetricsRegistry registry) {
            this.metrics = Objects.requireNonNull(registry, "registry");
            return this;
        }

        public Http2Protocol build() {
            Http2Metrics m = new Http2Metrics(metrics != null ? metrics : new MetricsRegistry());
            return new Http2Protocol(Http2Config.of(service, settings, maxAggregatedBodyBytes, m), metrics != null);
        }
    }
}
