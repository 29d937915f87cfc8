/** Zyphos http2: see this module's README for what it holds and what it will hold. */
module io.zyphos.http2 {
    requires transitive io.zyphos.http1;

    exports io.zyphos.http2;
    exports io.zyphos.http2.frame;
    exports io.zyphos.http2.hpack;
    exports io.zyphos.http2.stream;
    exports io.zyphos.http2.server;
}
