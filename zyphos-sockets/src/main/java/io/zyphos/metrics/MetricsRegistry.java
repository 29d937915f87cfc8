package io.zyphos.metrics;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.regex.Pattern;

/**
 * Named metrics. Registering is done once, at start-up (it takes a lock); updating the returned
 * {@link Counter} or {@link LatencyHistogram} is lock-free from any thread. Names follow the
 * Prometheus rules ({@code [a-zA-Z_:][a-zA-Z0-9_:]*}); by convention counters end in
 * {@code _total}.
 */
public final class MetricsRegistry {

    private static final Pattern NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");

    private final Map<String, Registered> metrics = new LinkedHashMap<>();

    private sealed interface Registered permits RegisteredCounter, RegisteredGauge, RegisteredHistogram {
        String help();
    }

    private record RegisteredCounter(Counter counter, String help) implements Registered {}

    private record RegisteredGauge(LongSupplier gauge, String help) implements Registered {}

    private record RegisteredHistogram(LatencyHistogram histogram, String help) implements Registered {}

    /** A new counter, or the one already registered under {@code name}. */
    public synchronized Counter counter(String name, String help) {
        Registered r = metrics.get(name);
        if (r instanceof RegisteredCounter c) {
            return c.counter();
        }
        RegisteredCounter c = new RegisteredCounter(new Counter(), help);
        put(name, c);
        return c.counter();
    }

    /** A gauge read from {@code value} at each snapshot; {@code value} must be thread-safe. */
    public synchronized void gauge(String name, String help, LongSupplier value) {
        put(name, new RegisteredGauge(value, help));
    }

    /** A new latency histogram, or the one already registered under {@code name}. */
    public synchronized LatencyHistogram histogram(String name, String help) {
        Registered r = metrics.get(name);
        if (r instanceof RegisteredHistogram h) {
            return h.histogram();
        }
        RegisteredHistogram h = new RegisteredHistogram(new LatencyHistogram(), help);
        put(name, h);
        return h.histogram();
    }

    private void put(String name, Registered metric) {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("not a valid metric name: " + name);
        }
        Registered old = metrics.putIfAbsent(name, metric);
        if (old != null) {
            throw new IllegalArgumentException("metric " + name + " is already registered as another kind");
        }
    }

    /** Every metric's value now, in registration order. */
    public synchronized MetricsSnapshot snapshot() {
        Map<String, MetricsSnapshot.Value> values = new LinkedHashMap<>();
        metrics.forEach((name, r) -> values.put(name, switch (r) {
            case RegisteredCounter c -> new MetricsSnapshot.CounterValue(c.counter().value(), c.help());
            case RegisteredGauge g -> new MetricsSnapshot.GaugeValue(g.gauge().getAsLong(), g.help());
            case RegisteredHistogram h -> new MetricsSnapshot.HistogramValue(h.histogram().snapshot(), h.help());
        }));
        return new MetricsSnapshot(values);
    }
}
