package io.zyphos.bench.peer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.zyphos.bench.SharedEndpoints;
import io.zyphos.bench.UsageException;
import io.zyphos.testing.ExternalProgram;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The peer servers answer exactly what the Zyphos demo answers (status, body, Content-Type), so a
 * load run compares the same work, on every transport the Netty peer runs on and, for Netty and
 * Jetty, over HTTP/2 in clear text and over TLS too; each gives back every
 * thread it started when closed; and the Netty peer says which transport runs when it had to fall
 * back from the one asked for.
 */
class PeerServersTest {

    /** Threads the JDK keeps for the whole process once used: virtual-thread carriers, pollers, the common pool. */
    private static final List<String> JDK_SHARED = List.of("ForkJoinPool-", "ForkJoinPool.commonPool-", "Read-Poller", "Write-Poller", "MasterPoller",
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
    @ValueSource(strings = {"netty --transport nio", "netty --transport epoll", "netty --transport io_uring", "jetty", "helidon"})
    void everyEndpointAnswersAndCloseEndsEveryThread(String peerArgs) throws Exception {
        byte[] file = new byte[4096];
        new Random(4).nextBytes(file);
        Files.write(dir.resolve("4k.bin"), file);
        Set<Thread> before = Thread.getAllStackTraces().keySet();
        List<String> args = new ArrayList<>(List.of(peerArgs.split(" ")));
        String name = args.getFirst();
        args.addAll(List.of("--port", "0", "--dir", dir.toString(), "--threads", "1"));

        try (PeerServer peer = PeerCommand.start(args.toArray(String[]::new));
                HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
            assertEquals(name, peer.name());
            if (peer instanceof NettyPeer netty) {
                assertRunsAsAsked(netty, NettyTransport.parse(args.get(2)), PeerCommand.banner(peer));
            }
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

        assertEveryThreadEnded(before, name);
    }

    /**
     * RFC 9113 §3.3 and §3.2: asked for HTTP/2, Netty and Jetty answer curl with prior knowledge in
     * clear text (h2c), or over TLS where ALPN chose h2, with the demo's status, headers and bytes
     * for the two endpoints the HTTP/2 load rows measure, and 404 for anything else; and each gives
     * back every thread it started when closed.
     */
    @ParameterizedTest
    @ValueSource(strings = {"netty --transport nio --protocol h2c", "netty --transport epoll --protocol h2c",
            "netty --transport io_uring --protocol h2c", "netty --protocol h2", "jetty --protocol h2c", "jetty --protocol h2"})
    void overHttp2NettyAndJettyAnswerAsTheDemoDoes(String peerArgs) throws Exception {
        ExternalProgram.require("curl", "curl");
        Set<Thread> before = Thread.getAllStackTraces().keySet();
        List<String> args = new ArrayList<>(List.of(peerArgs.split(" ")));
        String name = args.getFirst();
        PeerProtocol protocol = PeerProtocol.parse(args.getLast());
        args.addAll(List.of("--port", "0", "--dir", dir.toString(), "--threads", "1"));

        try (PeerServer peer = PeerCommand.start(args.toArray(String[]::new))) {
            assertEquals(protocol, peer.protocol());
            String banner = PeerCommand.banner(peer);
            assertTrue(banner.startsWith(name + ": HTTP/2 (" + protocol.label()), banner);
            String base = (protocol == PeerProtocol.H2 ? "https" : "http") + "://127.0.0.1:" + peer.address().getPort();
            // Over TLS curl offers h2 and http/1.1 by ALPN; the status line says which the peer chose.
            List<String> http2 = protocol == PeerProtocol.H2 ? List.of("--http2", "--insecure") : List.of("--http2-prior-knowledge");

            String plaintext = curl(http2, "-D", "-", base + "/plaintext");
            assertTrue(plaintext.startsWith("HTTP/2 200 \r\n"), plaintext);
            assertTrue(plaintext.contains("\r\ncontent-type: text/plain\r\n"), plaintext);
            assertTrue(plaintext.contains("\r\ndate: "), "RFC 9110 §6.6.1: an origin server sends Date\n" + plaintext);
            assertTrue(plaintext.contains("\r\ncontent-length: 13\r\n"), plaintext);
            assertTrue(plaintext.endsWith("\r\n\r\nHello, World!"), plaintext);

            String json = curl(http2, "-D", "-", base + "/json");
            assertTrue(json.startsWith("HTTP/2 200 \r\n"), json);
            assertTrue(json.contains("\r\ncontent-type: application/json\r\n"), json);
            assertTrue(json.endsWith("\r\n\r\n{\"message\":\"Hello, World!\"}"), json);

            assertEquals("2 404", curl(http2, "-o", "/dev/null", "-w", "%{http_version} %{http_code}", base + "/nowhere"));
        }
        assertEveryThreadEnded(before, name);
    }

    /** curl's standard output for one request, which must succeed. */
    private static String curl(List<String> http2, String... args) {
        List<String> command = new ArrayList<>(List.of("curl", "-sS", "--max-time", "10"));
        command.addAll(http2);
        command.addAll(List.of(args));
        return ExternalProgram.run(command).assertSucceeded().stdout();
    }

    @Test
    void http2IsForTheNettyAndJettyPeersOnly() {
        UsageException e = assertThrows(UsageException.class, () -> PeerCommand.start(
                new String[] {"helidon", "--port", "0", "--dir", dir.toString(), "--protocol", "h2c"}));
        assertTrue(e.getMessage().contains("--protocol h2c is for the netty and jetty peers"), e.getMessage());
        assertThrows(UsageException.class, () -> PeerCommand.start(
                new String[] {"netty", "--port", "0", "--dir", dir.toString(), "--protocol", "h3"}));
    }

    /** Every thread started since {@code before} ends, bar those the JDK (or, for Helidon, Helidon) keeps. */
    private static void assertEveryThreadEnded(Set<Thread> before, String name) throws InterruptedException {
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

    /**
     * The transport asked for runs, or, where this machine cannot run it (io_uring on an old
     * kernel or under a seccomp filter that forbids io_uring_setup), the banner says which runs
     * instead and why.
     */
    private static void assertRunsAsAsked(NettyPeer peer, NettyTransport asked, String banner) {
        Throwable unavailable = asked.unavailabilityCause();
        if (unavailable == null) {
            assertEquals(asked, peer.transport(), banner);
            assertTrue(banner.contains(", " + asked.label() + ", 1 event loop)"), banner);
            return;
        }
        if (asked != NettyTransport.IO_URING) {
            String ci = System.getenv("CI");
            if (ci != null && !ci.isBlank()) {
                fail("CI is set but Netty's " + asked.label() + " transport cannot run: " + unavailable);
            }
        }
        System.out.println("PeerServersTest: " + asked.label() + " is unavailable here (" + unavailable
                + "), so this checks the fallback banner: " + banner);
        assertTrue(banner.contains(", " + peer.transport().label() + " (fell back: " + asked.label() + " unavailable: "),
                banner);
    }

    @Test
    void aTransportThatCannotRunFallsBackAndSaysWhy() {
        Throwable noUring = new UnsatisfiedLinkError("io_uring_setup: Operation not permitted");
        Throwable noEpoll = new IllegalStateException("could not load a native library");

        NettyTransport.Choice toEpoll = NettyTransport.choose(NettyTransport.IO_URING,
                t -> t == NettyTransport.IO_URING ? noUring : null);
        assertEquals(NettyTransport.EPOLL, toEpoll.transport());
        assertEquals("epoll (fell back: io_uring unavailable: io_uring_setup: Operation not permitted)", toEpoll.describe());

        NettyTransport.Choice toNio = NettyTransport.choose(NettyTransport.IO_URING,
                t -> t == NettyTransport.IO_URING ? noUring : t == NettyTransport.EPOLL ? noEpoll : null);
        assertEquals(NettyTransport.NIO, toNio.transport());
        assertEquals("nio (fell back: io_uring unavailable: io_uring_setup: Operation not permitted; "
                + "epoll unavailable: could not load a native library)", toNio.describe());

        assertEquals("epoll", NettyTransport.choose(NettyTransport.EPOLL, t -> null).describe());
        assertEquals("nio", NettyTransport.choose(NettyTransport.NIO, t -> noEpoll).describe());
    }

    @Test
    void theTransportOptionIsForNettyOnly() {
        UsageException e = assertThrows(UsageException.class, () -> PeerCommand.start(
                new String[] {"jetty", "--port", "0", "--dir", dir.toString(), "--transport", "epoll"}));
        assertTrue(e.getMessage().contains("--transport is for the netty peer"), e.getMessage());
        assertThrows(UsageException.class, () -> PeerCommand.start(
                new String[] {"netty", "--port", "0", "--dir", dir.toString(), "--transport", "kqueue"}));
    }

    /**
     * RFC 9112 §9.3 and §C.2.2: an HTTP/1.0 client keeps its connection only when it asked with
     * "Connection: keep-alive" and the answer says "keep-alive" back; otherwise it closes after the
     * first answer (ab -k is such a client). Two requests on one socket, each answered.
     */
    @ParameterizedTest
    @ValueSource(strings = {"nio", "epoll", "io_uring"})
    void nettyKeepsAnHttp10KeepAliveConnectionOpenAndSaysSo(String transport) throws Exception {
        try (PeerServer peer = PeerCommand.start(
                new String[] {"netty", "--port", "0", "--dir", dir.toString(), "--threads", "1", "--transport", transport});
                Socket socket = new Socket(peer.address().getAddress(), peer.address().getPort())) {
            socket.setSoTimeout(10_000);
            var in = new BufferedInputStream(socket.getInputStream());
            for (int i = 0; i < 2; i++) {
                socket.getOutputStream().write(
                        "GET /plaintext HTTP/1.0\r\nConnection: keep-alive\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                String head = readHead(in);
                assertTrue(head.startsWith("HTTP/1.1 200 OK\r\n"), head);
                assertTrue(head.toLowerCase(Locale.ROOT).contains("\r\nconnection: keep-alive\r\n"), head);
                assertEquals("Hello, World!", new String(in.readNBytes(13), StandardCharsets.US_ASCII));
            }
        }
    }

    private static String readHead(BufferedInputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                fail("the connection closed after: " + head);
            }
            head.append((char) b);
        }
        return head.toString();
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
