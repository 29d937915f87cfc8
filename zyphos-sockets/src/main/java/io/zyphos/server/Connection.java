package io.zyphos.server;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.zyphos.tls.TlsSessionInfo;
import java.net.InetSocketAddress;
import java.nio.channels.FileChannel;
import java.util.Optional;

/**
 * One accepted connection, as its protocol handler sees it: the transport side.
 *
 * <p>Unless a method says otherwise it must be called on the connection's own thread, that is
 * from inside a {@link ProtocolHandler} callback or a task given to {@link #execute}. Writes are
 * queued by {@link #write} and sent by {@link #flush}, with gathering writes and partial-write
 * handling done by the transport.
 *
 * <p>Backpressure: when the bytes queued and not yet sent exceed
 * {@link Limits#writeHighWaterMark()}, the connection stops reading until they drain below
 * {@link Limits#writeLowWaterMark()}, and the handler is told through
 * {@link ProtocolHandler#onWritabilityChanged}.
 */
public interface Connection {

    /** A number unique among this server's connections, in order of acceptance. */
    long id();

    InetSocketAddress remoteAddress();

    InetSocketAddress localAddress();

    /** The allocator for buffers written to this connection: {@link io.zyphos.buffer.Buffers#allocator()}. */
    ByteBufAllocator alloc();

    /** The server's limits, for engines that enforce their own (header sizes, read timeouts). */
    Limits limits();

    /**
     * Queues {@code data} to be sent at the next {@link #flush()}. Takes ownership of
     * {@code data}: the transport releases it once written, or when the connection closes first.
     * Writing to a closed connection releases the buffer and does nothing else.
     */
    void write(ByteBuf data);

    /** Sends what is queued, as far as the socket takes it now; the rest goes as it drains. */
    void flush();

    /** {@link #write} then {@link #flush}. Takes ownership of {@code data}. */
    default void writeAndFlush(ByteBuf data) {
        write(data);
        flush();
    }

    /**
     * Queues {@code count} bytes of {@code file} from {@code position}, to be sent in order with
     * what {@link #write} queues. A transport that can sends them with
     * {@link FileChannel#transferTo} (sendfile(2)): from the page cache to the socket without
     * passing through the heap. The bytes count against the watermarks like any other queued write.
     *
     * <p>Under TLS sendfile cannot encrypt: the region is read into pooled buffers a few records
     * at a time and encrypted, the next piece only once the queue has drained below
     * {@link Limits#writeLowWaterMark()}, so a large file never sits in memory whole.
     *
     * <p>Takes ownership of {@code file}: the transport closes it once the region is written, or
     * when the connection closes first. A file that turns out shorter than
     * {@code position + count} aborts the connection: the peer was promised that many bytes.
     */
    void writeFile(FileChannel file, long position, long count);

    /** {@code false} while the queued bytes are above the high watermark. */
    boolean isWritable();

    /** Bytes queued and not yet written to the socket. */
    long pendingWriteBytes();

    /**
     * Stops reading from the socket until {@link #resumeReading()}: the handler's own
     * backpressure, such as a full pipelining queue. Pauses nest with the transport's watermark
     * pause: reading resumes only when neither holds it.
     */
    void pauseReading();

    void resumeReading();

    /**
     * Sends a FIN once the queued bytes are flushed; the peer can still send to us. Under TLS a
     * close_notify alert goes first, after the queued bytes (RFC 8446 §6.1).
     */
    void shutdownOutput();

    /**
     * Closes gracefully: flushes what is queued, then closes. Idempotent. The handler's
     * {@link ProtocolHandler#onClosed} follows once the socket is closed. Under TLS a close_notify
     * alert follows the queued bytes (RFC 8446 §6.1).
     */
    void close();

    /** Closes at once, dropping (and releasing) what is queued. Idempotent. */
    void abort();

    /**
     * Whether this connection's thread serves it alone (the thread-per-connection transports), so
     * code may block on it without stalling other connections. {@code false} on an event loop,
     * where blocking work must go elsewhere. Any thread may call this.
     */
    default boolean hasOwnThread() {
        return false;
    }

    /** Whether the caller is on this connection's own thread. Any thread may call this. */
    boolean inConnectionThread();

    /**
     * Runs {@code task} on this connection's own thread, serially with the handler's callbacks;
     * the way back from work offloaded elsewhere. Any thread may call this. A task given after the
     * connection closed still runs, and sees {@link #state()} {@link ConnectionState#CLOSED}.
     */
    void execute(Runnable task);

    /** Where the connection is in its life. Any thread may call this. */
    ConnectionState state();

    /** When the connection reached each state, and the bytes it moved. Any thread may read it. */
    ConnectionLifecycle lifecycle();

    /**
     * What the TLS handshake agreed on: version, cipher suite, ALPN protocol, SNI name, the
     * client's certificates. Empty on a connection without TLS, and until its handshake completes;
     * a handler never sees it empty on a TLS connection, since the protocol is chosen only after
     * the handshake. Any thread may call this.
     *
     * <p>An {@code Optional} rather than a nullable value because "no TLS" is an answer a caller
     * must handle, not an error: a handler that asks for the client's certificate has to say what
     * it does on a clear connection. The {@code Optional} is made once per handshake, so asking
     * costs nothing. The default answers empty, for connections that have no TLS layer (test
     * doubles).
     */
    default Optional<TlsSessionInfo> tls() {
        return Optional.empty();
    }

    /**
     * Moves this live connection to another protocol: what an HTTP/1.1 {@code Upgrade} (h2c,
     * WebSocket) does once its 101 response is written. The current handler's
     * {@link ProtocolHandler#onSwitchedAway} is called and it hears nothing more; the next handler
     * is made by {@code next.newHandler(this)} at once, and its first {@link ProtocolHandler#onRead}
     * presents {@code leftover} followed by whatever the connection still holds unread (bytes the
     * old handler did not consume, plaintext already decrypted). The switch is above TLS: the
     * session, its keys and its ALPN result carry on. Queued writes stay queued, in order.
     *
     * <p>Called inside {@code onRead}, the old handler should return without reading further: the
     * next handler is given its first bytes as soon as that call returns. Called elsewhere (a task
     * given to {@link #execute}), the next handler is given them at once on an event loop; on a
     * thread-per-connection transport, bytes the transport itself still holds unread follow with
     * the next read or {@link #resumeReading()}.
     *
     * <p>Connection thread only.
     *
     * @param leftover bytes already read that belong to the next protocol, often empty; ownership
     *     passes to the connection, which releases it (also when this throws or the connection is
     *     closed)
     * @throws IllegalStateException before any protocol was chosen, or a second time within one
     *     {@code onRead}
     */
    default void switchProtocol(Protocol next, ByteBuf leftover) {
        leftover.release();
        throw new UnsupportedOperationException(getClass().getName() + " cannot switch protocol");
    }
}
