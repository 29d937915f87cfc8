package io.zyphos.http.log;

import io.netty.buffer.ByteBuf;
import io.zyphos.http.HeaderName;
import io.zyphos.http.HttpException;
import io.zyphos.http.HttpFilter;
import io.zyphos.http.HttpHandler;
import io.zyphos.http.HttpRequest;
import io.zyphos.http.HttpResponse;
import io.zyphos.http.InvocationType;
import io.zyphos.http.Method;
import io.zyphos.http.ResponseBody;
import io.zyphos.metrics.Counter;
import io.zyphos.metrics.MetricsRegistry;
import java.io.Flushable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;
import org.jctools.queues.atomic.MpscAtomicArrayQueue;

/**
 * An access log in the Common or Combined Log Format, written off the event loop.
 *
 * <pre>
 *   - - - [06/Nov/1994:08:49:37 +0000] "GET /index.html" 200 1043 182
 *   - - - [06/Nov/1994:08:49:37 +0000] "GET /index.html" 200 1043 182 "https://example.com/" "curl/8.5.0"
 * </pre>
 *
 * The fields are those of Apache's {@code %h %l %u %t "%r" %>s %b}, then {@code %D}, then, for
 * {@link Format#COMBINED}, {@code "%{Referer}i" "%{User-agent}i"}. This layer knows neither the
 * client's address nor the user, so those are {@code -}, and the request is method and target
 * without the protocol version, which differs per wire engine. Bytes are those of the body the
 * handler returned ({@code -} when none, when unknown, or for HEAD); the duration, in
 * microseconds, runs from the call to the handler until it returned its response, so a streamed
 * body's time on the wire is not in it. Quoted fields escape {@code "}, {@code \} and any byte
 * outside printable ASCII as {@code \xHH}, so a header cannot forge a line.
 *
 * <h2>Off the loop</h2>
 * The filter only builds a small record and offers it to a bounded multi-producer queue
 * (jctools {@link MpscAtomicArrayQueue}, the variant that needs no {@code sun.misc.Unsafe}); one
 * writer thread formats and writes lines. When the queue is full the line is dropped and counted:
 * the filter never waits, so it is {@link InvocationType#NON_BLOCKING}. The writer parks when the
 * queue is empty and is woken by the next offer, and flushes the output each time it has caught
 * up. {@link #close()} writes what is queued, stops the thread and waits for it.
 *
 * <p>Thread-safe.
 */
public final class AccessLog implements HttpFilter, AutoCloseable {

    /** Which fields a line has. */
    public enum Format {
        /** The Common Log Format, plus the duration. */
        COMMON,
        /** The Common Log Format, plus the duration, Referer and User-Agent. */
        COMBINED
    }

    /** The default for {@link Builder#queueCapacity}. */
    public static final int DEFAULT_QUEUE_CAPACITY = 8192;

    private static final AtomicInteger THREADS = new AtomicInteger();
    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    /** One request, as the filter hands it to the writer. */
    private record Entry(long startMillis, String method, String target, int status, long bytes,
                         long durationNanos, String referer, String userAgent) {}

    private final MpscAtomicArrayQueue<Entry> queue;
    private final Appendable out;
    private final Writer owned;
    private final Format format;
    private final LongSupplier epochMillis;
    private final LongSupplier nanos;
    private final Counter written;
    private final Counter dropped;
    private final Counter writeErrors;
    private final Thread writer;
    private volatile boolean sleeping;
    private volatile boolean closing;

    /** Owned by the writer thread. */
    private final StringBuilder line = new StringBuilder(256);
    private long timestampSecond = Long.MIN_VALUE;
    private String timestamp;

    private AccessLog(Builder b, Appendable out, Writer owned) {
        this.queue = new MpscAtomicArrayQueue<>(b.queueCapacity);
        this.out = out;
        this.owned = owned;
        this.format = b.format;
        this.epochMillis = b.epochMillis;
        this.nanos = b.nanos;
        if (b.registry != null) {
            this.written = b.registry.counter(b.prefix + "_lines_total", "Access log lines written");
            this.dropped = b.registry.counter(b.prefix + "_dropped_total", "Access log lines dropped: queue full");
            this.writeErrors = b.registry.counter(b.prefix + "_write_errors_total", "Access log lines the output refused");
        } else {
            this.written = new Counter();
            this.dropped = new Counter();
            this.writeErrors = new Counter();
        }
        this.writer = b.threadFactory.newThread(this::drain);
        writer.start();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Lines written to the output. */
    public long written() {
        return written.value();
    }

    /** Lines dropped because the queue was full, or offered after {@link #close()}. */
    public long dropped() {
        return dropped.value();
    }

    /** Lines the output failed to take (an {@link IOException} from it). */
    public long writeErrors() {
        return writeErrors.value();
    }

    /** The queue's capacity: the configured one rounded up to a power of two. */
    public int queueCapacity() {
        return queue.capacity();
    }

    @Override
    public InvocationType invocationType() {
        return InvocationType.NON_BLOCKING;
    }

    @Override
    public HttpResponse filter(HttpRequest request, HttpHandler next) throws Exception {
        long startMillis = epochMillis.getAsLong();
        long start = nanos.getAsLong();
        HttpResponse response;
        try {
            response = next.handle(request);
        } catch (Exception e) {
            int status = e instanceof HttpException h ? h.status().code() : 500;
            offer(request, startMillis, status, -1, nanos.getAsLong() - start);
            throw e;
        }
        long bytes = request.method() == Method.HEAD ? -1 : bodyBytes(response);
        offer(request, startMillis, response.status().code(), bytes, nanos.getAsLong() - start);
        return response;
    }

    private void offer(HttpRequest request, long startMillis, int status, long bytes, long duration) {
        if (closing) {
            dropped.increment();
            return;
        }
        boolean combined = format == Format.COMBINED;
        Entry entry = new Entry(startMillis, request.method().name(), request.target().raw(), status, bytes, duration,
                combined ? request.header(HeaderName.REFERER) : null,
                combined ? request.header(HeaderName.USER_AGENT) : null);
        if (!queue.offer(entry)) {
            dropped.increment();
            return;
        }
        // The offer's index update and this read are both volatile, so either the writer sees the
        // entry before it parks or this sees it asleep (see drain).
        if (sleeping) {
            LockSupport.unpark(writer);
        }
    }

    private static long bodyBytes(HttpResponse response) {
        return switch (response.body()) {
            case ResponseBody.Bytes(ByteBuf content) -> content.readableBytes();
            case ResponseBody.FileRegion region -> region.length();
            case ResponseBody.Empty ignored -> 0;
            case ResponseBody.Streamed ignored -> {
                String length = response.headers().get(HeaderName.CONTENT_LENGTH);
                yield length == null ? -1 : parseLength(length);
            }
        };
    }

    private static long parseLength(String s) {
        long n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9' || i > 18) {
                return -1;
            }
            n = n * 10 + (c - '0');
        }
        return s.isEmpty() ? -1 : n;
    }

    /** The writer thread's loop. */
    private void drain() {
        while (true) {
            Entry e = queue.poll();
            if (e != null) {
                write(e);
                continue;
            }
            flush();
            if (closing) {
                if (queue.isEmpty()) {
                    return;
                }
                continue;
            }
            sleeping = true;
            if (queue.isEmpty() && !closing) {
                LockSupport.park(this);
            }
            sleeping = false;
        }
    }

    private void write(Entry e) {
        StringBuilder sb = line;
        sb.setLength(0);
        sb.append("- - - [").append(timestamp(e.startMillis())).append("] \"");
        escaped(sb, e.method());
        sb.append(' ');
        escaped(sb, e.target());
        sb.append("\" ").append(e.status()).append(' ');
        if (e.bytes() > 0) {
            sb.append(e.bytes());
        } else {
            sb.append('-');
        }
        sb.append(' ').append(Math.max(0, e.durationNanos()) / 1000);
        if (format == Format.COMBINED) {
            sb.append(' ');
            quoted(sb, e.referer());
            sb.append(' ');
            quoted(sb, e.userAgent());
        }
        sb.append('\n');
        try {
            out.append(sb);
            written.increment();
        } catch (IOException | UncheckedIOException ex) {
            writeErrors.increment();
        }
    }

    private void flush() {
        if (out instanceof Flushable f) {
            try {
                f.flush();
            } catch (IOException ex) {
                writeErrors.increment();
            }
        }
    }

    private String timestamp(long millis) {
        long second = Math.floorDiv(millis, 1000);
        if (second != timestampSecond) {
            timestampSecond = second;
            timestamp = TIMESTAMP.format(Instant.ofEpochSecond(second));
        }
        return timestamp;
    }

    private static void quoted(StringBuilder sb, String value) {
        if (value == null) {
            sb.append('-');
            return;
        }
        sb.append('"');
        escaped(sb, value);
        sb.append('"');
    }

    private static void escaped(StringBuilder sb, String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"' || c == '\\') {
                sb.append('\\').append(c);
            } else if (c < 0x20 || c > 0x7E) {
                sb.append("\\x").append(HEX[c >> 4 & 0xF]).append(HEX[c & 0xF]);
            } else {
                sb.append(c);
            }
        }
    }

    /**
     * Writes every queued line, stops the writer thread and waits for it; closes the output if this
     * log opened it (a {@link Builder#to(Path)} file). Lines offered afterwards are dropped. Idempotent.
     */
    @Override
    public void close() {
        closing = true;
        LockSupport.unpark(writer);
        boolean interrupted = false;
        while (writer.isAlive()) {
            try {
                writer.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (owned != null) {
            try {
                owned.close();
            } catch (IOException e) {
                writeErrors.increment();
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** Configures an {@link AccessLog}. */
    public static final class Builder {

        private Appendable out;
        private Path path;
        private Format format = Format.COMBINED;
        private int queueCapacity = DEFAULT_QUEUE_CAPACITY;
        private LongSupplier epochMillis = System::currentTimeMillis;
        private LongSupplier nanos = System::nanoTime;
        private ThreadFactory threadFactory =
                r -> Thread.ofPlatform().name("zyphos-access-log-" + THREADS.incrementAndGet()).daemon(true).unstarted(r);
        private MetricsRegistry registry;
        private String prefix;

        private Builder() {}

        /**
         * Writes lines to {@code out}, from the writer thread only; flushed when the queue empties
         * if it is {@link Flushable}, never closed by the log.
         */
        public Builder to(Appendable out) {
            this.out = Objects.requireNonNull(out, "out");
            this.path = null;
            return this;
        }

        /** Appends lines, in UTF-8, to the file at {@code path}, created if need be and closed by {@link #close()}. */
        public Builder to(Path path) {
            this.path = Objects.requireNonNull(path, "path");
            this.out = null;
            return this;
        }

        /** {@link Format#COMBINED} by default. */
        public Builder format(Format format) {
            this.format = Objects.requireNonNull(format, "format");
            return this;
        }

        /** How many lines may wait for the writer before new ones are dropped; {@value #DEFAULT_QUEUE_CAPACITY} by default. */
        public Builder queueCapacity(int capacity) {
            if (capacity < 2) {
                throw new IllegalArgumentException("queueCapacity must be at least 2: " + capacity);
            }
            this.queueCapacity = capacity;
            return this;
        }

        /** The wall clock for timestamps (milliseconds since the epoch) and the monotonic clock for durations (nanoseconds). */
        public Builder clock(LongSupplier epochMillis, LongSupplier nanos) {
            this.epochMillis = Objects.requireNonNull(epochMillis, "epochMillis");
            this.nanos = Objects.requireNonNull(nanos, "nanos");
            return this;
        }

        /** Makes the writer thread; by default a daemon platform thread named {@code zyphos-access-log-N}. */
        public Builder threadFactory(ThreadFactory factory) {
            this.threadFactory = Objects.requireNonNull(factory, "factory");
            return this;
        }

        /** Registers {@code <prefix>_lines_total}, {@code _dropped_total} and {@code _write_errors_total} in {@code registry}. */
        public Builder metrics(MetricsRegistry registry, String prefix) {
            this.registry = Objects.requireNonNull(registry, "registry");
            this.prefix = Objects.requireNonNull(prefix, "prefix");
            return this;
        }

        /**
         * Starts the writer thread.
         *
         * @throws UncheckedIOException if the file cannot be opened
         */
        public AccessLog build() {
            if (path != null) {
                try {
                    Writer w = Files.newBufferedWriter(path, StandardCharsets.UTF_8,
                            StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE);
                    return new AccessLog(this, w, w);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot open access log " + path, e);
                }
            }
            if (out == null) {
                throw new IllegalStateException("say where the log goes: to(Appendable) or to(Path)");
            }
            return new AccessLog(this, out, null);
        }
    }
}
