package io.zyphos.http1;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * RFC 9110 §5.6.7 and §6.6.1: the Date field in IMF-fixdate form, always GMT, with a one-second
 * resolution, so one formatted value serves every response in the same second.
 */
class DateHeaderCacheTest {

    @Test
    void theRfcExample() {
        assertEquals("Sun, 06 Nov 1994 08:49:37 GMT", new DateHeaderCache().value(784_111_777_000L));
    }

    @Test
    void theValueChangesOnlyWhenTheSecondDoes() {
        DateHeaderCache cache = new DateHeaderCache();
        assertEquals("Thu, 01 Jan 1970 00:00:00 GMT", cache.value(0));
        assertEquals("Thu, 01 Jan 1970 00:00:00 GMT", cache.value(999));
        assertEquals("Thu, 01 Jan 1970 00:00:01 GMT", cache.value(1_000));
        assertEquals("Sat, 29 Feb 2020 23:59:59 GMT", cache.value(1_583_020_799_500L));
        assertEquals("Wed, 31 Dec 1969 23:59:59 GMT", cache.value(-1));
    }
}
