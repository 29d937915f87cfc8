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
        List<String> args = new ArrayList<>();
        String name = server;
        switch (server) {
            case "zyphos" -> args.addAll(List.of("serve", "--transport", "nio"));
            case "netty" -> args.addAll(List.of("peer", "netty", "--transport", "epoll"));
            case "netty-io_uring" -> {
                args.addAll(List.of("peer", "netty", "--transport", "io_uring"));
                name = "netty";
            }
            default -> args.addAll(List.of("peer", server));
        }
        args.addAll(List.of("--port", "0", "--dir", dir.toString()));
        return new LoadServer(ChildServer.start(pin, name, args, log));
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
