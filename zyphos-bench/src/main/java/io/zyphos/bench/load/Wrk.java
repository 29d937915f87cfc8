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

    /** What one wrk run measured. Latencies in microseconds, -1 where wrk gave none. */
    record Result(long requests, double seconds, long p50, long p99, long p999, long max, long errors, long non2xx) {
        double requestsPerSecond() {
            return requests / seconds;
        }
    }

    private Wrk() {}

    static boolean available() {
        return Files.isExecutable(Path.of("/usr/bin/wrk")) || onPath("wrk");
    }

    static boolean onPath(String tool) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
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

    /** Runs wrk against {@code address} for {@code seconds}, pinned by {@code pin}, and parses what it measured. */
    static Result run(List<String> pin, InetSocketAddress address, Endpoint endpoint, Path script, int connections, int seconds)
            throws IOException {
        List<String> command = new ArrayList<>(pin);
        command.addAll(List.of("wrk", "-t1", "-c" + connections, "-d" + seconds + "s", "--latency", "--timeout", "10s",
                "-s", script.toString(), "http://" + address.getHostString() + ":" + address.getPort() + endpoint.path()));
        String out = Tools.run(command, seconds + 60L, TimeUnit.SECONDS);
        Matcher m = RESULT.matcher(out);
        if (!m.find()) {
            throw new IOException("wrk printed no result line:\n" + out);
        }
        long p50 = Long.parseLong(m.group(3));
        long p99 = Long.parseLong(m.group(4));
        long p999 = Long.parseLong(m.group(5));
        long max = Long.parseLong(m.group(6));
        if (p99 == 0 && max > 0) {
            // wrk's histogram came back empty though it timed responses (it does so for some
            // pipelined runs, where its own --latency table shows 0us too): no percentiles.
            p50 = p99 = p999 = -1;
        }
        return new Result(Long.parseLong(m.group(1)), Long.parseLong(m.group(2)) / 1e6, p50, p99, p999, max,
                Long.parseLong(m.group(7)), Long.parseLong(m.group(8)));
    }
}
