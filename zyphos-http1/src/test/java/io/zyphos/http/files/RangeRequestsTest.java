package io.zyphos.http.files;

import static io.zyphos.http.files.FileFixture.LAST_MODIFIED;
import static io.zyphos.http.files.FileFixture.etag;
import static io.zyphos.http.files.FileFixture.get;
import static io.zyphos.http.files.FileFixture.handler;
import static io.zyphos.http.files.FileFixture.region;
import static io.zyphos.http.files.FileFixture.request;
import static io.zyphos.http.files.FileFixture.streamed;
import static io.zyphos.http.files.FileFixture.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zyphos.http.HeaderName;
import io.zyphos.http.HttpResponse;
import io.zyphos.http.Method;
import io.zyphos.http.ResponseBody;
import io.zyphos.http.Status;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Range requests (RFC 9110 §14): one range gets 206 with Content-Range and still goes out with
 * sendfile (§14.4); several get a {@code multipart/byteranges} body (§14.6); none satisfiable gets
 * 416 with the length (§15.5.17); If-Range sends the range only for an unchanged file (§13.1.5),
 * and a Range field the server does not understand is ignored (§14.2).
 */
class RangeRequestsTest {

    private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz";

    @TempDir
    Path root;

    Path file;

    @BeforeEach
    void alphabet() throws Exception {
        write(root, "abc.txt", ALPHABET);
        file = root.toRealPath().resolve("abc.txt");
    }

    private HttpResponse range(String range, String... more) throws Exception {
        String[] fields = new String[more.length + 2];
        fields[0] = "Range";
        fields[1] = range;
        System.arraycopy(more, 0, fields, 2, more.length);
        return handler(root).handle(get("/abc.txt", fields));
    }

    private static void assertPartial(HttpResponse r, long offset, long length, String contentRange) {
        assertEquals(Status.PARTIAL_CONTENT, r.status());
        assertEquals(contentRange, r.headers().get(HeaderName.CONTENT_RANGE));
        assertEquals(offset, region(r).offset());
        assertEquals(length, region(r).length());
    }

    @Test
    void firstToLast() throws Exception {
        HttpResponse r = range("bytes=0-4");
        assertPartial(r, 0, 5, "bytes 0-4/26");
        assertEquals(new ResponseBody.FileRegion(file, 0, 5), r.body());
        // A 206 carries what a 200 would: type, validators, caching (§15.3.7).
        assertEquals("text/plain; charset=utf-8", r.headers().get(HeaderName.CONTENT_TYPE));
        assertEquals(etag(26), r.headers().get(HeaderName.ETAG));
        assertEquals(LAST_MODIFIED, r.headers().get(HeaderName.LAST_MODIFIED));
        assertEquals("bytes", r.headers().get(HeaderName.ACCEPT_RANGES));
    }

    @Test
    void openEnded() throws Exception {
        assertPartial(range("bytes=20-"), 20, 6, "bytes 20-25/26");
    }

    @Test
    void suffix() throws Exception {
        assertPartial(range("bytes=-3"), 23, 3, "bytes 23-25/26");
    }

    @Test
    void aSuffixLongerThanTheFileIsTheWholeFile() throws Exception {
        assertPartial(range("bytes=-100"), 0, 26, "bytes 0-25/26");
    }

    @Test
    void aLastPositionPastTheEndIsCutToTheLastByte() throws Exception {
        assertPartial(range("bytes=24-1000"), 24, 2, "bytes 24-25/26");
        assertPartial(range("bytes=24-99999999999999999999999"), 24, 2, "bytes 24-25/26");
    }

    @Test
    void theUnitIsCaseInsensitiveAndListsMayHaveSpacesAndEmptyElements() throws Exception {
        assertPartial(range("Bytes=0-0"), 0, 1, "bytes 0-0/26");
        assertPartial(range("bytes= , 1-2 ,"), 1, 2, "bytes 1-2/26");
    }

    @Test
    void nothingSatisfiableIs416WithTheLength() throws Exception {
        for (String spec : new String[] {"bytes=26-", "bytes=100-200", "bytes=-0", "bytes=30-40, 50-"}) {
            HttpResponse r = range(spec);
            assertEquals(Status.RANGE_NOT_SATISFIABLE, r.status(), spec);
            assertEquals("bytes */26", r.headers().get(HeaderName.CONTENT_RANGE), spec);
            assertTrue(r.body() instanceof ResponseBody.Empty);
        }
    }

    @Test
    void unsatisfiableRangesAmongSatisfiableOnesAreDropped() throws Exception {
        assertPartial(range("bytes=100-200, 2-3"), 2, 2, "bytes 2-3/26");
    }

    @Test
    void anEmptyFileSatisfiesNoRange() throws Exception {
        write(root, "empty.txt", "");
        HttpResponse r = handler(root).handle(get("/empty.txt", "Range", "bytes=0-"));
        assertEquals(Status.RANGE_NOT_SATISFIABLE, r.status());
        assertEquals("bytes */0", r.headers().get(HeaderName.CONTENT_RANGE));
    }

    @Test
    void aRangeFieldThatIsNotUnderstoodIsIgnored() throws Exception {
        for (String spec : new String[] {"items=0-4", "bytes 0-4", "bytes=", "bytes=a-b", "bytes=5-4", "bytes=0-4;x",
                "bytes=--1", "bytes=0-4 5-6", "bytes=,"}) {
            HttpResponse r = range(spec);
            assertEquals(Status.OK, r.status(), spec);
            assertEquals(new ResponseBody.FileRegion(file, 0, 26), r.body(), spec);
        }
    }

    @Test
    void rangesAreOnlyForGet() throws Exception {
        HttpResponse r = handler(root).handle(request(Method.HEAD, "/abc.txt", "Range", "bytes=0-4"));
        assertEquals(Status.OK, r.status());
        assertNull(r.headers().get(HeaderName.CONTENT_RANGE));
    }

    @Test
    void twoRangesAreAMultipartBody() throws Exception {
        HttpResponse r = range("bytes=0-4, 20-");
        assertEquals(Status.PARTIAL_CONTENT, r.status());
        String contentType = r.headers().get(HeaderName.CONTENT_TYPE);
        assertTrue(contentType.startsWith("multipart/byteranges; boundary="), contentType);
        String boundary = contentType.substring("multipart/byteranges; boundary=".length());
        assertEquals(24, boundary.length());
        assertNull(r.headers().get(HeaderName.CONTENT_RANGE), "each part has its own");
        assertEquals(etag(26), r.headers().get(HeaderName.ETAG));

        String expected = "--" + boundary + "\r\n"
                + "Content-Type: text/plain; charset=utf-8\r\n"
                + "Content-Range: bytes 0-4/26\r\n"
                + "\r\n"
                + "abcde"
                + "\r\n--" + boundary + "\r\n"
                + "Content-Type: text/plain; charset=utf-8\r\n"
                + "Content-Range: bytes 20-25/26\r\n"
                + "\r\n"
                + "uvwxyz"
                + "\r\n--" + boundary + "--\r\n";
        assertEquals(expected, streamed(r));
        assertEquals(Integer.toString(expected.length()), r.headers().get(HeaderName.CONTENT_LENGTH));
    }

    @Test
    void theRfcExampleOfTwoRangesOfAnEightThousandBytePdf() throws Exception {
        byte[] pdf = new byte[8000];
        for (int i = 0; i < pdf.length; i++) {
            pdf[i] = (byte) ('A' + i % 26);
        }
        write(root, "doc.pdf", pdf);
        HttpResponse r = handler(root).handle(get("/doc.pdf", "Range", "bytes=500-999,7000-7999"));
        String boundary = r.headers().get(HeaderName.CONTENT_TYPE).substring("multipart/byteranges; boundary=".length());
        String body = streamed(r);
        String text = new String(pdf, StandardCharsets.ISO_8859_1);
        String expected = "--" + boundary + "\r\nContent-Type: application/pdf\r\nContent-Range: bytes 500-999/8000\r\n\r\n"
                + text.substring(500, 1000)
                + "\r\n--" + boundary + "\r\nContent-Type: application/pdf\r\nContent-Range: bytes 7000-7999/8000\r\n\r\n"
                + text.substring(7000, 8000)
                + "\r\n--" + boundary + "--\r\n";
        assertEquals(expected, body);
        assertEquals(Integer.toString(body.length()), r.headers().get(HeaderName.CONTENT_LENGTH));
    }

    @Test
    void aMultipartBodyLargerThanOneChunkIsReadInChunks() throws Exception {
        byte[] big = new byte[3 * MultipartByteranges.CHUNK + 17];
        for (int i = 0; i < big.length; i++) {
            big[i] = (byte) (i * 31);
        }
        write(root, "big.bin", big);
        HttpResponse r = handler(root).handle(get("/big.bin", "Range", "bytes=0-0,-" + (2 * MultipartByteranges.CHUNK + 5)));
        String body = streamed(r);
        assertEquals(r.headers().get(HeaderName.CONTENT_LENGTH), Integer.toString(body.length()));
        String tail = new String(big, big.length - (2 * MultipartByteranges.CHUNK + 5), 2 * MultipartByteranges.CHUNK + 5,
                StandardCharsets.ISO_8859_1);
        assertTrue(body.contains(tail + "\r\n--"), "the suffix, byte for byte");
    }

    @Test
    void nonOverlappingPartsKeepTheRequestedOrder() throws Exception {
        String body = streamed(range("bytes=20-21, 0-1"));
        assertTrue(body.indexOf("bytes 20-21/26") < body.indexOf("bytes 0-1/26"), body);
    }

    @Test
    void overlappingAndTouchingRangesAreCoalesced() throws Exception {
        // 0-4 and 3-9 overlap, 10-12 touches them: one range, so no multipart at all.
        assertPartial(range("bytes=3-9, 0-4, 10-12"), 0, 13, "bytes 0-12/26");
        // Two groups, sorted once coalescing started.
        String body = streamed(range("bytes=20-22, 0-1, 21-25, 1-2"));
        assertTrue(body.contains("Content-Range: bytes 0-2/26\r\n\r\nabc\r\n"), body);
        assertTrue(body.contains("Content-Range: bytes 20-25/26\r\n\r\nuvwxyz\r\n"), body);
        assertTrue(body.indexOf("bytes 0-2/26") < body.indexOf("bytes 20-25/26"));
    }

    @Test
    void tooManyRangesAreIgnored() throws Exception {
        StringBuilder spec = new StringBuilder("bytes=0-0");
        for (int i = 1; i <= StaticFiles.DEFAULT_MAX_RANGES; i++) {
            spec.append(',').append(i).append('-').append(i);
        }
        HttpResponse r = range(spec.toString());
        assertEquals(Status.OK, r.status(), "17 ranges: the whole file");
        assertEquals(new ResponseBody.FileRegion(file, 0, 26), r.body());

        StaticFiles fewer = FileFixture.sendfileOnly(root).maxRanges(2).build();
        assertEquals(Status.OK, fewer.handle(get("/abc.txt", "Range", "bytes=0-0,2-2,4-4")).status());
        assertEquals(Status.PARTIAL_CONTENT, fewer.handle(get("/abc.txt", "Range", "bytes=0-0,2-2")).status());
    }

    @Test
    void ifRangeWithTheCurrentStrongEtagSendsTheRange() throws Exception {
        assertPartial(range("bytes=0-4", "If-Range", etag(26)), 0, 5, "bytes 0-4/26");
    }

    @Test
    void ifRangeWithAnotherOrAWeakEtagSendsTheWholeFile() throws Exception {
        for (String ifRange : new String[] {"\"other\"", "W/" + etag(26), "not a validator"}) {
            HttpResponse r = range("bytes=0-4", "If-Range", ifRange);
            assertEquals(Status.OK, r.status(), ifRange);
            assertEquals(new ResponseBody.FileRegion(file, 0, 26), r.body());
        }
    }

    @Test
    void ifRangeWithTheExactLastModifiedDateSendsTheRange() throws Exception {
        assertPartial(range("bytes=0-4", "If-Range", LAST_MODIFIED), 0, 5, "bytes 0-4/26");
        assertEquals(Status.OK, range("bytes=0-4", "If-Range", "Sun, 06 Nov 1994 08:49:38 GMT").status(), "a later date");
        assertEquals(Status.OK, range("bytes=0-4", "If-Range", "Sun, 06 Nov 1994 08:49:36 GMT").status(), "an earlier date");
    }

    @Test
    void ifRangeWithADateIsWeakWhenTheFileChangedWithinTheCurrentSecond() throws Exception {
        // Last-Modified is a strong validator only if at least a second old (§8.8.2.2).
        long sameSecond = FileFixture.MTIME_SECONDS * 1000 + 500;
        StaticFiles files = FileFixture.sendfileOnly(root).clock(() -> sameSecond).build();
        HttpResponse r = files.handle(get("/abc.txt", "Range", "bytes=0-4", "If-Range", LAST_MODIFIED));
        assertEquals(Status.OK, r.status());
    }

    @Test
    void ifRangeWithoutRangeChangesNothing() throws Exception {
        HttpResponse r = handler(root).handle(get("/abc.txt", "If-Range", "\"other\""));
        assertEquals(Status.OK, r.status());
    }
}
