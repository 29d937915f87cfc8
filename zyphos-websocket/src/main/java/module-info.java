/** Zyphos websocket: see this module's README for what it holds and what it will hold. */
module io.zyphos.websocket {
    requires transitive io.zyphos.http1;
    requires io.zyphos.http2;
}
