package io.zyphos.metrics;

import org.HdrHistogram.AbstractHistogram;

/** A histogram's figures at one moment, in nanoseconds. */
public record HistogramSnapshot(
        long count, long sumNanos, long minNanos, long maxNanos,
        long p50Nanos, long p90Nanos, long p99Nanos, long p999Nanos) {

    public static final HistogramSnapshot EMPTY = new HistogramSnapshot(0, 0, 0, 0, 0, 0, 0, 0);

    static HistogramSnapshot of(AbstractHistogram h) {
        long count = h.getTotalCount();
        if (count == 0) {
            return EMPTY;
        }
        return new HistogramSnapshot(
                count,
                Math.round(h.getMean() * count),
                h.getMinValue(),
                h.getMaxValue(),
                h.getValueAtPercentile(50),
                h.getValueAtPercentile(90),
                h.getValueAtPercentile(99),
                h.getValueAtPercentile(99.9));
    }
}
