package io.zyphos.http.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.zyphos.http.HeaderName;
import io.zyphos.http.HttpException;
import io.zyphos.http.HttpHandler;
import io.zyphos.http.HttpRequest;
import io.zyphos.http.HttpResponse;
import io.zyphos.http.InvocationType;
import io.zyphos.http.Method;
import io.zyphos.http.Status;
import io.zyphos.metrics.MetricsRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An access log that never makes a request wait: the filter offers a record to a bounded queue
 * and one thread writes Common/Combined Log Format lines; a full queue drops the line and counts
 * it. Closing writes what is queued and stops the thread. Times come from injected clocks.
 */
class AccessLogTest {

    /** 2000-10-10T13:55:36Z, Apache's documentation example. */
    private static final long START_MILLIS = 971_186_136_000L;

    private final AtomicLong nanos = new AtomicLong();

    private AccessLog.Builder log(Appendable out) {
        return AccessLog.builder().to(out).clock(() -> START_MILLIS, nanos::get);
    }

    /** A handler that takes {@code micros} on the injected clock and answers "Hello". */
    private HttpHandler hello(long micros) {
        return request -> {
            nanos.addAndGet(micros * 1000);
            return HttpResponse.text(Status.OK, "Hello");
        };
    }

    private static HttpRequest get(String target, String... fields) {
        HttpRequest.Builder b = HttpRequest.builder(Method.GET, target);
        for (int i = 0; i < fields.length; i += 2) {
            b.header(fields[i], fields[i + 1]);
        }
        return b.build();
    }

    @Test
    void combinedFormat() throws Exception {
        StringBuilder out = new StringBuilder();
        try (AccessLog log = log(out).build()) {
            log.wrap(hello(1234)).handle(get("/index.html?q=1", "Referer", "https://example.com/",
                    "User-Agent", "curl/8.5.0")).release();
        }
        assertEquals("- - - [10/Oct/2000:13:55:36 +0000] \"GET /index.html?q=1\" 200 5 1234"
                + " \"https://example.com/\" \"curl/8.5.0\"\n", out.toString());
    }

    @Test
    void commonFormatAndWhatIsNotKnown() throws Exception {
        StringBuilder out = new StringBuilder();
        try (AccessLog log = log(out).format(AccessLog.Format.COMMON).build()) {
            HttpHandler h = log.wrap(request -> HttpResponse.of(Status.NO_CONTENT));
            h.handle(get("/a"));
            log.wrap(hello(0)).handle(HttpRequest.builder(Method.HEAD, "/b").build()).release();
            log.wrap(request -> HttpResponse.builder(Status.OK).stream(sink -> sink.end()).build()).handle(get("/c"));
            log.wrap(request -> HttpResponse.builder(Status.OK).header(HeaderName.CONTENT_LENGTH, "42")
                    .stream(sink -> sink.end()).build()).handle(get("/d"));
            log.wrap(request -> HttpResponse.builder(Status.OK).file(Path.of("x"), 10, 90).build()).handle(get("/e"));
        }
        assertEquals(List.of(
                "- - - [10/Oct/2000:13:55:36 +0000] \"GET /a\" 204 - 0",
                "- - - [10/Oct/2000:13:55:36 +0000] \"HEAD /b\" 200 - 0",
                "- - - [10/Oct/2000:13:55:36 +0000] \"GET /c\" 200 - 0",
                "- - - [10/Oct/2000:13:55:36 +0000] \"GET /d\" 200 42 0",
                "- - - [10/Oct/2000:13:55:36 +0000] \"GET /e\" 200 90 0"), out.toString().lines().toList());
    }

    @Test
    void aHeaderCannotForgeALine() throws Exception {
        StringBuilder out = new StringBuilder();
        try (AccessLog log = log(out).build()) {
            log.wrap(hello(0)).handle(get("/", "User-Agent", "a\" \"b\\ \u00e9")).release();
        }
        assertEquals("- - - [10/Oct/2000:13:55:36 +0000] \"GET /\" 200 5 0 - \"a\\\" \\\"b\\\\ \\xe9\"\n", out.toString());
    }

    @Test
    void aFailingHandlerIsLoggedWithTheStatusItBecomes() throws Exception {
        StringBuilder out = new StringBuilder();
        try (AccessLog log = log(out).format(AccessLog.Format.COMMON).build()) {
            assertThrows(HttpException.class, () -> log.wrap(request -> {
                throw HttpException.badRequest("no");
            }).handle(get("/x")));
            assertThrows(IllegalStateException.class, () -> log.wrap(request -> {
                throw new IllegalStateException("bug");
            }).handle(get("/y")));
        }
        assertEquals(List.of(
                "- - - [10/Oct/2000:13:55:36 +0000] \"GET /x\" 400 - 0",
                "- - - [10/Oct/2000:13:55:36 +0000] \"GET /y\" 500 - 0"), out.toString().lines().toList());
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
        HttpHandler h = log.wrap(hello(0));
        h.handle(get("/first")).release();
        writing.await();                       // the writer holds /first and is stuck in the output
        for (int i = 0; i < 4 + 3; i++) {
            h.handle(get("/" + i)).release();  // 4 fit in the queue, 3 are dropped; none waits
        }
        assertEquals(4, log.queueCapacity());
        assertEquals(3, log.dropped());
        release.countDown();
        log.close();
        assertEquals(5, log.written());
        assertEquals(5, lines.toString().lines().count());
        assertEquals("- - - [10/Oct/2000:13:55:36 +0000] \"GET /3\" 200 5 0", lines.toString().lines().toList().get(4));
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
        log.wrap(hello(0)).handle(get("/")).release();
        log.close();
        assertFalse(thread.get().isAlive());
        log.close();
        log.wrap(hello(0)).handle(get("/after")).release();
        assertEquals(1, log.written());
        assertEquals(1, log.dropped(), "a line after close is dropped");
    }

    @Test
    void toAFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("access.log");
        Files.writeString(file, "earlier line\n");
        MetricsRegistry registry = new MetricsRegistry();
        try (AccessLog log = AccessLog.builder().to(file).format(AccessLog.Format.COMMON)
                .clock(() -> START_MILLIS, nanos::get).metrics(registry, "access_log").build()) {
            log.wrap(hello(7)).handle(get("/f")).release();
        }
        assertEquals("earlier line\n- - - [10/Oct/2000:13:55:36 +0000] \"GET /f\" 200 5 7\n",
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
        log.wrap(hello(0)).handle(get("/")).release();
        log.wrap(hello(0)).handle(get("/")).release();
        log.close();
        assertEquals(2, log.writeErrors());
        assertEquals(0, log.written());
    }

    @Test
    void itRunsOnTheLoop() {
        try (AccessLog log = log(new StringBuilder()).build()) {
            assertSame(InvocationType.NON_BLOCKING, log.invocationType());
        }
    }
}
