package io.zyphos.http.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.zyphos.http.FuzzInput;
import io.zyphos.http.HeaderName;
import io.zyphos.http.Headers;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * Accept-Encoding (RFC 9110 §12.5.3) picks a pre-compressed sibling only if it exists and the
 * client accepts its coding with a weight above 0, by name or through {@code *}; a field split
 * over several lines, or written in another case, chooses the same. Checked against the rule
 * written plainly for lists of distinct codings, and by those symmetries for any text. The fuzz
 * lesson for AcceptEncoding.
 *
 * <p>The first byte chooses the run: odd, the rest builds a list of distinct codings with valid and
 * invalid weights; even, the rest is the field value as a client sends it.
 */
class AcceptEncodingFuzzTest {

    private static final List<String> CODINGS = List.of("br", "gzip", "x-gzip", "*", "identity", "deflate", "zstd");
    private static final List<String> WEIGHTS = List.of(
            "", "", ";q=1", ";q=1.000", ";q=0", ";q=0.0", ";q=0.001", ";q=0.5", ";q=0.99", " ; q=0.7", ";Q=0.3",
            ";q=1.5", ";q=0.1234", ";q=2", ";q=.5", ";q=", ";q=0.5;x=y", ";level=1");

    @FuzzTest(maxDuration = "30s")
    void aSiblingIsSentOnlyWhenItsCodingIsAccepted(byte[] data) {
        FuzzInput in = new FuzzInput(data);
        if (in.flag()) {
            assertTheRuleForDistinctCodings(in);
            return;
        }
        String value = in.restAsFieldValue();
        Headers one = new Headers().add(HeaderName.ACCEPT_ENCODING, value);
        for (int exists = 0; exists < 4; exists++) {
            boolean br = (exists & 1) != 0;
            boolean gzip = (exists & 2) != 0;
            String chosen = AcceptEncoding.choose(one, br, gzip);
            assertTrue(chosen == null || chosen.equals(AcceptEncoding.BR) && br || chosen.equals(AcceptEncoding.GZIP) && gzip,
                    () -> chosen + " chosen for " + value);
            assertEquals(chosen, AcceptEncoding.choose(splitAtCommas(value), br, gzip), () -> "split at every comma: " + value);
            assertEquals(chosen, AcceptEncoding.choose(
                    new Headers().add(HeaderName.ACCEPT_ENCODING, FuzzInput.asciiUpperCase(value)), br, gzip),
                    () -> "in upper case: " + value);
            assertNull(AcceptEncoding.choose(new Headers().add(HeaderName.ACCEPT, value), br, gzip), "no Accept-Encoding");
        }
        String both = AcceptEncoding.choose(one, true, true);
        if (AcceptEncoding.BR.equals(both)) {
            assertEquals(AcceptEncoding.BR, AcceptEncoding.choose(one, true, false), value);
        } else if (AcceptEncoding.GZIP.equals(both)) {
            assertEquals(AcceptEncoding.GZIP, AcceptEncoding.choose(one, false, true), value);
        } else {
            assertNull(AcceptEncoding.choose(one, true, false), value);
            assertNull(AcceptEncoding.choose(one, false, true), value);
        }
    }

    /** Distinct codings (x-gzip is gzip), so none is weighed twice; the rule of the class documentation. */
    private static void assertTheRuleForDistinctCodings(FuzzInput in) {
        List<String> codings = new ArrayList<>(CODINGS);
        Collections.rotate(codings, in.nextByte());
        int count = in.choose(codings.size() + 1);
        StringBuilder value = new StringBuilder();
        int br = -1;
        int gzip = -1;
        int any = -1;
        boolean gzipListed = false;
        for (String coding : codings.subList(0, count)) {
            boolean isGzip = coding.equals("gzip") || coding.equals("x-gzip");
            if (isGzip && gzipListed) {
                continue;
            }
            gzipListed |= isGzip;
            String weight = in.pick(WEIGHTS);
            int q = weight(weight);
            value.append(value.isEmpty() ? "" : in.flag() ? ", " : ",")
                    .append(in.flag() ? coding.toUpperCase(Locale.ROOT) : coding).append(weight);
            if (q < 0) {
                continue;
            }
            switch (coding) {
                case "br" -> br = q;
                case "gzip", "x-gzip" -> gzip = q;
                case "*" -> any = q;
                default -> { }
            }
        }
        Headers headers = new Headers().add(HeaderName.ACCEPT_ENCODING, value.toString());
        boolean brExists = in.flag();
        boolean gzipExists = in.flag();
        int brWeight = brExists ? (br < 0 ? Math.max(any, 0) : br) : 0;
        int gzipWeight = gzipExists ? (gzip < 0 ? Math.max(any, 0) : gzip) : 0;
        String expected = brWeight > 0 && brWeight >= gzipWeight ? AcceptEncoding.BR
                : gzipWeight > 0 ? AcceptEncoding.GZIP : null;
        assertEquals(expected, AcceptEncoding.choose(headers, brExists, gzipExists),
                () -> value + " with br " + brExists + ", gzip " + gzipExists);
    }

    /** The qvalue of {@code weight} in thousandths (RFC 9110 §12.4.2), 1000 when absent, -1 when invalid. */
    private static int weight(String weight) {
        String w = weight.replace(" ", "");
        if (w.isEmpty()) {
            return 1000;
        }
        if (!w.matches("(?i);q=(0(\\.[0-9]{0,3})?|1(\\.0{0,3})?)")) {
            return -1;
        }
        String number = w.substring(3);
        return (int) Math.round(Double.parseDouble(number) * 1000);
    }



    /** One Accept-Encoding line per comma-separated piece of {@code value}. */
    private static Headers splitAtCommas(String value) {
        Headers headers = new Headers();
        for (String piece : value.split(",", -1)) {
            String line = piece.strip();
            if (!line.isEmpty()) {
                headers.add(HeaderName.ACCEPT_ENCODING, line);
            }
        }
        return headers;
    }
}
