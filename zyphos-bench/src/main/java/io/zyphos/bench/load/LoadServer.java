package io.zyphos.bench.load;

import io.zyphos.bench.ChildServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One server under load in a process of its own (a {@link ChildServer}): {@code zyphos serve},
 * {@code zyphos peer NAME} in a JVM, or the native ceiling; with what the report reads about it
 * from {@code /proc}: its CPU time and its peak memory, apart from the load generator's.
 */
final class LoadServer implements AutoCloseable {

    private final ChildServer server;

    private LoadServer(ChildServer server) {
        this.server = server;
    }

    /**
     * Starts {@code server} (one of {@link LoadCommand#SERVERS}) serving {@code dir} on a free
     * port and waits for its listening line; its later output goes to {@code log}.
     *
     * @param ceiling the ceiling's program, used when {@code server} is the ceiling
     */
    static LoadServer start(String server, Path dir, Path ceiling, List<String> pin, Path log) throws IOException {
        if (server.equals(Ceiling.NAME)) {
            List<String> command = new ArrayList<>(pin);
            command.addAll(List.of(ceiling.toString(), "--port", "0"));
            return new LoadServer(ChildServer.exec(command, Ceiling.NAME, log));
        }
        return new LoadServer(ChildServer.start(pin, command(server), arguments(server, dir), log));
    }

    /**
     * Starts {@code server} (one of {@link LoadCommand#H2_SERVERS}) speaking HTTP/2 as {@code shape}
     * asks: Zyphos's demo answers prior knowledge on its port as it is, and with {@code --tls} h2 by
     * ALPN with a self-signed certificate (its default TLS provider); the peers with
     * {@code --protocol h2c} or {@code h2}.
     */
    static LoadServer startHttp2(String server, Path dir, H2Shape shape, List<String> pin, Path log) throws IOException {
        List<String> args = arguments(server, dir);
        if (server.equals("zyphos")) {
            if (shape.tls()) {
                args.add("--tls");
            }
        } else {
            args.addAll(List.of("--protocol", shape.protocol()));
        }
        return new LoadServer(ChildServer.start(pin, command(server), args, log));
    }

    /** The name {@code server} prints before its listening line. */
    private static String command(String server) {
        return server.equals("netty-io_uring") ? "netty" : server;
    }

    /** {@code zyphos} arguments that start {@code server} on a free port serving {@code dir}. */
    private static List<String> arguments(String server, Path dir) {
        List<String> args = new ArrayList<>(switch (server) {
            case "zyphos" -> List.of("serve", "--transport", "nio");
            case "netty" -> List.of("peer", "netty", "--transport", "epoll");
            case "netty-io_uring" -> List.of("peer", "netty", "--transport", "io_uring");
            default -> List.of("peer", server);
        });
        args.addAll(List.of("--port", "0", "--dir", dir.toString()));
        return args;
    }

    InetSocketAddress address() {
        return server.address();
    }

    /** What the server said about itself: "nio, 1 thread", "Netty 4.2.18.Final, epoll, 1 event loop". */
    String banner() {
        return server.banner();
    }

    /** User plus system CPU seconds the server has used so far, all its threads together. */
    double cpuSeconds() throws IOException {
        return ProcessCpu.seconds(server.pid());
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
