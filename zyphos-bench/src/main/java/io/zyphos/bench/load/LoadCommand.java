package io.zyphos.bench.load;

import io.zyphos.bench.Machine;
import io.zyphos.bench.Options;
import io.zyphos.bench.Results;
import io.zyphos.bench.UsageException;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;

/**
 * {@code zyphos bench load}: Zyphos against its peers (Netty on epoll and on io_uring, Jetty,
 * Helidon) and against the ceiling (a C program that does nothing but answer) on the demo's
 * endpoints. For each round, endpoint and server in turn (A B A B, so drift over the run touches
 * every server alike) it starts the server in a process of its own, warms it up with wrk, measures
 * it with wrk (closed loop: throughput, latency, CPU per request, peak memory), then with h2load at
 * a fixed rate (latency at equal load), reading each generator's own CPU too. Prints a Markdown
 * report and writes it, with a CSV, to {@code zyphos-bench/results/}.
 */
public final class LoadCommand {

    /** Every server the harness knows, in the order each round measures them: the ceiling last. */
    static final List<String> SERVERS = List.of("zyphos", "netty", "netty-io_uring", "jetty", "helidon", Ceiling.NAME);

    /** The servers of the HTTP/2 rows ({@code --h2}): those that speak HTTP/2 here, in the order each round measures them. */
    static final List<String> H2_SERVERS = List.of("zyphos", "netty", "netty-io_uring", "jetty");
    /** The endpoints the HTTP/2 rows may measure: every HTTP/2 peer serves these two. */
    static final List<Endpoint> H2_ENDPOINTS = List.of(Endpoint.PLAINTEXT, Endpoint.JSON);

    public static final String USAGE = "load [--servers " + String.join(",", SERVERS) + "] [--endpoints " + Endpoint.NAMES
            + "] [--rounds 3] [--seconds 10] [--connections 64] [--pipeline 16] [--rps N] [--short] [--h2 [--shapes "
            + H2Shape.NAMES + "]]";

    /**
     * How one run is set up; {@code rps} 0 means each endpoint's own default rate. With {@code h2}
     * the run is the HTTP/2 rows, in {@code shapes}, and the wrk settings are unused.
     */
    record Settings(List<String> servers, List<Endpoint> endpoints, int rounds, int seconds, int warmup, int connections,
            int pipeline, int rps, boolean quick, boolean h2, List<H2Shape> shapes, String arguments) {

        static Settings parse(String[] args) {
            Options options = Options.parse(args, Set.of("short", "h2"),
                    Set.of("servers", "endpoints", "rounds", "seconds", "connections", "pipeline", "rps", "shapes"));
            if (!options.positional().isEmpty()) {
                throw new UsageException("bench load takes no argument " + options.positional().getFirst());
            }
            boolean quick = options.flag("short");
            boolean h2 = options.flag("h2");
            List<String> known = h2 ? H2_SERVERS : SERVERS;
            List<String> servers = options.list("servers", known);
            for (String s : servers) {
                if (!known.contains(s)) {
                    throw new UsageException("unknown " + (h2 ? "HTTP/2 " : "") + "server \"" + s + "\" (choose from "
                            + String.join(",", known) + ")");
                }
            }
            List<Endpoint> endpoints = options.list("endpoints",
                    (h2 ? List.of(Endpoint.PLAINTEXT) : Endpoint.all()).stream().map(Endpoint::label).toList())
                    .stream().map(Endpoint::parse).toList();
            if (h2 && !H2_ENDPOINTS.containsAll(endpoints)) {
                throw new UsageException("the HTTP/2 rows measure plaintext and json only");
            }
            if (!h2 && options.string("shapes", null) != null) {
                throw new UsageException("--shapes goes with --h2");
            }
            List<H2Shape> shapes = options.list("shapes", List.of(H2Shape.NAMES.split(","))).stream()
                    .map(H2Shape::parse).toList();
            return new Settings(servers, endpoints,
                    options.integer("rounds", quick ? 1 : 3, 1, 100),
                    options.integer("seconds", quick ? 2 : 10, 1, 3600),
                    quick ? 1 : 2,
                    options.integer("connections", quick ? 8 : 64, 1, 10_000),
                    options.integer("pipeline", 16, 1, 256),
                    options.integer("rps", 0, 0, 10_000_000),
                    quick,
                    h2,
                    shapes,
                    String.join(" ", args));
        }

        /** The fixed rate for {@code endpoint}: {@code --rps}, or a rate every server here keeps up with (a tenth in the smoke mode). */
        int rate(Endpoint endpoint) {
            if (rps > 0) {
                return rps;
            }
            // Rates every server here keeps up with on one core, so the tail shows the server, not a queue.
            int base = switch (endpoint) {
                case PLAINTEXT, PLAINTEXT_KEEPALIVE, JSON, ECHO -> 5_000;
                case FILE4K -> 1_000;
                case FILE1M -> 100;
            };
            return quick ? base / 10 : base;
        }
    }

    private LoadCommand() {}

    public static void run(String[] args) throws IOException {
        Settings settings = Settings.parse(args);
        if (settings.h2()) {
            H2Rows.measure(settings, Results.directory(), System.out);
        } else {
            measure(settings, Results.directory(), System.out);
        }
    }

    /** Runs every cell, prints the report to {@code out}, writes it under {@code results}, and returns the cells. */
    static List<LoadCell> measure(Settings settings, Path results, PrintStream out) throws IOException {
        if (!Wrk.available()) {
            throw new IOException("wrk is not installed; on Debian or Ubuntu: apt-get install wrk");
        }
        boolean h2load = H2load.available();
        Machine machine = Machine.current();
        Pinning pin = Pinning.choose(machine.cores());
        Ceiling.Build ceiling = settings.servers().contains(Ceiling.NAME) ? Ceiling.build() : null;
        List<String> servers = settings.servers().stream()
                .filter(s -> !s.equals(Ceiling.NAME) || ceiling.built()).toList();
        out.println("zyphos: load harness, " + settings.rounds() + (settings.rounds() == 1 ? " round" : " rounds") + " of "
                + settings.seconds() + " s per cell; " + pin.description()
                + (h2load ? "" : "; h2load is not installed (apt-get install nghttp2-client), so no fixed-rate runs")
                + (ceiling == null ? "" : "; ceiling: " + (ceiling.built() ? ceiling.program() : "skipped, " + ceiling.description())));

        Path work = Files.createTempDirectory("zyphos-load-");
        try {
            Path site = Files.createDirectories(work.resolve("site"));
            writeRandom(site.resolve("4k.bin"), 4 * 1024);
            writeRandom(site.resolve("1m.bin"), 1024 * 1024);
            Path echoBody = work.resolve("echo-body.bin");
            Files.writeString(echoBody, "z".repeat(Endpoint.ECHO_BODY_BYTES));

            List<LoadCell> cells = new ArrayList<>();
            for (int round = 1; round <= settings.rounds(); round++) {
                for (Endpoint endpoint : settings.endpoints()) {
                    Path script = Wrk.script(endpoint, settings.pipeline(), work);
                    for (String server : servers) {
                        if (server.equals(Ceiling.NAME) && !Ceiling.answers(endpoint)) {
                            continue;
                        }
                        LoadCell cell = cell(settings, pin, server, endpoint, round, site, ceiling, script,
                                h2load ? echoBody : null, work);
                        cells.add(cell);
                        out.println(progress(settings, cell));
                    }
                }
            }
            String report = LoadReport.markdown(Results.command(("bench load " + settings.arguments()).strip()), machine,
                    setup(settings, pin, h2load, ceiling), cells);
            write(results, "load", report, LoadReport.csv(cells), out);
            return cells;
        } finally {
            deleteTree(work);
        }
    }

    /**
     * One server on one endpoint: start it, warm it up, measure it closed-loop with wrk (reading
     * its CPU time around the run and its peak memory after), then at a fixed rate with h2load.
     *
     * @param echoBody the POST body for h2load, or null when h2load is not run
     */
    private static LoadCell cell(Settings settings, Pinning pin, String server, Endpoint endpoint, int round, Path site,
            Ceiling.Build ceiling, Path script, Path echoBody, Path work) throws IOException {
        Path log = work.resolve(server + "-" + endpoint.label() + "-" + round + ".log");
        Path program = ceiling == null ? null : ceiling.program();
        try (LoadServer running = LoadServer.start(server, site, program, pin.server(), log)) {
            Wrk.run(pin.generator(), running.address(), endpoint, script, settings.pipeline(), settings.connections(),
                    settings.warmup());
            double cpuBefore = running.cpuSeconds();
            Wrk.Result wrk = Wrk.run(pin.generator(), running.address(), endpoint, script, settings.pipeline(),
                    settings.connections(), settings.seconds());
            double cpu = running.cpuSeconds() - cpuBefore;
            double rss = running.peakRssMiB();
            H2load.Result fixed = null;
            if (echoBody != null) {
                fixed = H2load.run(pin.generator(), running.address(), endpoint, endpoint == Endpoint.ECHO ? echoBody : null,
                        settings.rate(endpoint), settings.seconds(), work);
            }
            return new LoadCell(server, endpoint, round, running.banner(), wrk, cpu, rss, fixed);
        }
    }

    /** One line per cell as the run goes: the same checked figures the report prints, "–" where it prints a blank. */
    private static String progress(Settings settings, LoadCell c) {
        String line = String.format(Locale.ROOT, "round %d/%d %-9s %-14s %,10.0f req/s  p50 %s  p99 %s  p99.9 %s ms  "
                        + "errors %d  CPU %s s/100k  RSS %s MiB  wrk %s%% of its core",
                c.round(), settings.rounds(), c.endpoint().label(), c.server(), c.wrk().requestsPerSecond(),
                figure(c, LoadReport.P50), figure(c, LoadReport.P99), figure(c, LoadReport.P999), c.errors(),
                figure(c, LoadReport.CPU_PER_100K), figure(c, LoadReport.PEAK_RSS), figure(c, LoadReport.WRK_CPU));
        if (c.fixedRate() != null) {
            line += String.format(Locale.ROOT, "  | at %,d req/s: p99 %s p99.9 %s ms, h2load %s%% of its core",
                    c.fixedRate().rate(), figure(c, LoadReport.FIXED_P99), figure(c, LoadReport.FIXED_P999),
                    figure(c, LoadReport.H2LOAD_CPU));
        }
        return line;
    }

    private static String figure(LoadCell c, LoadReport.Metric metric) {
        return LoadReport.number(LoadReport.figure(List.of(c), metric).median());
    }

    private static String setup(Settings settings, Pinning pin, boolean h2load, Ceiling.Build ceiling) {
        return "Each cell: the server in a process of its own (a JVM from the same jar with the same JDK and options: "
                + "`zyphos serve --transport nio`, `zyphos peer netty --transport epoll|io_uring` or `zyphos peer NAME`, "
                + "each with its default thread count for the cores it sees), serving a temporary "
                + "directory holding 4k.bin and 1m.bin; " + pin.description() + ". "
                + "Closed loop: `wrk -t1 -c" + settings.connections() + "`, " + settings.warmup() + " s warm-up then "
                + settings.seconds() + " s measured; plaintext pipelined " + settings.pipeline()
                + " deep (TechEmpower style), echo POSTs " + Endpoint.ECHO_BODY_BYTES + " bytes; percentiles from wrk's "
                + "histogram via a Lua done hook"
                + (settings.pipeline() > 1 ? ", none for pipelined runs (wrk times a batch, not a request)" : "")
                + ". CPU: the server's utime+stime (/proc/PID/stat) over the measured run; peak RSS: VmHWM; "
                + "wrk's and h2load's own CPU read from /proc/PID/stat every 10 ms over their runs. "
                + (h2load
                        ? "Fixed rate: `h2load --h1` for " + settings.seconds() + " s at the rate in each heading, up to "
                                + H2load.MAX_CLIENTS + " connections, percentiles from its per-request log."
                        : "Fixed rate: not run (h2load is not installed).")
                + ceilingSetup(ceiling)
                + " Rounds: " + settings.rounds() + ", servers interleaved within each.";
    }

    private static String ceilingSetup(Ceiling.Build ceiling) {
        if (ceiling == null) {
            return "";
        }
        if (!ceiling.built()) {
            return " Ceiling: not run, " + ceiling.description() + ".";
        }
        return " Ceiling: `zyphos-bench/src/main/c/ceiling.c` built with `" + ceiling.description() + "`, one thread, "
                + "pinned like the servers: it counts request heads and writes the demo's bytes for each, on "
                + "/plaintext and /json only.";
    }

    /**
     * Prints {@code report} and writes it under {@code results} as {@code PREFIX-STAMP.md}, with
     * {@code csv} beside it and a copy as {@code PREFIX-latest.md}.
     */
    static void write(Path results, String prefix, String report, String csv, PrintStream out) throws IOException {
        String stamp = Results.stamp();
        Path markdown = results.resolve(prefix + "-" + stamp + ".md");
        Files.writeString(markdown, report);
        Files.writeString(results.resolve(prefix + "-" + stamp + ".csv"), csv);
        Files.copy(markdown, results.resolve(prefix + "-latest.md"), StandardCopyOption.REPLACE_EXISTING);
        out.println();
        out.print(report);
        out.println();
        out.println("zyphos: wrote " + markdown + " (and .csv, " + prefix + "-latest.md)");
    }

    private static void writeRandom(Path file, int size) throws IOException {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        Files.write(file, bytes);
    }

    static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
