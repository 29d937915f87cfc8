package io.zyphos.bench.http;

import io.zyphos.http.HttpHandler;
import io.zyphos.http.HttpResponse;
import io.zyphos.http.Method;
import io.zyphos.http.RequestTarget;
import io.zyphos.http.RouteMatch;
import io.zyphos.http.Router;
import io.zyphos.http.Status;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Router lookups over 10, 100 and 1000 routes, a REST-like mix of text and parameter routes (see
 * {@link #routes}). Each lookup goes into one reused {@link RouteMatch}, as an event loop would
 * do, and each result is checked, so a wrong match fails the run rather than measuring it.
 * {@code -prof gc} shows the allocation per lookup: zero is the target.
 *
 * <p>{@code parseAndRoute} adds what comes before a lookup, {@link RequestTarget#parse}, which
 * allocates the path and query strings the request keeps.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class RouterBenchmark {

    @Param({"10", "100", "1000"})
    public int routes;

    private Router router;
    private final RouteMatch match = new RouteMatch();
    private String staticPath;
    private String paramPath;
    private String twoParamPath;
    private String wildcardPath;
    private String[] mixed;
    private String[] mixedRaw;
    private int next;

    private static final HttpHandler HANDLER = request -> HttpResponse.of(Status.OK);

    /**
     * {@code n} routes over {@code n / 5} resource families, each like a REST API:
     * {@code GET /api/r{i}}, {@code POST /api/r{i}}, {@code GET /api/r{i}/{id}},
     * {@code PUT /api/r{i}/{id}} and {@code GET /api/r{i}/{id}/items/{item}}; plus {@code GET /},
     * {@code GET /health} and {@code GET /static/*} in the total.
     */
    static Router routes(int n) {
        Router.Builder b = Router.builder()
                .get("/", HANDLER)
                .get("/health", HANDLER)
                .get("/static/*", HANDLER);
        int count = 3;
        for (int i = 0; count < n; i++) {
            String base = "/api/r" + i;
            String[][] family = {
                {"GET", base}, {"POST", base}, {"GET", base + "/{id}"}, {"PUT", base + "/{id}"},
                {"GET", base + "/{id}/items/{item}"},
            };
            for (int k = 0; k < family.length && count < n; k++, count++) {
                b.route(Method.of(family[k][0]), family[k][1], HANDLER);
            }
        }
        return b.build();
    }

    @Setup
    public void setup() {
        router = routes(routes);
        int last = Math.max(0, (routes - 3) / 5 - 1);
        staticPath = "/api/r" + last;
        paramPath = "/api/r" + last + "/12345";
        twoParamPath = "/api/r" + (last / 2) + "/12345/items/67890";
        wildcardPath = "/static/css/site.css";
        mixed = new String[] {staticPath, paramPath, "/health", twoParamPath, wildcardPath, "/api/r0/7", "/", paramPath};
        mixedRaw = new String[mixed.length];
        for (int i = 0; i < mixed.length; i++) {
            mixedRaw[i] = mixed[i] + (i % 2 == 0 ? "" : "?page=2&sort=name");
        }
        expect(staticPath, 0);
        expect(paramPath, 1);
        if (routes >= 10) {
            expect(twoParamPath, 2);
        }
        expect(wildcardPath, 0);
    }

    private void expect(String path, int params) {
        if (router.find(Method.GET, path, match) != RouteMatch.Outcome.MATCH || match.paramCount() != params) {
            throw new IllegalStateException("benchmark routes do not match " + path + ": " + match);
        }
    }

    @Benchmark
    public HttpHandler staticRoute() {
        return check(router.find(Method.GET, staticPath, match));
    }

    @Benchmark
    public HttpHandler paramRoute() {
        return check(router.find(Method.GET, paramPath, match));
    }

    @Benchmark
    public HttpHandler mixedRoutes() {
        String path = mixed[next++ & 7];
        return check(router.find(Method.GET, path, match));
    }

    @Benchmark
    public HttpHandler parseAndRoute() {
        RequestTarget target = RequestTarget.parse(mixedRaw[next++ & 7]);
        return check(router.find(Method.GET, target.path(), match));
    }

    private HttpHandler check(RouteMatch.Outcome outcome) {
        if (outcome != RouteMatch.Outcome.MATCH) {
            throw new IllegalStateException("lost a route: " + match);
        }
        return match.handler();
    }
}
