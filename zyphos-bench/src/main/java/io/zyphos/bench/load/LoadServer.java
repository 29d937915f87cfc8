package io.zyphos.bench.load;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
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
 * One server under load in a JVM of its own ({@code zyphos serve} or {@code zyphos peer NAME}, same
 * jar, JDK and JVM options as this process), so its CPU time and memory can be read from
 * {@code /proc} apart from the load generator's.
 */
final class LoadServer implements AutoCloseable {

    /** The line every server prints once bound: "NAME: HTTP/1.1 server listening on HOST:PORT (...)". */
    private static final Pattern LISTENING = Pattern.compile("listening on (\\S+):(\\d+) \\((.*)\\)");
    /** Clock ticks per second of /proc/PID/stat's utime and stime (USER_HZ), 100 on Linux. */
    private static final double CLOCK_TICKS = 100.0;

    private final Process process;
    private final InetSocketAddress address;
    private final String banner;
    private final Path log;

    private LoadServer(Process process, InetSocketAddress address, String banner, Path log) {
        this.process = process;
        this.address = address;
        this.banner = banner;
        this.log = log;
    }

    /**
     * Starts {@code server} (zyphos, netty, jetty or helidon) serving {@code dir} on a free port and
     * waits for its listening line; its later output goes to {@code log}.
     */
    static LoadServer start(String server, Path dir, List<String> pin, Path log) throws IOException {
        List<String> command = new ArrayList<>(pin);
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), "io.zyphos.bench.Main"));
        if (server.equals("zyphos")) {
            command.addAll(List.of("serve", "--transport", "nio"));
        } else {
            command.addAll(List.of("peer", server));
        }
        command.addAll(List.of("--port", "0", "--dir", dir.toString()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        List<String> seen = new ArrayList<>();
        String line;
        while ((line = out.readLine()) != null) {
            seen.add(line);
            Matcher m = LISTENING.matcher(line);
            if (line.startsWith(server + ":") && m.find()) {
                InetSocketAddress address = new InetSocketAddress(m.group(1), Integer.parseInt(m.group(2)));
                Thread.ofPlatform().daemon().name("load-server-output").start(() -> copy(out, log));
                return new LoadServer(process, address, m.group(3), log);
            }
        }
        process.destroyForcibly();
        throw new IOException(server + " exited before it was listening:\n  " + String.join("\n  ", seen));
    }

    InetSocketAddress address() {
        return address;
    }

    /** What the server said about itself: "nio, 1 thread", "Netty 4.2, epoll, 1 event loop". */
    String banner() {
        return banner;
    }

    /** User plus system CPU seconds the server has used so far, all its threads together (proc(5)). */
    double cpuSeconds() throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"));
        // The command name in parentheses may hold spaces; the fields after it are fixed.
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        long utime = Long.parseLong(fields[11]);
        long stime = Long.parseLong(fields[12]);
        return (utime + stime) / CLOCK_TICKS;
    }

    /** The server's peak resident set so far (VmHWM), in MiB. */
    double peakRssMiB() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
            if (line.startsWith("VmHWM:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
            }
        }
        throw new IOException("no VmHWM in /proc/" + process.pid() + "/status");
    }

    /** Stops the server with SIGTERM, which every server turns into a graceful close. */
    @Override
    public void close() throws IOException {
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
                throw new IOException("the server did not stop within 30 s of SIGTERM; killed. Its output: " + log);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static void copy(BufferedReader out, Path log) {
        try (var writer = Files.newBufferedWriter(log, StandardCharsets.UTF_8)) {
            String line;
            while ((line = out.readLine()) != null) {
                writer.write(line);
                writer.newLine();
            }
        } catch (IOException e) {
            // The server exited; what it printed last is not needed for the figures.
        }
    }
}
