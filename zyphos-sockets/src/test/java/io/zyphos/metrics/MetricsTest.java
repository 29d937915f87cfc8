package io.zyphos.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Roadmap milestone 12, lock-free metrics: striped counters that many threads bump at once
 * without losing a count, latency histograms with fixed memory, a snapshot readers take without
 * stopping writers, and the Prometheus text exposition format (version 0.0.4) it is served in.
 */
class MetricsTest {

    @Test
    void countersLoseNoUpdateUnderContention() throws Exception {
        MetricsRegistry registry = new MetricsRegistry();
        Counter requests = registry.counter("requests_total", "Requests.");
        Thread[] threads = new Thread[8];
        for (int t = 0; t < threads.length; t++) {
            threads[t] = Thread.ofPlatform().start(() -> {
                for (int i = 0; i < 100_000; i++) {
                    requests.increment();
                }
            });
        }
        for (Thread t : threads) {
            t.join();
        }
        assertEquals(800_000, registry.snapshot().get("requests_total"));
    }

    @Test
    void histogramsReportPercentilesWithinThreeSignificantDigits() {
        MetricsRegistry registry = new MetricsRegistry();
        LatencyHistogram latency = registry.histogram("latency_seconds", "Latency.");
        for (int i = 1; i <= 1000; i++) {
            latency.record(i * 1_000L);
        }
        HistogramSnapshot h = registry.snapshot().histogram("latency_seconds");
        assertEquals(1000, h.count());
        assertEquals(500_000, h.p50Nanos(), 500);
        assertEquals(990_000, h.p99Nanos(), 990);
        assertEquals(1_000_000, h.maxNanos(), 1000);
        // Snapshots are cumulative: a second one still sees every value.
        latency.record(2_000_000);
        assertEquals(1001, registry.snapshot().histogram("latency_seconds").count());
    }

    @Test
    void bucketsCoverEveryValueWithoutGapsAndWithinAThousandth() {
        int buckets = LogLinearBuckets.count(3_600_000_000_000L);
        assertEquals(0, LogLinearBuckets.lowest(0));
        for (int i = 0; i < buckets; i++) {
            long low = LogLinearBuckets.lowest(i);
            long high = LogLinearBuckets.highest(i);
            assertEquals(i, LogLinearBuckets.index(low), "bucket " + i + " starts at " + low);
            assertEquals(i, LogLinearBuckets.index(high), "bucket " + i + " ends at " + high);
            assertEquals(high + 1, LogLinearBuckets.lowest(i + 1), "bucket " + (i + 1) + " starts where " + i + " ends");
            assertTrue(high - low < Math.max(1, low / 1000), "bucket " + i + " [" + low + ", " + high + "] is wider than 0.1 %");
        }
    }

    @Test
    void aSumPastLongRangeSaturatesInsteadOfTurningNegative() {
        LatencyHistogram lifetimes = new LatencyHistogram();
        for (int i = 0; i < 3_000_000; i++) {
            lifetimes.record(Long.MAX_VALUE);
        }
        HistogramSnapshot h = lifetimes.snapshot();
        assertEquals(3_000_000, h.count());
        assertEquals(Long.MAX_VALUE, h.sumNanos(), "three million hours of nanoseconds do not fit in a long");
        assertEquals(3_600_000_000_000L, h.maxNanos(), 3_600_000_000L);
    }

    @Test
    void prometheusTextFollowsTheExpositionFormat() {
        MetricsRegistry registry = new MetricsRegistry();
        registry.counter("zyphos_requests_total", "Requests served.").add(3);
        AtomicLong open = new AtomicLong(2);
        registry.gauge("zyphos_connections_open", "Open connections.\nNow.", open::get);
        registry.histogram("zyphos_latency_seconds", "Latency.").record(1_500_000);
        String text = PrometheusText.format(registry.snapshot());
        assertEquals("""
                # HELP zyphos_requests_total Requests served.
                # TYPE zyphos_requests_total counter
                zyphos_requests_total 3
                # HELP zyphos_connections_open Open connections.\\nNow.
                # TYPE zyphos_connections_open gauge
                zyphos_connections_open 2
                # HELP zyphos_latency_seconds Latency.
                # TYPE zyphos_latency_seconds summary
                """, text.substring(0, text.indexOf("zyphos_latency_seconds{")));
        assertTrue(text.contains("zyphos_latency_seconds{quantile=\"0.99\"} 0.0015"), text);
        assertTrue(text.endsWith("zyphos_latency_seconds_count 1\n"), text);
    }

    @Test
    void namesAreCheckedAndKindsCannotClash() {
        MetricsRegistry registry = new MetricsRegistry();
        assertThrows(IllegalArgumentException.class, () -> registry.counter("bad name", "x"));
        registry.counter("x_total", "x");
        assertThrows(IllegalArgumentException.class, () -> registry.histogram("x_total", "x"));
        assertEquals(registry.counter("x_total", "x"), registry.counter("x_total", "again"), "same name, same counter");
    }
}
