package io.zyphos.http.files;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The Range field's grammar (RFC 9110 §14.1.1, §14.2), one line per case, against a
 * representation of 1000 bytes: what is sent, as {@code first-last} pairs, or IGNORE (send 200)
 * or UNSATISFIABLE (send 416).
 */
class ByteRangesTest {

    private static String read(String value) {
        ByteRanges r = ByteRanges.parse(value, 1000, 4);
        if (r.outcome() != ByteRanges.Outcome.RANGES) {
            return r.outcome().name();
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < r.count(); i++) {
            sb.append(i == 0 ? "" : " ").append(r.first(i)).append('-').append(r.last(i));
        }
        return sb.toString();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        // §14.1.2's examples
        "bytes=0-499          | 0-499",
        "bytes=500-999        | 500-999",
        "bytes=-500           | 500-999",
        "bytes=9500-          | UNSATISFIABLE",
        "bytes=0-0,-1         | 0-0 999-999",
        "bytes= 0-999, 4500-5499, -1000 | 0-999",
        "bytes=500-600,601-999 | 500-999",
        "bytes=500-700,601-999 | 500-999",
        // edges
        "bytes=999-           | 999-999",
        "bytes=1000-          | UNSATISFIABLE",
        "bytes=-0             | UNSATISFIABLE",
        "bytes=-1000000       | 0-999",
        "bytes=0-99999999999999999999 | 0-999",
        "bytes=99999999999999999999- | UNSATISFIABLE",
        "BYTES=1-2            | 1-2",
        "bytes=5-5,1-1        | 5-5 1-1",
        "bytes=1-2,3-4,5-6,7-8 | 1-8",
        // ignored: another unit, bad grammar, too many (limit 4 here)
        "items=1-2            | IGNORE",
        "bytes                | IGNORE",
        "bytes=               | IGNORE",
        "bytes=2-1            | IGNORE",
        // last < first even where both overflow a long (found by ByteRangesFuzzTest: they saturated to equal)
        "bytes=99999999999999999999-99999999999999999998 | IGNORE",
        "bytes=000000000000000000000000007-0000000000000000000000000000008 | 7-8",
        "bytes=1-2-3          | IGNORE",
        "bytes=x              | IGNORE",
        "bytes=-              | IGNORE",
        "bytes=1 -2           | IGNORE",
        "bytes =1-2           | IGNORE",
        "bytes=1-1,3-3,5-5,7-7,9-9 | IGNORE",
    })
    void reads(String value, String expected) {
        assertEquals(expected, read(value.strip()));
    }
}
