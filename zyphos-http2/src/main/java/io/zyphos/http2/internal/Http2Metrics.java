package io.zyphos.http2.internal;

import io.zyphos.metrics.Counter;
import io.zyphos.metrics.LatencyHistogram;
import io.zyphos.metrics.MetricsRegistry;

/** The HTTP/2 protocol's counters, registered once per protocol and shared by its connections. */
public final class Http2Metrics {

    final Counter connections;
    final Counter upgrades;
    final Counter requests;
    final Counter[] responsesByClass = new Counter[6];
    final Counter streamsReset;
    final Counter connectionErrors;
    final Counter handlerFailures;
    final LatencyHistogram latency;

    public Http2Metrics(MetricsRegistry registry) {
        connections = registry.counter("zyphos_http2_connections_total", "connections that spoke HTTP/2");
        upgrades = registry.counter("zyphos_http2_upgrades_total", "HTTP/1.1 connections upgraded to HTTP/2 with h2c");
        requests = registry.counter("zyphos_http2_requests_total", "HTTP/2 requests whose header section was read");
        for (int c = 1; c <= 5; c++) {
            responsesByClass[c] = registry.counter("zyphos_http2_responses_" + c + "xx_total", "HTTP/2 responses with a " + c + "xx status");
        }
        streamsReset = registry.counter("zyphos_http2_streams_reset_total", "streams that ended with RST_STREAM, either side's");
        connectionErrors = registry.counter("zyphos_http2_connection_errors_total",
                "connections ended by a connection error (GOAWAY with an error code, RFC 9113 §5.4.1)");
        handlerFailures = registry.counter("zyphos_http2_handler_failures_total",
                "handlers that threw something other than an HttpException (answered 500)");
        latency = registry.histogram("zyphos_http2_response_seconds", "from a request's header section to its response's end queued");
    }

    void response(int status) {
        int c = status / 100;
        if (c >= 1 && c <= 5) {
            responsesByClass[c].increment();
        }
    }
}
