package io.zyphos.bench.http;

import io.zyphos.http.HeaderName;
import io.zyphos.http.HttpHandler;
import io.zyphos.http.HttpRequest;
import io.zyphos.http.HttpResponse;
import io.zyphos.http.Method;
import io.zyphos.http.ResponseBody;
import io.zyphos.http.Status;
import io.zyphos.http.cache.ResponseCache;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@link ResponseCache} against roadmap milestone 14's exit criteria: a 90 % hit rate on a hot
 * set, lookups in microseconds, bounded memory. Every request goes through the cache's filter, as
 * a handler chain calls it, and every response is checked and released.
 *
 * <ul>
 *   <li>{@code hit}: a fresh stored response for one of {@value #STORED} stored targets; the
 *       answer is a new response with {@code Age} that shares the stored body.</li>
 *   <li>{@code miss}: a target that is not stored; the origin answers 404 without freshness, so
 *       nothing is stored and every call is a miss (lookup, origin, the store refused).</li>
 *   <li>{@code varyHit}: a target stored in three variants by {@code Vary: Accept-Encoding}; the
 *       request matches the second one checked.</li>
 *   <li>{@code hotSet}: requests over {@value #TARGETS} targets, more than the cache holds
 *       ({@value #MAX_BYTES} bytes, about 1,700 of the {@value #BODY_BYTES}-byte responses), so
 *       it evicts all the time. {@code mix=hot90}: 90 % of requests for 10 % of the targets, the
 *       rest spread over all the others; {@code mix=zipf}: a Zipf distribution (exponent 1) over
 *       all targets. A miss asks the origin for a new response and stores it. The hits and misses
 *       are JMH auxiliary counters ({@link HitCounters}), and every iteration ends by checking
 *       that the cache holds no more than its bound.</li>
 * </ul>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class ResponseCacheBenchmark {

    /** Targets stored before the lookups are measured, so the table is not a toy. */
    static final int STORED = 1_000;
    /** Targets of the hot-set mix: about six times what fits. */
    static final int TARGETS = 10_000;
    /** The cache's bound for the hot-set mix. */
    static final long MAX_BYTES = 4L << 20;
    /** A small stylesheet or JSON document. */
    static final int BODY_BYTES = 2_048;

    private static final byte[] BODY = new byte[BODY_BYTES];
    private static final String CACHE_CONTROL = "public, max-age=3600";

    static {
        Arrays.fill(BODY, (byte) 'x');
    }

    /** The origin: a cacheable 200 for {@code /assets/...}, varied by Accept-Encoding under {@code /vary}, else a 404 that may not be stored. */
    static final class Origin implements HttpHandler {
        long calls;

        @Override
        public HttpResponse handle(HttpRequest request) {
            calls++;
            String path = request.path();
            if (path.startsWith("/assets/")) {
                return HttpResponse.builder(Status.OK)
                        .header(HeaderName.CONTENT_TYPE, "text/css")
                        .header(HeaderName.CACHE_CONTROL, CACHE_CONTROL)
                        .header(HeaderName.ETAG, "\"" + path.hashCode() + "\"")
                        .body(BODY)
                        .build();
            }
            if (path.equals("/vary")) {
                String coding = request.header(HeaderName.ACCEPT_ENCODING);
                return HttpResponse.builder(Status.OK)
                        .header(HeaderName.CONTENT_TYPE, "text/css")
                        .header(HeaderName.CACHE_CONTROL, CACHE_CONTROL)
                        .header(HeaderName.VARY, "Accept-Encoding")
                        .header(HeaderName.CONTENT_ENCODING, coding == null ? "identity" : coding)
                        .body(BODY)
                        .build();
            }
            return HttpResponse.of(Status.NOT_FOUND);
        }
    }

    static HttpRequest get(String target, String... fields) {
        HttpRequest.Builder b = HttpRequest.builder(Method.GET, target)
                .header(HeaderName.HOST, "shop.example.com")
                .header(HeaderName.USER_AGENT, "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0")
                .header(HeaderName.ACCEPT, "text/css,*/*;q=0.1");
        for (int i = 0; i < fields.length; i += 2) {
            b.header(fields[i], fields[i + 1]);
        }
        return b.build();
    }

    /** A cache of the default size holding {@value #STORED} targets and three variants of {@code /vary}. */
    @State(Scope.Thread)
    public static class Lookups {
        final Origin origin = new Origin();
        ResponseCache cache;
        HttpRequest hitRequest;
        HttpRequest missRequest;
        HttpRequest varyRequest;
        long callsAfterSetup;

        @Setup(Level.Trial)
        public void setUp() throws Exception {
            cache = ResponseCache.builder().build();
            for (int i = 0; i < STORED; i++) {
                cache.filter(get("/assets/r" + i + ".css"), origin).release();
            }
            for (String coding : new String[] {"br", "gzip", "identity"}) {
                cache.filter(get("/vary", "Accept-Encoding", coding), origin).release();
            }
            hitRequest = get("/assets/r" + (STORED / 2) + ".css");
            missRequest = get("/nowhere");
            varyRequest = get("/vary", "Accept-Encoding", "gzip");
            if (cache.entries() != STORED + 3) {
                throw new IllegalStateException("stored " + cache.entries() + " responses, expected " + (STORED + 3));
            }
            callsAfterSetup = origin.calls;
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            cache.close();
        }
    }

    /** Hits and misses of {@code hotSet}, reported by JMH next to its time; reset every iteration. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class HitCounters {
        public long hits;
        public long misses;

        @Setup(Level.Iteration)
        public void reset() {
            hits = 0;
            misses = 0;
        }
    }

    /** {@value #TARGETS} targets, a bounded cache, and a long random sequence of requests from the mix. */
    @State(Scope.Thread)
    public static class HotSet {
        @Param({"hot90", "zipf"})
        public String mix;

        final Origin origin = new Origin();
        ResponseCache cache;
        HttpRequest[] requests;
        int[] sequence;
        int next;

        @Setup(Level.Trial)
        public void setUp() {
            cache = ResponseCache.builder().maxBytes(MAX_BYTES).build();
            requests = new HttpRequest[TARGETS];
            for (int i = 0; i < TARGETS; i++) {
                requests[i] = get("/assets/r" + i + ".css");
            }
            sequence = switch (mix) {
                case "hot90" -> hotAndCold(1 << 20, TARGETS, TARGETS / 10, 0.9);
                case "zipf" -> zipf(1 << 20, TARGETS, 1.0);
                default -> throw new IllegalArgumentException(mix);
            };
        }

        @TearDown(Level.Iteration)
        public void checkBound() {
            if (cache.bytes() > MAX_BYTES) {
                throw new IllegalStateException("the cache holds " + cache.bytes() + " bytes, over its bound " + MAX_BYTES);
            }
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            cache.close();
        }
    }

    @Benchmark
    public HttpResponse hit(Lookups s) throws Exception {
        return answered(s.cache.filter(s.hitRequest, s.origin), s, Status.OK);
    }

    @Benchmark
    public HttpResponse miss(Lookups s) throws Exception {
        HttpResponse r = s.cache.filter(s.missRequest, s.origin);
        if (r.status() != Status.NOT_FOUND) {
            throw new IllegalStateException("a miss answered " + r.status());
        }
        r.release();
        return r;
    }

    @Benchmark
    public HttpResponse varyHit(Lookups s) throws Exception {
        HttpResponse r = answered(s.cache.filter(s.varyRequest, s.origin), s, Status.OK);
        if (!"gzip".equals(r.headers().get(HeaderName.CONTENT_ENCODING))) {
            throw new IllegalStateException("the wrong variant: " + r.headers());
        }
        return r;
    }

    @Benchmark
    public HttpResponse hotSet(HotSet s, HitCounters counters) throws Exception {
        long calls = s.origin.calls;
        HttpResponse r = s.cache.filter(s.requests[s.sequence[s.next++ & (s.sequence.length - 1)]], s.origin);
        if (s.origin.calls == calls) {
            counters.hits++;
        } else {
            counters.misses++;
        }
        if (r.status() != Status.OK || !(r.body() instanceof ResponseBody.Bytes(var content)) || content.readableBytes() != BODY_BYTES) {
            throw new IllegalStateException("a wrong answer: " + r);
        }
        r.release();
        return r;
    }

    /** Checks that {@code r} came from the cache (the origin was not asked), then releases it. */
    private static HttpResponse answered(HttpResponse r, Lookups s, Status expected) {
        if (s.origin.calls != s.callsAfterSetup || r.status() != expected || r.headers().get(HeaderName.AGE) == null) {
            throw new IllegalStateException("not answered from the cache: " + r);
        }
        r.release();
        return r;
    }

    /** {@code n} target indices: a fraction {@code hotShare} of them among the first {@code hot} targets, the rest among the others. */
    static int[] hotAndCold(int n, int targets, int hot, double hotShare) {
        SplittableRandom random = new SplittableRandom(0x5EED);
        int[] s = new int[n];
        for (int i = 0; i < n; i++) {
            s[i] = random.nextDouble() < hotShare ? random.nextInt(hot) : hot + random.nextInt(targets - hot);
        }
        return s;
    }

    /** {@code n} target indices drawn from a Zipf distribution with exponent {@code exponent}: target k (from 0) with weight 1 / (k + 1)^exponent. */
    static int[] zipf(int n, int targets, double exponent) {
        double[] cumulative = new double[targets];
        double sum = 0;
        for (int k = 0; k < targets; k++) {
            sum += 1 / Math.pow(k + 1, exponent);
            cumulative[k] = sum;
        }
        SplittableRandom random = new SplittableRandom(0x5EED);
        int[] s = new int[n];
        for (int i = 0; i < n; i++) {
            int k = Arrays.binarySearch(cumulative, random.nextDouble() * sum);
            s[i] = k >= 0 ? k : Math.min(-k - 1, targets - 1);
        }
        return s;
    }
}
