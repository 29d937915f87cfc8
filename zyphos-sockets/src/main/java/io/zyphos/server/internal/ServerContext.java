package io.zyphos.server.internal;

import io.zyphos.metrics.MetricsRegistry;

/** What every connection of one server shares. */
public record ServerContext(
        ServerConfig config,
        MetricsRegistry registry,
        ServerMetrics metrics,
        ConnectionRegistry connections,
        ProtocolChooser chooser,
        SocketConfigurer sockets) {

    public static ServerContext create(ServerConfig config, MetricsRegistry registry) {
        ConnectionRegistry connections = new ConnectionRegistry(config.limits().maxConnections());
        return new ServerContext(
                config,
                registry,
                new ServerMetrics(registry, connections),
                connections,
                new ProtocolChooser(config.protocols(), config.limits().maxDetectBytes()),
                new SocketConfigurer(config.socketOptions()));
    }

    /** Zero when the idle timeout is disabled. */
    public long idleTimeoutNanos() {
        return config.limits().idleTimeout().toNanos();
    }

    public long readTimeoutNanos() {
        return config.limits().readTimeout().toNanos();
    }
}
