package io.zyphos.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zyphos.echo.EchoProtocol;
import io.zyphos.testing.LoopbackClient;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Roadmap milestone 21, running out of file descriptors: accept(2) fails with EMFILE while the
 * kernel keeps completing handshakes. A server that retried at once would spin; Zyphos pauses
 * accepting, keeps serving the connections it has, and accepts the waiting ones once descriptors
 * are free again.
 *
 * <p>The test lowers its own process's descriptor limit with prlimit(1) and fills it, and the
 * waiting clients live in another process (Python), which needs no descriptor of ours.
 */
class AcceptBackoffTest {

    private static final String CLIENTS = """
            import socket, sys
            port, n = int(sys.argv[1]), int(sys.argv[2])
            sys.stdin.readline()
            held = [socket.create_connection(("127.0.0.1", port)) for _ in range(n)]
            sys.stdout.write("connected\\n"); sys.stdout.flush()
            for s in held:
                s.sendall(b"late")
            for s in held:
                assert s.recv(4) == b"late"
            sys.stdout.write("echoed\\n"); sys.stdout.flush()
            sys.stdin.readline()
            """;

    @ParameterizedTest
    @EnumSource(value = Transport.class, names = {"NIO", "PLATFORM_THREADS"})
    void outOfDescriptorsPausesAcceptingAndServesWhatItHas(Transport transport) throws Exception {
        try (Server server = Server.builder().transport(transport).protocol(new EchoProtocol()).start();
             LoopbackClient early = LoopbackClient.connect(server.localAddress())) {
            early.send("before");
            assertEquals("before", early.readAscii(6));
            LongSupplier backoffs = () -> server.metrics().snapshot().get("zyphos_accept_backoffs_total");
            LongSupplier accepted = () -> server.metrics().snapshot().get("zyphos_connections_accepted_total");
            // Loading a class opens its file: load what runs while descriptors are exhausted now.
            assertEquals(0, backoffs.getAsLong() + accepted.getAsLong() - 1);
            awaitAtLeast(accepted, 1);

            Process clients = new ProcessBuilder("/usr/bin/python3", "-c", CLIENTS,
                    Integer.toString(server.port()), "5").redirectError(ProcessBuilder.Redirect.INHERIT).start();
            OutputStream toClients = clients.getOutputStream();
            var fromClients = clients.inputReader(StandardCharsets.US_ASCII);
            long pid = ProcessHandle.current().pid();
            String hardLimit = limit(pid, "HARD");
            List<FileChannel> filler = new ArrayList<>();
            try {
                setSoftLimit(pid, Long.toString(countOpenFiles() + 32));
                // Take every descriptor left, so the server's next accept(2) fails with EMFILE.
                try {
                    while (true) {
                        filler.add(FileChannel.open(Path.of("/dev/null")));
                    }
                } catch (IOException expected) {
                    assertTrue(expected.getMessage().contains("Too many open files"), expected.getMessage());
                }
                toClients.write("go\n".getBytes(StandardCharsets.US_ASCII));
                toClients.flush();
                assertEquals("connected", fromClients.readLine(), "the kernel completes the handshakes");
                awaitAtLeast(backoffs, 1);
                // The connection the server already had is served as before.
                early.send("during");
                assertEquals("during", early.readAscii(6));
            } finally {
                for (FileChannel f : filler) {
                    f.close();
                }
                setSoftLimit(pid, hardLimit);
            }
            // Descriptors are free again: the waiting connections are accepted and served.
            assertEquals("echoed", fromClients.readLine());
            assertEquals(6, accepted.getAsLong());
            toClients.write("done\n".getBytes(StandardCharsets.US_ASCII));
            toClients.close();
            assertTrue(clients.waitFor(30, TimeUnit.SECONDS));
            assertEquals(0, clients.exitValue());
            fromClients.close();
        }
    }

    /** Polls a counter that nothing else signals; bounded, and failing with a message. */
    private static void awaitAtLeast(LongSupplier counter, long n) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (counter.getAsLong() < n) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("counter stayed at " + counter.getAsLong() + ", expected " + n);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
        }
    }

    private static long countOpenFiles() throws IOException {
        try (var fds = java.nio.file.Files.list(Path.of("/proc/self/fd"))) {
            return fds.count();
        }
    }

    private static String limit(long pid, String which) throws Exception {
        Process p = new ProcessBuilder("prlimit", "--pid", Long.toString(pid), "--nofile", "--noheadings",
                "--output", which).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
        assertEquals(0, p.waitFor());
        return out;
    }

    private static void setSoftLimit(long pid, String soft) throws Exception {
        Process p = new ProcessBuilder("prlimit", "--pid", Long.toString(pid), "--nofile=" + soft + ":")
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        assertEquals(0, p.waitFor(), "prlimit --nofile=" + soft);
    }

}
