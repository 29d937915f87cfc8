package io.zyphos.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * HTTP-date (RFC 9110 §5.6.7): a sender writes IMF-fixdate; a recipient also reads the two
 * obsolete forms, rfc850-date (two-digit year, placed within 50 years of now) and asctime-date.
 */
class HttpDateTest {

    /** RFC 9110 §5.6.7's example instant. */
    private static final long EXAMPLE = 784_111_777L;
    /** 2025-06-01T00:00:00Z, the "now" of these tests. */
    private static final long NOW = 1_748_736_000L;

    @Test
    void formatsImfFixdate() {
        assertEquals("Sun, 06 Nov 1994 08:49:37 GMT", HttpDate.format(EXAMPLE));
        assertEquals("Thu, 01 Jan 1970 00:00:00 GMT", HttpDate.format(0));
        assertEquals("Thu, 29 Feb 2024 23:59:59 GMT", HttpDate.format(1_709_251_199L));
        assertEquals("Wed, 31 Dec 1969 23:59:59 GMT", HttpDate.format(-1));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "Sun, 06 Nov 1994 08:49:37 GMT",   // IMF-fixdate
        "Sunday, 06-Nov-94 08:49:37 GMT",  // obsolete RFC 850 format
        "Sun Nov  6 08:49:37 1994",        // ANSI C's asctime() format
    })
    void readsTheThreeFormsOfTheRfcExample(String value) {
        assertEquals(EXAMPLE, HttpDate.parse(value, NOW));
    }

    @Test
    void roundTripsOverFourCenturies() {
        for (long t = -12_000_000_000L; t < 12_000_000_000L; t += 86_400L * 37 + 3_601) {
            assertEquals(t, HttpDate.parse(HttpDate.format(t), NOW), HttpDate.format(t));
        }
    }

    @Test
    void aTwoDigitYearMoreThanFiftyYearsAheadIsInThePastCentury() {
        // Now is 2025: "75" would be 2075, exactly 50 years ahead, which is allowed; "76" is 1976.
        assertEquals(HttpDate.parse("Fri, 01 Jan 2075 00:00:00 GMT", NOW), HttpDate.parse("Friday, 01-Jan-75 00:00:00 GMT", NOW));
        assertEquals(HttpDate.parse("Thu, 01 Jan 1976 00:00:00 GMT", NOW), HttpDate.parse("Thursday, 01-Jan-76 00:00:00 GMT", NOW));
    }

    /**
     * Found by {@link HttpDateFuzzTest}: the two-digit year was only ever placed in now's century or
     * the one before, so from a year ending in 51 on, a date a few years ahead, in the next century,
     * came out a hundred years in the past.
     */
    @Test
    void aTwoDigitYearInTheNextCenturyIsAheadWhenLessThanFiftyYearsAway() {
        long now2060 = HttpDate.parse("Thu, 01 Jan 2060 00:00:00 GMT", NOW);
        // Now is 2060: "05" is 2105, 45 years ahead; "10" is 2110, exactly 50 ahead; "11" is 2011, 49 back.
        assertEquals(HttpDate.parse("Thu, 01 Jan 2105 00:00:00 GMT", NOW),
                HttpDate.parse("Thursday, 01-Jan-05 00:00:00 GMT", now2060));
        assertEquals(HttpDate.parse("Wed, 01 Jan 2110 00:00:00 GMT", NOW),
                HttpDate.parse("Wednesday, 01-Jan-10 00:00:00 GMT", now2060));
        assertEquals(HttpDate.parse("Sat, 01 Jan 2011 00:00:00 GMT", NOW),
                HttpDate.parse("Saturday, 01-Jan-11 00:00:00 GMT", now2060));
    }

    @Test
    void aLeapSecondCountsAsTheSecondBefore() {
        assertEquals(HttpDate.parse("Sat, 31 Dec 2016 23:59:59 GMT", NOW), HttpDate.parse("Sat, 31 Dec 2016 23:59:60 GMT", NOW));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "''",
        "Sun, 06 Nov 1994 08:49:37 UTC",      // the zone is the literal GMT
        "sun, 06 Nov 1994 08:49:37 GMT",      // names are case-sensitive
        "Sun, 6 Nov 1994 08:49:37 GMT",       // day is 2DIGIT
        "Sun, 06 Nov 94 08:49:37 GMT",
        "Sun, 31 Nov 1994 08:49:37 GMT",      // no such day
        "Sun, 29 Feb 1900 08:49:37 GMT",      // 1900 was not a leap year
        "Sun, 06 Nov 1994 24:00:00 GMT",
        "Sun, 06 Nov 1994 08:60:37 GMT",
        "'Sun, 06 Nov 1994 08:49:37 GMT '",  // quoted: CsvSource trims otherwise
        "Sun, 06-Nov-94 08:49:37 GMT",        // rfc850 takes the long day name
        "Sunday, 06 Nov 1994 08:49:37 GMT",
        "'Sun Nov  6 08:49:37 1994 '",
        "Sun Nov 6 08:49:37 1994",
        "1994-11-06T08:49:37Z",
    })
    void refusesAnythingElse(String value) {
        assertEquals(HttpDate.INVALID, HttpDate.parse(value, NOW));
    }
}
