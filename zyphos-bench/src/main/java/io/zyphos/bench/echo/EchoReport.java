package io.zyphos.bench.echo;

import io.zyphos.bench.Machine;
import java.util.List;
import java.util.Locale;

/** The echo harness's Markdown: how it was run, on what, and one row per transport and connection count. */
final class EchoReport {

    /** How many of the commonest system calls to name per row. */
    private static final int TOP_SYSCALLS = 3;

    private EchoReport() {}

    static String header() {
        return "| transport | accept | connections | requests/s | p50 µs | p99 µs | p99.9 µs | syscalls/request | commonest syscalls per request | errors |\n"
                + "|---|---|---:|---:|---:|---:|---:|---:|---|---:|\n";
    }

    static String row(EchoCell c) {
        LoadResult r = c.measured();
        return "| " + c.transport()
                + " | " + c.accept()
                + " | " + c.connections()
                + " | " + String.format(Locale.ROOT, "%,.0f", r.requestsPerSecond())
                + " | " + micros(r.latencyMicros(50))
                + " | " + micros(r.latencyMicros(99))
                + " | " + micros(r.latencyMicros(99.9))
                + " | " + (Double.isNaN(c.syscallsPerRequest()) ? "n/a" : String.format(Locale.ROOT, "%.2f", c.syscallsPerRequest()))
                + " | " + topSyscalls(c)
                + " | " + c.errors()
                + " |\n";
    }

    static String render(String command, Machine machine, String setup, List<EchoCell> cells) {
        StringBuilder md = new StringBuilder();
        md.append("Command: `").append(command).append("`\n\n");
        md.append("Machine: ").append(machine.describe()).append("\n\n");
        md.append(setup).append("\n\n");
        md.append(header());
        for (EchoCell c : cells) {
            md.append(row(c));
        }
        return md.toString();
    }

    private static String topSyscalls(EchoCell c) {
        if (c.syscalls() == null || c.tracedRequests() == 0) {
            return "";
        }
        StringBuilder s = new StringBuilder();
        for (StraceSummary.Syscall call : c.syscalls().syscalls().subList(0, Math.min(TOP_SYSCALLS, c.syscalls().syscalls().size()))) {
            if (!s.isEmpty()) {
                s.append(", ");
            }
            s.append(call.name()).append(' ').append(String.format(Locale.ROOT, "%.2f", call.calls() / (double) c.tracedRequests()));
        }
        return s.toString();
    }

    private static String micros(double v) {
        return v >= 100 ? String.format(Locale.ROOT, "%,.0f", v) : String.format(Locale.ROOT, "%.1f", v);
    }
}
