package io.zyphos.bench.peer;

import java.net.InetSocketAddress;

/** A running peer server: where it listens, how it was set up, and how to stop it. */
public interface PeerServer extends AutoCloseable {

    /** The peer's short name: netty, jetty or helidon. */
    String name();

    InetSocketAddress address();

    /** What it speaks on its port; HTTP/1.1 unless it was asked for HTTP/2. */
    default PeerProtocol protocol() {
        return PeerProtocol.HTTP1;
    }

    /** How it runs, for the banner: "epoll, 2 event loops". */
    String describe();

    /** Stops accepting, closes every connection and ends every thread the peer started. */
    @Override
    void close();
}
