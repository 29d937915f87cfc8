package io.zyphos.bench.load;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * h2load, nghttp2's load generator, two ways. Over HTTP/1.1 at a fixed request rate: each client
 * sends on a timer whether or not the last answer came, so a slow server shows up as latency
 * instead of as fewer requests (no coordinated omission), and every server's tail is measured at
 * the same load; percentiles come from h2load's per-request log, since it prints only min, max and
 * mean. Over HTTP/2 closed-loop ({@link #throughput}): each connection keeps its streams full, a
 * new request as soon as one is answered, for the HTTP/2 rows' requests a second.
 */
final class H2load {

    /** Clients at most: enough to keep the timer's rate, few enough not to measure connection handling. */
    static final int MAX_CLIENTS = 16;
    /** h2load's tally: "requests: ... N succeeded, N failed, N errored, N timeout"; failed counts non-2xx/3xx too. */
    private static final Pattern TALLY = Pattern.compile("(\\d+) failed, \\d+ errored, (\\d+) timeout");

    /**
     * What one fixed-rate run measured: {@code rate} is the rate asked for, {@code requests} the
     * answers logged, latencies in microseconds (unchecked; -1 when none was logged), and
     * h2load's own CPU as a share of its core.
     */
    record Result(int rate, long requests, long p50, long p99, long p999, long failed, double generatorShare) {

        /** The run's percentiles if they can be trusted, or none and why. */
        Percentiles latency() {
            return requests == 0 ? Percentiles.none(Footnote.NOT_MEASURED) : Percentiles.checked(p50, p99, p999);
        }
    }

    /** "finished in 10.00s, 135100.00 req/s, 5.02MB/s": the requests a second over the measured run. */
    private static final Pattern FINISHED = Pattern.compile("finished in [0-9.]+m?s, ([0-9.]+) req/s");
    /** "requests: N total, N started, N done, N succeeded, N failed, N errored, N timeout". */
    private static final Pattern REQUESTS = Pattern.compile("requests: (\\d+) total, \\d+ started, \\d+ done, (\\d+) succeeded, "
            + "(\\d+) failed, \\d+ errored, \\d+ timeout");
    private static final Pattern PROTOCOL = Pattern.compile("Application protocol: (\\S+)");

    /**
     * What one closed-loop HTTP/2 run measured, as h2load printed it: its requests a second, the
     * requests it sent, those answered with a 2xx or 3xx, those that failed (h2load's "failed": a
     * stream or connection error, or any other status), the protocol ALPN or prior knowledge gave,
     * and h2load's own CPU as a share of its core.
     */
    record Throughput(double requestsPerSecond, long requests, long succeeded, long failed, String protocol,
            double generatorShare) {}

    private H2load() {}

    /**
     * Runs h2load closed-loop for {@code seconds} with {@code shape}'s connections and streams on
     * one thread, against {@code endpoint} of the server at {@code address}.
     *
     * @throws IOException when h2load fails, prints no tally, or spoke other than {@code shape}'s protocol
     */
    static Throughput throughput(List<String> pin, InetSocketAddress address, H2Shape shape, Endpoint endpoint,
            int seconds) throws IOException {
        List<String> command = new ArrayList<>(pin);
        command.addAll(List.of("h2load", "-t1", "-c" + shape.connections(), "-m" + shape.streams(), "-D",
                Integer.toString(seconds), (shape.tls() ? "https://" : "http://") + address.getHostString() + ":"
                        + address.getPort() + endpoint.path()));
        // h2load waits for every stream it opened; a server that stops answering would hold it for ever.
        Tools.Output out = Tools.run(command, seconds + 30L, TimeUnit.SECONDS);
        Throughput run = parse(out.text(), out.coreShare());
        if (!run.protocol().equals(shape.protocol())) {
            throw new IOException("h2load spoke " + run.protocol() + ", not " + shape.protocol() + ":\n" + out.text());
        }
        return run;
    }

    /** What h2load printed for a closed-loop run, h2load having used {@code generatorShare} of its core. */
    static Throughput parse(String text, double generatorShare) throws IOException {
        Matcher finished = FINISHED.matcher(text);
        Matcher requests = REQUESTS.matcher(text);
        Matcher protocol = PROTOCOL.matcher(text);
        if (!finished.find() || !requests.find()) {
            throw new IOException("h2load printed no request tally:\n" + text);
        }
        return new Throughput(Double.parseDouble(finished.group(1)), Long.parseLong(requests.group(1)),
                Long.parseLong(requests.group(2)), Long.parseLong(requests.group(3)),
                protocol.find() ? protocol.group(1) : "none", generatorShare);
    }

    static boolean available() {
        return Tools.onPath("h2load");
    }

    /**
     * Runs h2load at {@code rate} requests a second in total for {@code seconds}.
     *
     * @param body the file whose bytes each request carries (POST), or null for GET
     */
    static Result run(List<String> pin, InetSocketAddress address, Endpoint endpoint, Path body, int rate, int seconds,
            Path work) throws IOException {
        int clients = Math.max(1, Math.min(MAX_CLIENTS, rate));
        int perClient = Math.max(1, rate / clients);
        Path log = work.resolve("h2load-" + endpoint.label() + ".log");
        Files.deleteIfExists(log);
        List<String> command = new ArrayList<>(pin);
        command.addAll(List.of("h2load", "--h1", "-t1", "-c" + clients, "--rps=" + perClient, "-D", Integer.toString(seconds),
                "--log-file=" + log));
        if (body != null) {
            command.addAll(List.of("-d", body.toString(), "-H", "content-type: application/octet-stream"));
        }
        command.add("http://" + address.getHostString() + ":" + address.getPort() + endpoint.path());
        Tools.Output out = Tools.run(command, seconds + 60L, TimeUnit.SECONDS);
        Matcher tally = TALLY.matcher(out.text());
        if (!tally.find()) {
            throw new IOException("h2load printed no request tally:\n" + out.text());
        }
        long failed = Long.parseLong(tally.group(1)) + Long.parseLong(tally.group(2));
        long[] micros;
        try (Stream<String> lines = Files.lines(log)) {
            // Each line: start time, status, time to the last byte in microseconds.
            micros = lines.map(l -> l.split("\t")).filter(r -> r.length >= 3)
                    .mapToLong(r -> Long.parseLong(r[2].strip())).sorted().toArray();
        } finally {
            Files.deleteIfExists(log);
        }
        return new Result(clients * perClient, micros.length, percentile(micros, 50), percentile(micros, 99),
                percentile(micros, 99.9), failed, out.coreShare());
    }

    /** The nearest-rank percentile of sorted {@code values}, or -1 when there are none. */
    static long percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return -1;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.clamp(rank - 1, 0, sorted.length - 1)];
    }
}
