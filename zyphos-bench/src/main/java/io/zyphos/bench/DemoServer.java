package io.zyphos.bench;

import io.zyphos.bench.demo.DemoRoutes;
import io.zyphos.bench.demo.DemoSite;
import io.zyphos.http.HttpHandler;
import io.zyphos.http.files.StaticFiles;
import io.zyphos.http.log.AccessLog;
import io.zyphos.http.HttpService;
import io.zyphos.http1.Http1Protocol;
import io.zyphos.http2.Http2Protocol;
import io.zyphos.echo.EchoProtocol;
import io.zyphos.metrics.MetricsRegistry;
import io.zyphos.server.AcceptMode;
import io.zyphos.server.Server;
import io.zyphos.server.SocketOptions;
import io.zyphos.server.Transport;
import io.zyphos.tls.SelfSignedCertificate;
import io.zyphos.tls.TlsConfig;
import io.zyphos.tls.TlsConfigException;
import io.zyphos.tls.TlsProvider;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/**
 * {@code zyphos serve}: the demo HTTP/1.1 server (see {@link DemoRoutes} for its endpoints). It
 * prints the address it is bound to on one line of standard output (the load harness reads the
 * port from it) and shuts down gracefully on SIGINT or SIGTERM
 * ({@link Server.Builder#shutdownOnSignal}), letting requests in flight finish for up to
 * {@link #DRAIN_ON_SIGNAL}.
 */
public final class DemoServer {

    public static final String USAGE =
            "serve [--host H] [--port P] [--dir DIR] [--transport " + Transports.NAMES + "] [--threads N] [--accept "
                    + AcceptModes.NAMES + "] [--quick-ack] [--protocol http|echo] [--access-log PATH|-]"
                    + " [--tls [--cert PEM --key PEM] [--tls-provider bc|jdk]]";

    static final String DEFAULT_HOST = "127.0.0.1";
    static final int DEFAULT_PORT = 8080;
    /** How long requests in flight may take to finish after SIGTERM or Ctrl-C. */
    static final Duration DRAIN_ON_SIGNAL = Duration.ofSeconds(5);

    private DemoServer() {}

    /**
     * The running demo: its server, the directory it serves and its banner. The access log and the
     * extracted site, if any, are the server's to close once it has stopped (an after-stop action,
     * so SIGTERM closes them too).
     */
    record Running(Server server, Path root, String banner) implements AutoCloseable {
        @Override
        public void close() {
            server.close();
        }
    }

    /** Closes the log, then deletes the extracted site; either may be {@code null}. */
    private static void closeAll(AccessLog accessLog, DemoSite site) {
        if (accessLog != null) {
            accessLog.close();
        }
        if (site != null) {
            site.close();
        }
    }

    public static void run(String[] args) throws IOException, InterruptedException {
        try (Running demo = start(args, Optional.of(DRAIN_ON_SIGNAL))) {
            System.out.println(demo.banner());
            System.out.flush();
            demo.server().awaitShutdown();
        }
    }

    /** Starts the demo as {@code serve} with {@code args} would, without handling signals. */
    static Running start(String[] args) throws IOException {
        return start(args, Optional.empty());
    }

    private static Running start(String[] args, Optional<Duration> drainOnSignal) throws IOException {
        Options options = Options.parse(args, Set.of("quick-ack", "tls"),
                Set.of("host", "port", "dir", "transport", "threads", "accept", "protocol", "access-log", "cert", "key", "tls-provider"));
        if (!options.positional().isEmpty()) {
            throw new UsageException("serve takes no argument " + options.positional().getFirst());
        }
        String host = options.string("host", DEFAULT_HOST);
        int port = options.integer("port", DEFAULT_PORT, 0, 65_535);
        Transport transport = Transports.parse(options.string("transport", "nio"));
        int threads = options.integer("threads", Runtime.getRuntime().availableProcessors(), 1, 4096);
        AcceptMode accept = AcceptModes.parse(options.string("accept", "round-robin"));
        if (accept != AcceptMode.ROUND_ROBIN && transport != Transport.NIO) {
            throw new UsageException("--accept chooses how the NIO loops share connections; " + Transports.name(transport)
                    + " threads have one listening socket");
        }
        boolean quickAck = options.flag("quick-ack");
        String protocolName = options.string("protocol", "http");
        if (!protocolName.equals("http") && !protocolName.equals("echo")) {
            throw new UsageException("--protocol is http or echo, not " + protocolName);
        }
        Tls tls = Tls.parse(options);
        String dir = options.string("dir", null);
        DemoSite site = null;
        Path root;
        if (dir != null) {
            root = Path.of(dir);
            if (!Files.isDirectory(root)) {
                throw new UsageException("--dir " + dir + " is not a directory");
            }
        } else {
            site = DemoSite.extract();
            root = site.root();
        }
        AccessLog accessLog = null;
        try {
            accessLog = accessLog(options.string("access-log", null));
            MetricsRegistry metrics = new MetricsRegistry();
            Server.Builder builder = Server.builder()
                    .transport(transport)
                    .host(host)
                    .port(port)
                    .threads(threads)
                    .acceptMode(accept)
                    .socketOptions(SocketOptions.defaults().withQuickAck(quickAck))
                    .metrics(metrics);
            if (protocolName.equals("echo")) {
                builder.protocol(new EchoProtocol());
            } else {
                // One service for every version: HTTP/2 by ALPN h2, by its preface (prior
                // knowledge) or by upgrading an HTTP/1.1 request with h2c; HTTP/1.1 otherwise.
                HttpService.Builder service = HttpService.builder(DemoRoutes.router(files(root), metrics));
                if (accessLog != null) {
                    service.accessLog(accessLog);
                }
                HttpService routes = service.build();
                Http2Protocol h2 = Http2Protocol.builder(routes).build();
                builder.protocol(h2).protocol(Http1Protocol.builder(routes).upgrade(h2).build());
            }
            if (tls != null) {
                builder.tls(tls.config());
                builder.afterStop(tls::close);
            }
            drainOnSignal.ifPresent(builder::shutdownOnSignal);
            AccessLog log = accessLog;
            DemoSite extracted = site;
            builder.afterStop(() -> closeAll(log, extracted));
            if (drainOnSignal.isPresent()) {
                // Said here rather than after awaitShutdown: on SIGTERM the JVM halts once its hooks return.
                builder.afterStop(() -> System.out.println("zyphos: stopped"));
            }
            Server server = builder.start();
            InetSocketAddress bound = server.localAddress();
            String banner = "zyphos: " + (protocolName.equals("echo") ? "echo" : "HTTP/1.1 and HTTP/2") + " server listening on "
                    + bound.getHostString() + ":" + bound.getPort() + " (" + describe(transport, threads, accept)
                    + (quickAck ? ", TCP_QUICKACK after reads" : "") + (tls != null ? ", " + tls.describe() : "") + "), files from " + root
                    + (tls != null ? "\n" + tls.tryIt(bound.getPort()) : "");
            return new Running(server, root, banner);
        } catch (IOException | RuntimeException e) {
            closeAll(accessLog, site);
            if (tls != null) {
                tls.close();
            }
            throw e;
        }
    }

    /** {@code --access-log}: Combined lines to a file (appended), to standard output for {@code -}, or none. */
    static AccessLog accessLog(String where) {
        if (where == null) {
            return null;
        }
        if (where.isEmpty()) {
            throw new UsageException("--access-log needs a file, or - for standard output");
        }
        AccessLog.Builder log = AccessLog.builder();
        try {
            return (where.equals("-") ? log.to(System.out) : log.to(Path.of(where))).build();
        } catch (UncheckedIOException e) {
            throw new UsageException("--access-log " + where + ": " + e.getCause().getMessage());
        }
    }

    /** Static files under {@code root}, revalidated by clients after a minute. */
    static HttpHandler files(Path root) throws IOException {
        return StaticFiles.builder(root).cacheControl("public, max-age=60").build();
    }

    /** "nio, 2 threads, round-robin accept" or "virtual threads, one per connection". */
    static String describe(Transport transport, int threads, AcceptMode accept) {
        return switch (transport) {
            case NIO -> "nio, " + threads + (threads == 1 ? " thread, " : " threads, ") + AcceptModes.name(accept) + " accept";
            case PLATFORM_THREADS -> "platform threads, one per connection";
            case VIRTUAL_THREADS -> "virtual threads, one per connection";
        };
    }

    /**
     * {@code serve --tls}: the demo's TLS settings. With {@code --cert} and {@code --key} the server
     * presents that chain; without them it makes a self-signed certificate for localhost, 127.0.0.1
     * and ::1 at start, writes it to a temporary directory (deleted when the server stops) and says
     * how to make curl trust it.
     *
     * @param config the server's TLS settings
     * @param certificate the PEM file a client can trust
     * @param temporary the directory made for a self-signed certificate, or {@code null}
     */
    static record Tls(TlsConfig config, Path certificate, Path temporary) implements AutoCloseable {

        /**
         * BCJSSE warns, once per entry, that the JDK's {@code jdk.tls.disabledAlgorithms} and
         * {@code jdk.certpath.disabledAlgorithms} hold entries in a syntax it does not read (all of
         * them about SHA-1, which it refuses anyway): five lines before the banner that tell a
         * newcomer nothing. The demo keeps that one logger to errors; an application decides for
         * itself. Held here, since JUL keeps loggers only weakly.
         */
        private static final java.util.logging.Logger BC_CONSTRAINTS =
                java.util.logging.Logger.getLogger("org.bouncycastle.jsse.provider.DisabledAlgorithmConstraints");

        /** The TLS settings {@code options} ask for, or {@code null} without {@code --tls}. */
        static Tls parse(Options options) {
            String cert = options.string("cert", null);
            String key = options.string("key", null);
            String providerName = options.string("tls-provider", "bc");
            if (!options.flag("tls")) {
                if (cert != null || key != null || options.string("tls-provider", null) != null) {
                    throw new UsageException("--cert, --key and --tls-provider go with --tls");
                }
                return null;
            }
            if ((cert == null) != (key == null)) {
                throw new UsageException("--cert and --key go together: the chain and its private key, both PEM");
            }
            TlsProvider provider = switch (providerName) {
                case "bc" -> {
                    BC_CONSTRAINTS.setLevel(java.util.logging.Level.SEVERE);
                    yield TlsProvider.BOUNCY_CASTLE;
                }
                case "jdk" -> TlsProvider.JDK;
                default -> throw new UsageException("--tls-provider is bc or jdk, not " + providerName);
            };
            TlsConfig.Builder builder = TlsConfig.builder().provider(provider);
            try {
                if (cert != null) {
                    return new Tls(builder.certificate(Path.of(cert), Path.of(key)).build(), Path.of(cert), null);
                }
                SelfSignedCertificate self = SelfSignedCertificate.generate();
                Path dir = Files.createTempDirectory("zyphos-tls-");
                Path pem = self.writePem(dir).certificate();
                return new Tls(builder.certificate(self.certifiedKey()).build(), pem, dir);
            } catch (TlsConfigException e) {
                throw new UsageException("--tls: " + e.getMessage());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write the self-signed certificate", e);
            }
        }

        /** "TLS by BOUNCY_CASTLE, certificate /tmp/zyphos-tls-123/cert.pem (self-signed)". */
        String describe() {
            return "TLS by " + config.provider() + ", certificate " + certificate + (temporary != null ? " (self-signed)" : "");
        }

        /** A curl command that trusts the certificate, for the banner. */
        String tryIt(int port) {
            return "zyphos: try curl --cacert " + certificate + " https://127.0.0.1:" + port + "/plaintext";
        }

        /** Deletes a self-signed certificate's files; the operator's own are left alone. */
        @Override
        public void close() {
            if (temporary == null) {
                return;
            }
            try (var files = Files.list(temporary)) {
                for (Path f : files.toList()) {
                    Files.deleteIfExists(f);
                }
                Files.deleteIfExists(temporary);
            } catch (IOException e) {
                System.err.println("zyphos: could not delete " + temporary + ": " + e.getMessage());
            }
        }
    }
}
