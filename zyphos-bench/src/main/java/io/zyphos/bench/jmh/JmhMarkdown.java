package io.zyphos.bench.jmh;

import io.zyphos.bench.Machine;
import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;

/** The Markdown summary of a JMH run: the command, the machine, and one row per benchmark and parameter set. */
public final class JmhMarkdown {

    /** The GC profiler's allocation per operation, the figure that shows a hot path allocates nothing. */
    private static final String ALLOC_NORM = "gc.alloc.rate.norm";

    private JmhMarkdown() {}

    public static String render(String command, JmhProfile profile, Machine machine, Collection<RunResult> results) {
        StringBuilder md = new StringBuilder();
        md.append("Command: `").append(command).append("` (").append(profile.describe()).append(", `-prof gc`)\n\n");
        md.append("Machine: ").append(machine.describe()).append("\n\n");
        md.append("| benchmark | parameters | mode | score | error (99.9 %) | units | allocated B/op |\n");
        md.append("|---|---|---|---:|---:|---|---:|\n");
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

    private static String number(double v) {
        if (Math.abs(v) >= 100) {
            return String.format(Locale.ROOT, "%,.0f", v);
        }
        return String.format(Locale.ROOT, "%.3f", v);
    }
}
