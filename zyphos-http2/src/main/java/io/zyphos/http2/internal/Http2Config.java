package io.zyphos.http2.internal;

import io.zyphos.http.HttpService;
import io.zyphos.http.internal.ExchangeDriver;
import io.zyphos.http2.server.Http2ServerConfig;

/**
 * What an {@code Http2Protocol} was built with, shared by all its connections. Immutable.
 *
 * @param engine the SETTINGS and limits of each connection's engine
 * @param maxAggregatedBodyBytes the longest request body handed to a handler whole; longer ones stream
 */
public record Http2Config(HttpService service, Http2ServerConfig engine, int maxAggregatedBodyBytes,
        Http2Metrics metrics, ExchangeDriver driver) {

    public static Http2Config of(HttpService service, Http2ServerConfig engine, int maxAggregatedBodyBytes, Http2Metrics metrics) {
        return new Http2Config(service, engine, maxAggregatedBodyBytes, metrics, new ExchangeDriver(service, metrics.handlerFailures));
    }

    /** This configuration, counting into {@code counters}. */
    public Http2Config withMetrics(Http2Metrics counters) {
        return of(service, engine, maxAggregatedBodyBytes, counters);
    }
}
