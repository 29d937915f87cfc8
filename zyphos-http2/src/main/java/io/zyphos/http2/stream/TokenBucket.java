package io.zyphos.http2.stream;

/**
 * A token bucket on the caller's clock: it holds up to {@code capacity} tokens, starts full, and
 * gains {@code perSecond} tokens a second. What it meters takes one token each time and is refused
 * when none is left; good behaviour can also {@link #give} tokens back.
 *
 * <p>Time comes in as {@code nowNanos} ({@link System#nanoTime()} or a test's clock); the first
 * call sets the start. Refill is in whole tokens, keeping the remainder of the time, so a caller
 * calling often loses nothing to rounding.
 */
final class TokenBucket {

    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private final int capacity;
    private final int perSecond;
    private final long nanosPerToken;
    private int tokens;
    private long lastRefillNanos;
    private boolean started;

    TokenBucket(int capacity, int perSecond) {
        if (capacity < 1 || perSecond < 0 || perSecond > NANOS_PER_SECOND) {
            throw new IllegalArgumentException("a bucket of " + capacity + " tokens, " + perSecond + " a second");
        }
        this.capacity = capacity;
        this.perSecond = perSecond;
        this.nanosPerToken = perSecond == 0 ? Long.MAX_VALUE : NANOS_PER_SECOND / perSecond;
        this.tokens = capacity;
    }

    /** Takes one token at {@code nowNanos}; false if there was none. */
    boolean take(long nowNanos) {
        refill(nowNanos);
        if (tokens == 0) {
            return false;
        }
        tokens--;
        return true;
    }

    /** Puts {@code n} tokens back, up to the capacity. */
    void give(int n) {
        tokens = (int) Math.min(capacity, (long) tokens + n);
    }

    int tokens() {
        return tokens;
    }

    /** "200 at once and 33 a second", for messages. */
    String describe() {
        return capacity + " at once and " + perSecond + " a second";
    }

    private void refill(long nowNanos) {
        if (!started) {
            started = true;
            lastRefillNanos = nowNanos;
            return;
        }
        long elapsed = nowNanos - lastRefillNanos;
        if (elapsed <= 0) {
            return;
        }
        long gained = elapsed / nanosPerToken;
        if (gained >= capacity - tokens) {
            tokens = capacity;
            lastRefillNanos = nowNanos;
        } else {
            tokens += (int) gained;
            lastRefillNanos += gained * nanosPerToken;
        }
    }
}
