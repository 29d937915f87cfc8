package io.zyphos.bench.peer;

import java.net.InetSocketAddress;

/** A running peer server: where it listens, how it was set up, and how to stop it. */
public interface PeerServer extends AutoCloseable {

    /** The peer's short name: netty, jetty or helidon. */
    String name();

    InetSocketAddress address();

    /** How it runs, for the banner: "epoll, 2 event loops". */
    String describe();

    /** Stops accepting, closes every connection and ends every thread the peer started. */
    @Override
    void close();
}
