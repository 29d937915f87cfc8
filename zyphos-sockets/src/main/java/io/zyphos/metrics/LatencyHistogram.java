package io.zyphos.metrics;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * A histogram of durations in nanoseconds, three significant digits, up to one hour.
 *
 * <p>Recording is wait-free and allocation-free from any number of threads (HdrHistogram's
 * {@link Recorder}). {@link #snapshot()} swaps the recorder's interval histogram out and adds it to
 * the running total, so snapshots are cumulative, like a Prometheus summary.
 */
public final class LatencyHistogram {

    private static final long HIGHEST_TRACKABLE_NANOS = 3_600_000_000_000L;
    private static final int SIGNIFICANT_DIGITS = 3;

    private final Recorder recorder = new Recorder(HIGHEST_TRACKABLE_NANOS, SIGNIFICANT_DIGITS);
    private final Histogram total = new Histogram(HIGHEST_TRACKABLE_NANOS, SIGNIFICANT_DIGITS);
    private Histogram interval;

    /** Records one duration; values above an hour are clamped to an hour. */
    public void record(long nanos) {
        recorder.recordValue(Math.min(Math.max(nanos, 0), HIGHEST_TRACKABLE_NANOS));
    }

    /** Everything recorded so far. Thread-safe; snapshots are serialised among themselves. */
    public synchronized HistogramSnapshot snapshot() {
        interval = recorder.getIntervalHistogram(interval);
        total.add(interval);
        return HistogramSnapshot.of(total);
    }
}
