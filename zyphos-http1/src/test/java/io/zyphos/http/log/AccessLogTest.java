package io.zyphos.http.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zyphos.http.ConnectionInfo;
import io.zyphos.http.HeaderName;
import io.zyphos.http.Headers;
import io.zyphos.http.HttpRequest;
import io.zyphos.http.HttpVersion;
import io.zyphos.http.Method;
import io.zyphos.metrics.MetricsRegistry;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An access log in NCSA Common and Combined Log Format, exactly as Apache writes it and log
 * parsers read it (every line here must match {@link #COMBINED}, Logstash's grok
 * COMBINEDAPACHELOG), that never makes a request wait: logging offers a record to a bounded queue
 * and one thread writes the lines; a full queue drops the line and counts it. Closing writes what
 * is queued and stops the thread. The clock is injected.
 */
class AccessLogTest {

    /** 2000-10-10T13:55:36-07:00, Apache's documentation example. */
    private static final long START_MILLIS = 971_211_336_000L;
    private static final ZoneId PACIFIC = ZoneOffset.ofHours(-7);

    /**
     * Logstash's grok {@code COMBINEDAPACHELOG}, its named patterns spelled out (IPORHOST, HTTPDUSER,
     * HTTPDATE, NOTSPACE, NUMBER, QS): a log parser's own idea of a Combined line. A line it reads
     * as a request has verb, request and httpversion; a refused one may be rawrequest instead.
     */
    static final Pattern COMBINED = Pattern.compile("^(?<clientip>[0-9A-Fa-f.:]+|[A-Za-z0-9.-]+) (?<ident>-|\\S+) (?<auth>-|\\S+)"
            + " \\[(?<timestamp>\\d{2}/[A-Z][a-z]{2}/\\d{4}:\\d{2}:\\d{2}:\\d{2} [+-]\\d{4})\\]"
            + " \"(?:(?<verb>\\w+) (?<request>\\S+)(?: HTTP/(?<httpversion>\\d+(?:\\.\\d+)?))?|(?<rawrequest>.*?))\""
            + " (?<response>\\d{3}) (?:(?<bytes>\\d+)|-)"
            + " (?<referrer>\"(?:\\\\.|[^\\\\\"])*\") (?<agent>\"(?:\\\\.|[^\\\\\"])*\")$");

    private static final InetSocketAddress CLIENT = new InetSocketAddress("127.0.0.1", 50_000);

    private AccessLog.Builder log(Appendable out) {
        return AccessLog.builder().to(out).clock(() -> START_MILLIS).zone(PACIFIC);
    }

    private static HttpRequest request(Method method, String target, HttpVersion version, String... fields) {
        HttpRequest.Builder b = HttpRequest.builder(method, target)
                .connection(new ConnectionInfo(CLIENT, new InetSocketAddress("127.0.0.1", 8080), "http", version));
        for (int i = 0; i < fields.length; i += 2) {
            b.header(fields[i], fields[i + 1]);
        }
        return b.build();
    }

    private static HttpRequest get(String target, String... fields) {
        return request(Method.GET, target, HttpVersion.HTTP_1_1, fields);
    }

    private static Matcher parsed(String line) {
        Matcher m = COMBINED.matcher(line);
        if (!m.matches()) {
            throw new AssertionError("a Combined log parser cannot read: " + line);
        }
        return m;
    }

    @Test
    void combinedFormatAsApacheWritesIt() {
        StringBuilder out = new StringBuilder();
        try (AccessLog log = log(out).build()) {
            log.log(request(Method.GET, "/apache_pb.gif", HttpVersion.HTTP_1_0, "Referer", "http://www.example.com/start.html",
                    "User-Agent", "Mozilla/4.08 [en] (Win98; I ;Nav)"), 200, 2326);
        }
        String line = "127.0.0.1 - - [10/Oct/2000:13:55:36 -0700] \"GET /apache_pb.gif HTTP/1.0\" 200 2326"
                + " \"http://www.example.com/start.html\" \"Mozilla/4.08 [en] (Win98; I ;Nav)\"";
        assertEquals(line + "\n", out.toString(), "byte for byte the example of Apache's documentation");
        Matcher m = parsed(line);
        assertEquals("GET", m.group("verb"));
        assertEquals("/apache_pb.gif", m.group("request"));
        assertEquals("1.0", m.group("httpversion"));
        assertEquals("2326", m.group("bytes"));
    }

    @Test
    void commonFormatAndWhatIsNotKnown() {
        StringBuilder out = new StringBuilder();
        try (AccessLog log = log(out).format(AccessLog.Format.COMMON).build()) {
            log.log(get("/a"), 204, 0);
            log.log(request(Method.HEAD, "/b", HttpVersion.HTTP_1_1), 200, 0);
            log.log(get("/c?q=1"), 200, -1);
            log.log(HttpRequest.builder(Method.GET, "/d").build(), 200, 42);
        }
        assertEquals(List.of(
                "127.0.0.1 - - [10/Oct/2000:13:55:36 -0700] \"GET /a HTTP/1.1\" 204 -",
                "127.0.0.1 - - [10/Oct/2000:13:55:36 -0700] \"HEAD /b HTTP/1.1\" 200 -",
                "127.0.0.1 - - [10/Oct/2000:13:55:36 -0700] \"GET /c?q=1 HTTP/1.1\" 200 -",
                "- - - [10/Oct/2000:13:55:36 -0700] \"GET /d HTTP/1.1\" 200 42"), out.toString().lines().toList(),
                "no bytes or unknown bytes are '-'; a request from no connection has no client address");
    }

    @Test
    void absentRefererAndUserAgentAreQuotedDashes() {
        StringBuilder out = new StringBuilder();
        try (AccessLog log = log(out).build()) {
            log.log(get("/"), 200, 5);
        }
        String line = out.toString().strip();
        assertTrue(line.endsWith(" 200 5 \"-\" \"-\""), line);
        assertEquals("\"-\"", parsed(line).group("agent"));
    }

    @Test
    void aHeaderCannotForgeALineOrAField() {
        StringBuilder out = new StringBuilder();
        try (AccessLog log = log(out).build()) {
            log.log(get("/", "User-Agent", "a\" \"b\\ \u00e9\t127.0.0.1 - - [forged]", "Referer", "\u00ff"), 200, 5);
        }
        String line = out.toString();
        assertEquals(1, line.lines().count());
        assertEquals("127.0.0.1 - - [10/Oct/2000:13:55:36 -0700] \"GET / HTTP/1.1\" 200 5 \"\\xff\""
                + " \"a\\\" \\\"b\\\\ \\xe9\\x09127.0.0.1 - - [forged]\"\n", line);
        assertEquals("\"a\\\" \\\"b\\\\ \\xe9\\x09127.0.0.1 - - [forged]\"", parsed(line.strip()).group("agent"));
    }

    @Test
    void aRefusedRequestIsLoggedWithWhatThereWasOfItsLine() {
        StringBuilder out = new StringBuilder();
        try (AccessLog log = log(out).build()) {
            log.logRefused(CLIENT, "GET /x HTTP/1.1", null, 400, 58);
            log.logRefused(CLIENT, "GET /\"bad\u0001", null, 400, 58);
            log.logRefused(CLIENT, "", null, 408, 0);
            log.logRefused(null, null, new Headers().add(HeaderName.USER_AGENT, "curl/8.5.0"), 417, 0);
        }
        List<String> lines = out.toString().lines().toList();
        assertEquals("127.0.0.1 - - [10/Oct/2000:13:55:36 -0700] \"GET /x HTTP/1.1\" 400 58 \"-\" \"-\"", lines.get(0));
        assertEquals("127.0.0.1 - - [10/Oct/2000:13:55:36 -0700] \"GET /\\\"bad\\x01\" 400 58 \"-\" \"-\"", lines.get(1));
        assertEquals("127.0.0.1 - - [10/Oct/2000:13:55:36 -0700] \"-\" 408 - \"-\" \"-\"", lines.get(2), "no line at all: \"-\", as Apache logs a 408");
        assertEquals("- - - [10/Oct/2000:13:55:36 -0700] \"-\" 417 - \"-\" \"curl/8.5.0\"", lines.get(3));
        lines.forEach(AccessLogTest::parsed);
    }

    @Test
    void aFullQueueDropsAndCountsInsteadOfWaiting() throws Exception {
        CountDownLatch writing = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        StringBuilder lines = new StringBuilder();
        Appendable stuck = new Appendable() {
            @Override
            public Appendable append(CharSequence csq) {
                writing.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                lines.append(csq);
                return this;
            }

            @Override
            public Appendable append(CharSequence csq, int start, int end) {
                return append(csq.subSequence(start, end));
            }

            @Override
            public Appendable append(char c) {
                return append(String.valueOf(c));
            }
        };
        AccessLog log = log(stuck).format(AccessLog.Format.COMMON).queueCapacity(4).build();
        log.log(get("/first"), 200, 5);
        writing.await();                       // the writer holds /first and is stuck in the output
        for (int i = 0; i < 4 + 3; i++) {
            log.log(get("/" + i), 200, 5);     // 4 fit in the queue, 3 are dropped; none waits
        }
        assertEquals(4, log.queueCapacity());
        assertEquals(3, log.dropped());
        release.countDown();
        log.close();
        assertEquals(5, log.written());
        assertEquals(5, lines.toString().lines().count());
        assertEquals("127.0.0.1 - - [10/Oct/2000:13:55:36 -0700] \"GET /3 HTTP/1.1\" 200 5", lines.toString().lines().toList().get(4));
    }

    @Test
    void closeStopsTheWriterThread() throws Exception {
        AtomicReference<Thread> thread = new AtomicReference<>();
        AccessLog log = log(new StringBuilder())
                .threadFactory(r -> {
                    Thread t = Thread.ofPlatform().name("access-log-under-test").unstarted(r);
                    thread.set(t);
                    return t;
                })
                .build();
        log.log(get("/"), 200, 5);
        log.close();
        assertFalse(thread.get().isAlive());
        log.close();
        log.log(get("/after"), 200, 5);
        assertEquals(1, log.written());
        assertEquals(1, log.dropped(), "a line after close is dropped");
    }

    @Test
    void toAFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("access.log");
        Files.writeString(file, "earlier line\n");
        MetricsRegistry registry = new MetricsRegistry();
        try (AccessLog log = AccessLog.builder().to(file).format(AccessLog.Format.COMMON)
                .clock(() -> START_MILLIS).zone(PACIFIC).metrics(registry, "access_log").build()) {
            log.log(get("/f"), 200, 5);
        }
        assertEquals("earlier line\n127.0.0.1 - - [10/Oct/2000:13:55:36 -0700] \"GET /f HTTP/1.1\" 200 5\n",
                Files.readString(file, StandardCharsets.UTF_8));
        assertEquals(1, registry.snapshot().get("access_log_lines_total"));
        assertEquals(0, registry.snapshot().get("access_log_dropped_total"));
    }

    @Test
    void anOutputThatFailsIsCountedNotFatal() throws Exception {
        Appendable broken = new Appendable() {
            @Override
            public Appendable append(CharSequence csq) throws IOException {
                throw new IOException("disk full");
            }

            @Override
            public Appendable append(CharSequence csq, int start, int end) throws IOException {
                throw new IOException("disk full");
            }

            @Override
            public Appendable append(char c) throws IOException {
                throw new IOException("disk full");
            }
        };
        AccessLog log = log(broken).build();
        log.log(get("/"), 200, 5);
        log.log(get("/"), 200, 5);
        log.close();
        assertEquals(2, log.writeErrors());
        assertEquals(0, log.written());
    }
}
