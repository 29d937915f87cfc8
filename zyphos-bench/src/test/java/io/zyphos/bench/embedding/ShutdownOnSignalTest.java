package io.zyphos.bench.embedding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zyphos.bench.embedding.EmbeddingApp.Launch;
import io.zyphos.bench.embedding.EmbeddingApp.Run;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A service stopped the way systemd, Kubernetes and {@code kill} stop it: SIGTERM, with
 * {@code Server.Builder.shutdownOnSignal(drain)}, a shutdown hook. The server stops accepting at
 * once (new connections are refused), a request in flight still gets its whole response before the
 * JVM exits (with its usual 143), and a request still running at the deadline is cut off then.
 * The server's {@code afterStop} actions run before the JVM exits. A server the application closed
 * leaves no hook behind.
 */
class ShutdownOnSignalTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    /** How the JVM exits on SIGTERM, once its shutdown hooks have run: 128 + 15. */
    private static final int SIGTERM_EXIT = 143;

    @RegisterExtension
    static final EmbeddingApp app = new EmbeddingApp();

    @Test
    void aRequestInFlightFinishesBeforeTheJvmExitsAndNewConnectionsAreRefused() throws Exception {
        Duration drain = Duration.ofSeconds(20);
        try (Run run = app.start(Launch.MODULE_PATH, false, "http", Long.toString(drain.toMillis()))) {
            int port = run.awaitListening(WAIT);
            try (Socket slow = slowRequestInFlight(run, port)) {
                run.terminate();
                awaitRefused(port);

                run.send("all of it");
                String response = readUntilClosed(slow);
                assertTrue(response.startsWith("HTTP/1.1 200 OK\r\n"), response);
                assertTrue(response.toLowerCase().contains("\r\nconnection: close\r\n"), response);
                assertTrue(response.endsWith("\r\n\r\nfinished: all of it"), response);
            }
            assertEquals(SIGTERM_EXIT, run.awaitExit(drain));
            // Clean-up given to afterStop runs inside the hook, so the JVM waits for it; code after
            // awaitShutdown() races the JVM's halt and is not asserted.
            assertEquals("after stop: cleaned up", run.nextLine(WAIT));
        }
    }

    @Test
    void aRequestStillRunningAtTheDeadlineIsCutOff() throws Exception {
        Duration drain = Duration.ofSeconds(1);
        try (Run run = app.start(Launch.MODULE_PATH, false, "http", Long.toString(drain.toMillis()))) {
            int port = run.awaitListening(WAIT);
            try (Socket slow = slowRequestInFlight(run, port)) {
                long signalled = System.nanoTime();
                run.terminate();
                String response = readUntilClosed(slow);
                Duration waited = Duration.ofNanos(System.nanoTime() - signalled);
                assertEquals("", response, "the request never finished, so no response was sent");
                assertTrue(waited.compareTo(drain) >= 0, "cut off after " + waited + ", before the deadline of " + drain);
            }
            assertEquals(SIGTERM_EXIT, run.awaitExit(WAIT));
        }
    }

    @Test
    void aServerClosedByTheApplicationLeavesNoHookBehind() throws Exception {
        try (Run run = app.start(Launch.MODULE_PATH, false, "closed")) {
            assertEquals("closed", run.nextLine(WAIT));
            run.terminate();
            assertEquals(SIGTERM_EXIT, run.awaitExit(WAIT));
        }
    }

    /** A connection whose request, {@code GET /slow}, is in the handler's hands, waiting for a line of input. */
    private static Socket slowRequestInFlight(Run run, int port) throws IOException, InterruptedException {
        Socket slow = connect(port);
        try {
            slow.getOutputStream().write("GET /slow HTTP/1.1\r\nHost: app\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            assertEquals("slow request started", run.nextLine(WAIT));
            return slow;
        } catch (Throwable e) {
            slow.close();
            throw e;
        }
    }

    /**
     * Connects until the server refuses: the hook closes the listening socket as soon as it runs,
     * and nothing else tells this process when that was. Bounded by {@link #WAIT}.
     */
    private static void awaitRefused(int port) throws IOException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            try {
                connect(port).close();
            } catch (ConnectException refused) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("port " + port + " still accepts " + WAIT + " after SIGTERM");
            }
        }
    }

    private static Socket connect(int port) throws IOException {
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), port);
        socket.setSoTimeout((int) WAIT.toMillis());
        return socket;
    }

    /** What the server sent until it closed the connection, by FIN or by reset. */
    private static String readUntilClosed(Socket socket) throws IOException {
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        InputStream in = socket.getInputStream();
        byte[] chunk = new byte[4096];
        try {
            for (int n; (n = in.read(chunk)) >= 0; ) {
                got.write(chunk, 0, n);
            }
        } catch (SocketException reset) {
            // An aborted connection ends with RST: what came before it is still the answer.
        }
        return got.toString(StandardCharsets.US_ASCII);
    }
}
