package io.zyphos.server;

import io.zyphos.metrics.MetricsRegistry;
import io.zyphos.server.internal.AbstractConnection;
import io.zyphos.server.internal.ServerConfig;
import io.zyphos.server.internal.ServerContext;
import io.zyphos.server.internal.TransportRuntime;
import io.zyphos.server.internal.blocking.BlockingTransport;
import io.zyphos.server.internal.nio.NioTransport;
import io.zyphos.tls.TlsConfig;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.ServiceLoader;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A running server: a transport carrying connections, each spoken to by a {@link Protocol}.
 *
 * <pre>{@code
 * try (Server server = Server.builder()
 *         .port(0)                          // any free port; ask localAddress() which
 *         .protocol(new EchoProtocol())
 *         .start()) {
 *     System.out.println("listening on " + server.localAddress());
 *     ...
 * }                                         // close(): graceful shutdown
 * }</pre>
 *
 * <p>Shutdown is graceful: the server stops accepting, asks every connection to finish what it has
 * in flight ({@link ProtocolHandler#onShutdown}), waits for them up to a deadline, closes the rest,
 * and stops its threads. A service that runs until it is told to stop lets SIGTERM or SIGINT do
 * this ({@link Builder#shutdownOnSignal}: a shutdown hook) and waits in {@link #awaitShutdown()}:
 *
 * <pre>{@code
 * Server server = Server.builder()
 *         .protocol(Http1Protocol.builder(router).build())
 *         .shutdownOnSignal(Duration.ofSeconds(10))   // SIGTERM, Ctrl-C: drain for up to 10 s
 *         .start();
 * server.awaitShutdown();                             // returns once the server has stopped
 * }</pre>
 *
 * <p>Thread-safe.
 */
public final class Server implements AutoCloseable {

    /** Why a server with no protocol does not start. */
    static final String NO_PROTOCOL = "no protocol: call Server.builder().protocol(...), for example"
            + " .protocol(Http1Protocol.builder(router).build()) from zyphos-http1 or .protocol(new EchoProtocol()),"
            + " or provide an io.zyphos.server.Protocol service (`provides` in module-info.java, or"
            + " META-INF/services on the class path)";

    private static final System.Logger LOG = System.getLogger(Server.class.getName());

    private final ServerContext ctx;
    private final TransportRuntime runtime;
    private final Object shutdownLock = new Object();
    private boolean shutDown;
    /** The hook {@link Builder#shutdownOnSignal} installed, or {@code null}. */
    private volatile Thread shutdownHook;
    /** Falls when the first shutdown has stopped the threads and run the after-stop actions. */
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final List<Runnable> afterStop;

    private Server(ServerContext ctx, TransportRuntime runtime, List<Runnable> afterStop) {
        this.ctx = ctx;
        this.runtime = runtime;
        this.afterStop = afterStop;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Where the server listens; the port is the real one when 0 was asked for. */
    public InetSocketAddress localAddress() {
        return runtime.localAddress();
    }

    public int port() {
        return localAddress().getPort();
    }

    public Transport transport() {
        return ctx.config().transport();
    }

    /** The server's metrics; protocols register theirs here too. */
    public MetricsRegistry metrics() {
        return ctx.registry();
    }

    /** Connections open now. */
    public int openConnections() {
        return ctx.connections().open();
    }

    /** Graceful shutdown within {@link Limits#shutdownTimeout()}. Idempotent. */
    @Override
    public void close() {
        shutdown(ctx.config().limits().shutdownTimeout());
    }

    /**
     * Graceful shutdown: stop accepting, let in-flight work finish until {@code timeout} has
     * passed, close what is still open, stop the threads. Idempotent; later calls return at once
     * (wait with {@link #awaitShutdown()}). An interrupt cuts the wait for in-flight work short:
     * what is still open is closed, the threads are stopped all the same, and the thread's
     * interrupt status is set again on return.
     *
     * @return {@code true} if every connection finished before the deadline
     */
    public boolean shutdown(Duration timeout) {
        return shutdown(timeout, () -> {});
    }

    /** {@link #shutdown(Duration)}, running {@code notAccepting} once the listening sockets are closed. */
    private boolean shutdown(Duration timeout, Runnable notAccepting) {
        synchronized (shutdownLock) {
            if (shutDown) {
                return true;
            }
            shutDown = true;
        }
        Thread hook = shutdownHook;
        if (hook != null && Thread.currentThread() != hook) {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException exiting) {
                // The JVM is already exiting: the hook runs anyway, finds this shutdown under way
                // and waits for it, so the JVM does not halt in the middle of the drain.
            }
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        boolean clean = false;
        boolean interrupted = false;
        try {
            runtime.stopAccepting();
            notAccepting.run();
            runtime.beginShutdown(ctx.connections().snapshot());
            clean = ctx.connections().awaitEmpty(deadline);
        } catch (InterruptedException e) {
            interrupted = true;
        }
        if (!clean) {
            for (AbstractConnection c : ctx.connections().snapshot()) {
                c.execute(c::abort);
            }
        }
        while (true) {
            try {
                runtime.stop();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        for (Runnable action : afterStop) {
            try {
                action.run();
            } catch (RuntimeException | Error e) {
                LOG.log(System.Logger.Level.WARNING, "an afterStop action of " + this + " failed", e);
            }
        }
        stopped.countDown();
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        return clean;
    }

    /**
     * Waits until the server has stopped: {@link #shutdown}, {@link #close()} or the JVM's exit
     * ({@link Builder#shutdownOnSignal}) has closed its connections, ended its threads and run its
     * {@link Builder#afterStop} actions. After a signal the JVM halts as soon as its shutdown hooks
     * return, so code after this call may not get to run then: clean-up that must happen belongs
     * in {@link Builder#afterStop}.
     */
    public void awaitShutdown() throws InterruptedException {
        stopped.await();
    }

    /**
     * Waits until the server has stopped, at most {@code timeout}.
     *
     * @return {@code true} if it has stopped, {@code false} if the time ran out first
     */
    public boolean awaitShutdown(Duration timeout) throws InterruptedException {
        return stopped.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    /**
     * The shutdown hook {@link Builder#shutdownOnSignal} installs: the drain, said in the log for
     * operators, then a wait for the server to stop, however it was started, since the JVM halts
     * as soon as its hooks return.
     */
    private void drainAtExit(Duration drain) {
        shutdown(drain, () -> LOG.log(System.Logger.Level.INFO,
                "JVM exiting: {0} stopped accepting; {1} connection(s) have up to {2} ms to finish",
                this, openConnections(), Long.toString(drain.toMillis())));
        boolean interrupted = false;
        while (true) {
            try {
                awaitShutdown();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return "Server[" + ctx.config().name() + " " + transport() + " " + localAddress() + "]";
    }

    /**
     * Settings of a server. Everything but the protocol has a default: the NIO transport on
     * 127.0.0.1 with one loop per core, {@link Limits#defaults()}, {@link SocketOptions#defaults()},
     * and no shutdown hook. With no {@link #protocol} given, the server speaks the protocols the
     * application provides as services of {@link Protocol} ({@link ServiceLoader}); Zyphos provides
     * none itself, so with neither {@link #start()} fails and says how to add one.
     */
    public static final class Builder {
        private String name = "zyphos";
        private Transport transport = Transport.NIO;
        private InetAddress host = InetAddress.getLoopbackAddress();
        private int port = 0;
        private int threads = Runtime.getRuntime().availableProcessors();
        private AcceptMode acceptMode = AcceptMode.ROUND_ROBIN;
        private final List<Protocol> protocols = new ArrayList<>();
        private Limits limits = Limits.defaults();
        private SocketOptions socketOptions = SocketOptions.defaults();
        private ConnectionObserver observer = ConnectionObserver.NONE;
        private MetricsRegistry metrics;
        private Duration drainOnSignal;
        private final List<Runnable> afterStop = new ArrayList<>();
        private TlsConfig tls;

        private Builder() {}

        /** Names the server's threads ({@code name-nio-0}, ...). */
        public Builder name(String name) {
            this.name = Objects.requireNonNull(name);
            return this;
        }

        public Builder transport(Transport transport) {
            this.transport = Objects.requireNonNull(transport);
            return this;
        }

        public Builder host(String host) {
            try {
                this.host = InetAddress.getByName(host);
            } catch (java.net.UnknownHostException e) {
                throw new IllegalArgumentException("unknown host: " + host, e);
            }
            return this;
        }

        public Builder host(InetAddress host) {
            this.host = Objects.requireNonNull(host);
            return this;
        }

        /** The port to listen on; 0 (the default) picks a free one. */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("not a port: " + port);
            }
            this.port = port;
            return this;
        }

        /** Event loops for {@link Transport#NIO}; ignored by the thread-per-connection transports. */
        public Builder threads(int threads) {
            if (threads < 1) {
                throw new IllegalArgumentException("threads must be positive: " + threads);
            }
            this.threads = threads;
            return this;
        }

        public Builder acceptMode(AcceptMode acceptMode) {
            this.acceptMode = Objects.requireNonNull(acceptMode);
            return this;
        }

        /** Adds a protocol; with several, they are tried in the order added (see {@link Protocol}). */
        public Builder protocol(Protocol protocol) {
            protocols.add(Objects.requireNonNull(protocol));
            return this;
        }

        public Builder limits(Limits limits) {
            this.limits = Objects.requireNonNull(limits);
            return this;
        }

        public Builder socketOptions(SocketOptions socketOptions) {
            this.socketOptions = Objects.requireNonNull(socketOptions);
            return this;
        }

        public Builder observer(ConnectionObserver observer) {
            this.observer = Objects.requireNonNull(observer);
            return this;
        }

        /**
         * Serves TLS on every connection, whatever the transport: bytes read are decrypted before
         * the protocol is chosen and its handler sees them, and what the handler writes is
         * encrypted. The server offers by ALPN the ids of its protocols
         * ({@link Protocol#applicationProtocols()}), in the order the protocols were added, unless
         * {@code tls} names its own ({@link TlsConfig.Builder#applicationProtocols}); the id the
         * handshake agrees on chooses the protocol, before any sniffing. The handshake must complete
         * within {@link TlsConfig#handshakeTimeout()}. Without this call the server speaks in clear.
         */
        public Builder tls(TlsConfig tls) {
            this.tls = Objects.requireNonNull(tls, "tls");
            return this;
        }

        /** The registry to count into; a new one by default. */
        public Builder metrics(MetricsRegistry metrics) {
            this.metrics = Objects.requireNonNull(metrics);
            return this;
        }

        /**
         * Shuts the server down gracefully when the JVM is asked to exit: SIGTERM (what
         * {@code kill}, systemd and Kubernetes send), SIGINT (Ctrl-C) or {@link System#exit}. A
         * shutdown hook stops accepting (new connections are refused), lets requests in flight
         * finish for up to {@code drain}, then closes what is still open and stops the server's
         * threads, as {@link Server#shutdown(Duration)} does; the JVM exits once it returns, with
         * its usual status (143 after SIGTERM, 130 after SIGINT). Helidon's shutdown hook and
         * Jetty's {@code setStopAtShutdown} work the same way. Closing the server by other means
         * removes the hook.
         */
        public Builder shutdownOnSignal(Duration drain) {
            if (Objects.requireNonNull(drain, "drain").isNegative()) {
                throw new IllegalArgumentException("the drain deadline cannot be negative: " + drain);
            }
            this.drainOnSignal = drain;
            return this;
        }

        /**
         * Runs {@code action} once the server has stopped, however it stopped: {@link Server#close()},
         * {@link Server#shutdown(Duration)}, or the JVM's exit with {@link #shutdownOnSignal}, where
         * it runs inside the shutdown hook, so the JVM waits for it. This is the place for clean-up
         * that must happen (closing a log, deleting temporary files), since code after
         * {@link Server#awaitShutdown()} races the JVM's halt on a signal; Helidon's
         * {@code afterStop} and Jetty's lifecycle listeners serve the same purpose. Actions run in
         * the order given, on the thread that stopped the server, before {@code awaitShutdown}
         * returns; one that throws is logged and the others still run.
         */
        public Builder afterStop(Runnable action) {
            afterStop.add(Objects.requireNonNull(action, "action"));
            return this;
        }

        /**
         * Binds and starts serving.
         *
         * @throws IllegalStateException if no protocol was given and the application provides none
         *     as a service, or the JVM is already exiting and {@link #shutdownOnSignal} cannot add its hook
         */
        public Server start() throws IOException {
            List<Protocol> chosen = new ArrayList<>(protocols);
            if (chosen.isEmpty()) {
                ServiceLoader.load(Protocol.class).forEach(chosen::add);
            }
            if (chosen.isEmpty()) {
                throw new IllegalStateException(NO_PROTOCOL);
            }
            MetricsRegistry registry = metrics != null ? metrics : new MetricsRegistry();
            chosen.replaceAll(protocol -> Objects.requireNonNull(protocol.bind(registry), protocol.name() + ".bind returned null"));
            ServerConfig config = new ServerConfig(name, transport, new InetSocketAddress(host, port),
                    threads, acceptMode, chosen, limits, socketOptions, observer, tls);
            ServerContext ctx = ServerContext.create(config, registry);
            TransportRuntime runtime = switch (transport) {
                case NIO -> NioTransport.start(ctx);
                case PLATFORM_THREADS, VIRTUAL_THREADS -> BlockingTransport.start(ctx);
            };
            Server server = new Server(ctx, runtime, List.copyOf(afterStop));
            if (drainOnSignal != null) {
                Duration drain = drainOnSignal;
                Thread hook = Thread.ofPlatform().name(name + "-drain-at-exit").unstarted(() -> server.drainAtExit(drain));
                server.shutdownHook = hook;
                try {
                    Runtime.getRuntime().addShutdownHook(hook);
                } catch (IllegalStateException exiting) {
                    server.shutdown(Duration.ZERO);
                    throw exiting;
                }
            }
            return server;
        }
    }
}
