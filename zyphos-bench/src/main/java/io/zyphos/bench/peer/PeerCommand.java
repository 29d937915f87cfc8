package io.zyphos.bench.peer;

import io.zyphos.bench.Options;
import io.zyphos.bench.UsageException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.CountDownLatch;

/**
 * {@code zyphos peer netty|jetty|helidon}: one peer server serving what the demo serves, for
 * side-by-side load runs. Like {@code serve}, it prints "NAME: HTTP/1.1 server listening on
 * HOST:PORT (...)" on one line once bound and stops gracefully on SIGINT or SIGTERM. With
 * {@code --protocol h2c} or {@code h2}, Netty and Jetty speak HTTP/2 instead, in clear text or over
 * TLS with a self-signed certificate made at start, and say so in that line.
 */
public final class PeerCommand {

    public static final String NAMES = "netty|jetty|helidon";
    public static final String USAGE = "peer " + NAMES + " [--host H] [--port P] --dir DIR [--threads N] [--transport "
            + NettyTransport.NAMES + " (netty only; default " + NettyTransport.DEFAULT.label() + ")] [--protocol "
            + PeerProtocol.NAMES + " (h2c, h2: netty and jetty)] [--tls-provider openssl|jdk (netty h2; default openssl)]";

    private PeerCommand() {}

    public static void run(String[] args) throws IOException, InterruptedException {
        PeerServer peer = start(args);
        CountDownLatch closed = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().name("peer-shutdown").unstarted(() -> {
            peer.close();
            System.out.println(peer.name() + ": stopped");
            closed.countDown();
        }));
        System.out.println(banner(peer));
        System.out.flush();
        closed.await();
    }

    /** The line the load harness waits for: "netty: HTTP/1.1 server listening on 127.0.0.1:41234 (...)". */
    public static String banner(PeerServer peer) {
        return peer.name() + ": " + peer.protocol().banner() + " server listening on " + peer.address().getHostString() + ":"
                + peer.address().getPort() + " (" + peer.describe() + ")";
    }

    /** Starts the peer {@code args} names, as {@code peer} would, without waiting for a signal. */
    public static PeerServer start(String[] args) throws IOException {
        Options options = Options.parse(args, Set.of(), Set.of("host", "port", "dir", "threads", "transport", "protocol", "tls-provider"));
        if (options.positional().size() != 1) {
            throw new UsageException("peer needs one name: " + NAMES);
        }
        String host = options.string("host", "127.0.0.1");
        int port = options.integer("port", 8080, 0, 65_535);
        int threads = options.integer("threads", Runtime.getRuntime().availableProcessors(), 1, 4096);
        String dir = options.string("dir", null);
        if (dir == null || !Files.isDirectory(Path.of(dir))) {
            throw new UsageException("peer needs --dir, a directory of files to serve under /files/");
        }
        Path root = Path.of(dir).toAbsolutePath();
        String name = options.positional().getFirst();
        String transport = options.string("transport", null);
        if (transport != null && !name.equals("netty")) {
            throw new UsageException("--transport is for the netty peer; " + name + " runs as its project ships it");
        }
        PeerProtocol protocol = PeerProtocol.parse(options.string("protocol", PeerProtocol.HTTP1.label()));
        if (protocol != PeerProtocol.HTTP1 && !name.equals("netty") && !name.equals("jetty")) {
            throw new UsageException("--protocol " + protocol.label() + " is for the netty and jetty peers");
        }
        NettyTransport nettyTransport = transport == null ? NettyTransport.DEFAULT : NettyTransport.parse(transport);
        String tlsProvider = options.string("tls-provider", "openssl");
        if (!tlsProvider.equals("openssl") && !tlsProvider.equals("jdk")) {
            throw new UsageException("--tls-provider is openssl or jdk, not " + tlsProvider);
        }
        if (options.string("tls-provider", null) != null && !(name.equals("netty") && protocol == PeerProtocol.H2)) {
            throw new UsageException("--tls-provider is for the netty peer with --protocol h2");
        }
        return switch (name) {
            case "netty" -> protocol == PeerProtocol.HTTP1 ? NettyPeer.start(host, port, root, threads, nettyTransport)
                    : NettyPeer.startHttp2(host, port, threads, nettyTransport, protocol, tlsProvider.equals("jdk"));
            case "jetty" -> JettyPeer.start(host, port, root, options.integer("threads", 0, 1, 4096), protocol);
            case "helidon" -> HelidonPeer.start(host, port, root);
            default -> throw new UsageException("unknown peer \"" + name + "\" (choose " + NAMES + ")");
        };
    }
}
