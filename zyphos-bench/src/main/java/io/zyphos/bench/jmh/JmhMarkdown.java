package io.zyphos.bench.jmh;

import io.zyphos.bench.Machine;
import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;

/**
 * The Markdown summary of a JMH run: the command, the machine, and one row per benchmark and
 * parameter set. Benchmarks with auxiliary counters ({@code @AuxCounters}) get a column with them;
 * a {@code hits} and {@code misses} pair also gives the hit rate.
 */
public final class JmhMarkdown {

    /** The GC profiler's allocation per operation, the figure that shows a hot path allocates nothing. */
    private static final String ALLOC_NORM = "gc.alloc.rate.norm";

    private JmhMarkdown() {}

    public static String render(String command, JmhProfile profile, String threads, Machine machine,
            Collection<RunResult> results) {
        boolean anyCounters = results.stream().anyMatch(r -> !counters(r.getSecondaryResults()).isEmpty());
        StringBuilder md = new StringBuilder();
        md.append("Command: `").append(command).append("` (").append(profile.describe()).append(", `-prof gc`)\n\n");
        md.append("Machine: ").append(machine.describe()).append("\n\n");
        md.append("Benchmark threads: ").append(threads).append("\n\n");
        md.append("| benchmark | parameters | mode | score | error (99.9 %) | units | allocated B/op |")
                .append(anyCounters ? " counters |\n" : "\n");
        md.append("|---|---|---|---:|---:|---|---:|").append(anyCounters ? "---|\n" : "\n");
        for (RunResult r : results) {
            BenchmarkParams params = r.getParams();
            Result<?> primary = r.getPrimaryResult();
            md.append("| ").append(shortName(params.getBenchmark()))
                    .append(" | ").append(parameters(params))
                    .append(" | ").append(params.getMode().shortLabel())
                    .append(" | ").append(number(primary.getScore()))
                    .append(" | ").append(Double.isNaN(primary.getScoreError()) ? "" : "± " + number(primary.getScoreError()))
                    .append(" | ").append(primary.getScoreUnit())
                    .append(" | ").append(allocated(r.getSecondaryResults()))
                    .append(anyCounters ? " | " + counters(r.getSecondaryResults()) : "")
                    .append(" |\n");
        }
        return md.toString();
    }

    /** {@code io.zyphos.bench.sockets.BufferAllocationBenchmark.pooledDirect} → {@code BufferAllocationBenchmark.pooledDirect}. */
    private static String shortName(String benchmark) {
        int method = benchmark.lastIndexOf('.');
        int type = benchmark.lastIndexOf('.', method - 1);
        return benchmark.substring(type + 1);
    }

    private static String parameters(BenchmarkParams params) {
        StringBuilder s = new StringBuilder();
        for (String key : params.getParamsKeys()) {
            if (!s.isEmpty()) {
                s.append(", ");
            }
            s.append(key).append('=').append(params.getParam(key));
        }
        return s.toString();
    }

    private static String allocated(Map<String, Result> secondary) {
        for (Map.Entry<String, Result> e : secondary.entrySet()) {
            if (e.getKey().endsWith(ALLOC_NORM)) {
                return number(e.getValue().getScore());
            }
        }
        return "";
    }

    /**
     * The auxiliary counters among a run's secondary results, "hits 9,012, misses 988 (90.1 % hits)";
     * empty if there are none. The profilers' own results (names with a dot, such as
     * {@code gc.alloc.rate}) are not counters.
     */
    static String counters(Map<String, Result> secondary) {
        StringBuilder s = new StringBuilder();
        for (Map.Entry<String, Result> e : new TreeMap<>(secondary).entrySet()) {
            if (e.getKey().contains(".")) {
                continue;
            }
            if (!s.isEmpty()) {
                s.append(", ");
            }
            s.append(e.getKey()).append(' ').append(number(e.getValue().getScore()));
        }
        Result hits = secondary.get("hits");
        Result misses = secondary.get("misses");
        if (hits != null && misses != null && hits.getScore() + misses.getScore() > 0) {
            double rate = 100 * hits.getScore() / (hits.getScore() + misses.getScore());
            s.append(String.format(Locale.ROOT, " (%.1f %% hits)", rate));
        }
        return s.toString();
    }

    private static String number(double v) {
        if (Math.abs(v) >= 100) {
            return String.format(Locale.ROOT, "%,.0f", v);
        }
        return String.format(Locale.ROOT, "%.3f", v);
    }
}
