package io.zyphos.http2.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * The Priority Field Value of RFC 9218 §4, a Structured Field Dictionary (RFC 8941 §3.2): one line
 * per case, the field as sent and the urgency and incremental flag it gives.
 */
class PriorityFieldTest {

    private static void assertPriority(String field, int urgency, boolean incremental) {
        int p = PriorityField.parse(field);
        assertEquals(urgency + (incremental ? " i" : ""),
                PriorityField.urgency(p) + (PriorityField.incremental(p) ? " i" : ""), field);
    }

    @Test
    void eachCaseGivesItsPriority() {
        assertPriority(null, 3, false);                   // §4.1, §4.2: the defaults
        assertPriority("", 3, false);
        assertPriority("u=0", 0, false);
        assertPriority("u=7, i", 7, true);
        assertPriority("i", 3, true);                     // a bare key is true
        assertPriority("i=?0, u=1", 1, false);
        assertPriority("u=1, u=6", 6, false);              // the last value of a key wins
        assertPriority("u=8", 3, false);                   // out of range: ignored
        assertPriority("u=-1", 3, false);
        assertPriority("u=1.5", 3, false);                 // a Decimal is not an Integer
        assertPriority("u=\"1\"", 3, false);               // nor is a String
        assertPriority("i=1", 3, false);                   // an Integer is not a Boolean
        assertPriority("u=2;q=1, x=(a b);c, i", 2, true);  // parameters and unknown keys ignored
        assertPriority("  u=2 ,\ti", 2, true);
        assertPriority("u=2,", 3, false);                  // a trailing comma fails the whole field
        assertPriority("U=2", 3, false);                   // keys are lowercase
        assertPriority("u=2 i", 3, false);                 // members need commas
    }
}
