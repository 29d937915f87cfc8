/** Zyphos http1: see this module's README for what it holds and what it will hold. */
module io.zyphos.http1 {
    requires transitive io.zyphos.sockets;
    // The request parser's vector scan (io.zyphos.http1.internal.VectorScanner).
    requires jdk.incubator.vector;

    exports io.zyphos.http1;
}
