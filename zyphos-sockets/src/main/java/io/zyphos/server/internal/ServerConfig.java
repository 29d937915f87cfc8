package io.zyphos.server.internal;

import io.zyphos.server.AcceptMode;
import io.zyphos.server.ConnectionObserver;
import io.zyphos.server.Limits;
import io.zyphos.server.Protocol;
import io.zyphos.server.SocketOptions;
import io.zyphos.server.Transport;
import java.net.InetSocketAddress;
import java.util.List;

/** Everything a transport needs to run, as the builder left it. Immutable. */
public record ServerConfig(
        String name,
        Transport transport,
        InetSocketAddress bindAddress,
        int threads,
        AcceptMode acceptMode,
        List<Protocol> protocols,
        Limits limits,
        SocketOptions socketOptions,
        ConnectionObserver observer) {

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
