package io.zyphos.metrics;

import java.util.concurrent.atomic.LongAdder;

/**
 * A monotonically increasing count. Striped, so threads that increment it at once do not contend
 * on one cache line; reading sums the stripes. Thread-safe.
 */
public final class Counter {

    private final LongAdder adder = new LongAdder();

    public void increment() {
        adder.increment();
    }

    /** Adds {@code n}, which must not be negative: counters only go up. */
    public void add(long n) {
        adder.add(n);
    }

    public long value() {
        return adder.sum();
    }
}
