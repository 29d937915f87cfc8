package io.zyphos.bench.load;

import io.zyphos.bench.Machine;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * The load harness's report: per endpoint and server, each figure's median over the rounds with
 * its min and max, and its ratio to Zyphos's median (above 1 means more: more requests, or more
 * latency, CPU or memory) and, for throughput, to the ceiling's. As Markdown for reading and as
 * long-form CSV for tools.
 *
 * <p>It never prints a figure it cannot vouch for. A round whose value was not measured, or is
 * impossible (a zero latency, percentiles out of order), gives no value; a figure no round gave
 * a value for is a plain "–" with a footnote saying why; one that fewer rounds than ran gave a
 * value for says how many ("n=1"). A row whose load generator used more than 90% of its core is
 * marked gen-bound: its figures measure the generator, not the server.
 */
final class LoadReport {

    /** A load generator busier than this share of its core is the bottleneck, not the server. */
    static final double GEN_BOUND_SHARE = 0.90;

    /** Which load generator a figure comes from, so that a generator at its limit taints it. */
    enum Generator {
        WRK(Footnote.WRK_BOUND),
        H2LOAD(Footnote.H2LOAD_BOUND),
        NONE(null);

        private final Footnote bound;

        Generator(Footnote bound) {
            this.bound = bound;
        }

        /** Whether this generator was above {@link #GEN_BOUND_SHARE} of its core in any of {@code cells}. */
        boolean bound(List<LoadCell> cells) {
            return this != NONE && cells.stream().mapToDouble(this::share).anyMatch(s -> s > GEN_BOUND_SHARE);
        }

        private double share(LoadCell c) {
            return switch (this) {
                case WRK -> c.wrk().generatorShare();
                case H2LOAD -> c.fixedRate() == null ? Double.NaN : c.fixedRate().generatorShare();
                case NONE -> Double.NaN;
            };
        }
    }

    /** One round's value of a figure, or why it has none. */
    record Reading(double value, Footnote missing) {

        /** {@code value}, or none: NaN was not measured; a negative or infinite value is impossible. */
        static Reading of(double value) {
            if (Double.isNaN(value)) {
                return none(Footnote.NOT_MEASURED);
            }
            if (Double.isInfinite(value) || value < 0) {
                return none(Footnote.IMPOSSIBLE);
            }
            return new Reading(value, null);
        }

        static Reading none(Footnote why) {
            return new Reading(Double.NaN, why);
        }
    }

    /** One figure the report shows, read from each round's cell. */
    record Metric(String name, String unit, Generator generator, Function<LoadCell, Reading> reading) {}

    static final Metric WRK_CPU = new Metric("wrk CPU", "% of a core", Generator.WRK,
            c -> Reading.of(c.wrk().generatorShare() * 100));
    static final Metric REQUESTS = new Metric("req/s", "requests/s", Generator.WRK,
            c -> Reading.of(c.wrk().requestsPerSecond()));
    static final Metric H2LOAD_CPU = new Metric("h2load CPU", "% of a core", Generator.H2LOAD,
            c -> c.fixedRate() == null ? Reading.none(Footnote.NOT_MEASURED) : Reading.of(c.fixedRate().generatorShare() * 100));

    static final Metric P50 = new Metric("p50", "ms", Generator.WRK, c -> latency(c.wrk().latency(), Percentiles::p50));
    static final Metric P99 = new Metric("p99", "ms", Generator.WRK, c -> latency(c.wrk().latency(), Percentiles::p99));
    static final Metric P999 = new Metric("p99.9", "ms", Generator.WRK, c -> latency(c.wrk().latency(), Percentiles::p999));
    static final Metric CPU_PER_100K = new Metric("CPU s/100k req", "s", Generator.NONE, c -> Reading.of(c.cpuPer100k()));
    static final Metric PEAK_RSS = new Metric("peak RSS", "MiB", Generator.NONE, c -> Reading.of(c.peakRssMiB()));
    static final Metric FIXED_P50 = new Metric("fixed-rate p50", "ms", Generator.H2LOAD, c -> fixedLatency(c, Percentiles::p50));
    static final Metric FIXED_P99 = new Metric("fixed-rate p99", "ms", Generator.H2LOAD, c -> fixedLatency(c, Percentiles::p99));
    static final Metric FIXED_P999 =
            new Metric("fixed-rate p99.9", "ms", Generator.H2LOAD, c -> fixedLatency(c, Percentiles::p999));

    /** The report's columns, in order. */
    static final List<Metric> METRICS = List.of(WRK_CPU, REQUESTS, P50, P99, P999, CPU_PER_100K, PEAK_RSS, H2LOAD_CPU,
            FIXED_P50, FIXED_P99, FIXED_P999);

    /**
     * One figure over the rounds: median, min and max of the rounds that gave a value, how many
     * did ({@code n}) out of how many ran, and, when none did, why.
     */
    record Figure(double median, double min, double max, int n, int rounds, Footnote missing) {

        static Figure of(List<Reading> readings) {
            double[] v = readings.stream().filter(r -> r.missing() == null).mapToDouble(Reading::value).sorted().toArray();
            if (v.length == 0) {
                // The most telling reason wins: a structural one (pipelined) over a dropped value over an absent one.
                Footnote why = readings.stream().map(Reading::missing).filter(Objects::nonNull)
                        .min(Comparator.naturalOrder()).orElse(Footnote.NOT_MEASURED);
                return new Figure(Double.NaN, Double.NaN, Double.NaN, 0, readings.size(), why);
            }
            double median = v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
            return new Figure(median, v[0], v[v.length - 1], v.length, readings.size(), null);
        }

        boolean measured() {
            return n > 0;
        }
    }

    private LoadReport() {}

    /** Microseconds as milliseconds. */
    static double millis(long micros) {
        return micros / 1000.0;
    }

    private static Reading latency(Percentiles p, ToLongFunction<Percentiles> which) {
        return p.measured() ? Reading.of(millis(which.applyAsLong(p))) : Reading.none(p.missing());
    }

    private static Reading fixedLatency(LoadCell c, ToLongFunction<Percentiles> which) {
        return c.fixedRate() == null ? Reading.none(Footnote.NOT_MEASURED) : latency(c.fixedRate().latency(), which);
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

    static Figure figure(List<LoadCell> cells, Metric metric) {
        return Figure.of(cells.stream().map(metric.reading()).toList());
    }

    /** {@code server}'s median over {@code base}'s, or NaN when either ran or measured nothing, or the base is 0. */
    static double ratio(Map<String, List<LoadCell>> servers, String server, String base, Metric metric) {
        List<LoadCell> baseCells = servers.get(base);
        if (baseCells == null) {
            return Double.NaN;
        }
        Figure b = figure(baseCells, metric);
        Figure f = figure(servers.get(server), metric);
        return f.measured() && b.measured() && b.median() != 0 ? f.median() / b.median() : Double.NaN;
    }

    static String markdown(String command, Machine machine, String setup, List<LoadCell> cells) {
        boolean ceiling = cells.stream().anyMatch(c -> c.server().equals(Ceiling.NAME));
        StringBuilder md = header("Load: Zyphos and its peers", command, machine, setup);
        md.append("Each figure: the median over the rounds, (min–max) when more than one round gave a value, "
                        + "n=K when only K of the rounds did (the others measured nothing, or something impossible, "
                        + "which is dropped), and ×ratio to zyphos's median. A blank figure is a plain – with a "
                        + "footnote saying why. wrk CPU and h2load CPU: the load generator's own CPU over its run "
                        + "(utime+stime, /proc/PID/stat) as a share of its core; a row where it passed "
                        + String.format(Locale.ROOT, "%.0f%%", GEN_BOUND_SHARE * 100)
                        + " in any round is marked gen-bound. ")
                .append(ceiling ? "÷ ceiling: req/s over the ceiling's median req/s on the same endpoint. " : "")
                .append("Errors: transport errors plus non-2xx answers, summed over all rounds and both runs.\n");
        for (var endpoint : group(cells).entrySet()) {
            endpointTable(md, endpoint.getKey(), endpoint.getValue(), ceiling);
        }
        return md.toString();
    }

    private static void endpointTable(StringBuilder md, Endpoint endpoint, Map<String, List<LoadCell>> servers,
            boolean ceiling) {
        LoadCell first = servers.values().iterator().next().getFirst();
        md.append("\n## ").append(endpoint.label()).append(": ").append(endpoint.method()).append(' ').append(endpoint.path());
        if (first.fixedRate() != null) {
            md.append(" (fixed rate ").append(String.format(Locale.ROOT, "%,d", first.fixedRate().rate())).append(" req/s)");
        }
        md.append("\n\n| server | errors |");
        int columns = 1;
        for (Metric m : METRICS) {
            md.append(' ').append(m.name()).append(m.unit().equals("requests/s") ? "" : " (" + m.unit() + ")").append(" |");
            columns++;
            if (m == REQUESTS && ceiling) {
                md.append(" ÷ ceiling |");
                columns++;
            }
        }
        md.append("\n|---|").append("---:|".repeat(columns)).append('\n');

        Set<Footnote> used = EnumSet.noneOf(Footnote.class);
        for (var server : servers.entrySet()) {
            List<LoadCell> rows = server.getValue();
            long errors = rows.stream().mapToLong(LoadCell::errors).sum();
            md.append("| ").append(server.getKey()).append(" | ").append(errors).append(" |");
            for (Metric m : METRICS) {
                Footnote taint = m.generator().bound(rows) ? m.generator().bound : null;
                Figure f = figure(rows, m);
                md.append(' ').append(cell(f, ratio(servers, server.getKey(), "zyphos", m), taint,
                        m == WRK_CPU || m == H2LOAD_CPU, used)).append(" |");
                if (m == REQUESTS && ceiling) {
                    md.append(' ').append(ceilingRatio(servers, server.getKey(), endpoint, taint, used)).append(" |");
                }
            }
            md.append('\n');
        }
        if (ceiling && !servers.containsKey(Ceiling.NAME)) {
            used.add(Footnote.NOT_SERVED);
            md.append("| ").append(Ceiling.NAME).append(Footnote.NOT_SERVED.mark()).append(" |").append(" – |".repeat(columns))
                    .append('\n');
        }
        Map<String, String> banners = new LinkedHashMap<>();
        servers.forEach((server, rows) -> banners.put(server, rows.getFirst().banner()));
        footer(md, used, banners);
    }

    /** A report's title, then the command that made it, the machine it ran on and how each cell was set up. */
    static StringBuilder header(String title, String command, Machine machine, String setup) {
        return new StringBuilder().append("# ").append(title).append("\n\n")
                .append("`").append(command).append("`\n\n")
                .append("Machine: ").append(machine.describe()).append("\n\n")
                .append(setup).append("\n\n");
    }

    /** Below a table: the footnotes its cells used, then each server's banner (what it said it runs on). */
    static void footer(StringBuilder md, Set<Footnote> used, Map<String, String> banners) {
        md.append('\n');
        for (Footnote f : used) {
            md.append(f.mark()).append(' ').append(f.text()).append("  \n");
        }
        if (!used.isEmpty()) {
            md.append('\n');
        }
        banners.forEach((server, banner) -> md.append("- ").append(server).append(": ").append(banner).append('\n'));
    }

    /**
     * One figure as a table cell: "1.22 (1.20–1.24) ×1.00", "1.31 n=1 ×1.08", or "–¹".
     *
     * @param taint the gen-bound footnote when the figure's generator was at its limit, or null
     * @param generatorCpu whether this is the generator's own CPU, which then says "gen-bound" in words
     */
    static String cell(Figure f, double ratio, Footnote taint, boolean generatorCpu, Set<Footnote> used) {
        if (!f.measured()) {
            used.add(f.missing());
            return "–" + f.missing().mark();
        }
        StringBuilder s = new StringBuilder(number(f.median()));
        if (f.n() > 1) {
            s.append(" (").append(number(f.min())).append('–').append(number(f.max())).append(')');
        }
        if (f.n() < f.rounds()) {
            s.append(" n=").append(f.n());
        }
        if (!Double.isNaN(ratio)) {
            s.append(String.format(Locale.ROOT, " ×%.2f", ratio));
        }
        if (taint != null) {
            used.add(taint);
            s.append(generatorCpu ? " gen-bound" : "").append(taint.mark());
        }
        return s.toString();
    }

    private static String ceilingRatio(Map<String, List<LoadCell>> servers, String server, Endpoint endpoint,
            Footnote taint, Set<Footnote> used) {
        if (!servers.containsKey(Ceiling.NAME)) {
            Footnote why = Ceiling.answers(endpoint) ? Footnote.NOT_MEASURED : Footnote.NOT_SERVED;
            used.add(why);
            return "–" + why.mark();
        }
        double r = ratio(servers, server, Ceiling.NAME, REQUESTS);
        if (Double.isNaN(r)) {
            used.add(Footnote.NOT_MEASURED);
            return "–" + Footnote.NOT_MEASURED.mark();
        }
        if (taint != null) {
            used.add(taint);
        }
        return number(r) + (taint == null ? "" : taint.mark());
    }

    static String csv(List<LoadCell> cells) {
        StringBuilder csv = new StringBuilder(
                "endpoint,server,rounds,metric,unit,n,median,min,max,ratio_to_zyphos,ratio_to_ceiling,note\n");
        for (var endpoint : group(cells).entrySet()) {
            Map<String, List<LoadCell>> servers = endpoint.getValue();
            for (var server : servers.entrySet()) {
                List<LoadCell> rows = server.getValue();
                String prefix = endpoint.getKey().label() + "," + server.getKey() + "," + rows.size() + ",";
                long errors = rows.stream().mapToLong(LoadCell::errors).sum();
                csv.append(prefix).append("errors,count,").append(rows.size()).append(',').append(errors).append(',')
                        .append(errors).append(',').append(errors).append(",,,\n");
                for (Metric m : METRICS) {
                    Figure f = figure(rows, m);
                    String note = !f.measured() ? f.missing().key()
                            : m.generator().bound(rows) ? m.generator().bound.key() : "";
                    csv.append(prefix).append(m.name()).append(',').append(m.unit()).append(',').append(f.n()).append(',')
                            .append(plain(f.median())).append(',').append(plain(f.min())).append(',').append(plain(f.max()))
                            .append(',').append(plain(ratio(servers, server.getKey(), "zyphos", m)))
                            .append(',').append(plain(ratio(servers, server.getKey(), Ceiling.NAME, m)))
                            .append(',').append(note).append('\n');
                }
            }
        }
        return csv.toString();
    }

    /** Three significant figures or so (two below 1), with thousands separators for big numbers; "–" for none. */
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
        if (a >= 1 || a == 0) {
            return String.format(Locale.ROOT, "%.2f", v);
        }
        // Two significant digits below 1, so a small value never shows as 0.00.
        return new BigDecimal(v).round(new MathContext(2)).toPlainString();
    }

    static String plain(double v) {
        return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.4f", v);
    }
}
