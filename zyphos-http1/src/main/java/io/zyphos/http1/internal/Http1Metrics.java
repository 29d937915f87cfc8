package io.zyphos.http1.internal;

import io.zyphos.metrics.Counter;
import io.zyphos.metrics.LatencyHistogram;
import io.zyphos.metrics.MetricsRegistry;

/** The HTTP/1 protocol's counters, registered once per protocol and shared by its connections. */
public final class Http1Metrics {

    final Counter requests;
    final Counter pipelined;
    final Counter[] responsesByClass = new Counter[6];
    final Counter protocolErrors;
    final Counter requestTimeouts;
    final Counter handlerFailures;
    final LatencyHistogram latency;

    public Http1Metrics(MetricsRegistry registry) {
        requests = registry.counter("zyphos_http1_requests_total", "HTTP/1 requests whose head was read");
        pipelined = registry.counter("zyphos_http1_pipelined_requests_total",
                "requests read while an earlier one on the same connection was still unanswered");
        for (int c = 1; c <= 5; c++) {
            responsesByClass[c] = registry.counter("zyphos_http1_responses_" + c + "xx_total", "responses with a " + c + "xx status");
        }
        protocolErrors = registry.counter("zyphos_http1_protocol_errors_total", "connections closed for breaking RFC 9112");
        requestTimeouts = registry.counter("zyphos_http1_request_timeouts_total", "request heads not complete within the read timeout (408)");
        handlerFailures = registry.counter("zyphos_http1_handler_failures_total", "handlers that threw something other than an HttpException (answered 500)");
        // Recorded in nanoseconds, exposed in seconds (PrometheusText): named for what a reader sees.
        latency = registry.histogram("zyphos_http1_response_seconds", "from a request's head to its response's last byte queued");
    }

    /**
     * One connection's counts of requests and responses not yet added to the shared counters: a
     * pipelined read of sixteen requests adds to each counter once, not sixteen times. Confined to
     * the connection's thread; {@link #publish} at every flush.
     */
    final class Tally {
        private int requests;
        private int pipelined;
        private final int[] responsesByClass = new int[6];
        private boolean pending;

        void request(boolean pipelinedRequest) {
            requests++;
            if (pipelinedRequest) {
                pipelined++;
            }
            pending = true;
        }

        void response(int status) {
            int c = status / 100;
            if (c >= 1 && c <= 5) {
                responsesByClass[c]++;
                pending = true;
            }
        }

        /** Adds what was counted to the shared counters. */
        void publish() {
            if (!pending) {
                return;
            }
            pending = false;
            if (requests != 0) {
                Http1Metrics.this.requests.add(requests);
                requests = 0;
            }
            if (pipelined != 0) {
                Http1Metrics.this.pipelined.add(pipelined);
                pipelined = 0;
            }
            for (int c = 1; c <= 5; c++) {
                if (responsesByClass[c] != 0) {
                    Http1Metrics.this.responsesByClass[c].add(responsesByClass[c]);
                    responsesByClass[c] = 0;
                }
            }
        }
    }
}
