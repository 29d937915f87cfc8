package io.zyphos.server;

/**
 * How connections are carried: the one builder setting that moves the same protocol engines from
 * an event loop to threads.
 */
public enum Transport {
    /**
     * N selector loops (default: the number of cores), each owning its connections for life.
     * Non-blocking reads and writes; the way to hold many connections on few threads.
     */
    NIO,
    /** One platform thread per connection, blocking reads and writes: the classic server. */
    PLATFORM_THREADS,
    /**
     * One virtual thread per connection: blocking code, with the JDK parking the virtual thread
     * on a poller instead of holding a platform thread.
     */
    VIRTUAL_THREADS
}
