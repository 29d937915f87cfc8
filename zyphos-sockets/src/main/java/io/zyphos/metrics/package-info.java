/**
 * Lock-free metrics: counters, gauges and latency histograms in a {@link io.zyphos.metrics.MetricsRegistry},
 * read as an immutable {@link io.zyphos.metrics.MetricsSnapshot} and exposed as Prometheus text.
 *
 * <p>Writers never block and never allocate: counters are striped ({@link java.util.concurrent.atomic.LongAdder}),
 * histograms count into fixed log-linear buckets with one atomic increment. Readers take a
 * snapshot, which costs them (not the writers) a pass over the buckets.
 */
package io.zyphos.metrics;
