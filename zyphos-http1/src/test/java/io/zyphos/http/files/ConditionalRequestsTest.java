package io.zyphos.http.files;

import static io.zyphos.http.files.FileFixture.LAST_MODIFIED;
import static io.zyphos.http.files.FileFixture.etag;
import static io.zyphos.http.files.FileFixture.handler;
import static io.zyphos.http.files.FileFixture.request;
import static io.zyphos.http.files.FileFixture.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zyphos.http.HeaderName;
import io.zyphos.http.HttpResponse;
import io.zyphos.http.Method;
import io.zyphos.http.ResponseBody;
import io.zyphos.http.Status;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Conditional requests (RFC 9110 §13) against a file's strong ETag and Last-Modified:
 * If-None-Match and If-Modified-Since turn a GET or HEAD into 304 (§13.1.2, §13.1.3); If-Match
 * and If-Unmodified-Since fail with 412 (§13.1.1, §13.1.4); and the order of §13.2.2 decides
 * which field counts when several come together.
 */
class ConditionalRequestsTest {

    private static final String ETAG = etag(13);
    private static final String BEFORE = "Sun, 06 Nov 1994 08:49:36 GMT";
    private static final String AFTER = "Sun, 06 Nov 1994 08:49:38 GMT";

    @TempDir
    Path root;

    @BeforeEach
    void file() {
        write(root, "hello.txt", "Hello, World!");
    }

    private HttpResponse get(String... fields) throws Exception {
        return FileFixture.sendfileOnly(root).cacheControl("max-age=60").clock(() -> FileFixture.NOW_MILLIS).build()
                .handle(FileFixture.get("/hello.txt", fields));
    }

    private static void assertNotModified(HttpResponse r) {
        assertEquals(Status.NOT_MODIFIED, r.status());
        assertTrue(r.body() instanceof ResponseBody.Empty);
        // What a cache needs to update its stored response (§15.4.5).
        assertEquals(ETAG, r.headers().get(HeaderName.ETAG));
        assertEquals("max-age=60", r.headers().get(HeaderName.CACHE_CONTROL));
        assertNull(r.headers().get(HeaderName.CONTENT_TYPE));
    }

    @Test
    void ifNoneMatchWithTheCurrentTagIsNotModified() throws Exception {
        assertNotModified(get("If-None-Match", ETAG));
        assertNotModified(get("If-None-Match", "\"x\", " + ETAG));
    }

    @Test
    void ifNoneMatchComparesWeakly() throws Exception {
        assertNotModified(get("If-None-Match", "W/" + ETAG));
    }

    @Test
    void ifNoneMatchStarMatchesAnExistingFile() throws Exception {
        assertNotModified(get("If-None-Match", "*"));
    }

    @Test
    void ifNoneMatchWithAnotherTagIsAFullResponse() throws Exception {
        assertEquals(Status.OK, get("If-None-Match", "\"other\"").status());
    }

    @Test
    void headIsConditionalToo() throws Exception {
        HttpResponse r = handler(root).handle(request(Method.HEAD, "/hello.txt", "If-None-Match", ETAG));
        assertEquals(Status.NOT_MODIFIED, r.status());
    }

    @Test
    void ifModifiedSinceTheLastModificationOrLaterIsNotModified() throws Exception {
        assertNotModified(get("If-Modified-Since", LAST_MODIFIED));
        assertNotModified(get("If-Modified-Since", AFTER));
        assertNotModified(get("If-Modified-Since", "Sunday, 06-Nov-94 08:49:37 GMT"));
        assertEquals(Status.OK, get("If-Modified-Since", BEFORE).status());
    }

    @Test
    void ifModifiedSinceIsIgnoredWhenNotADateOrGivenTwice() throws Exception {
        assertEquals(Status.OK, get("If-Modified-Since", "yesterday").status());
        assertEquals(Status.OK, get("If-Modified-Since", AFTER, "If-Modified-Since", AFTER).status());
    }

    @Test
    void ifNoneMatchOverridesIfModifiedSince() throws Exception {
        // §13.1.3: a recipient MUST ignore If-Modified-Since if the request has If-None-Match.
        assertEquals(Status.OK, get("If-None-Match", "\"other\"", "If-Modified-Since", AFTER).status());
        assertNotModified(get("If-None-Match", ETAG, "If-Modified-Since", BEFORE));
    }

    @Test
    void ifMatchComparesStrongly() throws Exception {
        assertEquals(Status.OK, get("If-Match", ETAG).status());
        assertEquals(Status.OK, get("If-Match", "*").status());
        assertEquals(Status.PRECONDITION_FAILED, get("If-Match", "\"other\"").status());
        assertEquals(Status.PRECONDITION_FAILED, get("If-Match", "W/" + ETAG).status());
        assertEquals(Status.PRECONDITION_FAILED, get("If-Match", "garbage").status());
    }

    @Test
    void ifUnmodifiedSince() throws Exception {
        assertEquals(Status.OK, get("If-Unmodified-Since", LAST_MODIFIED).status());
        assertEquals(Status.OK, get("If-Unmodified-Since", AFTER).status());
        assertEquals(Status.PRECONDITION_FAILED, get("If-Unmodified-Since", BEFORE).status());
        assertEquals(Status.OK, get("If-Unmodified-Since", "not a date").status(), "ignored");
    }

    @Test
    void ifMatchOverridesIfUnmodifiedSince() throws Exception {
        // §13.1.4: a recipient MUST ignore If-Unmodified-Since if the request has If-Match.
        assertEquals(Status.OK, get("If-Match", ETAG, "If-Unmodified-Since", BEFORE).status());
        assertEquals(Status.PRECONDITION_FAILED, get("If-Match", "\"other\"", "If-Unmodified-Since", AFTER).status());
    }

    @Test
    void step1Before3_aFailedIfMatchWinsOverAMatchingIfNoneMatch() throws Exception {
        assertEquals(Status.PRECONDITION_FAILED, get("If-Match", "\"other\"", "If-None-Match", ETAG).status());
    }

    @Test
    void step3Before5_notModifiedWinsOverARange() throws Exception {
        assertNotModified(get("If-None-Match", ETAG, "Range", "bytes=0-1"));
    }

    @Test
    void preconditionsAreIgnoredForAMissingFile() throws Exception {
        // §13.2.1: without the conditions the answer would be 404, so it is 404.
        assertEquals(Status.NOT_FOUND, FileFixture.refusal(handler(root), FileFixture.get("/missing.txt", "If-Match", "\"x\"")).status());
    }

    @Test
    void aChangedFileGetsANewTag() throws Exception {
        write(root, "hello.txt", "Hello, World, again!");
        HttpResponse r = get("If-None-Match", ETAG);
        assertEquals(Status.OK, r.status());
        assertEquals(etag(20), r.headers().get(HeaderName.ETAG));
    }

    @Test
    void theFixtureIsWhatTheseTestsThinkItIs() throws Exception {
        HttpResponse r = handler(root).handle(FileFixture.get("/hello.txt"));
        assertEquals(ETAG, r.headers().get(HeaderName.ETAG));
        assertEquals(LAST_MODIFIED, r.headers().get(HeaderName.LAST_MODIFIED));
    }
}
