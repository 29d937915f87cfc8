package io.zyphos.bench.load;

import io.zyphos.bench.Machine;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The report of the HTTP/2 rows: per shape and endpoint, a row per server with its requests a
 * second (the median over the rounds, its range, and the rounds that measured it) and their ratio
 * to Netty on epoll, the failed requests over all rounds, h2load's own CPU, and the server's CPU
 * per request and peak memory. As Markdown for reading and long-form CSV for tools.
 *
 * <p>It holds to {@link LoadReport}'s rules: a figure no round measured is a plain "–" with a
 * footnote, one fewer rounds measured says "n=K", and a row where h2load used more than
 * {@link LoadReport#GEN_BOUND_SHARE} of its core in any round is marked gen-bound, since its
 * requests a second then measure h2load, not the server.
 */
final class H2Report {

    /** The server every ratio is over: Netty's HTTP/2 on its native epoll transport. */
    static final String BASE = "netty";

    /** One figure the report shows, read from each round's cell; {@code fromH2load} when h2load at its limit taints it. */
    record Metric(String name, String unit, boolean fromH2load, Function<H2Cell, LoadReport.Reading> reading) {}

    static final Metric REQUESTS = new Metric("req/s", "requests/s", true,
            c -> LoadReport.Reading.of(c.measured() ? c.run().requestsPerSecond() : Double.NaN));
    static final Metric H2LOAD_CPU = new Metric("h2load CPU", "% of a core", true,
            c -> LoadReport.Reading.of(c.measured() ? c.run().generatorShare() * 100 : Double.NaN));
    static final Metric CPU_PER_100K = new Metric("CPU s/100k req", "s", false, c -> LoadReport.Reading.of(c.cpuPer100k()));
    static final Metric PEAK_RSS = new Metric("peak RSS", "MiB", false, c -> LoadReport.Reading.of(c.peakRssMiB()));

    /** The report's figure columns, in order. */
    static final List<Metric> METRICS = List.of(REQUESTS, H2LOAD_CPU, CPU_PER_100K, PEAK_RSS);

    private H2Report() {}

    /** The cells of one shape and endpoint ("h2c-1x100 plaintext"), then of each server, in the order first measured. */
    static Map<String, Map<String, List<H2Cell>>> group(List<H2Cell> cells) {
        Map<String, Map<String, List<H2Cell>>> grouped = new LinkedHashMap<>();
        for (H2Cell c : cells) {
            grouped.computeIfAbsent(c.shape().label() + " " + c.endpoint().label(), k -> new LinkedHashMap<>())
                    .computeIfAbsent(c.server(), s -> new ArrayList<>())
                    .add(c);
        }
        return grouped;
    }

    static LoadReport.Figure figure(List<H2Cell> cells, Metric metric) {
        return LoadReport.Figure.of(cells.stream().map(metric.reading()).toList());
    }

    /** {@code server}'s median over Netty's, or NaN when either measured nothing, Netty did not run, or its median is 0. */
    static double ratio(Map<String, List<H2Cell>> servers, String server, Metric metric) {
        List<H2Cell> base = servers.get(BASE);
        if (base == null) {
            return Double.NaN;
        }
        LoadReport.Figure b = figure(base, metric);
        LoadReport.Figure f = figure(servers.get(server), metric);
        return f.measured() && b.measured() && b.median() != 0 ? f.median() / b.median() : Double.NaN;
    }

    /** Whether h2load passed {@link LoadReport#GEN_BOUND_SHARE} of its core in any of {@code cells}. */
    static boolean genBound(List<H2Cell> cells) {
        return cells.stream().anyMatch(c -> c.measured() && c.run().generatorShare() > LoadReport.GEN_BOUND_SHARE);
    }

    static long failed(List<H2Cell> cells) {
        return cells.stream().filter(H2Cell::measured).mapToLong(c -> c.run().failed()).sum();
    }

    static String markdown(String command, Machine machine, String setup, List<H2Cell> cells) {
        StringBuilder md = LoadReport.header("Load over HTTP/2: Zyphos, Netty and Jetty under h2load", command, machine, setup);
        md.append("Each figure: the median over the rounds, (min–max) when more than one round gave a value, "
                        + "n=K when only K of the rounds did, and ×ratio to ").append(BASE)
                .append("'s median (Netty's HTTP/2 on epoll). Rounds: how many rounds measured the row's req/s, of how "
                        + "many ran. Failed: h2load's failed requests (a stream or connection error, or a status other "
                        + "than 2xx and 3xx), summed over the rounds. h2load CPU: its own CPU over its run "
                        + "(utime+stime, /proc/PID/stat) as a share of its core; a row where it passed ")
                .append(String.format(Locale.ROOT, "%.0f%%", LoadReport.GEN_BOUND_SHARE * 100))
                .append(" in any round is marked gen-bound. A blank figure is a plain – with a footnote saying why.\n");
        for (var group : group(cells).entrySet()) {
            table(md, group.getValue());
        }
        return md.toString();
    }

    private static void table(StringBuilder md, Map<String, List<H2Cell>> servers) {
        H2Cell first = servers.values().iterator().next().getFirst();
        md.append("\n## ").append(first.shape().label()).append(", ").append(first.endpoint().method()).append(' ')
                .append(first.endpoint().path()).append(": ").append(first.shape().describe()).append("\n\n")
                .append("| server | rounds | failed |");
        for (Metric m : METRICS) {
            md.append(' ').append(m.name()).append(m.unit().equals("requests/s") ? "" : " (" + m.unit() + ")").append(" |");
        }
        md.append("\n|---|---:|---:|").append("---:|".repeat(METRICS.size())).append('\n');

        Set<Footnote> used = EnumSet.noneOf(Footnote.class);
        for (var server : servers.entrySet()) {
            List<H2Cell> rows = server.getValue();
            Footnote taint = genBound(rows) ? Footnote.H2LOAD_BOUND : null;
            md.append("| ").append(server.getKey()).append(" | ").append(figure(rows, REQUESTS).n()).append('/')
                    .append(rows.size()).append(" | ").append(failed(rows)).append(" |");
            for (Metric m : METRICS) {
                md.append(' ').append(LoadReport.cell(figure(rows, m), ratio(servers, server.getKey(), m),
                        m.fromH2load() ? taint : null, m == H2LOAD_CPU, used)).append(" |");
            }
            md.append('\n');
        }
        Map<String, String> banners = new LinkedHashMap<>();
        servers.forEach((server, rows) -> banners.put(server,
                rows.stream().filter(H2Cell::measured).findFirst().orElse(rows.getFirst()).banner()));
        LoadReport.footer(md, used, banners);
    }

    static String csv(List<H2Cell> cells) {
        StringBuilder csv = new StringBuilder("shape,endpoint,server,rounds,metric,unit,n,median,min,max,ratio_to_netty,note\n");
        for (var group : group(cells).values()) {
            for (var server : group.entrySet()) {
                List<H2Cell> rows = server.getValue();
                H2Cell first = rows.getFirst();
                String prefix = first.shape().label() + "," + first.endpoint().label() + "," + server.getKey() + ","
                        + rows.size() + ",";
                long failed = failed(rows);
                csv.append(prefix).append("failed,count,").append(rows.size()).append(',').append(failed).append(',')
                        .append(failed).append(',').append(failed).append(",,\n");
                for (Metric m : METRICS) {
                    LoadReport.Figure f = figure(rows, m);
                    String note = !f.measured() ? f.missing().key()
                            : m.fromH2load() && genBound(rows) ? Footnote.H2LOAD_BOUND.key() : "";
                    csv.append(prefix).append(m.name()).append(',').append(m.unit()).append(',').append(f.n()).append(',')
                            .append(LoadReport.plain(f.median())).append(',').append(LoadReport.plain(f.min())).append(',')
                            .append(LoadReport.plain(f.max())).append(',')
                            .append(LoadReport.plain(ratio(group, server.getKey(), m))).append(',').append(note).append('\n');
                }
            }
        }
        return csv.toString();
    }
}
