package io.zyphos.http1.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zyphos.http.HttpHandler;
import io.zyphos.http.HttpResponse;
import io.zyphos.http.MetricsHandler;
import io.zyphos.http.Router;
import io.zyphos.http.Status;
import io.zyphos.http1.Http1Protocol;
import io.zyphos.metrics.MetricsRegistry;
import io.zyphos.metrics.MetricsSnapshot;
import io.zyphos.metrics.PrometheusText;
import io.zyphos.server.Server;
import io.zyphos.testing.LoopbackClient;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Where a server's HTTP metrics go and how a scraper reads them: a protocol counts in the registry
 * of the server it is given to unless told otherwise, one route serves them as Prometheus text,
 * and every name says what it holds in Prometheus's base units (a duration in seconds).
 */
class MetricsTest {

    private static final Router HELLO = Router.builder()
            .get("/hello", HttpHandler.nonBlocking(r -> HttpResponse.text(Status.OK, "hello")))
            .build();

    private static void get(Server server, String path, int times) throws IOException {
        try (LoopbackClient client = LoopbackClient.connect(server.localAddress())) {
            InputStream in = new BufferedInputStream(client.socket().getInputStream());
            for (int i = 0; i < times; i++) {
                client.send("GET " + path + " HTTP/1.1\r\nHost: a\r\n\r\n");
                WireResponse.read(in, false);
            }
        }
    }

    @Test
    void aProtocolCountsInItsServersRegistryUnlessToldOtherwise() throws IOException {
        try (Server server = Server.builder().port(0).threads(1).protocol(Http1Protocol.builder(HELLO).build()).start()) {
            get(server, "/hello", 3);
            assertEquals(3, server.metrics().snapshot().get("zyphos_http1_requests_total"), "Server.metrics() holds them");
        }
        MetricsRegistry own = new MetricsRegistry();
        try (Server server = Server.builder().port(0).threads(1).protocol(Http1Protocol.builder(HELLO).metrics(own).build()).start()) {
            get(server, "/hello", 2);
            assertEquals(2, own.snapshot().get("zyphos_http1_requests_total"), "a registry named on the builder wins");
            assertFalse(server.metrics().snapshot().values().containsKey("zyphos_http1_requests_total"));
        }
    }

    @Test
    void oneRouteServesThemAsPrometheusText() throws IOException {
        MetricsRegistry metrics = new MetricsRegistry();
        Router router = Router.builder()
                .get("/hello", HttpHandler.nonBlocking(r -> HttpResponse.text(Status.OK, "hello")))
                .get("/metrics", MetricsHandler.prometheus(metrics))
                .build();
        try (Server server = Server.builder().port(0).threads(1).metrics(metrics).protocol(Http1Protocol.builder(router).build()).start();
                LoopbackClient client = LoopbackClient.connect(server.localAddress())) {
            InputStream in = new BufferedInputStream(client.socket().getInputStream());
            client.send("GET /hello HTTP/1.1\r\nHost: a\r\n\r\n");
            WireResponse.read(in, false);
            // A connection adds its counts to the shared counters once per read it answers, so a
            // scrape sees the requests of earlier reads, not yet its own.
            client.send("GET /metrics HTTP/1.1\r\nHost: a\r\n\r\n");
            WireResponse scrape = WireResponse.read(in, false);
            assertEquals(PrometheusText.CONTENT_TYPE, scrape.field("content-type"));
            String text = scrape.bodyText();
            assertTrue(text.contains("\nzyphos_http1_requests_total 1\n"), text);
            assertTrue(text.contains("\nzyphos_connections_accepted_total 1\n"), "the server's own metrics too: " + text);
            assertTrue(text.contains("# TYPE zyphos_http1_response_seconds summary\n"), text);
            assertTrue(text.contains("\nzyphos_http1_response_seconds_count 1\n"), "the first response, before the scrape's: " + text);
        }
    }

    @Test
    void everyNameSaysWhatItHoldsInBaseUnits() throws IOException {
        try (Server server = Server.builder().port(0).threads(1).protocol(Http1Protocol.builder(HELLO).build()).start()) {
            get(server, "/hello", 1);
            for (Map.Entry<String, MetricsSnapshot.Value> metric : server.metrics().snapshot().values().entrySet()) {
                String name = metric.getKey();
                switch (metric.getValue()) {
                    case MetricsSnapshot.CounterValue c -> assertTrue(name.endsWith("_total"), name + ": a counter ends in _total");
                    case MetricsSnapshot.HistogramValue h -> assertTrue(name.endsWith("_seconds"),
                            name + ": durations are exposed in seconds, and named so");
                    case MetricsSnapshot.GaugeValue g -> assertFalse(name.matches(".*_(nanos|millis|micros|kb|mb)$"), name);
                }
            }
        }
    }
}
