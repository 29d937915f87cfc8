/**
 * Zyphos bench: the JMH benchmarks of every module, the load harnesses, the peer servers (Netty,
 * Jetty, Helidon) and the demo server behind {@code ./zyphos}. See this module's README.
 *
 * <p>An application, not a library: it exports nothing, and it is open so that JMH can reach the
 * benchmark classes and the code its annotation processor generates for them by reflection. The
 * launcher runs it from one shaded jar on the class path; this descriptor is what the compiler
 * checks its dependencies against.
 */
open module io.zyphos.bench {
    requires io.zyphos.http1;
    requires io.zyphos.http2;
    // The demo quiets one BouncyCastle warning logger (DemoServer.Tls).
    requires java.logging;

    // JMH 1.37 declares no module name: an automatic module named from its jar file.
    requires jmh.core;
    // The echo load client's histograms. HdrHistogram 2.2.2 declares no module name either.
    requires HdrHistogram;
    // TaskQueueBenchmark compares jctools' queues.
    requires org.jctools.core;
    // TlsHandshakeBenchmark's control: a bare BCJSSE engine beside io.zyphos.tls.
    requires org.bouncycastle.tls;

    // The Netty peer and the Netty HTTP/1 decoder benchmark.
    requires io.netty.transport;
    requires io.netty.transport.classes.epoll;
    requires io.netty.transport.classes.io_uring;
    requires io.netty.codec;
    requires io.netty.codec.http;
    // Netty's HPACK, beside Zyphos's in HpackBenchmark.
    requires io.netty.codec.http2;
    // The Netty peer over TLS (SslContext, OpenSSL through netty-tcnative or the JDK's engine).
    requires io.netty.handler;
    // The Jetty 12 peer.
    requires org.eclipse.jetty.server;
    // The Jetty peer's HTTP/2: h2c, and h2 by ALPN over TLS.
    requires org.eclipse.jetty.http2.server;
    requires org.eclipse.jetty.alpn.server;
    // The Helidon 4 peer.
    requires io.helidon.webserver;

    // CPU time and heap of the servers under test (com.sun.management).
    requires jdk.management;
}
