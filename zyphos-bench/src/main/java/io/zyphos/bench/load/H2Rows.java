package io.zyphos.bench.load;

import io.zyphos.bench.Machine;
import io.zyphos.bench.Results;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code zyphos bench load --h2}: the HTTP/2 rows. For each round, shape, endpoint and server in
 * turn (A B A B, as the HTTP/1 rows), it starts the server in a process of its own speaking the
 * shape's HTTP/2 (h2c with prior knowledge, or h2 by ALPN over TLS), warms it up with h2load, then
 * measures it with h2load closed-loop on one thread: requests a second, failed requests, h2load's
 * own CPU, and the server's CPU and peak memory over the measured run. Prints a Markdown report and
 * writes it, with a CSV, to {@code zyphos-bench/results/load-h2-*}.
 */
final class H2Rows {

    private H2Rows() {}

    /** Runs every cell, prints the report to {@code out}, writes it under {@code results}, and returns the cells. */
    static List<H2Cell> measure(LoadCommand.Settings settings, Path results, PrintStream out) throws IOException {
        if (!H2load.available()) {
            throw new IOException("h2load is not installed; on Debian or Ubuntu: apt-get install nghttp2-client");
        }
        Machine machine = Machine.current();
        Pinning pin = Pinning.choose(machine.cores());
        out.println("zyphos: HTTP/2 load rows, " + settings.rounds() + (settings.rounds() == 1 ? " round" : " rounds") + " of "
                + settings.seconds() + " s per cell; " + pin.description());
        Path work = Files.createTempDirectory("zyphos-load-h2-");
        try {
            Path site = Files.createDirectories(work.resolve("site"));
            List<H2Cell> cells = new ArrayList<>();
            for (int round = 1; round <= settings.rounds(); round++) {
                for (H2Shape shape : settings.shapes()) {
                    for (Endpoint endpoint : settings.endpoints()) {
                        for (String server : settings.servers()) {
                            H2Cell cell = cell(settings, pin, server, shape, endpoint, round, site, work);
                            cells.add(cell);
                            out.println(progress(settings, cell));
                        }
                    }
                }
            }
            String report = H2Report.markdown(Results.command(("bench load " + settings.arguments()).strip()), machine,
                    setup(settings, pin), cells);
            LoadCommand.write(results, "load-h2", report, H2Report.csv(cells), out);
            return cells;
        } finally {
            LoadCommand.deleteTree(work);
        }
    }

    /**
     * One server in one shape on one endpoint: start it, warm it up, then measure it and its CPU
     * around the run. A cell that fails (the server exits, h2load errs) is kept as not measured,
     * with the reason and the end of the server's output, and the run goes on.
     */
    private static H2Cell cell(LoadCommand.Settings settings, Pinning pin, String server, H2Shape shape, Endpoint endpoint,
            int round, Path site, Path work) {
        Path log = work.resolve(server + "-" + shape.label() + "-" + endpoint.label() + "-" + round + ".log");
        try (LoadServer running = LoadServer.startHttp2(server, site, shape, pin.server(), log)) {
            H2load.throughput(pin.generator(), running.address(), shape, endpoint, settings.warmup());
            double cpuBefore = running.cpuSeconds();
            H2load.Throughput run = H2load.throughput(pin.generator(), running.address(), shape, endpoint, settings.seconds());
            double cpu = running.cpuSeconds() - cpuBefore;
            return new H2Cell(server, shape, endpoint, round, running.banner(), run, cpu, running.peakRssMiB(), null);
        } catch (IOException e) {
            return H2Cell.notMeasured(server, shape, endpoint, round, e.getMessage().lines().findFirst().orElse("")
                    + "; the server's last output: " + tail(log));
        }
    }

    /** The last lines {@code log} holds, on one line, or why there are none. */
    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join(" / ", lines.subList(Math.max(0, lines.size() - 5), lines.size()));
        } catch (IOException e) {
            return "none (" + e.getMessage() + ")";
        }
    }

    /** One line per cell as the run goes. */
    private static String progress(LoadCommand.Settings settings, H2Cell c) {
        if (!c.measured()) {
            return String.format(Locale.ROOT, "round %d/%d %-10s %-9s %-14s not measured: %s", c.round(), settings.rounds(),
                    c.shape().label(), c.endpoint().label(), c.server(), c.failure());
        }
        return String.format(Locale.ROOT, "round %d/%d %-10s %-9s %-14s %,10.0f req/s  failed %d  h2load %s%% of its core  "
                        + "CPU %s s/100k  RSS %s MiB",
                c.round(), settings.rounds(), c.shape().label(), c.endpoint().label(), c.server(), c.run().requestsPerSecond(),
                c.run().failed(), LoadReport.number(c.run().generatorShare() * 100), LoadReport.number(c.cpuPer100k()),
                LoadReport.number(c.peakRssMiB()));
    }

    private static String setup(LoadCommand.Settings settings, Pinning pin) {
        return "Each cell: the server in a process of its own (a JVM from the same jar with the same JDK and options, "
                + "each with its default thread count for the cores it sees): `zyphos serve --transport nio` (with `--tls` "
                + "over TLS: a self-signed certificate, its default TLS provider, BouncyCastle's JSSE), "
                + "`zyphos peer netty --transport epoll|io_uring --protocol h2c|h2` (Http2ConnectionHandler; over TLS "
                + "OpenSSL through netty-tcnative) and `zyphos peer jetty --protocol h2c|h2` (HTTP2CServerConnectionFactory "
                + "beside HTTP/1.1; over TLS ALPN and HTTP2ServerConnectionFactory on the JDK's SSLEngine); "
                + pin.description() + ". Load: `h2load -t1 -cC -mS -D " + settings.seconds() + "` with each heading's "
                + "connections C and streams S, closed-loop (a new request as soon as one is answered), after a "
                + settings.warmup() + " s warm-up run on a fresh set of connections; https:// URLs negotiate h2 by ALPN "
                + "and a run that speaks anything else is refused. CPU: the server's utime+stime (/proc/PID/stat) over "
                + "the measured run; peak RSS: VmHWM; h2load's own CPU read from /proc/PID/stat every 10 ms. Rounds: "
                + settings.rounds() + ", servers interleaved within each.";
    }
}
