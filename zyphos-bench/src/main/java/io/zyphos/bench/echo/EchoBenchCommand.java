package io.zyphos.bench.echo;

import com.sun.management.UnixOperatingSystemMXBean;
import io.zyphos.bench.AcceptModes;
import io.zyphos.bench.ChildServer;
import io.zyphos.bench.Machine;
import io.zyphos.bench.Options;
import io.zyphos.bench.Results;
import io.zyphos.bench.Transports;
import io.zyphos.bench.UsageException;
import io.zyphos.server.AcceptMode;
import io.zyphos.server.Transport;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@code zyphos bench echo}: the echo load harness. For each transport and connection count it
 * starts the echo server in a JVM of its own, drives it with {@link EchoLoadClient} (closed loop,
 * 64-byte messages) through a warm-up and a measurement window, then, when strace is installed,
 * attaches strace to the server for one more window to count its system calls per request. Prints
 * the table row by row and writes it to {@code zyphos-bench/results/echo-DATE.md}.
 */
public final class EchoBenchCommand {

    public static final String USAGE =
            "echo [--seconds S] [--connections 1,100,1000] [--transports nio,platform,virtual] [--accept round-robin,reuse-port] [--quick-ack] [--short]";

    private static final List<Integer> CONNECTIONS = List.of(1, 100, 1000);
    private static final List<Integer> SHORT_CONNECTIONS = List.of(1, 100);
    private static final List<String> TRANSPORTS = List.of("nio", "platform", "virtual");
    /** File descriptors the client needs beyond one per connection: the JVM's own, the selector's. */
    private static final int SPARE_DESCRIPTORS = 64;

    private EchoBenchCommand() {}

    public static void run(String[] args) throws IOException {
        Options options = Options.parse(args, Set.of("short", "quick-ack"), Set.of("seconds", "connections", "transports", "accept"));
        if (!options.positional().isEmpty()) {
            throw new UsageException("bench echo takes no argument " + options.positional().getFirst());
        }
        boolean quick = options.flag("short");
        int seconds = options.integer("seconds", quick ? 1 : 5, 1, 3600);
        List<Integer> connections = options.integers("connections", quick ? SHORT_CONNECTIONS : CONNECTIONS, 1, 100_000);
        List<Transport> transports = options.list("transports", TRANSPORTS).stream().map(Transports::parse).toList();
        // NIO cells run once per accept mode, side by side; the blocking transports have one listener.
        List<String> accepts = options.list("accept", List.of(AcceptModes.name(AcceptMode.ROUND_ROBIN))).stream()
                .map(a -> AcceptModes.name(AcceptModes.parse(a))).distinct().toList();
        boolean quickAck = options.flag("quick-ack");

        Duration warmup = Duration.ofSeconds(1);
        Duration measure = Duration.ofSeconds(seconds);
        Duration traced = Duration.ofSeconds(Math.min(seconds, 2));
        boolean strace = Strace.available();
        long maxFds = maxFileDescriptors();

        String command = Results.command(String.join(" ", "bench", "echo", String.join(" ", args)).strip());
        String setup = "Each cell: the echo server (`zyphos serve --protocol echo --port 0 --transport T"
                + (quickAck ? " --quick-ack" : "") + "`, and `--accept A` on NIO; NIO runs one loop per core) in its own JVM; "
                + "the load client in the harness JVM on one NIO selector thread, closed loop, one "
                + EchoLoadClient.MESSAGE_SIZE + "-byte message in flight per connection; "
                + warmup.toSeconds() + " s warm-up, " + seconds + " s measured. "
                + (strace
                        ? "Syscalls: `strace -f -c` attached to the server for a further " + traced.toSeconds()
                                + " s (not during the measurement), divided by the round trips completed while it was attached."
                        : "Syscalls: strace is not installed, so not counted.");
        System.out.println("zyphos: echo load harness, " + seconds + " s per cell" + (strace ? "" : " (no strace: syscalls not counted)"));
        System.out.print(EchoReport.header());

        Path dir = Results.directory();
        String stamp = Results.stamp();
        List<EchoCell> cells = new ArrayList<>();
        for (Transport transport : transports) {
            for (int n : connections) {
                if (maxFds > 0 && n + SPARE_DESCRIPTORS > maxFds) {
                    System.out.println("zyphos: skipping " + n + " connections: the open-file limit is " + maxFds
                            + " (raise it with ulimit -n " + (n + SPARE_DESCRIPTORS) + " or more)");
                    continue;
                }
                for (String accept : transport == Transport.NIO ? accepts : List.of(EchoCell.ONE_LISTENER)) {
                    String name = Transports.name(transport) + (transport == Transport.NIO ? "-" + accept : "");
                    Path log = dir.resolve("echo-" + stamp + "-" + name + "-" + n + ".server.log");
                    Path straceFile = dir.resolve("echo-" + stamp + "-" + name + "-" + n + ".strace");
                    EchoCell cell = runCell(transport, accept, quickAck, n, warmup, measure, strace ? traced : null, log, straceFile);
                    cells.add(cell);
                    System.out.print(EchoReport.row(cell));
                    Files.deleteIfExists(log);
                    Files.deleteIfExists(straceFile);
                }
            }
        }

        Path markdown = dir.resolve("echo-" + stamp + ".md");
        Files.writeString(markdown, EchoReport.render(command, Machine.current(), setup, cells));
        System.out.println();
        System.out.println(setup);
        System.out.println("zyphos: wrote " + markdown);
    }

    private static EchoCell runCell(Transport transport, String accept, boolean quickAck, int connections, Duration warmup,
            Duration measure, Duration traced, Path log, Path straceFile) throws IOException {
        List<String> serve = new ArrayList<>(List.of("serve", "--protocol", "echo", "--port", "0", "--transport", Transports.name(transport)));
        if (transport == Transport.NIO) {
            serve.addAll(List.of("--accept", accept));
        }
        if (quickAck) {
            serve.add("--quick-ack");
        }
        try (ChildServer server = ChildServer.start(List.of(), "zyphos", serve, log);
                EchoLoadClient client = EchoLoadClient.connect(server.address(), connections)) {
            LoadResult warm = client.run(warmup);
            LoadResult measured = client.run(measure);
            long errors = warm.errors() + measured.errors();
            StraceSummary syscalls = null;
            long tracedRequests = 0;
            if (traced != null) {
                LoadResult t;
                try (Strace s = Strace.attach(server.pid(), straceFile)) {
                    t = client.run(traced);
                    syscalls = s.detach();
                }
                // strace stays attached while the last messages drain, so every round trip of the
                // run counts, not only those finished inside the window.
                tracedRequests = t.roundTrips();
                errors += t.errors();
            }
            return new EchoCell(Transports.name(transport), accept, connections, measured, syscalls, tracedRequests, errors);
        }
    }

    /** The process's open-file limit (ulimit -n), or -1 where the JDK cannot tell. */
    private static long maxFileDescriptors() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof UnixOperatingSystemMXBean unix) {
            return unix.getMaxFileDescriptorCount();
        }
        return -1;
    }
}
