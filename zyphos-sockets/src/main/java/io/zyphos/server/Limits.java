package io.zyphos.server;

import java.time.Duration;
import java.util.Objects;

/**
 * The server's limits. Every one has a safe default; build others with {@link #defaults()} and the
 * {@code with*} methods.
 *
 * <table>
 *   <caption>Limits, defaults and what happens past them</caption>
 *   <tr><th>limit</th><th>default</th><th>past it</th></tr>
 *   <tr><td>{@link #maxConnections()}</td><td>{@value #DEFAULT_MAX_CONNECTIONS}</td>
 *       <td>a new connection is closed at once and counted</td></tr>
 *   <tr><td>{@link #idleTimeout()}</td><td>60 s</td>
 *       <td>a connection that moved no byte for this long is closed and counted; zero disables</td></tr>
 *   <tr><td>{@link #readTimeout()}</td><td>30 s</td>
 *       <td>the longest a client may take to send enough bytes to choose its protocol; engines
 *       also use it for an incomplete message</td></tr>
 *   <tr><td>{@link #shutdownTimeout()}</td><td>5 s</td>
 *       <td>graceful shutdown closes what is still open</td></tr>
 *   <tr><td>{@link #writeHighWaterMark()}</td><td>{@value #DEFAULT_WRITE_HIGH_WATER_MARK} bytes</td>
 *       <td>reading pauses until queued writes drain below {@link #writeLowWaterMark()}
 *       ({@value #DEFAULT_WRITE_LOW_WATER_MARK})</td></tr>
 *   <tr><td>{@link #maxDetectBytes()}</td><td>{@value #DEFAULT_MAX_DETECT_BYTES}</td>
 *       <td>no protocol recognised the first bytes: the connection is closed</td></tr>
 * </table>
 */
public record Limits(
        int maxConnections,
        Duration idleTimeout,
        Duration readTimeout,
        Duration shutdownTimeout,
        int writeHighWaterMark,
        int writeLowWaterMark,
        int maxDetectBytes) {

    public static final int DEFAULT_MAX_CONNECTIONS = 16_384;
    public static final int DEFAULT_WRITE_HIGH_WATER_MARK = 256 * 1024;
    public static final int DEFAULT_WRITE_LOW_WATER_MARK = 64 * 1024;
    public static final int DEFAULT_MAX_DETECT_BYTES = 64;

    private static final Limits DEFAULTS = new Limits(
            DEFAULT_MAX_CONNECTIONS,
            Duration.ofSeconds(60),
            Duration.ofSeconds(30),
            Duration.ofSeconds(5),
            DEFAULT_WRITE_HIGH_WATER_MARK,
            DEFAULT_WRITE_LOW_WATER_MARK,
            DEFAULT_MAX_DETECT_BYTES);

    public Limits {
        if (maxConnections < 1) {
            throw new IllegalArgumentException("maxConnections must be positive: " + maxConnections);
        }
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        Objects.requireNonNull(readTimeout, "readTimeout");
        Objects.requireNonNull(shutdownTimeout, "shutdownTimeout");
        if (idleTimeout.isNegative() || readTimeout.isNegative() || shutdownTimeout.isNegative()) {
            throw new IllegalArgumentException("timeouts cannot be negative");
        }
        if (writeLowWaterMark < 0 || writeHighWaterMark <= writeLowWaterMark) {
            throw new IllegalArgumentException("need 0 <= writeLowWaterMark < writeHighWaterMark, got "
                    + writeLowWaterMark + " and " + writeHighWaterMark);
        }
        if (maxDetectBytes < 1) {
            throw new IllegalArgumentException("maxDetectBytes must be positive: " + maxDetectBytes);
        }
    }

    public static Limits defaults() {
        return DEFAULTS;
    }

    public Limits withMaxConnections(int n) {
        return new Limits(n, idleTimeout, readTimeout, shutdownTimeout, writeHighWaterMark, writeLowWaterMark, maxDetectBytes);
    }

    public Limits withIdleTimeout(Duration d) {
        return new Limits(maxConnections, d, readTimeout, shutdownTimeout, writeHighWaterMark, writeLowWaterMark, maxDetectBytes);
    }

    public Limits withReadTimeout(Duration d) {
        return new Limits(maxConnections, idleTimeout, d, shutdownTimeout, writeHighWaterMark, writeLowWaterMark, maxDetectBytes);
    }

    public Limits withShutdownTimeout(Duration d) {
        return new Limits(maxConnections, idleTimeout, readTimeout, d, writeHighWaterMark, writeLowWaterMark, maxDetectBytes);
    }

    public Limits withWriteWaterMarks(int low, int high) {
        return new Limits(maxConnections, idleTimeout, readTimeout, shutdownTimeout, high, low, maxDetectBytes);
    }

    public Limits withMaxDetectBytes(int n) {
        return new Limits(maxConnections, idleTimeout, readTimeout, shutdownTimeout, writeHighWaterMark, writeLowWaterMark, n);
    }
}
