package io.zyphos.server.internal;

import java.net.InetSocketAddress;
import java.util.List;

/** A started transport, as the bootstrap drives it through its life. */
public interface TransportRuntime {

    /** Where the server listens; the real port when 0 was asked for. */
    InetSocketAddress localAddress();

    /** Closes the listening sockets and waits until no new connection can arrive. */
    void stopAccepting() throws InterruptedException;

    /**
     * Graceful shutdown reached {@code connections}: each is asked, on its own thread, to finish
     * what it has in flight and close ({@link AbstractConnection#beginShutdown}). Returns without
     * waiting for them; the server waits for the connections to close, up to its deadline.
     */
    void beginShutdown(List<AbstractConnection> connections);

    /** Stops the threads; connections still open are closed first. Waits for them to end. */
    void stop() throws InterruptedException;
}
