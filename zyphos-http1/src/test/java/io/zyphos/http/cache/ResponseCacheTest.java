package io.zyphos.http.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.zyphos.http.HeaderName;
import io.zyphos.http.HttpHandler;
import io.zyphos.http.HttpRequest;
import io.zyphos.http.HttpResponse;
import io.zyphos.http.InvocationType;
import io.zyphos.http.Method;
import io.zyphos.http.ResponseBody;
import io.zyphos.http.Status;
import io.zyphos.metrics.MetricsRegistry;
import io.zyphos.metrics.MetricsSnapshot;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A shared cache in front of a handler (RFC 9111): what it may store (§3), when a stored response
 * answers a request (§4: same target, matching Vary, still fresh) and with which Age (§4.2.3, §5.1),
 * what request directives change (§5.2.1), and that it stays within its bytes, least recently used
 * out. Every test also shows that no buffer leaks: the cache and each response own their bytes.
 */
class ResponseCacheTest {

    private static final long SECOND = 1_000_000_000L;

    private final AtomicLong now = new AtomicLong(1_000 * SECOND);
    private final AtomicInteger calls = new AtomicInteger();
    private final List<ResponseCache> caches = new ArrayList<>();

    @AfterEach
    void closeCaches() {
        caches.forEach(ResponseCache::close);
    }

    private ResponseCache cache() {
        return cache(ResponseCache.builder());
    }

    private ResponseCache cache(ResponseCache.Builder b) {
        ResponseCache c = b.clock(now::get).build();
        caches.add(c);
        return c;
    }

    /** A handler that answers "v1", "v2"... with the header pairs {@code fields}. */
    private HttpHandler origin(String... fields) {
        return origin(Status.OK, fields);
    }

    private HttpHandler origin(Status status, String... fields) {
        return request -> {
            HttpResponse.Builder b = HttpResponse.builder(status);
            for (int i = 0; i < fields.length; i += 2) {
                b.header(fields[i], fields[i + 1]);
            }
            return b.body("v" + calls.incrementAndGet()).build();
        };
    }

    private static HttpRequest get(String target, String... fields) {
        return request(Method.GET, target, fields);
    }

    private static HttpRequest request(Method method, String target, String... fields) {
        HttpRequest.Builder b = HttpRequest.builder(method, target).header(HeaderName.HOST, "example.com");
        for (int i = 0; i < fields.length; i += 2) {
            b.header(fields[i], fields[i + 1]);
        }
        return b.build();
    }

    /** Runs the request, returns the body text, and releases the response as an engine would. */
    private static String body(HttpHandler handler, HttpRequest request) throws Exception {
        return body(handler.handle(request));
    }

    private static String body(HttpResponse r) {
        try {
            return r.body() instanceof ResponseBody.Bytes(ByteBuf content) ? content.toString(StandardCharsets.UTF_8) : "";
        } finally {
            r.release();
        }
    }

    @Test
    void aFreshResponseIsAnsweredAgainWithItsAge() throws Exception {
        ResponseCache cache = cache();
        HttpHandler h = cache.wrap(origin("Cache-Control", "max-age=60", "Content-Type", "text/plain"));

        HttpResponse first = h.handle(get("/a"));
        assertNull(first.headers().get(HeaderName.AGE), "a response from the origin has no Age");
        assertEquals("v1", body(first));

        now.addAndGet(5 * SECOND + SECOND / 2);
        HttpResponse hit = h.handle(get("/a"));
        assertEquals(Status.OK, hit.status());
        assertEquals("5", hit.headers().get(HeaderName.AGE), "whole seconds (§5.1)");
        assertEquals("text/plain", hit.headers().get(HeaderName.CONTENT_TYPE));
        assertEquals("max-age=60", hit.headers().get(HeaderName.CACHE_CONTROL));
        assertEquals("v1", body(hit));
        assertEquals(1, calls.get());
        assertEquals(1, cache.hits());
        assertEquals(1, cache.misses());
        assertEquals(1, cache.stores());
        assertEquals(1, cache.entries());
    }

    @Test
    void everyHitOwnsItsOwnReference() throws Exception {
        ResponseCache cache = cache();
        HttpHandler h = cache.wrap(origin("Cache-Control", "max-age=60"));
        body(h, get("/a"));
        HttpResponse one = h.handle(get("/a"));
        HttpResponse two = h.handle(get("/a"));
        cache.clear();
        // Both still readable after the cache let go of its own reference.
        assertEquals("v1", body(one));
        assertEquals("v1", body(two));
    }

    @Test
    void aStaleResponseIsDroppedAndFetchedAgain() throws Exception {
        ResponseCache cache = cache();
        HttpHandler h = cache.wrap(origin("Cache-Control", "max-age=10"));
        assertEquals("v1", body(h, get("/a")));
        now.addAndGet(9 * SECOND);
        assertEquals("v1", body(h, get("/a")));
        now.addAndGet(SECOND);
        assertEquals("v2", body(h, get("/a")), "age 10 is not below a lifetime of 10");
        assertEquals(1, cache.entries());
    }

    @Test
    void sMaxageOverridesMaxAgeInASharedCache() throws Exception {
        HttpHandler h = cache().wrap(origin("Cache-Control", "max-age=1, s-maxage=100"));
        body(h, get("/a"));
        now.addAndGet(50 * SECOND);
        assertEquals("v1", body(h, get("/a")));
    }

    @Test
    void anAgeFromTheOriginCounts() throws Exception {
        HttpHandler h = cache().wrap(origin("Cache-Control", "max-age=60", "Age", "50"));
        body(h, get("/a"));
        now.addAndGet(3 * SECOND);
        HttpResponse hit = h.handle(get("/a"));
        assertEquals(List.of("53"), hit.headers().getAll(HeaderName.AGE));
        body(hit);
        now.addAndGet(7 * SECOND);
        assertEquals("v2", body(h, get("/a")));
    }

    @Test
    void whatIsNeverStored() throws Exception {
        String[][] responses = {
            {"Cache-Control", "no-store, max-age=60"},
            {"Cache-Control", "private, max-age=60"},
            {"Cache-Control", "no-cache, max-age=60"},
            {"Cache-Control", "no-cache=\"Set-Cookie\", max-age=60"},
            {"Cache-Control", "max-age=0"},
            {"Cache-Control", "max-age=ten"},
            {"Cache-Control", "public"},
            {"Expires", "Thu, 01 Jan 2099 00:00:00 GMT"},
            {},
            {"Cache-Control", "max-age=60", "Vary", "*"},
            {"Cache-Control", "max-age=60", "Set-Cookie", "id=1"},
            {"Cache-Control", "max-age=60", "Age", "60"},
        };
        for (String[] fields : responses) {
            ResponseCache cache = cache();
            HttpHandler h = cache.wrap(origin(fields));
            body(h, get("/a"));
            body(h, get("/a"));
            assertEquals(0, cache.stores(), String.join(": ", fields));
            assertEquals(0, cache.hits());
        }
    }

    @Test
    void onlyStatusesCacheableByDefault() throws Exception {
        for (Status s : new Status[] {Status.OK, Status.NON_AUTHORITATIVE_INFORMATION, Status.MULTIPLE_CHOICES,
                Status.MOVED_PERMANENTLY, Status.NOT_FOUND, Status.GONE, Status.METHOD_NOT_ALLOWED}) {
            ResponseCache cache = cache();
            body(cache.wrap(origin(s, "Cache-Control", "max-age=60")), get("/a"));
            assertEquals(1, cache.stores(), s.toString());
        }
        for (Status s : new Status[] {Status.PARTIAL_CONTENT, Status.FOUND, Status.BAD_REQUEST,
                Status.INTERNAL_SERVER_ERROR, Status.SERVICE_UNAVAILABLE}) {
            ResponseCache cache = cache();
            body(cache.wrap(origin(s, "Cache-Control", "max-age=60")), get("/a"));
            assertEquals(0, cache.stores(), s.toString());
        }
        ResponseCache cache = cache();
        HttpHandler noContent = cache.wrap(request ->
                HttpResponse.builder(Status.NO_CONTENT).header(HeaderName.CACHE_CONTROL, "max-age=60").build());
        noContent.handle(get("/a"));
        HttpResponse hit = noContent.handle(get("/a"));
        assertEquals(Status.NO_CONTENT, hit.status());
        assertSame(ResponseBody.EMPTY, hit.body());
    }

    @Test
    void onlyBodiesHeldInMemory() throws Exception {
        ResponseCache cache = cache();
        HttpHandler streamed = cache.wrap(request -> HttpResponse.builder(Status.OK)
                .header(HeaderName.CACHE_CONTROL, "max-age=60").stream(sink -> sink.end()).build());
        streamed.handle(get("/a"));
        assertEquals(0, cache.stores());
    }

    @Test
    void authorizedRequestsAreStoredOnlyWhenTheResponseSaysSo() throws Exception {
        // §3.5
        for (String cc : new String[] {"max-age=60", "public, max-age=60", "s-maxage=60", "must-revalidate, max-age=60"}) {
            ResponseCache cache = cache();
            body(cache.wrap(origin("Cache-Control", cc)), get("/a", "Authorization", "Bearer t"));
            assertEquals(cc.equals("max-age=60") ? 0 : 1, cache.stores(), cc);
        }
    }

    @Test
    void varyKeepsVariantsApart() throws Exception {
        ResponseCache cache = cache();
        HttpHandler h = cache.wrap(origin("Cache-Control", "max-age=60", "Vary", "Accept-Encoding, Accept-Language"));
        assertEquals("v1", body(h, get("/a", "Accept-Encoding", "br")));
        assertEquals("v2", body(h, get("/a", "Accept-Encoding", "gzip")));
        assertEquals("v3", body(h, get("/a")));
        assertEquals("v1", body(h, get("/a", "Accept-Encoding", "br")));
        assertEquals("v2", body(h, get("/a", "accept-encoding", "gzip")));
        assertEquals("v3", body(h, get("/a")));
        assertEquals("v4", body(h, get("/a", "Accept-Encoding", "br", "Accept-Language", "fr")));
        // Two lines compare as their comma-joined value (RFC 9110 §5.3).
        assertEquals("v5", body(h, get("/a", "Accept-Encoding", "br", "Accept-Encoding", "gzip")));
        assertEquals("v5", body(h, get("/a", "Accept-Encoding", "br, gzip")));
        assertEquals(5, cache.entries());
    }

    @Test
    void theOldestVariantGoesPastTheLimit() throws Exception {
        ResponseCache cache = cache(ResponseCache.builder().maxVariants(2));
        HttpHandler h = cache.wrap(origin("Cache-Control", "max-age=60", "Vary", "User-Agent"));
        body(h, get("/a", "User-Agent", "a"));
        body(h, get("/a", "User-Agent", "b"));
        body(h, get("/a", "User-Agent", "c"));
        assertEquals(2, cache.entries());
        assertEquals(1, cache.evictions());
        assertEquals("v4", body(h, get("/a", "User-Agent", "a")));
        assertEquals("v3", body(h, get("/a", "User-Agent", "c")));
    }

    @Test
    void theKeyIsTheTargetUriWithItsAuthorityAndQuery() throws Exception {
        HttpHandler h = cache().wrap(origin("Cache-Control", "max-age=60"));
        assertEquals("v1", body(h, get("/a?x=1")));
        assertEquals("v2", body(h, get("/a?x=2")));
        assertEquals("v3", body(h, HttpRequest.builder(Method.GET, "/a?x=1").header(HeaderName.HOST, "other.example").build()));
        assertEquals("v1", body(h, HttpRequest.builder(Method.GET, "http://example.com/a?x=1").build()));
    }

    @Test
    void requestNoCacheGoesToTheOriginAndRefreshesTheCache() throws Exception {
        HttpHandler h = cache().wrap(origin("Cache-Control", "max-age=60"));
        body(h, get("/a"));
        assertEquals("v2", body(h, get("/a", "Cache-Control", "no-cache")));
        assertEquals("v2", body(h, get("/a")));
    }

    @Test
    void requestNoStoreIsNotStored() throws Exception {
        ResponseCache cache = cache();
        HttpHandler h = cache.wrap(origin("Cache-Control", "max-age=60"));
        body(h, get("/a", "Cache-Control", "no-store"));
        assertEquals(0, cache.stores());
    }

    @Test
    void requestMaxAgeAndMinFreshNarrowWhatIsAccepted() throws Exception {
        HttpHandler h = cache().wrap(origin("Cache-Control", "max-age=60"));
        body(h, get("/a"));
        now.addAndGet(30 * SECOND);
        assertEquals("v1", body(h, get("/a", "Cache-Control", "max-age=30")));
        assertEquals("v2", body(h, get("/a", "Cache-Control", "max-age=29")), "too old for this client");
        // v2 replaced v1 and is 0 seconds old, fresh for 60 more.
        assertEquals("v2", body(h, get("/a", "Cache-Control", "min-fresh=60")));
        assertEquals("v3", body(h, get("/a", "Cache-Control", "min-fresh=61")));
    }

    @Test
    void onlyIfCachedGets504OnAMiss() throws Exception {
        HttpHandler h = cache().wrap(origin("Cache-Control", "max-age=60"));
        HttpResponse miss = h.handle(get("/a", "Cache-Control", "only-if-cached"));
        assertEquals(Status.GATEWAY_TIMEOUT, miss.status());
        assertEquals(0, calls.get());
        body(h, get("/a"));
        assertEquals("v1", body(h, get("/a", "Cache-Control", "only-if-cached")));
    }

    @Test
    void headIsAnsweredFromAStoredGetButNotStored() throws Exception {
        ResponseCache cache = cache();
        HttpHandler h = cache.wrap(origin("Cache-Control", "max-age=60"));
        body(h, request(Method.HEAD, "/a"));
        assertEquals(0, cache.stores());
        body(h, get("/a"));
        HttpResponse head = h.handle(request(Method.HEAD, "/a"));
        assertEquals("0", head.headers().get(HeaderName.AGE));
        body(head);
        assertEquals(1, cache.hits());
    }

    @Test
    void aMatchingIfNoneMatchIsAnsweredWith304() throws Exception {
        HttpHandler h = cache().wrap(origin("Cache-Control", "max-age=60", "ETag", "\"v\"", "Vary", "Accept"));
        body(h, get("/a"));
        HttpResponse r = h.handle(get("/a", "If-None-Match", "W/\"v\""));
        assertEquals(Status.NOT_MODIFIED, r.status());
        assertEquals("\"v\"", r.headers().get(HeaderName.ETAG));
        assertEquals("max-age=60", r.headers().get(HeaderName.CACHE_CONTROL));
        assertEquals("Accept", r.headers().get(HeaderName.VARY));
        assertEquals("0", r.headers().get(HeaderName.AGE));
        assertSame(ResponseBody.EMPTY, r.body());
        assertEquals("v1", body(h, get("/a", "If-None-Match", "\"other\"")));
    }

    @Test
    void rangesAndOriginPreconditionsGoToTheOrigin() throws Exception {
        HttpHandler h = cache().wrap(origin("Cache-Control", "max-age=60"));
        body(h, get("/a"));
        assertEquals("v2", body(h, get("/a", "Range", "bytes=0-1")));
        assertEquals("v3", body(h, get("/a", "If-Match", "\"x\"")));
        assertEquals("v4", body(h, get("/a", "If-Unmodified-Since", "Sun, 06 Nov 1994 08:49:37 GMT")));
        assertEquals("v1", body(h, get("/a")));
    }

    @Test
    void aSuccessfulUnsafeRequestInvalidatesTheTarget() throws Exception {
        ResponseCache cache = cache();
        HttpHandler h = cache.wrap(origin("Cache-Control", "max-age=60"));
        body(h, get("/a"));
        body(h, request(Method.POST, "/a"));
        assertEquals(0, cache.entries());
        assertEquals(0, cache.bytes());
        assertEquals("v3", body(h, get("/a")));
    }

    @Test
    void leastRecentlyUsedGoesFirstWhenTheBytesRunOut() throws Exception {
        // Each entry: 1 KiB of body plus overhead, headers and key (1352 bytes); three fit, four do not.
        byte[] kib = new byte[1024];
        Function<String, HttpHandler> big = cc -> request -> {
            calls.incrementAndGet();
            return HttpResponse.builder(Status.OK).header(HeaderName.CACHE_CONTROL, cc).body(kib).build();
        };
        ResponseCache cache = cache(ResponseCache.builder().maxBytes(4200).maxEntryBytes(2000));
        HttpHandler h = cache.wrap(big.apply("max-age=60"));
        h.handle(get("/1")).release();
        h.handle(get("/2")).release();
        h.handle(get("/3")).release();
        long perEntry = cache.bytes() / 3;
        assertTrue(perEntry > 1024 && perEntry < 1400, "charged " + perEntry);
        h.handle(get("/1")).release();          // /1 is now the most recently used
        h.handle(get("/4")).release();          // evicts /2, the least recently used
        assertEquals(1, cache.evictions());
        assertEquals(3, cache.entries());
        assertTrue(cache.bytes() <= 4200);
        int before = calls.get();
        h.handle(get("/1")).release();
        h.handle(get("/3")).release();
        h.handle(get("/4")).release();
        assertEquals(before, calls.get(), "/1, /3 and /4 are still there");
        h.handle(get("/2")).release();
        assertEquals(before + 1, calls.get(), "/2 was evicted");
    }

    @Test
    void aResponseLargerThanTheEntryLimitIsNotStored() throws Exception {
        ResponseCache cache = cache(ResponseCache.builder().maxBytes(8000).maxEntryBytes(1000));
        HttpHandler h = cache.wrap(request -> HttpResponse.builder(Status.OK)
                .header(HeaderName.CACHE_CONTROL, "max-age=60").body(new byte[1000]).build());
        h.handle(get("/a")).release();
        assertEquals(0, cache.stores());
    }

    @Test
    void closeReleasesEverythingAndThenPassesThrough() throws Exception {
        ResponseCache cache = cache();
        HttpHandler h = cache.wrap(origin("Cache-Control", "max-age=60"));
        body(h, get("/a"));
        body(h, get("/b"));
        HttpResponse held = h.handle(get("/a"));
        cache.close();
        assertEquals(0, cache.entries());
        assertEquals(0, cache.bytes());
        assertEquals("v1", body(held), "a response handed out before close stays valid");
        assertEquals("v3", body(h, get("/a")));
        assertEquals(0, cache.entries());
        cache.close();
    }

    @Test
    void countersAreRegisteredAsMetrics() throws Exception {
        MetricsRegistry registry = new MetricsRegistry();
        ResponseCache cache = cache(ResponseCache.builder().metrics(registry, "http_cache"));
        HttpHandler h = cache.wrap(origin("Cache-Control", "max-age=60"));
        body(h, get("/a"));
        body(h, get("/a"));
        MetricsSnapshot snapshot = registry.snapshot();
        assertEquals(new MetricsSnapshot.CounterValue(1, "Responses answered from the cache"), snapshot.values().get("http_cache_hits_total"));
        assertEquals(1, ((MetricsSnapshot.CounterValue) snapshot.values().get("http_cache_misses_total")).value());
        assertEquals(1, ((MetricsSnapshot.CounterValue) snapshot.values().get("http_cache_stores_total")).value());
        assertEquals(0, ((MetricsSnapshot.CounterValue) snapshot.values().get("http_cache_evictions_total")).value());
        assertEquals(cache.bytes(), ((MetricsSnapshot.GaugeValue) snapshot.values().get("http_cache_bytes")).value());
    }

    @Test
    void itRunsOnTheLoop() {
        assertSame(InvocationType.NON_BLOCKING, cache().invocationType());
    }
}
