package io.zyphos.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.zyphos.testing.LoopbackClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Roadmap milestones 10 and 17: spreading connections over event loops. Round-robin hands each
 * accepted connection to the next loop in turn, exactly evenly; SO_REUSEPORT gives every loop a
 * listening socket of its own on the same port and lets the kernel hash connections among them.
 */
class AcceptModeTest {

    /** Connects {@code n} clients; answers how many landed on each loop (by thread name). */
    private static Map<String, Integer> spread(AcceptMode mode, int loops, int n) throws Exception {
        LineProtocol whereAmI = LineProtocol.replying(line -> Thread.currentThread().getName());
        Map<String, Integer> perLoop = new TreeMap<>();
        List<LoopbackClient> clients = new ArrayList<>();
        try (Server server = Server.builder().name("spread").transport(Transport.NIO).threads(loops)
                .acceptMode(mode).protocol(whereAmI).start()) {
            for (int i = 0; i < n; i++) {
                LoopbackClient c = LoopbackClient.connect(server.localAddress());
                clients.add(c);
                c.send("?\n");
                String name = c.readAscii("spread-nio-0\n".length()).trim();
                perLoop.merge(name, 1, Integer::sum);
            }
        } finally {
            clients.forEach(LoopbackClient::close);
        }
        return perLoop;
    }

    @Test
    void roundRobinSpreadsConnectionsExactlyEvenly() throws Exception {
        assertEquals(Map.of("spread-nio-0", 50, "spread-nio-1", 50), spread(AcceptMode.ROUND_ROBIN, 2, 100));
    }

    @Test
    void reusePortLetsTheKernelSpreadConnections() throws Exception {
        Map<String, Integer> perLoop = spread(AcceptMode.REUSE_PORT, 2, 100);
        // The kernel hashes each connection's addresses and ports: not exactly even, but both
        // loops get some (all 100 on one loop would happen once in 2^99 runs).
        assertEquals(2, perLoop.size(), perLoop.toString());
        assertEquals(100, perLoop.values().stream().mapToInt(Integer::intValue).sum());
    }
}
