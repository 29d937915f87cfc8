package io.zyphos.server;

import io.netty.buffer.ByteBuf;
import io.zyphos.metrics.MetricsRegistry;
import java.util.List;

/**
 * A protocol the server can speak: the one small interface every protocol module plugs in
 * through.
 *
 * <p>The bootstrap chooses a protocol for each connection. With one protocol configured it is used
 * at once; with several, each is asked in turn to {@linkplain #detect detect} itself in the
 * client's first bytes (the HTTP/2 preface versus an HTTP/1 request line, say), and the first to
 * answer {@link Detection#MATCH} gets the connection. Under TLS the ALPN result comes first: the
 * server offers the {@linkplain #applicationProtocols() ALPN ids} of its protocols, and the one the
 * handshake agreed on gets the connection before any byte is sniffed. A live connection can move to
 * another protocol later ({@link Connection#switchProtocol}: h2c, WebSocket).
 *
 * <p>Implementations are stateless factories and thread-safe: {@link #newHandler} is called on
 * every event loop. A protocol with a public no-argument constructor can be listed in
 * {@code META-INF/services/io.zyphos.server.Protocol} (or a module's {@code provides}) and found
 * with {@link java.util.ServiceLoader}.
 */
public interface Protocol {

    /** A short name for logs and metrics labels, such as {@code "echo"} or {@code "http/1.1"}. */
    String name();

    /**
     * Looks at the first bytes a client sent and says whether they open this protocol.
     *
     * @param prefix the bytes received so far, borrowed: readable from its reader index, and
     *     neither consumed nor released here. It grows on later calls while any protocol answers
     *     {@link Detection#NEED_MORE}, up to {@link Limits#maxDetectBytes()}.
     */
    Detection detect(ByteBuf prefix);

    /**
     * The ALPN protocol ids (RFC 7301 §3.1, such as {@code "http/1.1"} or {@code "h2"}) this
     * protocol speaks, most preferred first. A TLS server offers the ids of all its protocols, in
     * the order the protocols were configured, and gives a connection to the protocol whose id the
     * handshake agreed on. Empty (the default) for a protocol with no registered id, such as echo:
     * it is then chosen by {@link #detect} alone.
     */
    default List<String> applicationProtocols() {
        return List.of();
    }

    /**
     * Called once by each server this protocol is given to, before it accepts a connection: the
     * protocol to use there. A protocol that counts things registers its metrics in
     * {@code serverMetrics} ({@link Server#metrics()}) unless it was told to count elsewhere, and
     * returns a protocol that counts there; the default returns this protocol unchanged.
     */
    default Protocol bind(MetricsRegistry serverMetrics) {
        return this;
    }

    /**
     * Creates the engine side of one connection. Called once per connection, on the thread that
     * will make every later call on the returned handler.
     */
    ProtocolHandler newHandler(Connection connection);

    /** What {@link #detect} concluded from the bytes it saw. */
    enum Detection {
        /** The bytes open this protocol. */
        MATCH,
        /** The bytes cannot open this protocol, however many more arrive. */
        NO_MATCH,
        /** Too few bytes to tell yet. */
        NEED_MORE
    }
}
