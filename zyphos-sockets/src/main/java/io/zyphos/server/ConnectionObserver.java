package io.zyphos.server;

/**
 * Told of every connection's state changes. Called on the connection's own thread, inside the
 * transport: keep it short and never block.
 */
@FunctionalInterface
public interface ConnectionObserver {

    ConnectionObserver NONE = (connection, from, to) -> {};

    void onStateChange(Connection connection, ConnectionState from, ConnectionState to);
}
