package io.zyphos.server.internal;

import java.net.InetSocketAddress;

/** A started transport, as the bootstrap drives it through its life. */
public interface TransportRuntime {

    /** Where the server listens; the real port when 0 was asked for. */
    InetSocketAddress localAddress();

    /** Closes the listening sockets and waits until no new connection can arrive. */
    void stopAccepting() throws InterruptedException;

    /** Stops the threads; connections still open are closed first. Waits for them to end. */
    void stop() throws InterruptedException;
}
