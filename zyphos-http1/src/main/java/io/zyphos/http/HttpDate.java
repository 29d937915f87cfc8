package io.zyphos.http;

/**
 * HTTP-date (RFC 9110 §5.6.7): formatting as IMF-fixdate, and parsing of all three forms a
 * recipient must accept.
 *
 * <pre>
 *   IMF-fixdate  Sun, 06 Nov 1994 08:49:37 GMT
 *   rfc850-date  Sunday, 06-Nov-94 08:49:37 GMT   (obsolete)
 *   asctime-date Sun Nov  6 08:49:37 1994         (obsolete)
 * </pre>
 *
 * Times are whole seconds since the epoch: an HTTP-date has no finer resolution, so validators
 * compare seconds. The calendar arithmetic is done here, without java.time, so formatting and
 * parsing allocate nothing but the result. Reads no clock: the one rule that needs the present
 * (an rfc850 two-digit year) takes it as an argument.
 *
 * <p>Stateless and thread-safe.
 */
public final class HttpDate {

    /** What {@link #parse} returns for text that is not an HTTP-date. */
    public static final long INVALID = Long.MIN_VALUE;

    /** Length of an IMF-fixdate. */
    public static final int IMF_FIXDATE_LENGTH = 29;

    private static final String DAYS = "ThuFriSatSunMonTueWed";
    private static final String MONTHS = "JanFebMarAprMayJunJulAugSepOctNovDec";
    private static final String[] LONG_DAYS = {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"};
    private static final long SECONDS_PER_DAY = 86_400;

    private HttpDate() {}

    /** {@code epochSeconds} as an IMF-fixdate, such as {@code Sun, 06 Nov 1994 08:49:37 GMT}. */
    public static String format(long epochSeconds) {
        char[] out = new char[IMF_FIXDATE_LENGTH];
        long days = Math.floorDiv(epochSeconds, SECONDS_PER_DAY);
        int secondOfDay = (int) Math.floorMod(epochSeconds, SECONDS_PER_DAY);
        // 1970-01-01 was a Thursday, the first name in DAYS.
        int weekday = (int) Math.floorMod(days, 7);
        DAYS.getChars(weekday * 3, weekday * 3 + 3, out, 0);
        out[3] = ',';
        out[4] = ' ';
        long civil = civilFromDays(days);
        int year = (int) (civil >> 9);
        int month = (int) (civil >> 5 & 0xF);
        int day = (int) (civil & 0x1F);
        twoDigits(out, 5, day);
        out[7] = ' ';
        MONTHS.getChars((month - 1) * 3, month * 3, out, 8);
        out[11] = ' ';
        twoDigits(out, 12, year / 100 % 100);
        twoDigits(out, 14, year % 100);
        out[16] = ' ';
        twoDigits(out, 17, secondOfDay / 3600);
        out[19] = ':';
        twoDigits(out, 20, secondOfDay / 60 % 60);
        out[22] = ':';
        twoDigits(out, 23, secondOfDay % 60);
        out[25] = ' ';
        out[26] = 'G';
        out[27] = 'M';
        out[28] = 'T';
        return new String(out);
    }

    /**
     * The seconds since the epoch that {@code value} names, or {@link #INVALID}. Accepts the three
     * forms of RFC 9110 §5.6.7, exactly as the grammar spells them (the day name is checked but not
     * compared with the date). {@code nowEpochSeconds} places an rfc850 two-digit year: one that
     * would be more than 50 years in the future is the most recent past year with those digits, so
     * the year is the one with those digits at most 50 years ahead and less than 50 years back.
     */
    public static long parse(CharSequence value, long nowEpochSeconds) {
        if (value == null) {
            return INVALID;
        }
        int n = value.length();
        if (n == IMF_FIXDATE_LENGTH && value.charAt(3) == ',') {
            return parseImfFixdate(value);
        }
        if (n == 24 && value.charAt(3) == ' ') {
            return parseAsctime(value);
        }
        int comma = indexOf(value, ',');
        if (comma > 0) {
            return parseRfc850(value, comma, nowEpochSeconds);
        }
        return INVALID;
    }

    // IMF-fixdate = day-name "," SP date1 SP time-of-day SP GMT; date1 = day SP month SP year
    private static long parseImfFixdate(CharSequence v) {
        if (dayName(v, 0) < 0 || v.charAt(4) != ' ' || v.charAt(7) != ' ' || v.charAt(11) != ' '
                || v.charAt(16) != ' ' || !matches(v, 25, " GMT")) {
            return INVALID;
        }
        int day = digits(v, 5, 2);
        int month = month(v, 8);
        int year = digits(v, 12, 4);
        return toEpoch(year, month, day, v, 17);
    }

    // asctime-date = day-name SP date3 SP time-of-day SP year; date3 = month SP ( 2DIGIT / ( SP DIGIT ))
    private static long parseAsctime(CharSequence v) {
        if (dayName(v, 0) < 0 || v.charAt(7) != ' ' || v.charAt(10) != ' ' || v.charAt(19) != ' ') {
            return INVALID;
        }
        int month = month(v, 4);
        int day = v.charAt(8) == ' ' ? digits(v, 9, 1) : digits(v, 8, 2);
        int year = digits(v, 20, 4);
        return toEpoch(year, month, day, v, 11);
    }

    // rfc850-date = day-name-l "," SP date2 SP time-of-day SP GMT; date2 = day "-" month "-" 2DIGIT
    private static long parseRfc850(CharSequence v, int comma, long nowEpochSeconds) {
        boolean named = false;
        for (String name : LONG_DAYS) {
            if (name.length() == comma && matches(v, 0, name)) {
                named = true;
                break;
            }
        }
        int p = comma + 1;
        if (!named || v.length() != p + 23 || v.charAt(p) != ' ' || v.charAt(p + 3) != '-'
                || v.charAt(p + 7) != '-' || v.charAt(p + 10) != ' ' || !matches(v, p + 19, " GMT")) {
            return INVALID;
        }
        int day = digits(v, p + 1, 2);
        int month = month(v, p + 4);
        int yy = digits(v, p + 8, 2);
        if (yy < 0) {
            return INVALID;
        }
        int thisYear = (int) (civilFromDays(Math.floorDiv(nowEpochSeconds, SECONDS_PER_DAY)) >> 9);
        int year = thisYear - Math.floorMod(thisYear, 100) + yy;
        // The year with those digits in (now - 50, now + 50]: this century's may be too far either way.
        if (year > thisYear + 50) {
            year -= 100;
        } else if (year <= thisYear - 50) {
            year += 100;
        }
        return toEpoch(year, month, day, v, p + 11);
    }

    /** The date with the time-of-day {@code HH:MM:SS} at {@code at}, or {@link #INVALID}. */
    private static long toEpoch(int year, int month, int day, CharSequence v, int at) {
        if (v.charAt(at + 2) != ':' || v.charAt(at + 5) != ':') {
            return INVALID;
        }
        int hour = digits(v, at, 2);
        int minute = digits(v, at + 3, 2);
        int second = digits(v, at + 6, 2);
        // time-of-day allows second 60 for a leap second (RFC 9110 §5.6.7); it counts as 59.
        if (year < 0 || month < 1 || day < 1 || hour < 0 || hour > 23 || minute < 0 || minute > 59
                || second < 0 || second > 60 || day > daysInMonth(year, month)) {
            return INVALID;
        }
        return daysFromCivil(year, month, day) * SECONDS_PER_DAY + hour * 3600L + minute * 60L + Math.min(second, 59);
    }

    private static int dayName(CharSequence v, int at) {
        for (int i = 0; i < DAYS.length(); i += 3) {
            if (matches(v, at, DAYS, i, 3)) {
                return i / 3;
            }
        }
        return -1;
    }

    private static int month(CharSequence v, int at) {
        for (int i = 0; i < MONTHS.length(); i += 3) {
            if (matches(v, at, MONTHS, i, 3)) {
                return i / 3 + 1;
            }
        }
        return -1;
    }

    /** The {@code count} decimal digits at {@code at}, or -1 if one is not a digit. */
    private static int digits(CharSequence v, int at, int count) {
        int n = 0;
        for (int i = at; i < at + count; i++) {
            char c = v.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            n = n * 10 + (c - '0');
        }
        return n;
    }

    private static boolean matches(CharSequence v, int at, String s) {
        return matches(v, at, s, 0, s.length());
    }

    /** Case-sensitive: the grammar's names and "GMT" are case-sensitive (RFC 9110 §5.6.7). */
    private static boolean matches(CharSequence v, int at, String s, int from, int length) {
        if (at + length > v.length()) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            if (v.charAt(at + i) != s.charAt(from + i)) {
                return false;
            }
        }
        return true;
    }

    private static int indexOf(CharSequence v, char c) {
        for (int i = 0; i < v.length(); i++) {
            if (v.charAt(i) == c) {
                return i;
            }
        }
        return -1;
    }

    private static int daysInMonth(int year, int month) {
        return switch (month) {
            case 2 -> year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28;
            case 4, 6, 9, 11 -> 30;
            default -> 31;
        };
    }

    private static void twoDigits(char[] out, int at, int n) {
        out[at] = (char) ('0' + n / 10);
        out[at + 1] = (char) ('0' + n % 10);
    }

    /** Days since 1970-01-01 of a proleptic Gregorian date (the usual era-based algorithm). */
    private static long daysFromCivil(long year, int month, int day) {
        long y = month <= 2 ? year - 1 : year;
        long era = Math.floorDiv(y, 400);
        long yearOfEra = y - era * 400;
        long dayOfYear = (153L * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
        long dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
        return era * 146_097 + dayOfEra - 719_468;
    }

    /** The inverse of {@link #daysFromCivil}, packed as {@code year << 9 | month << 5 | day}. */
    private static long civilFromDays(long days) {
        long z = days + 719_468;
        long era = Math.floorDiv(z, 146_097);
        long dayOfEra = z - era * 146_097;
        long yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365;
        long dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
        long mp = (5 * dayOfYear + 2) / 153;
        long day = dayOfYear - (153 * mp + 2) / 5 + 1;
        long month = mp < 10 ? mp + 3 : mp - 9;
        long year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
        return year << 9 | month << 5 | day;
    }
}
