package io.zyphos.bench.load;

import io.zyphos.bench.ChildServer;
import io.zyphos.bench.Machine;
import io.zyphos.bench.Options;
import io.zyphos.bench.Results;
import io.zyphos.bench.UsageException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code zyphos bench tls}: TLS handshakes a second on one server core, Zyphos (on BouncyCastle's
 * JSSE and on the JDK's) beside Netty and Jetty, full and resumed, with {@code openssl s_time} as
 * the client. Each server runs in a process of its own pinned to one core, the clients on the
 * other; rounds go A B A B so drift touches every server alike. Besides handshakes a second of
 * wall time, the report gives handshakes per CPU-second of the server, which the clients' speed
 * does not limit, and the clients' own CPU, so a run where they were the limit shows.
 */
public final class HandshakeCommand {

    /** Every server the harness knows, in the order each round measures them. */
    static final List<String> SERVERS = List.of("zyphos", "zyphos-jdk", "netty", "netty-jdk", "jetty");

    public static final String USAGE = "tls [--servers " + String.join(",", SERVERS)
            + "] [--rounds 3] [--seconds 10] [--warmup 20] [--clients 4] [--short]";

    /** How one run is set up. */
    record Settings(List<String> servers, int rounds, int seconds, int warmup, int clients, String arguments) {

        static Settings parse(String[] args) {
            Options options = Options.parse(args, Set.of("short"), Set.of("servers", "rounds", "seconds", "warmup", "clients"));
            if (!options.positional().isEmpty()) {
                throw new UsageException("bench tls takes no argument " + options.positional().getFirst());
            }
            boolean quick = options.flag("short");
            List<String> servers = options.list("servers", SERVERS);
            for (String s : servers) {
                if (!SERVERS.contains(s)) {
                    throw new UsageException("unknown server \"" + s + "\" (choose from " + String.join(",", SERVERS) + ")");
                }
            }
            return new Settings(servers, options.integer("rounds", quick ? 1 : 3, 1, 100),
                    options.integer("seconds", quick ? 2 : 10, 1, 3600),
                    // A TLS stack is a lot of code: on this machine a server needs some 20 s of
                    // handshakes before its rate stops climbing (the JIT at work).
                    options.integer("warmup", quick ? 2 : 20, 1, 3600),
                    options.integer("clients", 4, 1, 64), String.join(" ", args));
        }
    }

    /** One server's figures from one round. */
    record Round(double fullPerSecond, double fullPerCpuSecond, double resumedPerSecond, double clientShare) {}

    private HandshakeCommand() {}

    public static void run(String[] args) throws IOException {
        Settings settings = Settings.parse(args);
        if (!STime.available()) {
            throw new UsageException("bench tls needs openssl (apt-get install openssl)");
        }
        Machine machine = Machine.current();
        Pinning pin = Pinning.choose(machine.cores());
        Path work = Files.createTempDirectory("zyphos-tls-");
        Map<String, List<Round>> rounds = new LinkedHashMap<>();
        Map<String, String> banners = new LinkedHashMap<>();
        Map<String, Boolean> resumes = new LinkedHashMap<>();
        for (int r = 0; r < settings.rounds(); r++) {
            for (String server : settings.servers()) {
                try (ChildServer child = start(server, work, pin)) {
                    int port = child.address().getPort();
                    // The certificate's temporary path says nothing about how the server runs.
                    banners.putIfAbsent(server, child.banner().replaceAll(", certificate \\S+( \\([^)]*\\))?", ""));
                    // Warm-up: the JIT compiles the handshake before it is timed.
                    STime.run(port, settings.clients(), settings.warmup(), false, pin.generator());
                    if (!resumes.containsKey(server)) {
                        resumes.put(server, STime.resumes(port, work));
                    }
                    double cpuBefore = ProcessCpu.seconds(child.pid());
                    STime.Result full = STime.run(port, settings.clients(), settings.seconds(), false, pin.generator());
                    double cpu = ProcessCpu.seconds(child.pid()) - cpuBefore;
                    STime.Result resumed = STime.run(port, settings.clients(), settings.seconds(), true, pin.generator());
                    Round round = new Round(full.perSecond(), cpu > 0 ? full.connections() / cpu : Double.NaN,
                            resumed.perSecond(), full.clientShare());
                    rounds.computeIfAbsent(server, k -> new ArrayList<>()).add(round);
                    System.out.printf("round %d %-10s %8.0f full/s %8.0f per CPU-s %8.0f resumed/s  s_time %.0f%% of its core%n",
                            r + 1, server, round.fullPerSecond(), round.fullPerCpuSecond(), round.resumedPerSecond(),
                            100 * round.clientShare());
                }
            }
        }
        String report = HandshakeReport.markdown(settings, machine, pin, banners, resumes, rounds);
        Path results = Results.directory();
        String stamp = Results.stamp();
        Path file = results.resolve("tls-handshakes-" + stamp + ".md");
        Files.writeString(file, report);
        System.out.println();
        System.out.print(report);
        System.out.println("written to " + file);
    }

    private static ChildServer start(String server, Path work, Pinning pin) throws IOException {
        Path log = work.resolve(server + ".log");
        List<String> args = new ArrayList<>(switch (server) {
            case "zyphos" -> List.of("serve", "--transport", "nio", "--threads", "1", "--tls");
            case "zyphos-jdk" -> List.of("serve", "--transport", "nio", "--threads", "1", "--tls", "--tls-provider", "jdk");
            case "netty" -> List.of("peer", "netty", "--transport", "epoll", "--protocol", "h2");
            case "netty-jdk" -> List.of("peer", "netty", "--transport", "epoll", "--protocol", "h2", "--tls-provider", "jdk");
            case "jetty" -> List.of("peer", "jetty", "--protocol", "h2");
            default -> throw new IllegalArgumentException(server);
        });
        args.addAll(List.of("--port", "0", "--dir", work.toString()));
        String name = server.startsWith("zyphos") ? "zyphos" : server.startsWith("netty") ? "netty" : server;
        return ChildServer.start(pin.server(), name, args, log);
    }
}
