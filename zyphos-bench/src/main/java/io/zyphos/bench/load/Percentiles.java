package io.zyphos.bench.load;

/**
 * The p50, p99 and p99.9 latencies of one run in microseconds, once checked: either all three are
 * possible (above zero, in order) or there are none, with the reason. A load tool that prints
 * 0 for a percentile or a p99.9 under its p99 has measured nothing trustworthy for that run, so
 * none of its three values is kept: which one is wrong cannot be known.
 *
 * @param missing null when the three values are usable; otherwise why there are none
 */
record Percentiles(long p50, long p99, long p999, Footnote missing) {

    /** The three values as measured, or none ({@link Footnote#IMPOSSIBLE}) if any is zero or below, or out of order. */
    static Percentiles checked(long p50, long p99, long p999) {
        if (p50 <= 0 || p99 <= 0 || p999 <= 0 || p50 > p99 || p99 > p999) {
            return none(Footnote.IMPOSSIBLE);
        }
        return new Percentiles(p50, p99, p999, null);
    }

    static Percentiles none(Footnote why) {
        return new Percentiles(-1, -1, -1, why);
    }

    boolean measured() {
        return missing == null;
    }
}
