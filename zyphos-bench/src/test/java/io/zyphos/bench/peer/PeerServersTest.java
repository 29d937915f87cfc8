package io.zyphos.bench.peer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zyphos.bench.SharedEndpoints;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The peer servers answer exactly what the Zyphos demo answers (status, body, Content-Type), so a
 * load run compares the same work; and each gives back every thread it started when closed.
 */
class PeerServersTest {

    /** Threads the JDK keeps for the whole process once used: virtual-thread carriers and pollers. */
    private static final List<String> JDK_SHARED = List.of("ForkJoinPool-", "Read-Poller", "Write-Poller", "MasterPoller",
            "VirtualThread-unparker", "VirtualThread-unblocker", "Common-Cleaner", "process reaper");
    /**
     * Daemon threads Helidon 4.5 keeps after {@code stop()}: the Date header clock, one per
     * process, and the idle-connection {@link java.util.Timer} each WebServer makes and never
     * cancels. The load harness runs every server in a JVM of its own, where neither matters.
     */
    private static final List<String> HELIDON_KEEPS = List.of("helidon-http-timer", "helidon-idle-connection-timer");

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"netty", "jetty", "helidon"})
    void everyEndpointAnswersAndCloseEndsEveryThread(String name) throws Exception {
        byte[] file = new byte[4096];
        new Random(4).nextBytes(file);
        Files.write(dir.resolve("4k.bin"), file);
        Set<Thread> before = Thread.getAllStackTraces().keySet();

        try (PeerServer peer = PeerCommand.start(new String[] {name, "--port", "0", "--dir", dir.toString(), "--threads", "1"});
                HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
            assertEquals(name, peer.name());
            assertTrue(PeerCommand.banner(peer).matches(name + ": HTTP/1.1 server listening on 127\\.0\\.0\\.1:\\d+ \\(.*\\)"),
                    PeerCommand.banner(peer));
            String base = "http://127.0.0.1:" + peer.address().getPort();

            SharedEndpoints.assertServed(client, base);

            HttpResponse<byte[]> served = client.send(SharedEndpoints.get(base + "/files/4k.bin"), HttpResponse.BodyHandlers.ofByteArray());
            assertEquals(200, served.statusCode());
            assertEquals("application/octet-stream", served.headers().firstValue("content-type").orElseThrow());
            assertArrayEquals(file, served.body());

            assertEquals(404, client.send(SharedEndpoints.get(base + "/files/missing.bin"), HttpResponse.BodyHandlers.discarding()).statusCode());
            assertEquals(404, client.send(SharedEndpoints.get(base + "/nowhere"), HttpResponse.BodyHandlers.discarding()).statusCode());
        }

        Set<Thread> left = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> !before.contains(t) && JDK_SHARED.stream().noneMatch(t.getName()::startsWith))
                .filter(t -> !(name.equals("helidon") && HELIDON_KEEPS.contains(t.getName())))
                .collect(Collectors.toSet());
        for (Thread t : left) {
            // A thread told to stop may still be unwinding; it must end, not linger.
            t.join(Duration.ofSeconds(10));
        }
        Set<String> alive = left.stream().filter(Thread::isAlive).map(Thread::getName).collect(Collectors.toSet());
        assertEquals(Set.of(), alive, name + " left threads running after close");
    }

    @ParameterizedTest
    @ValueSource(strings = {"../etc/passwd", ".hidden", "a/b", "", "%2e%2e"})
    void onlyPlainFileNamesAreServed(String name) throws Exception {
        Files.writeString(dir.resolve(".hidden"), "secret");
        assertEquals(null, PeerContent.file(dir, name));
    }

    @ParameterizedTest
    @ValueSource(strings = {"say \"hi\"", "back\\slash", "tab\there"})
    void jsonEscapesWhatRfc8259Requires(String message) {
        String expected = "{\"message\":\"" + message.replace("\\", "\\\\").replace("\"", "\\\"").replace("\t", "\\u0009") + "\"}";
        assertEquals(expected, new String(PeerContent.json(message), java.nio.charset.StandardCharsets.UTF_8));
    }

}
