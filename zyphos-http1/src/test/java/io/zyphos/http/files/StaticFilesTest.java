package io.zyphos.http.files;

import static io.zyphos.http.files.FileFixture.LAST_MODIFIED;
import static io.zyphos.http.files.FileFixture.etag;
import static io.zyphos.http.files.FileFixture.get;
import static io.zyphos.http.files.FileFixture.handler;
import static io.zyphos.http.files.FileFixture.refusal;
import static io.zyphos.http.files.FileFixture.region;
import static io.zyphos.http.files.FileFixture.request;
import static io.zyphos.http.files.FileFixture.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.zyphos.http.HeaderName;
import io.zyphos.http.HttpException;
import io.zyphos.http.HttpHandler;
import io.zyphos.http.HttpRequest;
import io.zyphos.http.HttpResponse;
import io.zyphos.http.InvocationType;
import io.zyphos.http.Method;
import io.zyphos.http.ResponseBody;
import io.zyphos.http.RouteMatch;
import io.zyphos.http.Router;
import io.zyphos.http.Status;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Serving a directory: a GET answered with 200 and the file as a sendfile region (RFC 9110
 * §9.3.1), its representation metadata (Content-Type §8.3, validators §8.8, Accept-Ranges §14.3),
 * HEAD with the same head (§9.3.2), 405 for other methods (§15.5.6), index files, and 404 for
 * what is not a file.
 */
class StaticFilesTest {

    @TempDir
    Path root;

    @Test
    void aFileIsSentWholeWithItsMetadata() throws Exception {
        Path file = write(root, "hello.txt", "Hello, World!");
        HttpResponse r = handler(root).handle(get("/hello.txt"));

        assertEquals(Status.OK, r.status());
        assertEquals("text/plain; charset=utf-8", r.headers().get(HeaderName.CONTENT_TYPE));
        assertEquals("bytes", r.headers().get(HeaderName.ACCEPT_RANGES));
        assertEquals(etag(13), r.headers().get(HeaderName.ETAG));
        assertEquals("\"d-ae1b981bc490a00\"", r.headers().get(HeaderName.ETAG), "size and nanoseconds, in hex");
        assertEquals(LAST_MODIFIED, r.headers().get(HeaderName.LAST_MODIFIED));
        assertNull(r.headers().get(HeaderName.CACHE_CONTROL), "none unless configured");
        assertNull(r.headers().get(HeaderName.VARY), "no pre-compressed sibling");
        assertNull(r.headers().get(HeaderName.CONTENT_LENGTH), "the engine frames a file region");
        assertEquals(new ResponseBody.FileRegion(root.toRealPath().resolve("hello.txt"), 0, 13), r.body());
        assertEquals(file.toRealPath(), region(r).file());
    }

    @Test
    void headGetsTheSameHead() throws Exception {
        write(root, "a.css", "body{}");
        HttpResponse get = handler(root).handle(get("/a.css"));
        HttpResponse head = handler(root).handle(request(Method.HEAD, "/a.css"));
        assertEquals(get.status(), head.status());
        assertEquals(get.headers().toString(), head.headers().toString());
        // The body is what tells the engine the Content-Length; for HEAD it sends none of it.
        assertEquals(get.body(), head.body());
    }

    @Test
    void cacheControlIsConfigured() throws Exception {
        write(root, "a.js", "1");
        StaticFiles files = FileFixture.sendfileOnly(root).cacheControl("public, max-age=60").build();
        assertEquals("public, max-age=60", files.handle(get("/a.js")).headers().get(HeaderName.CACHE_CONTROL));
    }

    @Test
    void contentTypeComesFromTheExtension() {
        MediaTypes types = MediaTypes.defaults();
        assertEquals("text/html; charset=utf-8", types.forFileName("index.html"));
        assertEquals("text/css; charset=utf-8", types.forFileName("A.CSS"));
        assertEquals("text/javascript; charset=utf-8", types.forFileName("app.js"));
        assertEquals("application/json", types.forFileName("data.json"));
        assertEquals("image/svg+xml", types.forFileName("logo.svg"));
        assertEquals("image/png", types.forFileName("a.png"));
        assertEquals("image/jpeg", types.forFileName("a.jpeg"));
        assertEquals("application/wasm", types.forFileName("m.wasm"));
        assertEquals("font/woff2", types.forFileName("f.woff2"));
        assertEquals("video/mp4", types.forFileName("v.mp4"));
        assertEquals("application/octet-stream", types.forFileName("blob.bin"));
        assertEquals("application/octet-stream", types.forFileName("Makefile"));
        assertEquals("application/octet-stream", types.forFileName("trailing."));
        assertEquals("application/octet-stream", types.forFileName("x.unknown"));
        assertEquals("text/x-java; charset=utf-8", types.with("JAVA", "text/x-java; charset=utf-8").forFileName("A.java"));
    }

    @Test
    void aWildcardRouteServesWhatTheWildcardCaptured() throws Exception {
        write(root, "css/site.css", "p{}");
        StaticFiles files = handler(root);
        Router router = Router.builder().get("/static/*", files).build();
        RouteMatch match = new RouteMatch();
        router.find(Method.GET, "/static/css/site.css", match);
        HttpRequest routed = HttpRequest.builder(Method.GET, "/static/css/site.css").route(match).build();

        HttpResponse r = match.handler().handle(routed);
        assertEquals(Status.OK, r.status());
        assertEquals(root.toRealPath().resolve("css/site.css"), region(r).file());
    }

    @Test
    void anIndexFileServesADirectoryPathEndingInSlash() throws Exception {
        write(root, "docs/index.html", "<p>docs</p>");
        write(root, "index.html", "<p>home</p>");
        StaticFiles files = handler(root);

        assertEquals(root.toRealPath().resolve("docs/index.html"), region(files.handle(get("/docs/"))).file());
        assertEquals(root.toRealPath().resolve("index.html"), region(files.handle(get("/"))).file());
    }

    @Test
    void aDirectoryWithoutItsSlashIsRedirectedSoRelativeLinksResolve() throws Exception {
        write(root, "docs/index.html", "<p>docs</p>");
        HttpResponse r = handler(root).handle(get("/docs?lang=en"));
        assertEquals(Status.MOVED_PERMANENTLY, r.status());
        assertEquals("/docs/?lang=en", r.headers().get(HeaderName.LOCATION));
    }

    @Test
    void withoutAnIndexFileADirectoryIsNotFound() throws Exception {
        write(root, "docs/index.html", "<p>docs</p>");
        Files.createDirectories(root.resolve("empty"));
        StaticFiles noIndex = FileFixture.sendfileOnly(root).indexFile(null).build();

        assertEquals(Status.NOT_FOUND, refusal(noIndex, get("/docs/")).status());
        assertEquals(Status.NOT_FOUND, refusal(noIndex, get("/docs")).status());
        assertEquals(Status.NOT_FOUND, refusal(handler(root), get("/empty/")).status(), "no index.html in it");
        assertEquals(Status.NOT_FOUND, refusal(handler(root), get("/empty")).status());
    }

    @Test
    void missingFilesAndFilePathsWithASlashAreNotFound() throws Exception {
        write(root, "a.txt", "a");
        StaticFiles files = handler(root);
        assertEquals(Status.NOT_FOUND, refusal(files, get("/missing.txt")).status());
        assertEquals(Status.NOT_FOUND, refusal(files, get("/a.txt/")).status());
        assertEquals(Status.NOT_FOUND, refusal(files, get("/a.txt/b")).status());
        assertEquals(Status.NOT_FOUND, refusal(files, get("*")).status(), "asterisk-form names no file");
    }

    @Test
    void onlyGetAndHeadAreAllowed() throws Exception {
        write(root, "a.txt", "a");
        for (Method m : new Method[] {Method.POST, Method.PUT, Method.DELETE, Method.PATCH, Method.OPTIONS}) {
            HttpException refused = refusal(handler(root), request(m, "/a.txt"));
            assertEquals(Status.METHOD_NOT_ALLOWED, refused.status(), m.name());
            assertEquals("GET, HEAD", refused.headers().get(HeaderName.ALLOW), "RFC 9110 §15.5.6: the answer carries Allow");
        }
    }

    @Test
    void itDeclaresThatItBlocks() {
        HttpHandler files = handler(root);
        assertSame(InvocationType.BLOCKING, files.invocationType());
    }

    @Test
    void aRootThatIsNotADirectoryIsRefusedWhenBuilt() {
        Path file = write(root, "file", "x");
        assertThrows(UncheckedIOException.class, () -> StaticFiles.builder(file).build());
        assertThrows(UncheckedIOException.class, () -> StaticFiles.builder(root.resolve("missing")).build());
        assertThrows(IllegalArgumentException.class, () -> StaticFiles.builder(root).indexFile("../x.html"));
    }
}
