package io.zyphos.http.files;

import static io.zyphos.http.files.FileFixture.etag;
import static io.zyphos.http.files.FileFixture.handler;
import static io.zyphos.http.files.FileFixture.region;
import static io.zyphos.http.files.FileFixture.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.zyphos.http.HeaderName;
import io.zyphos.http.HttpResponse;
import io.zyphos.http.Status;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pre-compressed siblings chosen by Accept-Encoding (RFC 9110 §12.5.3): {@code app.css.br} or
 * {@code app.css.gz} goes out with Content-Encoding (§8.4) and the type of {@code app.css}, every
 * response says {@code Vary: Accept-Encoding} (§12.5.5), each encoding has its own ETag, and
 * ranges count bytes of what is sent (§14.1.2).
 */
class PrecompressedFilesTest {

    @TempDir
    Path root;

    Path real;

    @BeforeEach
    void files() throws Exception {
        write(root, "app.css", "body { color: black; }");       // 22 bytes
        write(root, "app.css.br", "BROTLI");                      // 6 bytes
        write(root, "app.css.gz", "GZIPPED!");                    // 8 bytes
        write(root, "plain.css", "p{}");
        real = root.toRealPath();
    }

    private HttpResponse get(String acceptEncoding) throws Exception {
        return acceptEncoding == null ? handler(root).handle(FileFixture.get("/app.css"))
                : handler(root).handle(FileFixture.get("/app.css", "Accept-Encoding", acceptEncoding));
    }

    private static void assertSent(HttpResponse r, Path file, String encoding, String etag) {
        assertEquals(Status.OK, r.status());
        assertEquals(file, region(r).file());
        assertEquals(encoding, r.headers().get(HeaderName.CONTENT_ENCODING));
        assertEquals("text/css; charset=utf-8", r.headers().get(HeaderName.CONTENT_TYPE));
        assertEquals("Accept-Encoding", r.headers().get(HeaderName.VARY));
        assertEquals(etag, r.headers().get(HeaderName.ETAG));
    }

    @Test
    void brotliIsPreferredWhenBothAreAccepted() throws Exception {
        assertSent(get("gzip, deflate, br, zstd"), real.resolve("app.css.br"), "br", etag(6, "br"));
    }

    @Test
    void gzipWhenBrotliIsNotAccepted() throws Exception {
        assertSent(get("gzip"), real.resolve("app.css.gz"), "gzip", etag(8, "gzip"));
        assertSent(get("x-gzip"), real.resolve("app.css.gz"), "gzip", etag(8, "gzip"));
        assertSent(get("br;q=0, gzip"), real.resolve("app.css.gz"), "gzip", etag(8, "gzip"));
    }

    @Test
    void theHigherWeightWins() throws Exception {
        assertSent(get("br;q=0.5, gzip;q=0.8"), real.resolve("app.css.gz"), "gzip", etag(8, "gzip"));
        assertSent(get("br;q=0.8, gzip;q=0.8"), real.resolve("app.css.br"), "br", etag(6, "br"));
    }

    @Test
    void aStarCoversWhatIsNotListed() throws Exception {
        assertSent(get("*"), real.resolve("app.css.br"), "br", etag(6, "br"));
        assertSent(get("br;q=0, *;q=0.1"), real.resolve("app.css.gz"), "gzip", etag(8, "gzip"));
    }

    @Test
    void theFileAsItIsWhenNoCodingIsAccepted() throws Exception {
        for (String accept : new String[] {null, "identity", "deflate", "br;q=0, gzip;q=0", "*;q=0", "gzip;q=2",
                "gzip;q=0.1234", "gzip;level=9", "br;q=1.5"}) {
            assertSent(get(accept), real.resolve("app.css"), null, etag(22));
        }
    }

    @Test
    void varyIsOnlySentWhenASiblingExists() throws Exception {
        HttpResponse r = handler(root).handle(FileFixture.get("/plain.css", "Accept-Encoding", "br, gzip"));
        assertNull(r.headers().get(HeaderName.VARY));
        assertNull(r.headers().get(HeaderName.CONTENT_ENCODING));
    }

    @Test
    void aNotModifiedForAnEncodingVariesToo() throws Exception {
        HttpResponse r = handler(root).handle(FileFixture.get("/app.css", "Accept-Encoding", "br",
                "If-None-Match", etag(6, "br")));
        assertEquals(Status.NOT_MODIFIED, r.status());
        assertEquals("Accept-Encoding", r.headers().get(HeaderName.VARY));
        // The identity tag does not match the brotli representation.
        HttpResponse other = handler(root).handle(FileFixture.get("/app.css", "Accept-Encoding", "br",
                "If-None-Match", etag(22)));
        assertEquals(Status.OK, other.status());
    }

    @Test
    void aRangeCountsBytesOfTheEncodedFile() throws Exception {
        HttpResponse r = handler(root).handle(FileFixture.get("/app.css", "Accept-Encoding", "gzip", "Range", "bytes=2-"));
        assertEquals(Status.PARTIAL_CONTENT, r.status());
        assertEquals("bytes 2-7/8", r.headers().get(HeaderName.CONTENT_RANGE));
        assertEquals("gzip", r.headers().get(HeaderName.CONTENT_ENCODING));
        assertEquals(real.resolve("app.css.gz"), region(r).file());
        assertEquals(2, region(r).offset());
        assertEquals(6, region(r).length());
    }

    @Test
    void severalRangesOfAnEncodedFileGetTheWholeFile() throws Exception {
        HttpResponse r = handler(root).handle(FileFixture.get("/app.css", "Accept-Encoding", "gzip", "Range", "bytes=0-1,4-5"));
        assertEquals(Status.OK, r.status());
        assertEquals(8, region(r).length());
    }

    @Test
    void aSiblingThatIsALinkIsIgnored() throws Exception {
        write(root, "x.js", "let x;");
        Files.createSymbolicLink(root.resolve("x.js.br"), root.resolve("app.css.br"));
        HttpResponse r = handler(root).handle(FileFixture.get("/x.js", "Accept-Encoding", "br"));
        assertEquals(real.resolve("x.js"), region(r).file());
        assertNull(r.headers().get(HeaderName.VARY));
    }

    @Test
    void precompressedFilesCanBeTurnedOff() throws Exception {
        HttpResponse r = FileFixture.sendfileOnly(root).precompressed(false).build()
                .handle(FileFixture.get("/app.css", "Accept-Encoding", "br"));
        assertEquals(real.resolve("app.css"), region(r).file());
        assertNull(r.headers().get(HeaderName.VARY));
    }
}
