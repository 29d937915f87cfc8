/** Zyphos quic: see this module's README for what it holds and what it will hold. */
module io.zyphos.quic {
    requires transitive io.zyphos.udp;
    requires io.zyphos.http1;
}
