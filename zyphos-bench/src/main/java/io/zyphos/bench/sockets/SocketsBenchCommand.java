package io.zyphos.bench.sockets;

import io.zyphos.bench.Machine;
import io.zyphos.bench.Options;
import io.zyphos.bench.Results;
import io.zyphos.bench.Transports;
import io.zyphos.buffer.Buffers;
import io.zyphos.echo.EchoProtocol;
import io.zyphos.server.Limits;
import io.zyphos.server.Server;
import io.zyphos.server.Transport;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;

/**
 * {@code ./zyphos bench sockets}: what the transports cost apart from moving bytes. The shutdown
 * time of an idle server and of one holding idle connections, the memory an idle connection holds
 * (heap after GC, pooled direct memory, resident set), and the cost of starting and joining a
 * platform thread against a virtual one. Each transport's server runs in this JVM; the idle
 * connections come from a separate process ({@code /usr/bin/python3}), so the heap measured is the
 * server's alone.
 */
public final class SocketsBenchCommand {

    public static final String USAGE =
            "sockets [--connections N] [--shutdown-connections N] [--rounds N] [--threads N]";

    private static final List<Transport> TRANSPORTS =
            List.of(Transport.NIO, Transport.PLATFORM_THREADS, Transport.VIRTUAL_THREADS);

    /** Opens N connections, sends a byte on each and reads its echo, says "ready", holds them until stdin closes. */
    private static final String CLIENT = """
            import socket, sys
            host, port, n = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
            socks = []
            for i in range(n):
                s = socket.create_connection((host, port))
                s.sendall(b'x')
                socks.append(s)
            for s in socks:
                if s.recv(1) != b'x':
                    sys.exit('no echo')
            print('ready', flush=True)
            sys.stdin.read()
            """;

    private SocketsBenchCommand() {}

    public static void run(String[] args) throws Exception {
        Options o = Options.parse(args, Set.of(), Set.of("connections", "shutdown-connections", "rounds", "threads"));
        int connections = o.integer("connections", 10_000, 1, 1_000_000);
        int shutdownConnections = o.integer("shutdown-connections", 1000, 1, 1_000_000);
        int rounds = o.integer("rounds", 20, 1, 10_000);
        int threads = o.integer("threads", 20_000, 100, 10_000_000);
        String command = Results.command(String.join(" ", "bench", "sockets", String.join(" ", args)).strip());

        StringBuilder md = new StringBuilder();
        md.append("# Transport costs\n\nCommand: `").append(command).append("`  \nMachine: ")
                .append(Machine.current().describe()).append("\n\n");

        md.append("## Shutdown time (`Server.shutdown`, graceful, echo protocol)\n\n")
                .append("| transport | idle server: median ms | max ms | with ").append(shutdownConnections)
                .append(" idle connections: median ms | max ms |\n|---|---:|---:|---:|---:|\n");
        System.out.print(md);
        for (Transport t : TRANSPORTS) {
            double[] idle = new double[rounds];
            for (int i = 0; i < rounds; i++) {
                idle[i] = shutdownMillis(t, 0);
            }
            int busyRounds = Math.max(1, rounds / 4);
            double[] busy = new double[busyRounds];
            for (int i = 0; i < busyRounds; i++) {
                busy[i] = shutdownMillis(t, shutdownConnections);
            }
            String row = "| " + Transports.name(t) + " | " + ms(median(idle)) + " | " + ms(max(idle)) + " | "
                    + ms(median(busy)) + " | " + ms(max(busy)) + " |\n";
            md.append(row);
            System.out.print(row);
        }
        int floorRounds = Math.max(1, rounds / 4);
        double[] floor = new double[floorRounds];
        for (int i = 0; i < floorRounds; i++) {
            floor[i] = wakeAndJoinMillis(shutdownConnections);
        }
        String floorRow = "| JDK floor: wake and join " + shutdownConnections + " parked platform threads | – | – | "
                + ms(median(floor)) + " | " + ms(max(floor)) + " |\n\n"
                + "The floor row runs no server: it parks as many platform threads as the platform transport has"
                + " connections, then wakes and joins them all, which is the least a shutdown that waits for its"
                + " threads can cost on this machine.\n";
        md.append(floorRow);
        System.out.print(floorRow);

        String memHead = "\n## Memory per idle connection (" + connections + " connections, each echoed one byte)\n\n"
                + "| transport | heap after GC, B/connection | pooled direct memory, B/connection | resident set, B/connection |\n"
                + "|---|---:|---:|---:|\n";
        md.append(memHead);
        System.out.print(memHead);
        for (Transport t : TRANSPORTS) {
            long[] m = memoryPerConnection(t, connections);
            String row = "| " + Transports.name(t) + " | " + m[0] + " | " + m[1] + " | " + m[2] + " |\n";
            md.append(row);
            System.out.print(row);
        }

        String threadHead = "\n## Starting and joining a thread (" + threads + " in a row, after as many to warm up)\n\n"
                + "| thread | ns per start+join |\n|---|---:|\n";
        md.append(threadHead);
        System.out.print(threadHead);
        long platform = startJoinNanos(Thread.ofPlatform(), threads);
        long virtual = startJoinNanos(Thread.ofVirtual(), threads);
        String rows = "| platform | " + platform + " |\n| virtual | " + virtual + " |\n\n"
                + String.format("A platform thread costs %.1f times a virtual one.%n", (double) platform / virtual);
        md.append(rows);
        System.out.print(rows);

        Path out = Results.directory().resolve("sockets-" + Results.stamp() + ".md");
        Files.writeString(out, md);
        System.out.println("\nwritten to " + out);
    }

    /** Starts a server, opens {@code n} idle connections to it, and times its shutdown. */
    private static double shutdownMillis(Transport t, int n) throws Exception {
        Server server = Server.builder().name("bench-" + Transports.name(t)).transport(t)
                .protocol(new EchoProtocol()).limits(Limits.defaults().withMaxConnections(Math.max(n, 1) + 16)).start();
        Process clients = null;
        try {
            if (n > 0) {
                clients = openClients(server, n);
            }
            long start = System.nanoTime();
            if (!server.shutdown(Duration.ofSeconds(30))) {
                throw new IllegalStateException("shutdown of " + server + " did not finish in time");
            }
            return (System.nanoTime() - start) / 1e6;
        } finally {
            server.close();
            if (clients != null) {
                release(clients);
            }
        }
    }

    /** {heap, pooled direct, resident set} bytes per connection. */
    private static long[] memoryPerConnection(Transport t, int n) throws Exception {
        Server server = Server.builder().name("bench-mem-" + Transports.name(t)).transport(t)
                .protocol(new EchoProtocol()).limits(Limits.defaults().withMaxConnections(n + 16)).start();
        Process clients = null;
        try {
            long heap0 = heapAfterGc();
            long direct0 = Buffers.pooledAllocator().metric().usedDirectMemory();
            long rss0 = residentBytes();
            clients = openClients(server, n);
            long heap1 = heapAfterGc();
            long direct1 = Buffers.pooledAllocator().metric().usedDirectMemory();
            long rss1 = residentBytes();
            return new long[] {(heap1 - heap0) / n, (direct1 - direct0) / n, (rss1 - rss0) / n};
        } finally {
            server.close();
            if (clients != null) {
                release(clients);
            }
        }
    }

    /** The client process, once all {@code n} connections are open and each has had its echo. */
    private static Process openClients(Server server, int n) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("/usr/bin/python3", "-c", CLIENT,
                server.localAddress().getAddress().getHostAddress(), Integer.toString(server.port()), Integer.toString(n))
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.US_ASCII));
        String line = out.readLine();
        if (!"ready".equals(line)) {
            p.destroyForcibly().waitFor();
            throw new IllegalStateException("the client process failed to open " + n + " connections");
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (server.openConnections() < n && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        return p;
    }

    private static void release(Process clients) throws InterruptedException {
        try (OutputStream in = clients.getOutputStream()) {
            in.flush();
        } catch (IOException ignored) {
            // The process is gone already.
        }
        if (!clients.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
            clients.destroyForcibly().waitFor();
        }
    }

    private static long heapAfterGc() throws InterruptedException {
        var memory = ManagementFactory.getMemoryMXBean();
        long used = Long.MAX_VALUE;
        // Several collections, keeping the lowest: one may leave floating garbage behind.
        for (int i = 0; i < 4; i++) {
            System.gc();
            Thread.sleep(50);
            used = Math.min(used, memory.getHeapMemoryUsage().getUsed());
        }
        return used;
    }

    private static long residentBytes() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
            }
        }
        return 0;
    }

    /**
     * Parks {@code n} platform threads, then wakes and joins them all: what ending the platform
     * transport's connection threads costs the JDK and the kernel with no server code in the way.
     */
    private static double wakeAndJoinMillis(int n) throws InterruptedException {
        CountDownLatch parked = new CountDownLatch(n);
        CountDownLatch wake = new CountDownLatch(1);
        Thread[] threads = new Thread[n];
        for (int i = 0; i < n; i++) {
            threads[i] = Thread.ofPlatform().start(() -> {
                parked.countDown();
                try {
                    wake.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
        }
        parked.await();
        long start = System.nanoTime();
        wake.countDown();
        for (Thread t : threads) {
            t.join();
        }
        return (System.nanoTime() - start) / 1e6;
    }

    private static long startJoinNanos(Thread.Builder builder, int n) throws InterruptedException {
        Runnable nothing = () -> {};
        for (int i = 0; i < n; i++) {
            builder.start(nothing).join();
        }
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            builder.start(nothing).join();
        }
        return (System.nanoTime() - start) / n;
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }

    private static double max(double[] v) {
        return Arrays.stream(v).max().orElse(0);
    }

    private static String ms(double v) {
        return String.format("%.1f", v);
    }
}
