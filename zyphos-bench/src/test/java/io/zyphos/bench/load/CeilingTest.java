package io.zyphos.bench.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.zyphos.bench.ChildServer;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The C ceiling of the load harness, built with the system compiler and run as the harness runs
 * it: a pipelined batch (RFC 9112 §9.3.2) gets one answer per request head, in order (RFC 9112
 * §2.1: a head ends with an empty line, found even when split across reads), and each answer is
 * the very bytes the Zyphos demo sends for that path, so the ceiling does the same wire work with
 * nothing behind it.
 */
class CeilingTest {

    private static final String PLAINTEXT = "GET /plaintext HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
    private static final String JSON = "GET /json HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: */*\r\n\r\n";

    @TempDir
    static Path dir;
    private static Ceiling.Build build;

    @BeforeAll
    static void build() throws IOException {
        if (Ceiling.COMPILERS.stream().map(Tools::find).allMatch(Objects::isNull)) {
            String ci = System.getenv("CI");
            if (ci != null && !ci.isBlank()) {
                fail("CI is set but there is no C compiler (cc or gcc): the CI machine must have one (apt-get install gcc)");
            }
            assumeTrue(false, "no C compiler (cc or gcc), so the ceiling cannot be built here");
        }
        build = Ceiling.build(dir.resolve("build"));
        assertTrue(build.built(), build.description());
    }

    @Test
    void aPipelinedBatchGetsOneAnswerPerHeadInOrder() throws IOException {
        try (ChildServer ceiling = start("ceiling.log");
                Socket socket = connect(ceiling.address())) {
            List<String> asked = new ArrayList<>();
            StringBuilder batch = new StringBuilder();
            for (int i = 0; i < 16; i++) {
                String head = i == 7 ? "GET /nowhere HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n" : i % 3 == 0 ? JSON : PLAINTEXT;
                asked.add(head);
                batch.append(head);
            }
            OutputStream out = socket.getOutputStream();
            out.write(batch.toString().getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = new BufferedInputStream(socket.getInputStream());
            for (String head : asked) {
                Answer answer = Answer.read(in);
                if (head.startsWith("GET /nowhere")) {
                    assertEquals("HTTP/1.1 404 Not Found", answer.statusLine());
                    assertEquals("", answer.body());
                } else if (head.startsWith("GET /json")) {
                    assertEquals("HTTP/1.1 200 OK", answer.statusLine());
                    assertEquals("{\"message\":\"Hello, World!\"}", answer.body());
                } else {
                    assertEquals("HTTP/1.1 200 OK", answer.statusLine());
                    assertEquals("Hello, World!", answer.body());
                }
            }

            // A head split across writes, its end ("\r\n\r\n") itself split, is answered once whole.
            out.write("GET /json HTTP/1.1\r\nHost: 127.0.0.1\r\n\r".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            out.write("\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            assertEquals("{\"message\":\"Hello, World!\"}", Answer.read(in).body());
        }
    }

    @Test
    void itAnswersWithTheDemosBytes() throws IOException {
        try (ChildServer ceiling = start("ceiling-bytes.log");
                ChildServer demo = ChildServer.start(List.of(), "zyphos",
                        List.of("serve", "--port", "0", "--threads", "1"), dir.resolve("demo.log"))) {
            for (String request : List.of(PLAINTEXT, JSON)) {
                assertEquals(exchange(demo.address(), request).withoutDate(), exchange(ceiling.address(), request).withoutDate(),
                        request);
            }
        }
    }

    private static ChildServer start(String log) throws IOException {
        return ChildServer.exec(List.of(build.program().toString(), "--port", "0"), Ceiling.NAME, dir.resolve(log));
    }

    private static Socket connect(InetSocketAddress address) throws IOException {
        Socket socket = new Socket(address.getAddress(), address.getPort());
        socket.setSoTimeout(10_000);
        return socket;
    }

    private static Answer exchange(InetSocketAddress address, String request) throws IOException {
        try (Socket socket = connect(address)) {
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            return Answer.read(new BufferedInputStream(socket.getInputStream()));
        }
    }

    /** One response as read off the wire: its head as sent, and its body. */
    private record Answer(String head, String body) {

        static Answer read(InputStream in) throws IOException {
            StringBuilder head = new StringBuilder();
            while (head.length() < 4 || !head.substring(head.length() - 4).equals("\r\n\r\n")) {
                int b = in.read();
                if (b < 0) {
                    fail("the connection closed after: " + head);
                }
                head.append((char) b);
            }
            int length = 0;
            for (String line : head.toString().split("\r\n")) {
                if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                    length = Integer.parseInt(line.substring("content-length:".length()).strip());
                }
            }
            return new Answer(head.toString(), new String(in.readNBytes(length), StandardCharsets.US_ASCII));
        }

        String statusLine() {
            return head.substring(0, head.indexOf("\r\n"));
        }

        /** The whole answer with the Date value (RFC 9110 §5.6.7, always 29 characters) blanked, since the second may differ. */
        String withoutDate() {
            return (head + body).replaceAll("(?i)(\r\ndate: )[^\r]{29}\r\n", "$1<date>\r\n");
        }
    }
}
