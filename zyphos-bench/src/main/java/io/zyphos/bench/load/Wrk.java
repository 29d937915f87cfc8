package io.zyphos.bench.load;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * wrk, the closed-loop load generator: one thread, {@code connections} connections each with one
 * request (or one pipelined batch) in flight. A Lua script sets the request up and, in its
 * {@code done} hook, prints the figures on one line, since {@code --latency} stops at the 99th
 * percentile and the report wants the 99.9th.
 */
final class Wrk {

    /** The line the done hook prints: requests, duration µs, p50, p99, p99.9, max µs, errors, non-2xx. */
    private static final Pattern RESULT = Pattern.compile(
            "ZYPHOS-WRK (\\d+) (\\d+) (\\d+) (\\d+) (\\d+) (\\d+) (\\d+) (\\d+)");

    /**
     * What one wrk run printed, as it printed it: latencies in microseconds (wrk's, unchecked),
     * and wrk's own CPU as a share of its core.
     *
     * @param depth requests per pipelined batch, 1 when not pipelined
     */
    record Result(long requests, double seconds, int depth, long p50, long p99, long p999, long max, long errors,
            long non2xx, double generatorShare) {

        double requestsPerSecond() {
            return seconds > 0 ? requests / seconds : Double.NaN;
        }

        /**
         * The run's percentiles if they can be trusted. Pipelined runs have none: wrk records one
         * latency per batch, from its send to the batch's last response (wrk.c,
         * response_complete), so its percentiles are of batches, and its correction for
         * coordinated omission, which spaces its synthetic samples by the mean time per
         * <em>request</em>, adds samples below the histogram's recorded minimum that its
         * percentile walk never reaches: the 0 µs p99.9 of a pipelined run.
         */
        Percentiles latency() {
            if (depth > 1) {
                return Percentiles.none(Footnote.PIPELINED);
            }
            if (requests == 0) {
                return Percentiles.none(Footnote.NOT_MEASURED);
            }
            return Percentiles.checked(p50, p99, p999);
        }
    }

    private Wrk() {}

    static boolean available() {
        return Files.isExecutable(Path.of("/usr/bin/wrk")) || Tools.onPath("wrk");
    }

    /** Writes the Lua script for {@code endpoint} (pipelined {@code depth} deep when it is pipelined) to {@code dir}. */
    static Path script(Endpoint endpoint, int depth, Path dir) throws IOException {
        StringBuilder lua = new StringBuilder();
        if (endpoint == Endpoint.ECHO) {
            lua.append("wrk.method = \"POST\"\n")
                    .append("wrk.headers[\"Content-Type\"] = \"application/octet-stream\"\n")
                    .append("wrk.body = string.rep(\"z\", ").append(Endpoint.ECHO_BODY_BYTES).append(")\n");
        }
        if (endpoint.pipelined() && depth > 1) {
            // wrk counts each response of a batch as a request; a batch is re-sent once all have come back.
            lua.append("init = function(args)\n")
                    .append("  local r = {}\n")
                    .append("  for i = 1, ").append(depth).append(" do r[i] = wrk.format(nil, \"").append(endpoint.path()).append("\") end\n")
                    .append("  batch = table.concat(r)\n")
                    .append("end\n")
                    .append("request = function() return batch end\n");
        }
        lua.append("""
                done = function(summary, latency, requests)
                  local e = summary.errors
                  io.write(string.format("ZYPHOS-WRK %d %d %d %d %d %d %d %d\\n",
                    summary.requests, summary.duration,
                    latency:percentile(50), latency:percentile(99), latency:percentile(99.9), latency.max,
                    e.connect + e.read + e.write + e.timeout, e.status))
                end
                """);
        Path file = dir.resolve("wrk-" + endpoint.label() + "-" + depth + ".lua");
        Files.writeString(file, lua.toString(), StandardCharsets.UTF_8);
        return file;
    }

    /**
     * Runs wrk against {@code address} for {@code seconds}, pinned by {@code pin}, and parses what
     * it measured; {@code depth} is the pipelining depth {@code script} was written for.
     */
    static Result run(List<String> pin, InetSocketAddress address, Endpoint endpoint, Path script, int depth,
            int connections, int seconds) throws IOException {
        List<String> command = new ArrayList<>(pin);
        command.addAll(List.of("wrk", "-t1", "-c" + connections, "-d" + seconds + "s", "--latency", "--timeout", "10s",
                "-s", script.toString(), "http://" + address.getHostString() + ":" + address.getPort() + endpoint.path()));
        Tools.Output out = Tools.run(command, seconds + 60L, TimeUnit.SECONDS);
        Matcher m = RESULT.matcher(out.text());
        if (!m.find()) {
            throw new IOException("wrk printed no result line:\n" + out.text());
        }
        return new Result(Long.parseLong(m.group(1)), Long.parseLong(m.group(2)) / 1e6,
                endpoint.pipelined() ? depth : 1, Long.parseLong(m.group(3)), Long.parseLong(m.group(4)),
                Long.parseLong(m.group(5)), Long.parseLong(m.group(6)), Long.parseLong(m.group(7)),
                Long.parseLong(m.group(8)), out.coreShare());
    }
}
