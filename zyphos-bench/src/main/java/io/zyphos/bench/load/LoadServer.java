package io.zyphos.bench.load;

import io.zyphos.bench.ChildServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One server under load ({@code zyphos serve} or {@code zyphos peer NAME}) in a JVM of its own (a
 * {@link ChildServer}), with what the report reads about it from {@code /proc}: its CPU time and
 * its peak memory, apart from the load generator's.
 */
final class LoadServer implements AutoCloseable {

    /** Clock ticks per second of /proc/PID/stat's utime and stime (USER_HZ), 100 on Linux. */
    private static final double CLOCK_TICKS = 100.0;

    private final ChildServer server;

    private LoadServer(ChildServer server) {
        this.server = server;
    }

    /**
     * Starts {@code server} (zyphos, netty, jetty or helidon) serving {@code dir} on a free port and
     * waits for its listening line; its later output goes to {@code log}.
     */
    static LoadServer start(String server, Path dir, List<String> pin, Path log) throws IOException {
        List<String> args = new ArrayList<>();
        if (server.equals("zyphos")) {
            args.addAll(List.of("serve", "--transport", "nio"));
        } else {
            args.addAll(List.of("peer", server));
        }
        args.addAll(List.of("--port", "0", "--dir", dir.toString()));
        return new LoadServer(ChildServer.start(pin, server, args, log));
    }

    InetSocketAddress address() {
        return server.address();
    }

    /** What the server said about itself: "nio, 1 thread", "Netty 4.2, epoll, 1 event loop". */
    String banner() {
        return server.banner();
    }

    /** User plus system CPU seconds the server has used so far, all its threads together (proc(5)). */
    double cpuSeconds() throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(server.pid()), "stat"));
        // The command name in parentheses may hold spaces; the fields after it are fixed.
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        long utime = Long.parseLong(fields[11]);
        long stime = Long.parseLong(fields[12]);
        return (utime + stime) / CLOCK_TICKS;
    }

    /** The server's peak resident set so far (VmHWM), in MiB. */
    double peakRssMiB() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(server.pid()), "status"))) {
            if (line.startsWith("VmHWM:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
            }
        }
        throw new IOException("no VmHWM in /proc/" + server.pid() + "/status");
    }

    /** Stops the server with SIGTERM. */
    @Override
    public void close() throws IOException {
        server.close();
    }
}
