/**
 * Zyphos HTTP/1: {@code io.zyphos.http}, the HTTP semantics every HTTP version shares, and
 * {@code io.zyphos.http1}, the HTTP/1.0 and 1.1 wire engine. See this module's README.
 */
module io.zyphos.http1 {
    requires transitive io.zyphos.sockets;
    // The access log's queue to its writer thread (io.zyphos.http.log.AccessLog).
    requires org.jctools.core;

    exports io.zyphos.http;
    exports io.zyphos.http.cache;
    exports io.zyphos.http.files;
    exports io.zyphos.http.log;
    exports io.zyphos.http1;
    // The exchange driver and streamed bodies every HTTP version shares: for the other versions only.
    exports io.zyphos.http.internal to io.zyphos.http2;
}
