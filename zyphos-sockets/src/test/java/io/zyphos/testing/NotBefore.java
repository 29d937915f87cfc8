package io.zyphos.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

/**
 * The lower bound every timeout test asserts: the timeout did not fire before its time, so a
 * timeout that fires at once fails the test. Measured from a moment the test takes before it
 * triggers the timeout (so the server's clock for it started no earlier) to the event the timeout
 * causes. There is no upper bound: a loaded machine may make any timer late.
 */
public final class NotBefore {

    /**
     * How much earlier than its deadline a timer may fire: nothing. Both timer wheels (the NIO
     * loops' and the blocking transports' {@code DeadlineTimer}, agrona's {@code DeadlineTimerWheel}
     * with ticks of 2<sup>24</sup> ns, about 16.8 ms) expire a timer only once
     * {@code System.nanoTime()} has reached its deadline, and the connection and the protocol
     * compare the deadline with the clock again before they act. The tick only makes a timer late,
     * by up to one tick.
     */
    public static final Duration TIMER_GRANULARITY = Duration.ZERO;

    private NotBefore() {}

    /**
     * Asserts that {@code eventNanos - startNanos} (both {@code System.nanoTime()}) is at least
     * {@code timeout} minus {@link #TIMER_GRANULARITY}.
     */
    public static void assertNotBefore(Duration timeout, long startNanos, long eventNanos, String what) {
        Duration elapsed = Duration.ofNanos(eventNanos - startNanos);
        assertTrue(elapsed.compareTo(timeout.minus(TIMER_GRANULARITY)) >= 0,
                what + " after " + elapsed.toMillis() + " ms, before its " + timeout.toMillis() + " ms were up");
    }
}
