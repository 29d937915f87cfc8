package io.zyphos.metrics;

import java.util.Map;

/** Every metric of a registry at one moment, by name, in registration order. Immutable. */
public record MetricsSnapshot(Map<String, Value> values) {

    public MetricsSnapshot {
        values = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(values));
    }

    /** One metric's value. */
    public sealed interface Value permits CounterValue, GaugeValue, HistogramValue {
        String help();
    }

    public record CounterValue(long value, String help) implements Value {}

    public record GaugeValue(long value, String help) implements Value {}

    public record HistogramValue(HistogramSnapshot histogram, String help) implements Value {}

    /** A counter's or gauge's value, or {@code 0} if there is no such metric. */
    public long get(String name) {
        return switch (values.get(name)) {
            case CounterValue c -> c.value();
            case GaugeValue g -> g.value();
            case HistogramValue h -> h.histogram().count();
            case null -> 0;
        };
    }

    /** A histogram's figures, or {@link HistogramSnapshot#EMPTY} if there is no such histogram. */
    public HistogramSnapshot histogram(String name) {
        return values.get(name) instanceof HistogramValue h ? h.histogram() : HistogramSnapshot.EMPTY;
    }
}
