package io.zyphos.http;

import io.zyphos.metrics.MetricsRegistry;
import io.zyphos.metrics.PrometheusText;
import java.util.Objects;

/**
 * Handlers that show a {@link MetricsRegistry}: route one where a scraper looks.
 *
 * <pre>{@code
 * MetricsRegistry metrics = new MetricsRegistry();
 * Router router = Router.builder()
 *         .get("/metrics", MetricsHandler.prometheus(metrics))
 *         .build();
 * Server server = Server.builder().metrics(metrics).protocol(Http1Protocol.builder(router).build()).start();
 * }</pre>
 *
 * The server counts its connections, and each protocol its requests, in the registry it was given.
 */
public final class MetricsHandler {

    private MetricsHandler() {}

    /**
     * Every metric of {@code registry} now, in the Prometheus text exposition format
     * ({@link PrometheusText}). {@link InvocationType#NON_BLOCKING}: taking a snapshot waits for
     * nothing but a short lock among snapshots.
     */
    public static HttpHandler prometheus(MetricsRegistry registry) {
        Objects.requireNonNull(registry, "registry");
        return HttpHandler.nonBlocking(request -> HttpResponse.builder(Status.OK)
                .header(HeaderName.CONTENT_TYPE, PrometheusText.CONTENT_TYPE)
                .body(PrometheusText.format(registry.snapshot()))
                .build());
    }
}
