package io.zyphos.http.files;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.zyphos.http.HttpDate;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What {@link StaticFiles} remembers between requests, as Jetty's caching content factory does:
 * which file a path led to, each representation's validators, and the bytes of small files. A hit
 * is a map lookup: no stat, no open, no read, so it can be answered on the event loop.
 *
 * <h2>Freshness</h2>
 * An entry is trusted for the revalidation period after it was made. The first lookup after that
 * misses, and the caller resolves the path again through every check of {@link FileResolver}
 * (links included); the bytes already held are kept if the file's size and modification time did
 * not change. A file changed on disk is therefore served as changed within one period; a period of
 * zero trusts nothing and checks the file system on every request.
 *
 * <h2>Bounds</h2>
 * <table>
 *   <caption>What the cache may hold</caption>
 *   <tr><th>bound</th><th>past it</th></tr>
 *   <tr><td>{@code maxEntries} paths</td><td>entries not used since the last sweep are dropped (second chance)</td></tr>
 *   <tr><td>{@code maxFileBytes} per file</td><td>a longer file is mapped into memory (the OS's page cache, not the
 *       JVM's memory, holds its bytes) or, with mapping off, remembered without its bytes and sent with sendfile</td></tr>
 *   <tr><td>{@code maxBytes} of file bytes in all</td><td>as for entries; a file that would not fit is remembered without its bytes</td></tr>
 * </table>
 * Only files that were found are remembered: requests for missing paths, however many, add nothing.
 *
 * <p>The bytes are held in direct memory the garbage collector frees once no entry and no response
 * refers to them; a response gets a read-only view, so nothing a handler or filter does can change
 * what the next request is sent.
 *
 * <p>Thread-safe. Lookups take no lock; two threads that miss the same path may both resolve it,
 * and the last one's entry stays.
 */
final class FileCache {

    /**
     * One way a file can be sent: the file asked for, or a pre-compressed sibling of it (RFC 9110
     * §8.4).
     *
     * @param etag the strong entity tag (RFC 9110 §8.8.3)
     * @param lastModified the Last-Modified field value (§8.8.2)
     * @param content the file's bytes, read-only, or {@code null} when they are not held
     * @param mapped whether {@code content} is a mapping of the file rather than a copy of it
     */
    record Representation(Path file, long size, long modifiedSeconds, long modifiedNanos, String etag,
            String lastModified, ByteBuffer content, boolean mapped) {

        /** The bytes as a buffer for one response, or {@code null}; the caller owns the buffer. */
        ByteBuf body() {
            return content == null ? null : Unpooled.wrappedBuffer(content.duplicate());
        }

        /** Memory of the JVM's own this holds: a mapping's pages are the OS's page cache. */
        long heldBytes() {
            return content == null || mapped ? 0 : content.capacity();
        }

        /** Whether {@code attributes} describe the file this was made from, unchanged. */
        boolean sameAs(Path other, BasicFileAttributes attributes) {
            return file.equals(other) && size == attributes.size()
                    && modifiedNanos == attributes.lastModifiedTime().to(TimeUnit.NANOSECONDS);
        }
    }

    /**
     * A file found under the root, with the siblings that may be sent in its place.
     *
     * @param brotli the {@code .br} sibling, or {@code null}
     * @param gzip the {@code .gz} sibling, or {@code null}
     */
    static final class Entry {
        final Representation identity;
        final Representation brotli;
        final Representation gzip;
        final String contentType;
        final long checkedAtMillis;
        final long heldBytes;
        /** Set by a hit, cleared by a sweep: an entry unused between two sweeps goes. */
        boolean used;

        Entry(Representation identity, Representation brotli, Representation gzip, String contentType, long checkedAtMillis) {
            this.identity = identity;
            this.brotli = brotli;
            this.gzip = gzip;
            this.contentType = contentType;
            this.checkedAtMillis = checkedAtMillis;
            this.heldBytes = identity.heldBytes() + (brotli == null ? 0 : brotli.heldBytes())
                    + (gzip == null ? 0 : gzip.heldBytes());
        }

        /** Whether a pre-compressed sibling exists, so the response varies by Accept-Encoding (§12.5.5). */
        boolean varies() {
            return brotli != null || gzip != null;
        }
    }

    private final long revalidateMillis;
    private final int maxEntries;
    private final long maxFileBytes;
    private final long maxBytes;
    private final boolean mapLarger;
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final AtomicLong heldBytes = new AtomicLong();

    /**
     * @param revalidateMillis how long an entry is trusted; 0 to check on every request
     * @param maxEntries the most paths remembered; 0 remembers nothing
     * @param maxFileBytes the longest file whose bytes are held
     * @param maxBytes the most file bytes held in all
     * @param mapLarger whether a file longer than {@code maxFileBytes} is mapped into memory
     */
    FileCache(long revalidateMillis, int maxEntries, long maxFileBytes, long maxBytes, boolean mapLarger) {
        this.revalidateMillis = revalidateMillis;
        this.maxEntries = maxEntries;
        this.maxFileBytes = maxFileBytes;
        this.maxBytes = maxBytes;
        this.mapLarger = mapLarger;
    }

    /**
     * The entry for {@code relative} if one is held and still fresh at {@code nowMillis}; never
     * touches the file system.
     */
    Entry lookup(String relative, long nowMillis) {
        Entry e = entries.get(relative);
        if (e == null || nowMillis - e.checkedAtMillis >= revalidateMillis || nowMillis < e.checkedAtMillis) {
            return null;
        }
        if (!e.used) {
            e.used = true;
        }
        return e;
    }

    /**
     * Remembers what {@code relative} resolved to at {@code nowMillis}, reading the bytes of small
     * representations (or keeping those already held, if unchanged).
     *
     * @param brotli the {@code .br} sibling's attributes, or {@code null}
     * @param gzip the {@code .gz} sibling's attributes, or {@code null}
     */
    Entry remember(String relative, String contentType, Path file, BasicFileAttributes attributes,
            Path brotliFile, BasicFileAttributes brotli, Path gzipFile, BasicFileAttributes gzip,
            long nowMillis) throws IOException {
        Entry previous = entries.get(relative);
        Entry e = new Entry(
                representation(file, attributes, null, previous == null ? null : previous.identity),
                brotli == null ? null
                        : representation(brotliFile, brotli, AcceptEncoding.BR, previous == null ? null : previous.brotli),
                gzip == null ? null
                        : representation(gzipFile, gzip, AcceptEncoding.GZIP, previous == null ? null : previous.gzip),
                contentType, nowMillis);
        if (maxEntries > 0) {
            Entry replaced = entries.put(relative, e);
            heldBytes.addAndGet(e.heldBytes - (replaced == null ? 0 : replaced.heldBytes));
            if (entries.size() > maxEntries || heldBytes.get() > maxBytes) {
                sweep();
            }
        }
        return e;
    }

    /** Forgets everything. */
    void clear() {
        entries.clear();
        heldBytes.set(0);
    }

    /** Paths remembered now. */
    int size() {
        return entries.size();
    }

    /** File bytes held now. */
    long heldBytes() {
        return heldBytes.get();
    }

    /** {@code file} as sent with {@code encoding} ({@code null} for none). */
    private Representation representation(Path file, BasicFileAttributes attributes, String encoding,
            Representation previous) throws IOException {
        long modifiedNanos = attributes.lastModifiedTime().to(TimeUnit.NANOSECONDS);
        long modifiedSeconds = attributes.lastModifiedTime().to(TimeUnit.SECONDS);
        long size = attributes.size();
        ByteBuffer content = null;
        boolean mapped = false;
        if (previous != null && previous.sameAs(file, attributes)) {
            content = previous.content();
            mapped = previous.mapped();
        } else if (maxEntries > 0 && size <= maxFileBytes && heldBytes.get() + size <= maxBytes) {
            content = read(file, size);
        } else if (maxEntries > 0 && mapLarger && size > maxFileBytes && size <= Integer.MAX_VALUE) {
            content = map(file, size);
            mapped = content != null;
        }
        return new Representation(file, size, modifiedSeconds, modifiedNanos,
                StaticFiles.etag(size, modifiedNanos, encoding), HttpDate.format(modifiedSeconds), content, mapped);
    }

    /** The file's bytes, or {@code null} if it no longer has the length it was found with. */
    private static ByteBuffer read(Path file, long size) throws IOException {
        ByteBuffer bytes = ByteBuffer.allocateDirect((int) size);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            while (bytes.hasRemaining()) {
                if (channel.read(bytes, bytes.position()) < 0) {
                    return null;
                }
            }
            if (channel.size() != size) {
                return null;
            }
        }
        return bytes.flip().asReadOnlyBuffer();
    }

    /**
     * The file mapped into memory, read-only, or {@code null} if it no longer has the length it was
     * found with. The mapping lives until no entry and no response refers to it.
     */
    private static ByteBuffer map(Path file, long size) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            if (channel.size() != size) {
                return null;
            }
            return channel.map(FileChannel.MapMode.READ_ONLY, 0, size).asReadOnlyBuffer();
        }
    }

    /**
     * Drops entries until the bounds hold with room to spare, those unused since the last sweep
     * first: each pass clears the mark of the used ones, so the second pass may take them too.
     */
    private synchronized void sweep() {
        int entryTarget = maxEntries - maxEntries / 8;
        long byteTarget = maxBytes - maxBytes / 8;
        for (int pass = 0; pass < 2; pass++) {
            Iterator<Map.Entry<String, Entry>> it = entries.entrySet().iterator();
            while (it.hasNext() && (entries.size() > entryTarget || heldBytes.get() > byteTarget)) {
                Map.Entry<String, Entry> next = it.next();
                Entry e = next.getValue();
                if (e.used) {
                    e.used = false;
                } else if (entries.remove(next.getKey(), e)) {
                    heldBytes.addAndGet(-e.heldBytes);
                }
            }
        }
    }
}
