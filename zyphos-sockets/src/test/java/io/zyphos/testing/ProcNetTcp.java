package io.zyphos.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The kernel's table of this network namespace's IPv4 TCP sockets, {@code /proc/net/tcp} (see
 * proc_net_tcp(5) and Linux's {@code net/ipv4/tcp_ipv4.c}), for what no socket API tells a test:
 * how many sockets listen on a port, how many connections wait in a listener's accept queue, and
 * whether a connection is delaying its ACKs.
 */
public final class ProcNetTcp {

    /** The state column's value for LISTEN ({@code TCP_LISTEN} in the kernel's enum). */
    private static final int LISTEN = 0x0A;

    private ProcNetTcp() {}

    /**
     * One socket.
     *
     * @param localPort the port this end is bound to
     * @param remotePort the peer's port; 0 for a listening socket
     * @param state the kernel's TCP state (1 ESTABLISHED ... 10 LISTEN)
     * @param receiveQueue for a listening socket, the connections waiting in its accept queue;
     *     otherwise the bytes received and not yet read
     * @param delayingAcks whether the connection is in "pingpong" (interactive) mode, in which the
     *     kernel delays its ACKs to send them with the reply it expects
     */
    public record Socket(int localPort, int remotePort, int state, long receiveQueue, boolean delayingAcks) {
        public boolean listening() {
            return state == LISTEN;
        }
    }

    /** Every IPv4 TCP socket of the namespace, as the kernel lists it now. */
    public static List<Socket> sockets() {
        try {
            return Files.readAllLines(Path.of("/proc/net/tcp")).stream().skip(1).map(ProcNetTcp::parse).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The sockets listening on {@code port}. */
    public static List<Socket> listeningOn(int port) {
        return sockets().stream().filter(s -> s.listening() && s.localPort() == port).toList();
    }

    /** The accepted end of the connection from {@code clientPort} to {@code serverPort}. */
    public static Socket serverSideOf(int serverPort, int clientPort) {
        return sockets().stream()
                .filter(s -> s.localPort() == serverPort && s.remotePort() == clientPort)
                .findFirst()
                .orElseThrow(() -> new AssertionError("no socket from port " + clientPort + " to " + serverPort));
    }

    // "  0: 0100007F:1F90 00000000:0000 0A 00000000:00000000 00:00000000 00000000  0  0 12345 1 ... rto ato quick<<1|pingpong cwnd ssthresh"
    private static Socket parse(String line) {
        String[] f = line.trim().split("\\s+");
        String[] queues = f[4].split(":");
        // A TIME_WAIT socket is a smaller kernel object and its line stops after the inode.
        int quickAndPingpong = f.length > 14 ? Integer.parseInt(f[14]) : 0;
        return new Socket(port(f[1]), port(f[2]), Integer.parseInt(f[3], 16), Long.parseLong(queues[1], 16),
                (quickAndPingpong & 1) != 0);
    }

    private static int port(String hexAddressAndPort) {
        return Integer.parseInt(hexAddressAndPort.substring(hexAddressAndPort.indexOf(':') + 1), 16);
    }
}
