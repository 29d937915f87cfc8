package io.zyphos.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zyphos.testing.LoopbackClient;
import io.zyphos.testing.ProcNetTcp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/**
 * Roadmap milestones 10 and 17: spreading connections over event loops. Round-robin has one
 * listening socket, accepts on the first loop and hands each connection to the next loop in turn,
 * exactly evenly. SO_REUSEPORT (socket(7)) gives every loop a listening socket of its own on the
 * same port: the kernel hashes each new connection to one of them, into that socket's own accept
 * queue, and the loop that accepts it serves it, with no hand-off between loops.
 */
class AcceptModeTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

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

    @Test
    void roundRobinListensOnOneSocketAndReusePortOnOnePerLoop() throws Exception {
        LineProtocol quiet = new LineProtocol((c, line) -> {});
        try (Server roundRobin = Server.builder().transport(Transport.NIO).threads(4)
                     .acceptMode(AcceptMode.ROUND_ROBIN).protocol(quiet).start();
             Server reusePort = Server.builder().transport(Transport.NIO).threads(4)
                     .acceptMode(AcceptMode.REUSE_PORT).protocol(quiet).start()) {
            assertEquals(1, ProcNetTcp.listeningOn(roundRobin.port()).size());
            assertEquals(4, ProcNetTcp.listeningOn(reusePort.port()).size());
        }
    }

    @Test
    void withReusePortEachLoopServesWhatItsOwnListenerAccepted() throws Exception {
        // "hold" blocks the loop that serves it until the test lets go; any other line is
        // answered with the loop's name.
        CountDownLatch held = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        LineProtocol protocol = new LineProtocol((c, line) -> {
            if (line.equals("hold")) {
                held.countDown();
                awaitQuietly(release);
            } else {
                LineProtocol.write(c, Thread.currentThread().getName() + "\n");
            }
        });
        List<LoopbackClient> clients = new ArrayList<>();
        Server server = Server.builder().name("keep").transport(Transport.NIO).threads(2)
                .acceptMode(AcceptMode.REUSE_PORT).protocol(protocol).start();
        try {
            // Hold loop 0: the kernel still queues connections on its listener, and nothing takes them.
            LoopbackClient onLoop0 = null;
            for (int i = 0; i < 64 && onLoop0 == null; i++) {
                LoopbackClient c = LoopbackClient.connect(server.localAddress());
                clients.add(c);
                c.send("?\n");
                if (c.readAscii("keep-nio-0\n".length()).equals("keep-nio-0\n")) {
                    onLoop0 = c;
                }
            }
            assertTrue(onLoop0 != null, "the kernel put none of 64 connections on loop 0");
            onLoop0.send("hold\n");
            assertTrue(held.await(WAIT.toSeconds(), TimeUnit.SECONDS));
            long acceptedBefore = accepted(server);

            int n = 32;
            List<LoopbackClient> late = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                LoopbackClient c = LoopbackClient.connect(server.localAddress());
                clients.add(c);
                late.add(c);
                c.send("?\n");
            }
            // Wait until loop 1 has taken everything on its own queue: every connection is then
            // either accepted or waiting on loop 0's listener, and only that queue is non-empty.
            awaitTrue(() -> {
                List<ProcNetTcp.Socket> listeners = ProcNetTcp.listeningOn(server.port());
                long waiting = listeners.stream().mapToLong(ProcNetTcp.Socket::receiveQueue).sum();
                long nonEmpty = listeners.stream().filter(s -> s.receiveQueue() > 0).count();
                return nonEmpty <= 1 && waiting + accepted(server) - acceptedBefore == n;
            });
            long acceptedByLoop1 = accepted(server) - acceptedBefore;
            assertTrue(acceptedByLoop1 > 0, "loop 1 accepts on its own listener while loop 0 is busy");

            release.countDown();
            Map<String, Integer> servedBy = new TreeMap<>();
            for (LoopbackClient c : late) {
                servedBy.merge(c.readAscii("keep-nio-0\n".length()).trim(), 1, Integer::sum);
            }
            // Loop 1 served exactly what it accepted while loop 0 was held, and loop 0, once free,
            // served exactly what had waited in its own queue: no connection changed loops.
            assertEquals(Map.of("keep-nio-0", (int) (n - acceptedByLoop1), "keep-nio-1", (int) acceptedByLoop1),
                    servedBy);
        } finally {
            // Before the server closes: a held loop could not stop.
            release.countDown();
            clients.forEach(LoopbackClient::close);
            server.close();
        }
    }

    private static long accepted(Server server) {
        return server.metrics().snapshot().get("zyphos_connections_accepted_total");
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Polls what the kernel's table says, which nothing signals; bounded, failing with a message. */
    private static void awaitTrue(BooleanSupplier condition) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the listeners' queues and the accepted count never added up");
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
        }
    }
}
