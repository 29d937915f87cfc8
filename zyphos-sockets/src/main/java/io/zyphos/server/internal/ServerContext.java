package io.zyphos.server.internal;

import io.zyphos.metrics.MetricsRegistry;
import io.zyphos.server.Protocol;
import io.zyphos.tls.TlsConfig;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * What every connection of one server shares. {@code tls} and {@code tlsMetrics} are {@code null}
 * on a clear server; otherwise {@code tls} is the configuration each connection's engine comes
 * from, offering by ALPN what {@link #alpnOffer} says.
 */
public record ServerContext(
        ServerConfig config,
        MetricsRegistry registry,
        ServerMetrics metrics,
        ConnectionRegistry connections,
        ProtocolChooser chooser,
        SocketConfigurer sockets,
        TlsConfig tls,
        TlsMetrics tlsMetrics) {

    public static ServerContext create(ServerConfig config, MetricsRegistry registry) {
        ConnectionRegistry connections = new ConnectionRegistry(config.limits().maxConnections());
        TlsConfig tls = config.tls() == null ? null : alpnOffer(config.tls(), config);
        return new ServerContext(
                config,
                registry,
                new ServerMetrics(registry, connections),
                connections,
                new ProtocolChooser(config.protocols(), config.limits().maxDetectBytes()),
                new SocketConfigurer(config.socketOptions()),
                tls,
                tls == null ? null : new TlsMetrics(registry));
    }

    /**
     * The ALPN ids the server offers: those the {@link TlsConfig} names itself, when it names any
     * (the operator's explicit choice); otherwise the union of the protocols' own ids, in the order
     * the protocols were configured, each protocol's most preferred first. Without any, ALPN is
     * ignored and the protocol is chosen by sniffing.
     */
    static TlsConfig alpnOffer(TlsConfig tls, ServerConfig config) {
        if (!tls.applicationProtocols().isEmpty()) {
            return tls;
        }
        Set<String> ids = new LinkedHashSet<>();
        for (Protocol p : config.protocols()) {
            ids.addAll(p.applicationProtocols());
        }
        return ids.isEmpty() ? tls : tls.withApplicationProtocols(ids.stream().toList());
    }

    /** Zero when the idle timeout is disabled. */
    public long idleTimeoutNanos() {
        return config.limits().idleTimeout().toNanos();
    }

    public long readTimeoutNanos() {
        return config.limits().readTimeout().toNanos();
    }
}
