package io.zyphos.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Routing a method and a decoded path to a handler: text segments beat {@code {params}}, which
 * beat a trailing {@code *}; a resource without the method answers 405 with {@code Allow}
 * (RFC 9110 §15.5.6), HEAD falls back to GET (§9.3.2), OPTIONS is answered with {@code Allow}
 * (§9.3.7), and ambiguous routes are refused when registered.
 */
class RouterTest {

    /** A handler that only has a name, so a test can say which one matched. */
    private static HttpHandler named(String name) {
        return new HttpHandler() {
            @Override
            public HttpResponse handle(HttpRequest request) {
                return HttpResponse.of(Status.OK);
            }

            @Override
            public String toString() {
                return name;
            }
        };
    }

    private static final Router ROUTER = Router.builder()
            .get("/", named("root"))
            .get("/users", named("list"))
            .post("/users", named("create"))
            .get("/users/new", named("form"))
            .get("/users/{id}", named("show"))
            .put("/users/{id}", named("update"))
            .delete("/users/{id}", named("remove"))
            .get("/users/{id}/edit", named("edit"))
            .get("/users/{id}/posts/{post}", named("post"))
            .get("/files/*", named("files"))
            .get("/files/index.html", named("index"))
            .get("/files/{name}/meta", named("meta"))
            .get("/api/v1/status/health", named("health"))
            .get("/api/v1/status/ready", named("ready"))
            .get("/trailing/", named("trailing"))
            .route(Method.of("PURGE"), "/cache/*", named("purge"))
            .build();

    @ParameterizedTest(name = "{0} {1} -> {2} {3}")
    @CsvSource(delimiter = '|', nullValues = "-", value = {
        // method | path                  | handler | params           | wildcard | why
        "GET    | /                       | root    | ''               | -        | the root is the empty segment after '/'",
        "GET    | /users                  | list    | ''               | -        | text",
        "POST   | /users                  | create  | ''               | -        | same path, another method",
        "GET    | /users/new              | form    | ''               | -        | text beats {id}",
        "GET    | /users/42               | show    | id=42            | -        | {id} captures a segment",
        "PUT    | /users/42               | update  | id=42            | -        | per-method handlers on one resource",
        "GET    | /users/new/edit         | edit    | id=new           | -        | 'new' leads nowhere with /edit: back up and try {id}",
        "GET    | /users/7/posts/9        | post    | id=7,post=9      | -        | two captures, in order",
        "GET    | /users/a%2Fb            | show    | id=a/b           | -        | %2F is inside one segment; the param decodes it",
        "GET    | /files/index.html       | index   | ''               | -        | text beats *: the wildcard does not shadow it",
        "GET    | /files/a/b/c.txt        | files   | ''               | a/b/c.txt | * captures the rest",
        "GET    | /files/                 | files   | ''               | ''       | * captures an empty rest",
        "GET    | /files/x/meta           | meta    | name=x           | -        | {name} beats * when the rest matches",
        "GET    | /files/x/other          | files   | ''               | x/other  | ...and * catches what {name} could not",
        "GET    | /files/a%2Fb            | files   | ''               | a%2Fb    | a wildcard keeps %2F encoded: it spans segments",
        "GET    | /api/v1/status/health   | health  | ''               | -        | a compressed chain of text segments",
        "GET    | /api/v1/status/ready    | ready   | ''               | -        | a sibling after the shared prefix",
        "GET    | /trailing/              | trailing | ''              | -        | a trailing slash is an empty last segment",
        "PURGE  | /cache/img/1.png        | purge   | ''               | img/1.png | an extension method",
    })
    void matches(String method, String path, String handler, String params, String wildcard, String why) {
        RouteMatch m = new RouteMatch();
        assertEquals(RouteMatch.Outcome.MATCH, ROUTER.find(Method.of(method), path, m), why);
        assertEquals(handler, m.handler().toString(), why);
        List<String> captured = new ArrayList<>();
        for (int i = 0; i < m.paramCount(); i++) {
            captured.add(m.paramName(i) + "=" + m.param(i));
        }
        assertEquals(params, String.join(",", captured), why);
        assertEquals(wildcard, m.wildcard(), why);
        assertFalse(m.isHeadFromGet());
    }

    @ParameterizedTest(name = "{1}: \"{0}\"")
    @CsvSource(delimiter = '|', value = {
        "/nope                 | no such text",
        "/users/               | {id} needs a non-empty segment",
        "/users/7/posts        | a prefix of a route is not a route",
        "/files                | /files/* needs the '/' after files",
        "/api/v1               | inside a compressed chain",
        "/api/v1/status/healthz | one letter too many",
        "/trailing             | without the trailing slash",
        "''                    | empty: not a path",
        "users                 | not starting with '/'",
    })
    void notFound(String path, String why) {
        RouteMatch m = new RouteMatch();
        assertEquals(RouteMatch.Outcome.NOT_FOUND, ROUTER.find(Method.GET, path, m), why);
        assertNull(m.allow());
        assertEquals(0, m.paramCount(), "captures of failed branches are undone");
        HttpResponse r = respond(m);
        assertEquals(Status.NOT_FOUND, r.status(), "the handler of a miss answers 404");
        r.release();
    }

    @ParameterizedTest(name = "{0} {1} -> Allow: {2}")
    @CsvSource(delimiter = '|', value = {
        "POST   | /users/42   | GET, HEAD, PUT, DELETE, OPTIONS | standard order; HEAD implied by GET, OPTIONS always",
        "PUT    | /users/new  | GET, HEAD, OPTIONS              | the most specific resource decides, not /users/{id}",
        "DELETE | /users      | GET, HEAD, POST, OPTIONS        | ",
        "GET    | /cache/x    | OPTIONS, PURGE                  | extension methods last",
        "PATCH  | /           | GET, HEAD, OPTIONS              | ",
    })
    void methodNotAllowedCarriesAllow(String method, String path, String allow, String why) throws Exception {
        RouteMatch m = new RouteMatch();
        assertEquals(RouteMatch.Outcome.METHOD_NOT_ALLOWED, ROUTER.find(Method.of(method), path, m), why);
        assertEquals(allow, m.allow(), why);
        HttpResponse r = respond(m);
        assertEquals(Status.METHOD_NOT_ALLOWED, r.status());
        assertEquals(allow, r.headers().get(HeaderName.ALLOW), "a 405 MUST carry Allow (RFC 9110 §15.5.6)");
        r.release();
        assertSame(InvocationType.NON_BLOCKING, m.handler().invocationType(), "the router's own answers run on the loop");
    }

    @Test
    void headIsAnsweredByGetUnlessAHeadRouteExists() {
        HttpHandler get = named("get");
        HttpHandler head = named("head");
        Router r = Router.builder().get("/a", get).get("/b", get).head("/b", head).build();
        RouteMatch m = new RouteMatch();
        assertEquals(RouteMatch.Outcome.MATCH, r.find(Method.HEAD, "/a", m));
        assertSame(get, m.handler());
        assertTrue(m.isHeadFromGet(), "the engine sends the head of GET's response only (RFC 9110 §9.3.2)");
        r.find(Method.HEAD, "/b", m);
        assertSame(head, m.handler(), "an explicit HEAD route wins");
        assertFalse(m.isHeadFromGet());
    }

    @Test
    void optionsIsAnsweredWithAllowUnlessAnOptionsRouteExists() throws Exception {
        HttpHandler cors = named("cors");
        Router r = Router.builder().get("/a", named("a")).post("/a", named("a")).options("/b", cors)
                .get("/b", named("b")).put("/c", named("c")).build();
        RouteMatch m = new RouteMatch();
        assertEquals(RouteMatch.Outcome.MATCH, r.find(Method.OPTIONS, "/a", m));
        assertTrue(m.isAutomaticOptions());
        HttpResponse response = respond(m);
        assertEquals(Status.NO_CONTENT, response.status());
        assertEquals("GET, HEAD, POST, OPTIONS", response.headers().get(HeaderName.ALLOW), "RFC 9110 §9.3.7");

        r.find(Method.OPTIONS, "/b", m);
        assertSame(cors, m.handler(), "an explicit OPTIONS route wins (a CORS preflight handler, say)");
        assertFalse(m.isAutomaticOptions());

        assertEquals(RouteMatch.Outcome.MATCH, r.find(Method.OPTIONS, "*", m), "OPTIONS * asks about the server");
        assertEquals("GET, HEAD, POST, PUT, OPTIONS", m.allow(), "every method some route has");
        assertEquals(RouteMatch.Outcome.NOT_FOUND, r.find(Method.GET, "*", m), "only OPTIONS takes '*'");
        assertEquals(RouteMatch.Outcome.NOT_FOUND, r.find(Method.OPTIONS, "/zzz", m), "no resource, no options");
    }

    @Test
    void groupsPrefixTheirRoutes() {
        HttpHandler users = named("users");
        HttpHandler user = named("user");
        HttpHandler self = named("self");
        HttpHandler admin = named("admin");
        Router r = Router.builder()
                .group("/api", api -> api
                        .get("", self)
                        .get("/users", users)
                        .group("/users/{id}", u -> u.get("", user).get("/roles/{role}", admin)))
                .build();
        RouteMatch m = new RouteMatch();
        r.find(Method.GET, "/api", m);
        assertSame(self, m.handler(), "an empty pattern in a group is the prefix itself");
        r.find(Method.GET, "/api/users", m);
        assertSame(users, m.handler());
        r.find(Method.GET, "/api/users/5/roles/owner", m);
        assertSame(admin, m.handler());
        assertEquals("/api/users/{id}/roles/{role}", m.pattern(), "the full pattern, for logs and metrics");
        assertEquals("5", m.param("id"), "a group prefix may hold parameters");
        assertEquals("owner", m.param("role"));
        assertEquals(List.of("GET /api", "GET /api/users", "GET /api/users/{id}", "GET /api/users/{id}/roles/{role}"),
                r.routes());
    }

    @Test
    void aMatchIsReusedAndCopiedForAnotherThread() {
        RouteMatch m = new RouteMatch();
        ROUTER.find(Method.GET, "/users/7/posts/9", m);
        RouteMatch copy = m.copy();
        ROUTER.find(Method.GET, "/files/x", m);
        assertEquals(0, m.paramCount(), "a lookup clears the previous one");
        assertEquals("x", m.wildcard());
        assertEquals("7", copy.param("id"), "the copy kept its own");
        assertEquals("9", copy.param("post"));
        assertNull(copy.param("nope"));
        assertEquals("RouteMatch[MATCH /users/{id}/posts/{post} {id=7, post=9}]", copy.toString());
    }

    @Test
    void aMatchGrowsForRoutesWithManyParameters() {
        Router r = Router.builder().get("/{a}/{b}/{c}/{d}/{e}/{f}", named("six")).build();
        RouteMatch m = new RouteMatch();
        r.find(Method.GET, "/1/2/3/4/5/6", m);
        assertEquals("6", m.param("f"));
        assertEquals(11, m.paramStart(5));
        assertEquals(12, m.paramEnd(5));
    }

    @Test
    void aLaterRegistrationDoesNotChangeABuiltRouter() {
        Router.Builder b = Router.builder().get("/a", named("a"));
        Router r = b.build();
        b.get("/b", named("b"));
        assertEquals(RouteMatch.Outcome.NOT_FOUND, r.find(Method.GET, "/b", new RouteMatch()));
    }

    @ParameterizedTest(name = "{2}")
    @CsvSource(delimiter = '|', value = {
        // first route          | second route            | expected message
        "GET /users/{id}        | GET /users/{name}       | GET /users/{name} conflicts with GET /users/{id}: one segment cannot be captured as both {id} and {name}; use one name",
        "GET /users/{id}        | POST /users/{uid}/posts | POST /users/{uid}/posts conflicts with GET /users/{id}: one segment cannot be captured as both {id} and {uid}; use one name",
        "GET /a/b               | GET /a/b                | GET /a/b conflicts with GET /a/b: the same method on the same path is registered twice",
        "GET /files/*           | GET /files/*            | GET /files/* conflicts with GET /files/*: the same method on the same path is registered twice",
        "GET /x/{id}            | GET /x/{id}             | GET /x/{id} conflicts with GET /x/{id}: the same method on the same path is registered twice",
    })
    void conflictsAreRefusedNamingBothRoutes(String first, String second, String message) {
        Router.Builder b = Router.builder();
        register(b, first);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> register(b, second));
        assertEquals(message, e.getMessage());
    }

    @Test
    void aDuplicateThroughAGroupNamesTheFullPatterns() {
        Router.Builder b = Router.builder().get("/api/users", named("a"));
        Consumer<Router.Builder> group = g -> g.get("/users", named("b"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> b.group("/api", group));
        assertEquals("GET /api/users conflicts with GET /api/users: the same method on the same path is registered twice",
                e.getMessage());
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', value = {
        "GET /files/*/meta   | GET /files/*/meta: '*' captures the rest of the path and must be the last segment",
        "GET /a/{id}/{id}    | GET /a/{id}/{id}: parameter {id} appears twice",
        "GET /a/{1x}         | GET /a/{1x}: parameter name \"1x\" must be a letter or '_' followed by letters, digits or '_'",
        "GET /a/x{id}        | GET /a/x{id}: segment \"x{id}\": a {parameter} or '*' must be a whole segment",
        "GET /a/*.png        | GET /a/*.png: segment \"*.png\": a {parameter} or '*' must be a whole segment",
        "GET /a/../b         | GET /a/../b: a '..' segment can never match, because request paths have their dot segments removed (RFC 3986 §5.2.4)",
        "GET /caf%C3%A9      | GET /caf%C3%A9: segment \"caf%C3%A9\": patterns match decoded paths, so write the character, not its escape (only %2F and %25 stay escaped in a decoded path)",
        "GET users           | route GET \"users\": a pattern starts with '/'",
    })
    void malformedPatternsAreRefused(String route, String message) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> register(Router.builder(), route));
        assertEquals(message, e.getMessage());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "GET /users/:id            | use /users/{id}",
        "GET /users/:id/posts/:pid | use /users/{id}/posts/:pid",
        "GET /users/<int:id>       | use /users/{id}",
        "GET /files/*path          | the rest of the path is captured by a last segment '*', read with RouteMatch.wildcard(): use /files/*",
        "GET /files/**             | use /files/*",
        "GET /files/{*rest}        | use /files/*",
        "GET /users/{id:[0-9]+}    | patterns have no regular expressions; check the value in the handler: use /users/{id}",
    })
    void anotherRoutersSyntaxIsRefusedWithAHint(String route, String hint) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> register(Router.builder(), route));
        assertTrue(e.getMessage().startsWith(route + ": "), e.getMessage());
        assertTrue(e.getMessage().contains("is another router's syntax"), e.getMessage());
        assertTrue(e.getMessage().endsWith(hint), e.getMessage());
    }

    @Test
    void aColonInsideASegmentIsText() {
        Router router = Router.builder().post("/v1/projects:batchGet", named("batch")).build();
        assertEquals(RouteMatch.Outcome.MATCH, router.find(Method.POST, "/v1/projects:batchGet", new RouteMatch()));
    }

    @ParameterizedTest(name = "\"{0}\"")
    @CsvSource({"''", "api", "/", "/api/"})
    void groupPrefixesAreChecked(String prefix) {
        assertThrows(IllegalArgumentException.class, () -> Router.builder().group(prefix, g -> {}));
    }

    @Test
    void overlapsThatPrecedenceSettlesAreAllowed() {
        Router r = Router.builder()
                .get("/f/*", named("star"))
                .get("/f/{name}", named("param"))
                .get("/f/x", named("text"))
                .build();
        RouteMatch m = new RouteMatch();
        for (String[] c : new String[][] {{"/f/x", "text"}, {"/f/y", "param"}, {"/f/y/z", "star"}}) {
            r.find(Method.GET, c[0], m);
            assertEquals(c[1], m.handler().toString(), c[0]);
        }
    }

    private static void register(Router.Builder b, String route) {
        String[] parts = route.split(" ", 2);
        b.route(Method.of(parts[0]), parts[1], named(route));
    }

    /** What an engine does with the match: runs its handler, and answers what it throws with the error hook. */
    private static HttpResponse respond(RouteMatch m) {
        HttpRequest request = HttpRequest.builder(Method.GET, "/").build();
        try {
            return m.handler().handle(request);
        } catch (Exception e) {
            return ErrorHandler.plainText().respond(request, e);
        }
    }
}
