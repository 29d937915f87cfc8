package io.zyphos.server;

/** How the {@link Transport#NIO} transport spreads new connections over its loops. */
public enum AcceptMode {
    /** One listening socket, accepted on the first loop and handed to the loops round-robin. */
    ROUND_ROBIN,
    /**
     * One listening socket per loop, all bound to the same port with {@code SO_REUSEPORT}: the
     * kernel hashes each new connection to a socket, and no loop hands work to another. Needs an
     * operating system with {@code SO_REUSEPORT} (Linux, the BSDs, macOS).
     */
    REUSE_PORT
}
