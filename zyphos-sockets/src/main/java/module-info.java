/**
 * The Zyphos core: the shared buffer allocator, event loops and transports, the server bootstrap
 * and its protocol plug-in interface, and metrics.
 *
 * <p>Exported: {@code io.zyphos.buffer}, {@code io.zyphos.server}, {@code io.zyphos.metrics},
 * {@code io.zyphos.echo}, {@code io.zyphos.tls}. Everything under {@code io.zyphos.server.internal} is the transports'
 * machinery and may change at any time.
 *
 * <p>Every module required here declares its name (a {@code module-info} or an
 * {@code Automatic-Module-Name}), so an application's module graph does not depend on how a build
 * tool names jar files.
 */
module io.zyphos.sockets {
    // ByteBuf is in the API (Connection, ProtocolHandler, Buffers).
    requires transitive io.netty.buffer;
    requires transitive io.netty.common;
    requires org.jctools.core;
    requires org.agrona;
    requires jdk.net;
    // io.zyphos.tls: the BCJSSE provider, PEM keys and self-signed certificates.
    requires org.bouncycastle.tls;
    requires org.bouncycastle.pkix;
    requires org.bouncycastle.provider;
    requires org.bouncycastle.util;
    // BCJSSE logs through java.util.logging; TlsProvider sets its level.
    requires java.logging;

    exports io.zyphos.buffer;
    exports io.zyphos.server;
    exports io.zyphos.metrics;
    exports io.zyphos.echo;
    exports io.zyphos.tls;

    // Protocols an application provides itself; none is provided here, so a server is never
    // given one it did not ask for.
    uses io.zyphos.server.Protocol;
}
