package io.zyphos.http.cache;

import io.netty.buffer.ByteBuf;
import io.zyphos.buffer.Buffers;
import io.zyphos.http.EntityTags;
import io.zyphos.http.HeaderName;
import io.zyphos.http.Headers;
import io.zyphos.http.HttpFilter;
import io.zyphos.http.HttpHandler;
import io.zyphos.http.HttpRequest;
import io.zyphos.http.HttpResponse;
import io.zyphos.http.InvocationType;
import io.zyphos.http.Method;
import io.zyphos.http.RequestTarget;
import io.zyphos.http.ResponseBody;
import io.zyphos.http.Status;
import io.zyphos.metrics.Counter;
import io.zyphos.metrics.MetricsRegistry;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;

/**
 * A shared response cache in front of handlers (RFC 9111): GET responses held in memory, bounded
 * in bytes, least recently used first out, answered again while fresh.
 *
 * <pre>{@code
 * ResponseCache cache = ResponseCache.builder().maxBytes(32 << 20).metrics(registry, "http_cache").build();
 * HttpHandler cached = cache.wrap(handler);
 * }</pre>
 *
 * <h2>What is stored (RFC 9111 §3)</h2>
 * A response to GET whose status is cacheable by default (RFC 9110 §15.1: 200, 203, 204, 300,
 * 301, 308, 404, 405, 410, 414, 501; not 206, as partial content is not combined here) and whose
 * body is {@link ResponseBody.Bytes} or empty, when
 * <ul>
 *   <li>it has explicit freshness: {@code s-maxage}, or else {@code max-age}, above zero (§4.2.1).
 *       Nothing is stored on heuristic freshness, nor on Expires, which needs a wall clock this
 *       cache does not read;</li>
 *   <li>neither the request nor the response says {@code no-store} (§5.2.1.5, §5.2.2.5), and the
 *       response says neither {@code private} (§5.2.2.7: this cache serves every user) nor
 *       {@code no-cache} (§5.2.2.4: this cache does not revalidate);</li>
 *   <li>the response does not say {@code Vary: *} (§4.1), and sets no cookie;</li>
 *   <li>a request with Authorization gets a response that says {@code public},
 *       {@code must-revalidate} or {@code s-maxage} (§3.5);</li>
 *   <li>it fits in {@link Builder#maxEntryBytes}.</li>
 * </ul>
 *
 * <h2>What is answered from it (RFC 9111 §4)</h2>
 * GET and HEAD for the same authority and target, when every header the stored response's Vary
 * names has the same value in the new request (§4.1; several lines are compared as one
 * comma-joined value), and the response is still fresh: its age, counted on the injected clock
 * from when it was stored plus any Age it came with (§4.2.3), is below its freshness lifetime. The
 * answer carries {@code Age} (§5.1). A request's {@code no-cache}, {@code max-age} and
 * {@code min-fresh} narrow what it accepts (§5.2.1); {@code only-if-cached} gets 504 on a miss
 * (§5.2.1.7). A stored ETag matched by If-None-Match gets 304 (§4.3.2). Requests with Range,
 * If-Range, If-Match or If-Unmodified-Since are passed to the handler: those are for the origin.
 * A stale response is dropped, never revalidated. An unsafe method that succeeds invalidates the
 * target (§4.4).
 *
 * <h2>Buffers</h2>
 * A stored response holds its own copy of the body, sized to it, so the handler's buffer keeps
 * its single owner and the accounting is exact. Every hit hands out a response owning one new
 * reference ({@code retainedDuplicate}), which the engine releases. Eviction, {@link #clear()} and
 * {@link #close()} release the cache's own reference; a response already handed out stays valid.
 *
 * <h2>Threads</h2>
 * One lock guards the table, held only to look up, insert or evict: no I/O, no handler call,
 * so the filter is {@link InvocationType#NON_BLOCKING} and runs on an event loop. Hits, misses,
 * stores and evictions are counted in {@link Counter}s, registered in a {@link MetricsRegistry}
 * if one is given.
 */
public final class ResponseCache implements HttpFilter, AutoCloseable {

    /** The default for {@link Builder#maxBytes}: 64 MiB. */
    public static final long DEFAULT_MAX_BYTES = 64L << 20;
    /** The default for {@link Builder#maxVariants}. */
    public static final int DEFAULT_MAX_VARIANTS = 8;
    /** What an entry is charged besides its body, its key and its header text: the objects that hold them. */
    static final int ENTRY_OVERHEAD = 256;

    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    private static final HeaderName[] NO_NAMES = new HeaderName[0];

    private final long maxBytes;
    private final long maxEntryBytes;
    private final int maxVariants;
    private final LongSupplier nanos;
    private final Counter hits;
    private final Counter misses;
    private final Counter stores;
    private final Counter evictions;

    private final ReentrantLock lock = new ReentrantLock();
    /** Access-ordered: iteration starts at the least recently used target. Guarded by {@link #lock}. */
    private final LinkedHashMap<Key, Node> nodes = new LinkedHashMap<>(64, 0.75f, true);
    private volatile long bytes;
    private volatile int entries;
    private volatile boolean closed;

    private ResponseCache(Builder b) {
        this.maxBytes = b.maxBytes;
        this.maxEntryBytes = b.maxEntryBytes < 0 ? Math.max(1, b.maxBytes / 8) : Math.min(b.maxEntryBytes, b.maxBytes);
        this.maxVariants = b.maxVariants;
        this.nanos = b.nanos;
        if (b.registry != null) {
            String p = b.prefix;
            this.hits = b.registry.counter(p + "_hits_total", "Responses answered from the cache");
            this.misses = b.registry.counter(p + "_misses_total", "GET and HEAD requests the cache could not answer");
            this.stores = b.registry.counter(p + "_stores_total", "Responses stored");
            this.evictions = b.registry.counter(p + "_evictions_total", "Stored responses dropped to make room");
            b.registry.gauge(p + "_bytes", "Bytes held, bodies and headers", () -> bytes);
        } else {
            this.hits = new Counter();
            this.misses = new Counter();
            this.stores = new Counter();
            this.evictions = new Counter();
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Responses answered from the cache. */
    public long hits() {
        return hits.value();
    }

    /** GET and HEAD requests passed to the handler. */
    public long misses() {
        return misses.value();
    }

    /** Responses stored. */
    public long stores() {
        return stores.value();
    }

    /** Stored responses dropped to stay within {@link Builder#maxBytes} or {@link Builder#maxVariants}. */
    public long evictions() {
        return evictions.value();
    }

    /** The bytes charged for what is stored now. */
    public long bytes() {
        return bytes;
    }

    /** The responses stored now (each variant counts). */
    public int entries() {
        return entries;
    }

    @Override
    public InvocationType invocationType() {
        return InvocationType.NON_BLOCKING;
    }

    @Override
    public HttpResponse filter(HttpRequest request, HttpHandler next) throws Exception {
        if (closed) {
            return next.handle(request);
        }
        Method method = request.method();
        if (method != Method.GET && method != Method.HEAD) {
            HttpResponse response = next.handle(request);
            int code = response.status().code();
            if (!method.isSafe() && code >= 200 && code < 400) {
                invalidate(key(request));
            }
            return response;
        }
        Headers headers = request.headers();
        if (headers.contains(HeaderName.RANGE) || headers.contains(HeaderName.IF_RANGE)
                || headers.contains(HeaderName.IF_MATCH) || headers.contains(HeaderName.IF_UNMODIFIED_SINCE)) {
            return next.handle(request);
        }
        CacheControl asked = CacheControl.of(headers);
        Key key = key(request);
        if (!asked.noCache) {
            HttpResponse hit = lookup(key, request, asked);
            if (hit != null) {
                hits.increment();
                return hit;
            }
        }
        misses.increment();
        if (asked.onlyIfCached) {
            return HttpResponse.of(Status.GATEWAY_TIMEOUT);
        }
        HttpResponse response = next.handle(request);
        if (method == Method.GET && !asked.noStore) {
            store(key, request, response);
        }
        return response;
    }

    /** Drops and releases everything stored. */
    public void clear() {
        lock.lock();
        try {
            for (Node node : nodes.values()) {
                node.releaseAll();
            }
            nodes.clear();
            bytes = 0;
            entries = 0;
        } finally {
            lock.unlock();
        }
    }

    /** Releases everything stored; afterwards requests pass straight to the handler. Idempotent. */
    @Override
    public void close() {
        lock.lock();
        try {
            closed = true;
            clear();
        } finally {
            lock.unlock();
        }
    }

    private HttpResponse lookup(Key key, HttpRequest request, CacheControl asked) {
        Variant found = null;
        ByteBuf content = null;
        long age = 0;
        long now = nanos.getAsLong();
        lock.lock();
        try {
            Node node = nodes.get(key);
            if (node == null) {
                return null;
            }
            int index = node.find(request.headers());
            if (index < 0) {
                return null;
            }
            Variant v = node.variants[index];
            age = v.ageSeconds(now);
            if (age >= v.lifetimeSeconds) {
                // Stale, and this cache does not revalidate (RFC 9111 §4.3): drop it.
                removeVariant(key, node, index);
                return null;
            }
            if ((asked.maxAge != CacheControl.ABSENT && age > asked.maxAge)
                    || (asked.minFresh != CacheControl.ABSENT && v.lifetimeSeconds - age < asked.minFresh)) {
                return null;
            }
            found = v;
            if (v.content != null) {
                content = v.content.retainedDuplicate();
            }
        } finally {
            lock.unlock();
        }
        return answer(found, content, age, request.headers());
    }

    /** The response for a hit; takes ownership of {@code content}. */
    private static HttpResponse answer(Variant v, ByteBuf content, long age, Headers requestHeaders) {
        String etag = v.headers.get(HeaderName.ETAG);
        if (etag != null && requestHeaders.contains(HeaderName.IF_NONE_MATCH)
                && EntityTags.listMatches(requestHeaders, HeaderName.IF_NONE_MATCH, etag, false)) {
            if (content != null) {
                content.release();
            }
            // RFC 9110 §15.4.5: the fields a 200 would carry that a cache needs to update itself.
            HttpResponse.Builder b = HttpResponse.builder(Status.NOT_MODIFIED).header(HeaderName.ETAG, etag);
            copy(v.headers, HeaderName.CACHE_CONTROL, b);
            copy(v.headers, HeaderName.VARY, b);
            copy(v.headers, HeaderName.CONTENT_LOCATION, b);
            return b.header(HeaderName.AGE, Long.toString(age)).build();
        }
        HttpResponse.Builder b = HttpResponse.builder(v.status);
        Headers stored = v.headers;
        for (int i = 0; i < stored.size(); i++) {
            b.header(stored.name(i), stored.value(i));
        }
        b.header(HeaderName.AGE, Long.toString(age));
        if (content != null) {
            b.body(content);
        }
        return b.build();
    }

    private static void copy(Headers from, HeaderName name, HttpResponse.Builder to) {
        for (int i = 0; i < from.size(); i++) {
            if (from.name(i).equals(name)) {
                to.header(name, from.value(i));
            }
        }
    }

    private void store(Key key, HttpRequest request, HttpResponse response) {
        if (!storableStatus(response.status().code())) {
            return;
        }
        ByteBuf body;
        switch (response.body()) {
            case ResponseBody.Bytes(ByteBuf content) -> body = content;
            case ResponseBody.Empty ignored -> body = null;
            default -> {
                return;
            }
        }
        Headers headers = response.headers();
        CacheControl cc = CacheControl.of(headers);
        if (cc.noStore || cc.isPrivate || cc.noCache || headers.contains(HeaderName.SET_COOKIE)) {
            return;
        }
        if (request.headers().contains(HeaderName.AUTHORIZATION)
                && !(cc.isPublic || cc.mustRevalidate || cc.sMaxAge != CacheControl.ABSENT)) {
            return;
        }
        long lifetime = cc.sMaxAge != CacheControl.ABSENT ? cc.sMaxAge : cc.maxAge;
        if (lifetime <= 0) {
            return;
        }
        long initialAge = 0;
        String age = headers.get(HeaderName.AGE);
        if (age != null) {
            initialAge = CacheControl.seconds(age, 0, age.length());
            if (initialAge < 0 || initialAge >= lifetime) {
                return;
            }
        }
        HeaderName[] varyNames = varyNames(headers);
        if (varyNames == null) {
            return;
        }
        long size = ENTRY_OVERHEAD + 2L * (key.authority.length() + key.target.length())
                + (body == null ? 0 : body.readableBytes());
        for (int i = 0; i < headers.size(); i++) {
            size += 2L * (headers.name(i).toString().length() + headers.value(i).length());
        }
        String[] varyValues = new String[varyNames.length];
        for (int i = 0; i < varyNames.length; i++) {
            varyValues[i] = combined(request.headers(), varyNames[i]);
            size += varyValues[i] == null ? 0 : 2L * varyValues[i].length();
        }
        if (size > maxEntryBytes) {
            return;
        }
        ByteBuf copy = null;
        if (body != null) {
            int n = body.readableBytes();
            copy = Buffers.allocator().directBuffer(n, n).writeBytes(body, body.readerIndex(), n);
        }
        Headers kept = headers.copy();
        // The age a hit reports is computed afresh (RFC 9111 §5.1).
        kept.remove(HeaderName.AGE);
        Variant v = new Variant(response.status(), kept, copy, varyNames, varyValues,
                nanos.getAsLong(), initialAge, lifetime, size);
        lock.lock();
        try {
            if (closed) {
                v.release();
                return;
            }
            Node node = nodes.computeIfAbsent(key, k -> new Node());
            int same = node.sameVariant(v);
            if (same >= 0) {
                removeVariant(key, node, same);
                node = nodes.computeIfAbsent(key, k -> new Node());
            } else if (node.count == maxVariants) {
                removeVariant(key, node, 0);
                evictions.increment();
                node = nodes.computeIfAbsent(key, k -> new Node());
            }
            node.add(v);
            bytes += size;
            entries++;
            stores.increment();
            evictUntilWithinBound(key);
        } finally {
            lock.unlock();
        }
    }

    /** Drops least recently used targets until the bytes fit, never the one just stored. */
    private void evictUntilWithinBound(Key justStored) {
        Iterator<Map.Entry<Key, Node>> it = nodes.entrySet().iterator();
        while (bytes > maxBytes && it.hasNext()) {
            Map.Entry<Key, Node> eldest = it.next();
            if (eldest.getKey().equals(justStored)) {
                continue;
            }
            Node node = eldest.getValue();
            it.remove();
            bytes -= node.bytes;
            entries -= node.count;
            evictions.add(node.count);
            node.releaseAll();
        }
    }

    private void invalidate(Key key) {
        lock.lock();
        try {
            Node node = nodes.remove(key);
            if (node != null) {
                bytes -= node.bytes;
                entries -= node.count;
                node.releaseAll();
            }
        } finally {
            lock.unlock();
        }
    }

    private void removeVariant(Key key, Node node, int index) {
        Variant v = node.remove(index);
        bytes -= v.size;
        entries--;
        v.release();
        if (node.count == 0) {
            nodes.remove(key);
        }
    }

    /** RFC 9110 §15.1's heuristically cacheable codes, less 206. */
    private static boolean storableStatus(int code) {
        return switch (code) {
            case 200, 203, 204, 300, 301, 308, 404, 405, 410, 414, 501 -> true;
            default -> false;
        };
    }

    /** The field names Vary lists (RFC 9110 §12.5.5), or {@code null} for {@code Vary: *}. */
    private static HeaderName[] varyNames(Headers headers) {
        if (!headers.contains(HeaderName.VARY)) {
            return NO_NAMES;
        }
        List<HeaderName> names = new ArrayList<>(2);
        for (int line = 0; line < headers.size(); line++) {
            if (!headers.name(line).equals(HeaderName.VARY)) {
                continue;
            }
            String v = headers.value(line);
            int i = 0;
            while (i < v.length()) {
                char c = v.charAt(i);
                if (c == ' ' || c == '\t' || c == ',') {
                    i++;
                    continue;
                }
                int start = i;
                while (i < v.length() && v.charAt(i) != ',' && v.charAt(i) != ' ' && v.charAt(i) != '\t') {
                    i++;
                }
                if (i - start == 1 && v.charAt(start) == '*') {
                    return null;
                }
                HeaderName name;
                try {
                    name = HeaderName.of(v.substring(start, i));
                } catch (IllegalArgumentException e) {
                    // Not a field name: nothing could match it, as for "*".
                    return null;
                }
                if (!names.contains(name)) {
                    names.add(name);
                }
            }
        }
        return names.toArray(NO_NAMES);
    }

    /** Every line of {@code name} as one value joined with {@code ", "} (RFC 9110 §5.3), or {@code null}. */
    static String combined(Headers headers, HeaderName name) {
        String first = null;
        StringBuilder all = null;
        for (int i = 0; i < headers.size(); i++) {
            if (headers.name(i).equals(name)) {
                if (first == null) {
                    first = headers.value(i);
                } else {
                    if (all == null) {
                        all = new StringBuilder(first);
                    }
                    all.append(", ").append(headers.value(i));
                }
            }
        }
        return all == null ? first : all.toString();
    }

    private static Key key(HttpRequest request) {
        RequestTarget target = request.target();
        String authority = target.authority() != null ? target.authority() : request.header(HeaderName.HOST);
        String pathAndQuery = target.form() == RequestTarget.Form.ORIGIN ? target.raw()
                : target.rawQuery() == null ? target.rawPath() : target.rawPath() + "?" + target.rawQuery();
        return new Key(authority == null ? "" : authority, pathAndQuery);
    }

    /** The primary cache key (RFC 9111 §2): the target URI; the method is always GET. */
    private record Key(String authority, String target) {}

    /** The stored responses for one target, one per set of Vary values, oldest first. */
    private static final class Node {
        Variant[] variants = new Variant[1];
        int count;
        long bytes;

        int find(Headers request) {
            for (int i = count - 1; i >= 0; i--) {
                if (variants[i].matches(request)) {
                    return i;
                }
            }
            return -1;
        }

        int sameVariant(Variant v) {
            for (int i = 0; i < count; i++) {
                if (Arrays.equals(variants[i].varyNames, v.varyNames)
                        && Arrays.equals(variants[i].varyValues, v.varyValues)) {
                    return i;
                }
            }
            return -1;
        }

        void add(Variant v) {
            if (count == variants.length) {
                variants = Arrays.copyOf(variants, count * 2);
            }
            variants[count++] = v;
            bytes += v.size;
        }

        Variant remove(int index) {
            Variant v = variants[index];
            System.arraycopy(variants, index + 1, variants, index, count - index - 1);
            variants[--count] = null;
            bytes -= v.size;
            return v;
        }

        void releaseAll() {
            for (int i = 0; i < count; i++) {
                variants[i].release();
                variants[i] = null;
            }
            count = 0;
            bytes = 0;
        }
    }

    /** One stored response. {@code content} is the cache's own reference, or {@code null} for no body. */
    private record Variant(Status status, Headers headers, ByteBuf content, HeaderName[] varyNames,
                           String[] varyValues, long storedAtNanos, long initialAgeSeconds, long lifetimeSeconds,
                           long size) {

        /** RFC 9111 §4.2.3, with the clock of this cache standing in for the origin's Date. */
        long ageSeconds(long nowNanos) {
            return initialAgeSeconds + Math.max(0, nowNanos - storedAtNanos) / NANOS_PER_SECOND;
        }

        /** Whether {@code request} has the values this response's Vary names (RFC 9111 §4.1). */
        boolean matches(Headers request) {
            for (int i = 0; i < varyNames.length; i++) {
                if (!Objects.equals(varyValues[i], combined(request, varyNames[i]))) {
                    return false;
                }
            }
            return true;
        }

        void release() {
            if (content != null) {
                content.release();
            }
        }
    }

    /** Configures a {@link ResponseCache}. */
    public static final class Builder {

        private long maxBytes = DEFAULT_MAX_BYTES;
        private long maxEntryBytes = -1;
        private int maxVariants = DEFAULT_MAX_VARIANTS;
        private LongSupplier nanos = System::nanoTime;
        private MetricsRegistry registry;
        private String prefix;

        private Builder() {}

        /** The most bytes held, bodies and headers; {@value #DEFAULT_MAX_BYTES} (64 MiB) by default. */
        public Builder maxBytes(long max) {
            if (max < 1) {
                throw new IllegalArgumentException("maxBytes must be positive: " + max);
            }
            this.maxBytes = max;
            return this;
        }

        /** The largest single response stored; an eighth of {@link #maxBytes} by default. */
        public Builder maxEntryBytes(long max) {
            if (max < 1) {
                throw new IllegalArgumentException("maxEntryBytes must be positive: " + max);
            }
            this.maxEntryBytes = max;
            return this;
        }

        /**
         * The most variants (responses with different Vary values) kept per target; the oldest
         * goes first. {@value #DEFAULT_MAX_VARIANTS} by default: {@code Vary: User-Agent} would
         * otherwise fill the cache with one page.
         */
        public Builder maxVariants(int max) {
            if (max < 1) {
                throw new IllegalArgumentException("maxVariants must be positive: " + max);
            }
            this.maxVariants = max;
            return this;
        }

        /** The monotonic clock ages are counted on, in nanoseconds; {@link System#nanoTime} by default. */
        public Builder clock(LongSupplier nanos) {
            this.nanos = Objects.requireNonNull(nanos, "nanos");
            return this;
        }

        /**
         * Registers the counters in {@code registry} as {@code <prefix>_hits_total},
         * {@code _misses_total}, {@code _stores_total}, {@code _evictions_total}, and the gauge
         * {@code <prefix>_bytes}.
         */
        public Builder metrics(MetricsRegistry registry, String prefix) {
            this.registry = Objects.requireNonNull(registry, "registry");
            this.prefix = Objects.requireNonNull(prefix, "prefix");
            return this;
        }

        public ResponseCache build() {
            return new ResponseCache(this);
        }
    }
}
