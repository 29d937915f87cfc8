package io.zyphos.metrics;

/**
 * Writes a {@link MetricsSnapshot} in the Prometheus text exposition format (version 0.0.4):
 * counters and gauges as themselves, latency histograms as summaries in seconds with the
 * 0.5, 0.9, 0.99 and 0.999 quantiles.
 */
public final class PrometheusText {

    /** The Content-Type to serve this text with. */
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private PrometheusText() {}

    public static String format(MetricsSnapshot snapshot) {
        StringBuilder out = new StringBuilder(1024);
        snapshot.values().forEach((name, value) -> {
            help(out, name, value.help());
            switch (value) {
                case MetricsSnapshot.CounterValue c -> {
                    out.append("# TYPE ").append(name).append(" counter\n");
                    out.append(name).append(' ').append(c.value()).append('\n');
                }
                case MetricsSnapshot.GaugeValue g -> {
                    out.append("# TYPE ").append(name).append(" gauge\n");
                    out.append(name).append(' ').append(g.value()).append('\n');
                }
                case MetricsSnapshot.HistogramValue h -> summary(out, name, h.histogram());
            }
        });
        return out.toString();
    }

    private static void help(StringBuilder out, String name, String help) {
        out.append("# HELP ").append(name).append(' ');
        // Exposition format: backslash and newline are the only escapes in HELP text.
        for (int i = 0; i < help.length(); i++) {
            char c = help.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                default -> out.append(c);
            }
        }
        out.append('\n');
    }

    private static void summary(StringBuilder out, String name, HistogramSnapshot h) {
        out.append("# TYPE ").append(name).append(" summary\n");
        quantile(out, name, "0.5", h.p50Nanos());
        quantile(out, name, "0.9", h.p90Nanos());
        quantile(out, name, "0.99", h.p99Nanos());
        quantile(out, name, "0.999", h.p999Nanos());
        out.append(name).append("_sum ").append(seconds(h.sumNanos())).append('\n');
        out.append(name).append("_count ").append(h.count()).append('\n');
    }

    private static void quantile(StringBuilder out, String name, String q, long nanos) {
        out.append(name).append("{quantile=\"").append(q).append("\"} ").append(seconds(nanos)).append('\n');
    }

    private static String seconds(long nanos) {
        return Double.toString(nanos / 1e9);
    }
}
