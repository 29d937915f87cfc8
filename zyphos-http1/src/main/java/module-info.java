/**
 * Zyphos HTTP/1: {@code io.zyphos.http}, the HTTP semantics every HTTP version shares, and
 * {@code io.zyphos.http1}, the HTTP/1.0 and 1.1 wire engine. See this module's README.
 */
module io.zyphos.http1 {
    requires transitive io.zyphos.sockets;
    // The request parser's vector scan (io.zyphos.http1.internal.VectorScanner), only when the
    // application adds the module (--add-modules jdk.incubator.vector), as on the class path:
    // resolving an incubator module makes the JVM print a warning at start, which an application
    // that did not ask for it should not see. Without it the parser scans with scalar code.
    requires static jdk.incubator.vector;
    // The access log's queue to its writer thread (io.zyphos.http.log.AccessLog).
    requires org.jctools.core;

    exports io.zyphos.http;
    exports io.zyphos.http.cache;
    exports io.zyphos.http.files;
    exports io.zyphos.http.log;
    exports io.zyphos.http1;
}
