package io.zyphos.http.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.zyphos.http.FuzzInput;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Whatever a client sends in Range, the ranges served are inside the file, never overlap or touch
 * (so no byte goes twice), and cover exactly the bytes the range-specs ask for (RFC 9110 §14.1.1,
 * §14.2); an invalid field is ignored and one with nothing satisfiable is a 416. Checked against a
 * plain reading of the grammar with unbounded numbers. The fuzz lesson for ByteRanges.
 *
 * <p>The first byte chooses the representation's length (a small one, or any long from the next
 * eight bytes) and the second {@code maxRanges}; the rest is the field value.
 */
class ByteRangesFuzzTest {

    private static final Pattern INT_RANGE = Pattern.compile("([0-9]+)-([0-9]*)");
    private static final Pattern SUFFIX_RANGE = Pattern.compile("-([0-9]+)");

    @FuzzTest(maxDuration = "30s")
    void theRangesServedAreExactlyTheBytesAskedFor(byte[] data) {
        FuzzInput in = new FuzzInput(data);
        int sizing = in.nextByte();
        long length = (sizing & 0x80) != 0 ? in.nextLong() & Long.MAX_VALUE : sizing & 0x7F;
        int maxRanges = 1 + in.choose(24);
        String value = in.rest();

        ByteRanges ranges = ByteRanges.parse(value, length, maxRanges);
        Reading expected = read(value, BigInteger.valueOf(length), maxRanges);
        assertEquals(expected.outcome, ranges.outcome(), () -> value + " against " + length + " bytes");
        if (ranges.outcome() != ByteRanges.Outcome.RANGES) {
            return;
        }
        assertTrue(ranges.count() >= 1 && ranges.count() <= maxRanges, value);
        List<long[]> served = new ArrayList<>();
        for (int i = 0; i < ranges.count(); i++) {
            long first = ranges.first(i);
            long last = ranges.last(i);
            assertTrue(0 <= first && first <= last && last < length, () -> first + "-" + last + " of " + length);
            assertEquals(last - first + 1, ranges.length(i));
            for (long[] other : served) {
                assertTrue(last + 1 < other[0] || other[1] + 1 < first,
                        () -> first + "-" + last + " overlaps or touches " + other[0] + "-" + other[1]);
            }
            served.add(new long[] {first, last});
        }
        if (!expected.touching) {
            assertEquals(describe(expected.ranges), describe(served), () -> "in the order asked: " + value);
        }
        served.sort(Comparator.comparingLong(r -> r[0]));
        assertEquals(describe(merge(expected.ranges)), describe(served), () -> "the bytes asked for: " + value);
    }

    private record Reading(ByteRanges.Outcome outcome, List<long[]> ranges, boolean touching) {}

    /** RFC 9110 §14.1.1 and §14.2 read plainly, numbers unbounded. */
    private static Reading read(String value, BigInteger length, int maxRanges) {
        Reading ignore = new Reading(ByteRanges.Outcome.IGNORE, List.of(), false);
        if (value.length() < 6 || !value.regionMatches(true, 0, "bytes=", 0, 6)) {
            return ignore;
        }
        List<long[]> satisfiable = new ArrayList<>();
        int specs = 0;
        for (String element : value.substring(6).split(",", -1)) {
            String spec = element.replaceAll("^[ \t]+|[ \t]+$", "");
            if (spec.isEmpty()) {
                continue;
            }
            if (++specs > maxRanges) {
                return ignore;
            }
            BigInteger first;
            BigInteger last;
            Matcher m;
            if ((m = INT_RANGE.matcher(spec)).matches()) {
                first = new BigInteger(m.group(1));
                last = length.subtract(BigInteger.ONE);
                if (!m.group(2).isEmpty()) {
                    BigInteger lastPos = new BigInteger(m.group(2));
                    if (lastPos.compareTo(first) < 0) {
                        return ignore;
                    }
                    last = last.min(lastPos);
                }
            } else if ((m = SUFFIX_RANGE.matcher(spec)).matches()) {
                BigInteger suffix = new BigInteger(m.group(1));
                first = length.subtract(suffix).max(BigInteger.ZERO);
                last = suffix.signum() == 0 ? BigInteger.ONE.negate() : length.subtract(BigInteger.ONE);
            } else {
                return ignore;
            }
            if (first.compareTo(length) < 0 && first.compareTo(last) <= 0) {
                satisfiable.add(new long[] {first.longValueExact(), last.longValueExact()});
            }
        }
        if (specs == 0) {
            return ignore;
        }
        if (satisfiable.isEmpty()) {
            return new Reading(ByteRanges.Outcome.UNSATISFIABLE, List.of(), false);
        }
        boolean touching = false;
        for (int a = 0; a < satisfiable.size(); a++) {
            for (int b = a + 1; b < satisfiable.size(); b++) {
                touching |= satisfiable.get(a)[0] <= satisfiable.get(b)[1] + 1
                        && satisfiable.get(b)[0] <= satisfiable.get(a)[1] + 1;
            }
        }
        return new Reading(ByteRanges.Outcome.RANGES, satisfiable, touching);
    }

    private static List<long[]> merge(List<long[]> ranges) {
        List<long[]> sorted = new ArrayList<>(ranges);
        sorted.sort(Comparator.comparingLong(r -> r[0]));
        List<long[]> merged = new ArrayList<>();
        for (long[] r : sorted) {
            long[] last = merged.isEmpty() ? null : merged.getLast();
            if (last != null && r[0] <= last[1] + 1) {
                last[1] = Math.max(last[1], r[1]);
            } else {
                merged.add(r.clone());
            }
        }
        return merged;
    }

    private static String describe(List<long[]> ranges) {
        StringBuilder s = new StringBuilder();
        for (long[] r : ranges) {
            s.append(s.isEmpty() ? "" : " ").append(r[0]).append('-').append(r[1]);
        }
        return s.toString();
    }
}
