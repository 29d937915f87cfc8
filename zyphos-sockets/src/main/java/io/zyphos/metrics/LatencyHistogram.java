package io.zyphos.metrics;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * A histogram of durations in nanoseconds, three significant digits, up to one hour.
 *
 * <p>Recording is one atomic increment of a bucket ({@link LogLinearBuckets}): wait-free and
 * allocation-free from any number of threads. Counts only grow, so snapshots are cumulative, like a
 * Prometheus summary. A snapshot reads the buckets one after another while writers go on; a value
 * recorded during a snapshot may or may not be in it, and is in the next. The memory is fixed:
 * 33,421 counters, about 261 KiB, and as much again for the buffer snapshots are read into.
 */
public final class LatencyHistogram {

    private static final long HIGHEST_TRACKABLE_NANOS = 3_600_000_000_000L;

    private final AtomicLongArray counts = new AtomicLongArray(LogLinearBuckets.count(HIGHEST_TRACKABLE_NANOS));
    private final long[] read = new long[counts.length()];

    /** Records one duration; values above an hour are clamped to an hour, below zero to zero. */
    public void record(long nanos) {
        counts.getAndIncrement(LogLinearBuckets.index(Math.min(Math.max(nanos, 0), HIGHEST_TRACKABLE_NANOS)));
    }

    /** Everything recorded so far. Thread-safe; snapshots are serialised among themselves. */
    public synchronized HistogramSnapshot snapshot() {
        for (int i = 0; i < read.length; i++) {
            read[i] = counts.get(i);
        }
        return HistogramSnapshot.of(read);
    }
}
