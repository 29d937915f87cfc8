package io.zyphos.http1;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * The value of the Date header field (RFC 9110 §6.6.1) in IMF-fixdate form, such as
 * {@code Sun, 06 Nov 1994 08:49:37 GMT} (RFC 9110 §5.6.7), formatted at most once a second.
 *
 * <p>An origin server with a clock MUST send Date; its resolution is a second, so every response
 * in the same second shares one formatted value. The time comes in as an argument: this class
 * reads no clock. Writing the value allocates nothing; formatting a new second allocates a little
 * (java.time does the calendar arithmetic).
 *
 * <p>Not thread-safe: one per event loop.
 */
public final class DateHeaderCache {

    /** Length of an IMF-fixdate. */
    public static final int LENGTH = 29;

    private static final byte[] DAYS = "MonTueWedThuFriSatSun".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] MONTHS = "JanFebMarAprMayJunJulAugSepOctNovDec".getBytes(StandardCharsets.US_ASCII);

    private final byte[] value = new byte[LENGTH];
    private long second = Long.MIN_VALUE;
    /** {@link #value} as a String, made at the first call within the second; {@code null} until then. */
    private String text;

    /** Writes the IMF-fixdate for {@code nowMillis} (milliseconds since the epoch) into {@code out}, which stays the caller's. */
    public void writeTo(ByteBuf out, long nowMillis) {
        refresh(nowMillis);
        out.writeBytes(value);
    }

    /**
     * Copies the IMF-fixdate for {@code nowMillis} into {@code dst} at {@code offset}, which must
     * have {@link #LENGTH} bytes of room.
     *
     * @return the index just past it
     */
    public int writeTo(byte[] dst, int offset, long nowMillis) {
        refresh(nowMillis);
        System.arraycopy(value, 0, dst, offset, LENGTH);
        return offset + LENGTH;
    }

    /** The IMF-fixdate for {@code nowMillis}, as a String: one made per second, shared within it. */
    public String value(long nowMillis) {
        refresh(nowMillis);
        String t = text;
        if (t == null) {
            t = text = new String(value, StandardCharsets.US_ASCII);
        }
        return t;
    }

    private void refresh(long nowMillis) {
        long now = Math.floorDiv(nowMillis, 1000);
        if (now == second) {
            return;
        }
        second = now;
        text = null;
        LocalDateTime t = LocalDateTime.ofEpochSecond(now, 0, ZoneOffset.UTC);
        int day = (t.getDayOfWeek().getValue() - 1) * 3;
        int month = (t.getMonthValue() - 1) * 3;
        System.arraycopy(DAYS, day, value, 0, 3);
        value[3] = ',';
        value[4] = ' ';
        twoDigits(5, t.getDayOfMonth());
        value[7] = ' ';
        System.arraycopy(MONTHS, month, value, 8, 3);
        value[11] = ' ';
        int year = t.getYear();
        twoDigits(12, year / 100 % 100);
        twoDigits(14, year % 100);
        value[16] = ' ';
        twoDigits(17, t.getHour());
        value[19] = ':';
        twoDigits(20, t.getMinute());
        value[22] = ':';
        twoDigits(23, t.getSecond());
        value[25] = ' ';
        value[26] = 'G';
        value[27] = 'M';
        value[28] = 'T';
    }

    private void twoDigits(int at, int n) {
        value[at] = (byte) ('0' + n / 10);
        value[at + 1] = (byte) ('0' + n % 10);
    }
}
