/** Zyphos udp: see this module's README for what it holds and what it will hold. */
module io.zyphos.udp {
    requires transitive io.zyphos.sockets;
}
