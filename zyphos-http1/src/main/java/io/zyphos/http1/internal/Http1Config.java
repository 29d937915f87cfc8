package io.zyphos.http1.internal;

import io.zyphos.http.HttpService;
import io.zyphos.http.internal.ExchangeDriver;
import io.zyphos.http1.Http1ParserSettings;
import io.zyphos.http1.Http1Upgrade;

/**
 * What an {@code Http1Protocol} was built with, shared by all its connections. Immutable. What is
 * not HTTP/1's own (routes, filter, errors, access log, where handlers run) is the
 * {@link HttpService}'s, run by the {@link ExchangeDriver}.
 */
public record Http1Config(
        HttpService service,
        Http1ParserSettings parserSettings,
        int maxPipelinedRequests,
        int maxAggregatedBodyBytes,
        Http1Metrics metrics,
        Http1Upgrade upgrade,
        ExchangeDriver driver) {

    /**
     * @param upgrade a protocol requests may upgrade to before any handler, or {@code null}
     */
    public static Http1Config of(HttpService service, Http1ParserSettings parserSettings, int maxPipelinedRequests,
            int maxAggregatedBodyBytes, Http1Metrics metrics, Http1Upgrade upgrade) {
        return new Http1Config(service, parserSettings, maxPipelinedRequests, maxAggregatedBodyBytes, metrics, upgrade,
                new ExchangeDriver(service, metrics.handlerFailures));
    }

    /** This configuration, counting into {@code counters}, upgrading to {@code upgradeTo}. */
    public Http1Config withMetrics(Http1Metrics counters, Http1Upgrade upgradeTo) {
        return of(service, parserSettings, maxPipelinedRequests, maxAggregatedBodyBytes, counters, upgradeTo);
    }
}
