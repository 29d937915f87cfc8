package io.zyphos.bench;

import io.zyphos.echo.EchoProtocol;
import io.zyphos.server.Server;
import io.zyphos.server.Transport;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Set;
import java.util.concurrent.CountDownLatch;

/**
 * {@code zyphos serve}: the demo server. For now it serves the echo protocol (RFC 862); it prints
 * the address it is bound to on one line of standard output (the load harness reads the port from
 * it) and shuts down gracefully on SIGINT or SIGTERM.
 */
public final class DemoServer {

    public static final String USAGE =
            "serve [--host H] [--port P] [--transport " + Transports.NAMES + "] [--threads N]";

    static final String DEFAULT_HOST = "127.0.0.1";
    static final int DEFAULT_PORT = 8080;

    private DemoServer() {}

    public static void run(String[] args) throws IOException, InterruptedException {
        Options options = Options.parse(args, Set.of(), Set.of("host", "port", "transport", "threads"));
        if (!options.positional().isEmpty()) {
            throw new UsageException("serve takes no argument " + options.positional().getFirst());
        }
        String host = options.string("host", DEFAULT_HOST);
        int port = options.integer("port", DEFAULT_PORT, 0, 65_535);
        Transport transport = Transports.parse(options.string("transport", "nio"));
        int threads = options.integer("threads", Runtime.getRuntime().availableProcessors(), 1, 4096);

        Server server = Server.builder()
                .transport(transport)
                .host(host)
                .port(port)
                .threads(threads)
                .protocol(new EchoProtocol())
                .start();

        CountDownLatch closed = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().name("zyphos-shutdown").unstarted(() -> {
            server.close();
            System.out.println("zyphos: stopped");
            closed.countDown();
        }));

        InetSocketAddress bound = server.localAddress();
        System.out.println("zyphos: echo server listening on " + bound.getHostString() + ":" + bound.getPort()
                + " (" + describe(transport, threads) + ")");
        System.out.flush();
        closed.await();
    }

    /** "nio, 2 threads" or "virtual threads, one per connection". */
    static String describe(Transport transport, int threads) {
        return switch (transport) {
            case NIO -> "nio, " + threads + (threads == 1 ? " thread" : " threads");
            case PLATFORM_THREADS -> "platform threads, one per connection";
            case VIRTUAL_THREADS -> "virtual threads, one per connection";
        };
    }
}
