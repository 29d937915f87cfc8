package io.zyphos.metrics;

/**
 * Where a non-negative value is counted in a {@link LatencyHistogram}: the bucket layout of
 * HdrHistogram, with three significant digits, written out so that the metrics need no library.
 *
 * <p>Values below {@value #SUB_BUCKETS} each have a bucket of their own. Above that, every power
 * of two [2<sup>k</sup>, 2<sup>k+1</sup>) is cut into {@value #HALF} equal buckets, so a bucket is
 * never wider than 1/{@value #HALF} of the values it holds: any value read back from its bucket is
 * within 0.1 % of the value recorded. Up to an hour in nanoseconds this takes 33,421 buckets.
 *
 * <pre>
 *   index:  0 .. 2047          | 2048 .. 3071       | 3072 .. 4095       | ...
 *   values: 0 .. 2047, width 1 | 2048 .. 4095, by 2 | 4096 .. 8191, by 4 | ...
 * </pre>
 */
final class LogLinearBuckets {

    /** 2 × 10<sup>3</sup> rounded up to a power of two: three significant digits. */
    static final int SUB_BUCKETS = 2048;
    static final int HALF = SUB_BUCKETS / 2;
    private static final int HALF_SHIFT = Integer.numberOfTrailingZeros(HALF);
    /** 64 minus the bits of a value below {@link #SUB_BUCKETS}. */
    private static final int LEADING_ZEROS_OF_FIRST = Long.numberOfLeadingZeros(SUB_BUCKETS - 1);

    private LogLinearBuckets() {}

    /** How many buckets hold every value from 0 to {@code highest}. */
    static int count(long highest) {
        return index(highest) + 1;
    }

    /** The bucket of {@code value}, which must not be negative. */
    static int index(long value) {
        int shift = LEADING_ZEROS_OF_FIRST - Long.numberOfLeadingZeros(value | (SUB_BUCKETS - 1));
        if (shift == 0) {
            return (int) value;
        }
        // value >>> shift is in [HALF, SUB_BUCKETS): the position inside its power of two.
        return ((shift + 1) << HALF_SHIFT) + (int) (value >>> shift) - HALF;
    }

    /** The smallest value counted in bucket {@code index}. */
    static long lowest(int index) {
        if (index < SUB_BUCKETS) {
            return index;
        }
        int shift = (index >>> HALF_SHIFT) - 1;
        return (long) ((index & (HALF - 1)) + HALF) << shift;
    }

    /** The largest value counted in bucket {@code index}. */
    static long highest(int index) {
        return lowest(index + 1) - 1;
    }
}
