package io.zyphos.http.log;

import io.zyphos.http.HeaderName;
import io.zyphos.http.Headers;
import io.zyphos.http.HttpRequest;
import io.zyphos.metrics.Counter;
import io.zyphos.metrics.MetricsRegistry;
import java.io.Flushable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;
import org.jctools.queues.atomic.MpscAtomicArrayQueue;

/**
 * An access log in the Common or Combined Log Format, as Apache httpd writes it and log parsers
 * (GoAccess, AWStats, Logstash's {@code COMBINEDAPACHELOG}) read it, written off the event loop.
 *
 * <pre>
 *   127.0.0.1 - - [10/Oct/2000:13:55:36 -0700] "GET /apache_pb.gif HTTP/1.0" 200 2326
 *   127.0.0.1 - - [10/Oct/2000:13:55:36 -0700] "GET /apache_pb.gif HTTP/1.0" 200 2326 "http://www.example.com/start.html" "Mozilla/4.08"
 * </pre>
 *
 * The fields are Apache's {@code %h %l %u %t "%r" %>s %b}, and for {@link Format#COMBINED}
 * {@code "%{Referer}i" "%{User-agent}i"}: the client's address; {@code -} for the identity and
 * the user, which HTTP does not tell; the time the response was complete, in the log's
 * {@linkplain Builder#zone zone}; the request line with its version; the status sent; the bytes of
 * the body sent ({@code -} for none); and the Referer and User-Agent fields, {@code "-"} when
 * absent. Quoted fields escape {@code "} and {@code \} with a backslash and any byte outside
 * printable ASCII as {@code \xHH}, so no request can forge a line or a field.
 *
 * <p>The wire engine writes the lines: give the log to the protocol
 * ({@code Http1Protocol.Builder.accessLog}), and every request is logged once its response is
 * complete, with the status and bytes that went out, including those the engine refused before a
 * handler ran ({@link #logRefused}: a malformed request with what there was of its line, a head
 * that timed out).
 *
 * <h2>Off the loop</h2>
 * Logging builds one small record and offers it to a bounded multi-producer queue (jctools
 * {@link MpscAtomicArrayQueue}, the variant that needs no {@code sun.misc.Unsafe}); one writer
 * thread formats and writes lines. When the queue is full the line is dropped and counted: a
 * request never waits. The writer parks when the queue is empty and is woken by the next offer,
 * and flushes the output each time it has caught up. {@link #close()} writes what is queued,
 * stops the thread and waits for it.
 *
 * <p>Thread-safe.
 */
public final class AccessLog implements AutoCloseable {

    /** Which fields a line has. */
    public enum Format {
        /** The Common Log Format: {@code %h %l %u %t "%r" %>s %b}. */
        COMMON,
        /** The Combined Log Format: Common, then {@code "%{Referer}i" "%{User-agent}i"}. */
        COMBINED
    }

    /** The default for {@link Builder#queueCapacity}. */
    public static final int DEFAULT_QUEUE_CAPACITY = 8192;

    private static final AtomicInteger THREADS = new AtomicInteger();
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    /**
     * One exchange, as the engine hands it to the writer: either a request's method, target and
     * version, or, for a request refused before it was one, its raw line (null if none).
     */
    private record Entry(long epochMillis, InetSocketAddress client, String method, String target, String version,
                         String rawLine, int status, long bytes, String referer, String userAgent) {}

    private final MpscAtomicArrayQueue<Entry> queue;
    private final Appendable out;
    private final Writer owned;
    private final Format format;
    private final LongSupplier epochMillis;
    private final DateTimeFormatter timestamps;
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
        this.timestamps = DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ROOT).withZone(b.zone);
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

    /**
     * Logs a request whose response is complete. What a wire engine calls; never blocks.
     *
     * @param status the status sent
     * @param bodyBytes the bytes of the body sent, 0 for none (a HEAD, a 304), -1 if unknown
     */
    public void log(HttpRequest request, int status, long bodyBytes) {
        boolean combined = format == Format.COMBINED;
        offer(new Entry(epochMillis.getAsLong(), request.remoteAddress(), request.method().name(), request.target().raw(),
                request.version().text(), null, status, bodyBytes,
                combined ? request.header(HeaderName.REFERER) : null,
                combined ? request.header(HeaderName.USER_AGENT) : null));
    }

    /**
     * Logs a request the engine answered before it became an {@link HttpRequest} (a malformed
     * request, a head that did not arrive in time, an expectation it cannot meet). Never blocks.
     *
     * @param client the client's address, or null if unknown
     * @param requestLine what there was of its request line, as received, or null if none
     * @param fields its header fields if they were read, or null
     */
    public void logRefused(InetSocketAddress client, String requestLine, Headers fields, int status, long bodyBytes) {
        boolean combined = format == Format.COMBINED && fields != null;
        offer(new Entry(epochMillis.getAsLong(), client, null, null, null, requestLine, status, bodyBytes,
                combined ? fields.get(HeaderName.REFERER) : null,
                combined ? fields.get(HeaderName.USER_AGENT) : null));
    }

    private void offer(Entry entry) {
        if (closing) {
            dropped.increment();
            return;
        }
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
        if (e.client() != null && e.client().getAddress() != null) {
            sb.append(e.client().getAddress().getHostAddress());
        } else {
            sb.append('-');
        }
        sb.append(" - - [").append(timestamp(e.epochMillis())).append("] \"");
        if (e.method() != null) {
            escaped(sb, e.method());
            sb.append(' ');
            escaped(sb, e.target());
            sb.append(' ').append(e.version());
        } else if (e.rawLine() != null && !e.rawLine().isEmpty()) {
            escaped(sb, e.rawLine());
        } else {
            sb.append('-');
        }
        sb.append("\" ").append(e.status()).append(' ');
        if (e.bytes() > 0) {
            sb.append(e.bytes());
        } else {
            sb.append('-');
        }
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
            timestamp = timestamps.format(Instant.ofEpochSecond(second));
        }
        return timestamp;
    }

    /** A quoted field: {@code "-"} when absent, as Apache writes it. */
    private static void quoted(StringBuilder sb, String value) {
        sb.append('"');
        if (value == null) {
            sb.append('-');
        } else {
            escaped(sb, value);
        }
        sb.append('"');
    }

    /**
     * Printable ASCII as it is but {@code "} and {@code \\}, which get a backslash; every other
     * byte (a field's value is Latin-1; anything wider goes as UTF-8 bytes) as {@code \\xHH}.
     */
    private static void escaped(StringBuilder sb, String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"' || c == '\\') {
                sb.append('\\').append(c);
            } else if (c >= 0x20 && c <= 0x7E) {
                sb.append(c);
            } else if (c <= 0xFF) {
                hex(sb, c);
            } else {
                int end = Character.isHighSurrogate(c) && i + 1 < value.length() ? i + 2 : i + 1;
                for (byte b : value.substring(i, end).getBytes(StandardCharsets.UTF_8)) {
                    hex(sb, b & 0xFF);
                }
                i = end - 1;
            }
        }
    }

    private static void hex(StringBuilder sb, int b) {
        sb.append("\\x").append(HEX[b >> 4 & 0xF]).append(HEX[b & 0xF]);
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
        private ZoneId zone = ZoneId.systemDefault();
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

        /** The wall clock for timestamps, in milliseconds since the epoch; {@code System::currentTimeMillis} by default. */
        public Builder clock(LongSupplier epochMillis) {
            this.epochMillis = Objects.requireNonNull(epochMillis, "epochMillis");
            return this;
        }

        /** The zone timestamps are written in, with its offset ({@code -0700}); the system's by default, as Apache does. */
        public Builder zone(ZoneId zone) {
            this.zone = Objects.requireNonNull(zone, "zone");
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
