package io.zyphos.bench.load;

import io.zyphos.bench.Machine;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * The load harness's report: per endpoint and server, each figure's median over the rounds with
 * its min and max, and its ratio to Zyphos's median (above 1 means more: more requests, or more
 * latency, CPU or memory). As Markdown for reading and as long-form CSV for tools.
 */
final class LoadReport {

    /** One figure the report shows. */
    record Metric(String name, String unit, ToDoubleFunction<LoadCell> value) {}

    static final List<Metric> METRICS = List.of(
            new Metric("req/s", "requests/s", c -> c.wrk().requestsPerSecond()),
            new Metric("p50", "ms", c -> millis(c.wrk().p50())),
            new Metric("p99", "ms", c -> millis(c.wrk().p99())),
            new Metric("p99.9", "ms", c -> millis(c.wrk().p999())),
            new Metric("CPU s/100k req", "s", LoadCell::cpuPer100k),
            new Metric("peak RSS", "MiB", LoadCell::peakRssMiB),
            new Metric("fixed-rate p50", "ms", c -> c.fixedRate() == null ? Double.NaN : millis(c.fixedRate().p50())),
            new Metric("fixed-rate p99", "ms", c -> c.fixedRate() == null ? Double.NaN : millis(c.fixedRate().p99())),
            new Metric("fixed-rate p99.9", "ms", c -> c.fixedRate() == null ? Double.NaN : millis(c.fixedRate().p999())));

    /** Median, min and max of one figure over the rounds. */
    record Spread(double median, double min, double max) {
        static Spread of(double[] values) {
            double[] v = Arrays.stream(values).filter(d -> !Double.isNaN(d)).sorted().toArray();
            if (v.length == 0) {
                return new Spread(Double.NaN, Double.NaN, Double.NaN);
            }
            double median = v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
            return new Spread(median, v[0], v[v.length - 1]);
        }
    }

    private LoadReport() {}

    /** Microseconds as milliseconds; a negative value (not measured) as NaN. */
    static double millis(long micros) {
        return micros < 0 ? Double.NaN : micros / 1000.0;
    }

    /** The cells of one endpoint and server, in the order they were first measured. */
    static Map<Endpoint, Map<String, List<LoadCell>>> group(List<LoadCell> cells) {
        Map<Endpoint, Map<String, List<LoadCell>>> grouped = new LinkedHashMap<>();
        for (LoadCell c : cells) {
            grouped.computeIfAbsent(c.endpoint(), e -> new LinkedHashMap<>())
                    .computeIfAbsent(c.server(), s -> new ArrayList<>())
                    .add(c);
        }
        return grouped;
    }

    static Spread spread(List<LoadCell> cells, Metric metric) {
        return Spread.of(cells.stream().mapToDouble(metric.value()).toArray());
    }

    /** {@code server}'s median over Zyphos's, or NaN when Zyphos did not run or measured nothing. */
    static double ratio(Map<String, List<LoadCell>> servers, String server, Metric metric) {
        List<LoadCell> zyphos = servers.get("zyphos");
        if (zyphos == null) {
            return Double.NaN;
        }
        double base = spread(zyphos, metric).median();
        return base == 0 ? Double.NaN : spread(servers.get(server), metric).median() / base;
    }

    static String markdown(String command, Machine machine, String setup, List<LoadCell> cells) {
        StringBuilder md = new StringBuilder();
        md.append("# Load: Zyphos and its peers\n\n")
                .append("`").append(command).append("`\n\n")
                .append("Machine: ").append(machine.describe()).append("\n\n")
                .append(setup).append("\n\n")
                .append("Each figure: median over the rounds, (min–max), and ×ratio to zyphos's median. "
                        + "Errors: transport errors plus non-2xx answers, summed over all rounds and both runs.\n");
        for (var endpoint : group(cells).entrySet()) {
            Map<String, List<LoadCell>> servers = endpoint.getValue();
            LoadCell first = servers.values().iterator().next().getFirst();
            md.append("\n## ").append(endpoint.getKey().label()).append(": ").append(endpoint.getKey().method()).append(' ')
                    .append(endpoint.getKey().path());
            if (first.fixedRate() != null) {
                md.append(" (fixed rate ").append(String.format(Locale.ROOT, "%,d", first.fixedRate().rate())).append(" req/s)");
            }
            md.append("\n\n| server | errors |");
            for (Metric m : METRICS) {
                md.append(' ').append(m.name()).append(m.unit().equals("requests/s") ? "" : " (" + m.unit() + ")").append(" |");
            }
            md.append("\n|---|---:|").append("---:|".repeat(METRICS.size())).append('\n');
            for (var server : servers.entrySet()) {
                long errors = server.getValue().stream().mapToLong(LoadCell::errors).sum();
                md.append("| ").append(server.getKey()).append(" | ").append(errors).append(" |");
                for (Metric m : METRICS) {
                    Spread s = spread(server.getValue(), m);
                    double r = ratio(servers, server.getKey(), m);
                    md.append(' ').append(number(s.median()));
                    if (server.getValue().size() > 1) {
                        md.append(" (").append(number(s.min())).append('–').append(number(s.max())).append(')');
                    }
                    if (!Double.isNaN(r)) {
                        md.append(String.format(Locale.ROOT, " ×%.2f", r));
                    }
                    md.append(" |");
                }
                md.append('\n');
            }
            md.append('\n');
            for (var server : servers.entrySet()) {
                md.append("- ").append(server.getKey()).append(": ").append(server.getValue().getFirst().banner()).append('\n');
            }
        }
        return md.toString();
    }

    static String csv(List<LoadCell> cells) {
        StringBuilder csv = new StringBuilder("endpoint,server,rounds,metric,unit,median,min,max,ratio_to_zyphos\n");
        for (var endpoint : group(cells).entrySet()) {
            for (var server : endpoint.getValue().entrySet()) {
                String prefix = endpoint.getKey().label() + "," + server.getKey() + "," + server.getValue().size() + ",";
                long errors = server.getValue().stream().mapToLong(LoadCell::errors).sum();
                csv.append(prefix).append("errors,count,").append(errors).append(',').append(errors).append(',').append(errors)
                        .append(",\n");
                for (Metric m : METRICS) {
                    Spread s = spread(server.getValue(), m);
                    double r = ratio(endpoint.getValue(), server.getKey(), m);
                    csv.append(prefix).append(m.name()).append(',').append(m.unit()).append(',')
                            .append(plain(s.median())).append(',').append(plain(s.min())).append(',').append(plain(s.max()))
                            .append(',').append(Double.isNaN(r) ? "" : String.format(Locale.ROOT, "%.4f", r)).append('\n');
                }
            }
        }
        return csv.toString();
    }

    /** Three significant figures or so, with thousands separators for big numbers. */
    static String number(double v) {
        if (Double.isNaN(v)) {
            return "–";
        }
        double a = Math.abs(v);
        if (a >= 999.5) {
            return String.format(Locale.ROOT, "%,.0f", v);
        }
        if (a >= 100) {
            return String.format(Locale.ROOT, "%.0f", v);
        }
        if (a >= 10) {
            return String.format(Locale.ROOT, "%.1f", v);
        }
        return String.format(Locale.ROOT, "%.2f", v);
    }

    private static String plain(double v) {
        return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.4f", v);
    }
}
