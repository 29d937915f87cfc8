package io.zyphos.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * An HTTP-date (RFC 9110 §5.6.7) reads back as the instant it was written from, in each of its
 * three forms, with an rfc850 two-digit year placed within 50 years of now; any other text is
 * {@link HttpDate#INVALID} or a date that formats and parses to itself. Checked against
 * java.time, never by an exception. The fuzz lesson for HttpDate.
 *
 * <p>The first byte chooses the run: odd, the next eight bytes are an instant between the years
 * 0 and 9999 and the next two how far "now" is from it; even, the rest is a date field as a client
 * sends it.
 */
class HttpDateFuzzTest {

    private static final long FIRST = Instant.parse("0000-01-01T00:00:00Z").getEpochSecond();
    private static final long LAST = Instant.parse("9999-12-31T23:59:59Z").getEpochSecond();
    private static final long YEAR = 31_556_952;
    private static final DateTimeFormatter IMF_FIXDATE = formatter("EEE, dd MMM uuuu HH:mm:ss 'GMT'");
    private static final DateTimeFormatter RFC850 = formatter("EEEE, dd-MMM-uu HH:mm:ss 'GMT'");
    private static final DateTimeFormatter ASCTIME = formatter("EEE MMM ppd HH:mm:ss uuuu");

    @FuzzTest(maxDuration = "30s")
    void aDateReadsBackAsTheInstantItNames(byte[] data) {
        FuzzInput in = new FuzzInput(data);
        if (in.flag()) {
            long t = FIRST + Math.floorMod(in.nextLong(), LAST - FIRST + 1);
            Instant instant = Instant.ofEpochSecond(t);
            String imf = IMF_FIXDATE.format(instant);
            assertEquals(imf, HttpDate.format(t));
            assertEquals(t, HttpDate.parse(imf, t), imf);
            assertEquals(t, HttpDate.parse(ASCTIME.format(instant), t), ASCTIME.format(instant));
            // "now" anywhere from 49 years before the date to 50 years after it, inside the years 100 to 9899.
            long now = t + (in.nextByte() << 8 | in.nextByte()) % (99 * YEAR) - 49 * YEAR;
            int nowYear = year(now);
            if (nowYear >= 100 && nowYear <= 9899 && Math.abs(nowYear - year(t)) < 49) {
                String rfc850 = RFC850.format(instant);
                assertEquals(t, HttpDate.parse(rfc850, now), rfc850 + " read in " + nowYear);
            }
            return;
        }
        String text = in.rest();
        long now = 1_700_000_000L;
        long parsed = HttpDate.parse(text, now);
        if (parsed == HttpDate.INVALID) {
            return;
        }
        assertTrue(parsed >= FIRST && parsed <= LAST, () -> text + " is out of range: " + parsed);
        String formatted = HttpDate.format(parsed);
        assertEquals(IMF_FIXDATE.format(Instant.ofEpochSecond(parsed)), formatted);
        assertEquals(parsed, HttpDate.parse(formatted, now), formatted);
        if (text.length() == HttpDate.IMF_FIXDATE_LENGTH && !text.startsWith("60", 23)) {
            // The day name is checked but not compared with the date, and second 60 reads as 59.
            assertEquals(text.substring(5), formatted.substring(5), text);
        }
        if (text.indexOf(',') > 3 && text.length() != HttpDate.IMF_FIXDATE_LENGTH) {
            int yearsAway = year(parsed) - year(now);
            assertTrue(yearsAway > -50 && yearsAway <= 50,
                    () -> text + " is read as " + formatted + ", more than 50 years from now");
        }
    }

    private static int year(long epochSeconds) {
        return Instant.ofEpochSecond(epochSeconds).atOffset(ZoneOffset.UTC).getYear();
    }

    private static DateTimeFormatter formatter(String pattern) {
        return DateTimeFormatter.ofPattern(pattern, Locale.US).withZone(ZoneOffset.UTC);
    }
}
