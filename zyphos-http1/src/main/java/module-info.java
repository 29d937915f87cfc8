/**
 * Zyphos HTTP/1: {@code io.zyphos.http}, the HTTP semantics every HTTP version shares, and
 * {@code io.zyphos.http1}, the HTTP/1.0 and 1.1 wire engine. See this module's README.
 */
module io.zyphos.http1 {
    requires transitive io.zyphos.sockets;
    // The request parser's vector scan (io.zyphos.http1.internal.VectorScanner).
    requires jdk.incubator.vector;

    exports io.zyphos.http;
    exports io.zyphos.http1;
}
