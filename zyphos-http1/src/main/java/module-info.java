/** Zyphos http1: see this module's README for what it holds and what it will hold. */
module io.zyphos.http1 {
    requires transitive io.zyphos.sockets;

    exports io.zyphos.http;
}
