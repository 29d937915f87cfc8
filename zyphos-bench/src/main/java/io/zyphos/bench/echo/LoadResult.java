package io.zyphos.bench.echo;

import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * What one window of echo load measured.
 *
 * @param requests round trips completed inside the window
 * @param nanos the window's length
 * @param latencyNanos the round-trip time of each of those requests, in nanoseconds
 * @param bytesVerified echoed bytes compared with what was sent (whole run, drain included)
 * @param mismatchedBytes echoed bytes that differed from what was sent
 * @param connectionErrors connections lost to an I/O error, an early end of stream or no answer
 */
public record LoadResult(
        long requests,
        long nanos,
        Histogram latencyNanos,
        long bytesVerified,
        long mismatchedBytes,
        long connectionErrors) {

    public double requestsPerSecond() {
        return nanos == 0 ? 0 : requests * 1e9 / nanos;
    }

    /** The latency at {@code percentile} (such as 99.9), in microseconds. */
    public double latencyMicros(double percentile) {
        return latencyNanos.getValueAtPercentile(percentile) / (double) TimeUnit.MICROSECONDS.toNanos(1);
    }

    /** Every kind of failure: lost connections plus mismatched bytes. */
    public long errors() {
        return connectionErrors + mismatchedBytes;
    }
}
