package io.zyphos.server.internal;

import io.zyphos.server.AcceptMode;
import io.zyphos.server.ConnectionObserver;
import io.zyphos.server.Limits;
import io.zyphos.server.Protocol;
import io.zyphos.server.SocketOptions;
import io.zyphos.server.Transport;
import io.zyphos.tls.TlsConfig;
import java.net.InetSocketAddress;
import java.util.List;

/** Everything a transport needs to run, as the builder left it. Immutable; {@code tls} is {@code null} for a clear server. */
public record ServerConfig(
        String name,
        Transport transport,
        InetSocketAddress bindAddress,
        int threads,
        AcceptMode acceptMode,
        List<Protocol> protocols,
        Limits limits,
        SocketOptions socketOptions,
        ConnectionObserver observer,
        TlsConfig tls) {

    public ServerConfig {
        protocols = List.copyOf(protocols);
        if (protocols.isEmpty()) {
            throw new IllegalArgumentException("a server needs at least one protocol");
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be positive: " + threads);
        }
    }
}
