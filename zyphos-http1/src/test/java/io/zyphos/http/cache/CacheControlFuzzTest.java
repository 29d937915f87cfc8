package io.zyphos.http.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.zyphos.http.FuzzInput;
import io.zyphos.http.HeaderName;
import io.zyphos.http.Headers;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * Cache-Control (RFC 9111 §5.2) read from any text: directive names in any case, values as tokens
 * or quoted-strings (a comma inside quotes ends nothing), the first of a repeated directive counts,
 * delta-seconds saturate at 2^31 (§1.2.2), and a field split over several lines means the same.
 * Checked against the grammar read plainly for well-formed lists; any other text gives seconds in
 * range whatever its case. The fuzz lesson for CacheControl.
 *
 * <p>The first byte chooses the run: odd, the rest builds a well-formed list of directives; even,
 * the rest is the field value as a client sends it.
 */
class CacheControlFuzzTest {

    private static final List<String> NAMES = List.of("no-store", "no-cache", "private", "public", "must-revalidate",
            "proxy-revalidate", "only-if-cached", "max-age", "s-maxage", "min-fresh", "max-stale", "immutable", "x-ext");
    private static final List<String> VALUES = List.of("0", "5", "60", "007", "2147483647", "2147483648",
            "99999999999999999999", "1a", "-1", "abc", "\"10\"", "\"x, y\"", "\"a\\\"b, max-age=1\"", "\"\"", "\"no-store\"");
    private static final BigInteger MAX_DELTA = BigInteger.valueOf(CacheControl.MAX_DELTA_SECONDS);

    @FuzzTest(maxDuration = "30s")
    void directivesReadTheSameHoweverTheyAreWritten(byte[] data) {
        FuzzInput in = new FuzzInput(data);
        if (in.flag()) {
            assertAWellFormedListReadsAsWritten(in);
            return;
        }
        String value = in.restAsFieldValue();
        CacheControl cc = CacheControl.of(new Headers().add(HeaderName.CACHE_CONTROL, value));
        for (long seconds : new long[] {cc.maxAge, cc.sMaxAge, cc.minFresh}) {
            assertTrue(seconds == CacheControl.ABSENT || seconds == CacheControl.INVALID
                    || seconds >= 0 && seconds <= CacheControl.MAX_DELTA_SECONDS, () -> seconds + " from " + value);
        }
        Headers upper = new Headers().add(HeaderName.CACHE_CONTROL, FuzzInput.asciiUpperCase(value));
        assertEquals(describe(cc), describe(CacheControl.of(upper)), () -> "in upper case: " + value);
    }

    private static void assertAWellFormedListReadsAsWritten(FuzzInput in) {
        int count = in.choose(8);
        List<String> directives = new ArrayList<>();
        List<String> seen = new ArrayList<>();
        StringBuilder expected = new StringBuilder();
        long[] seconds = {CacheControl.ABSENT, CacheControl.ABSENT, CacheControl.ABSENT};
        for (int i = 0; i < count; i++) {
            String name = in.pick(NAMES);
            String value = in.flag() ? in.pick(VALUES) : null;
            directives.add((in.flag() ? FuzzInput.asciiUpperCase(name) : name) + (value == null ? "" : "=" + value));
            seen.add(name);
            int slot = List.of("max-age", "s-maxage", "min-fresh").indexOf(name);
            if (slot >= 0 && seconds[slot] == CacheControl.ABSENT) {
                seconds[slot] = deltaSeconds(value);
            }
        }
        for (String flag : List.of("no-store", "no-cache", "private", "public", "must-revalidate", "only-if-cached")) {
            boolean set = seen.contains(flag) || flag.equals("must-revalidate") && seen.contains("proxy-revalidate");
            expected.append(set ? flag + " " : "");
        }
        expected.append("max-age=").append(seconds[0]).append(" s-maxage=").append(seconds[1])
                .append(" min-fresh=").append(seconds[2]);

        StringBuilder value = new StringBuilder();
        Headers lines = new Headers();
        for (String directive : directives) {
            value.append(value.isEmpty() ? "" : in.pick(List.of(",", ", ", " , ", ",\t", ",,"))).append(directive);
            lines.add(HeaderName.CACHE_CONTROL, directive);
        }
        String v = value.toString();
        assertEquals(expected.toString(), describe(CacheControl.of(new Headers().add(HeaderName.CACHE_CONTROL, v))), v);
        assertEquals(expected.toString(), describe(CacheControl.of(lines)), () -> "one directive per line: " + v);
    }

    /** delta-seconds (RFC 9111 §1.2.2), as a token or a quoted-string; -2 if it is not one. */
    private static long deltaSeconds(String value) {
        if (value == null) {
            return CacheControl.INVALID;
        }
        String digits = value.startsWith("\"") ? value.substring(1, value.length() - 1) : value;
        if (!digits.matches("[0-9]+")) {
            return CacheControl.INVALID;
        }
        return new BigInteger(digits).min(MAX_DELTA).longValueExact();
    }

    private static String describe(CacheControl cc) {
        return (cc.noStore ? "no-store " : "") + (cc.noCache ? "no-cache " : "") + (cc.isPrivate ? "private " : "")
                + (cc.isPublic ? "public " : "") + (cc.mustRevalidate ? "must-revalidate " : "")
                + (cc.onlyIfCached ? "only-if-cached " : "")
                + "max-age=" + cc.maxAge + " s-maxage=" + cc.sMaxAge + " min-fresh=" + cc.minFresh;
    }
}
