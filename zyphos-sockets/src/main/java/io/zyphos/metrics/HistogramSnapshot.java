package io.zyphos.metrics;

/**
 * A histogram's figures at one moment, in nanoseconds. Percentiles, the minimum and the maximum
 * are the highest value of the bucket they fall in (the lowest, for the minimum), so they are
 * within 0.1 % of a value that was recorded and a percentile never understates; the sum adds each
 * bucket's middle value once per count.
 */
public record HistogramSnapshot(
        long count, long sumNanos, long minNanos, long maxNanos,
        long p50Nanos, long p90Nanos, long p99Nanos, long p999Nanos) {

    public static final HistogramSnapshot EMPTY = new HistogramSnapshot(0, 0, 0, 0, 0, 0, 0, 0);

    /** The figures of bucket counts laid out by {@link LogLinearBuckets}. */
    static HistogramSnapshot of(long[] counts) {
        long count = 0;
        double sum = 0;
        int first = -1;
        int last = -1;
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] != 0) {
                count += counts[i];
                sum += (double) counts[i] * middle(i);
                first = first < 0 ? i : first;
                last = i;
            }
        }
        if (count == 0) {
            return EMPTY;
        }
        return new HistogramSnapshot(
                count,
                Math.round(sum),
                LogLinearBuckets.lowest(first),
                LogLinearBuckets.highest(last),
                percentile(counts, count, 0.5),
                percentile(counts, count, 0.9),
                percentile(counts, count, 0.99),
                percentile(counts, count, 0.999));
    }

    /** The value at or below which a fraction {@code q} of the {@code count} values lie. */
    private static long percentile(long[] counts, long count, double q) {
        long rank = Math.max(1, (long) Math.ceil(q * count));
        long seen = 0;
        for (int i = 0; i < counts.length; i++) {
            seen += counts[i];
            if (seen >= rank) {
                return LogLinearBuckets.highest(i);
            }
        }
        throw new IllegalStateException("counts add up to less than " + count);
    }

    private static long middle(int index) {
        long low = LogLinearBuckets.lowest(index);
        return low + (LogLinearBuckets.highest(index) - low) / 2;
    }
}
