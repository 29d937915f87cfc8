package io.zyphos.http.files;

import static io.zyphos.http.files.FileFixture.MTIME_SECONDS;
import static io.zyphos.http.files.FileFixture.NOW_MILLIS;
import static io.zyphos.http.files.FileFixture.etag;
import static io.zyphos.http.files.FileFixture.get;
import static io.zyphos.http.files.FileFixture.refusal;
import static io.zyphos.http.files.FileFixture.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.zyphos.http.HeaderName;
import io.zyphos.http.HttpRequest;
import io.zyphos.http.HttpResponse;
import io.zyphos.http.InvocationType;
import io.zyphos.http.ResponseBody;
import io.zyphos.http.Status;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What StaticFiles remembers between requests, as Jetty's ResourceHandler does: a file already
 * looked up is answered from memory on the event loop (small files) or with sendfile (large ones),
 * with no stat, open or read; a file changed on disk is seen again once the revalidation period has
 * passed, through every check a first request makes; and memory stays within its bounds.
 */
class FileCacheTest {

    @TempDir
    Path root;

    /** The handler's wall clock, moved by the tests. */
    private final AtomicLong now = new AtomicLong(NOW_MILLIS);

    private StaticFiles.Builder files() {
        return StaticFiles.builder(root).clock(now::get);
    }

    @Test
    void aSmallFileIsSentFromMemoryOnceItIsKnown() throws Exception {
        write(root, "hello.txt", "Hello, World!");
        StaticFiles files = files().build();
        HttpRequest first = get("/hello.txt");

        assertEquals(InvocationType.BLOCKING, files.invocationType(first), "first, the file system is asked");
        HttpResponse r = files.handle(first);
        assertEquals("Hello, World!", body(r));
        assertEquals(etag(13), r.headers().get(HeaderName.ETAG));

        assertEquals(InvocationType.NON_BLOCKING, files.invocationType(get("/hello.txt")),
                "then the request is answered on the loop, from memory");
        assertEquals("Hello, World!", body(files.handle(get("/hello.txt"))));
    }

    @Test
    void aLargeFileIsMappedAndWrittenFromTheMapping() throws Exception {
        byte[] bytes = new byte[100];
        bytes[99] = 'z';
        write(root, "big.bin", bytes);
        StaticFiles files = files().maxCachedFileBytes(99).build();

        files.handle(get("/big.bin")).release();
        assertEquals(InvocationType.NON_BLOCKING, files.invocationType(get("/big.bin")));
        HttpResponse r = files.handle(get("/big.bin"));
        ByteBuf sent = assertInstanceOf(ResponseBody.Bytes.class, r.body()).content();
        assertEquals(100, sent.readableBytes());
        assertEquals('z', sent.getByte(99));
        r.release();
        assertEquals(0, files.cache().heldBytes(), "a mapping is the OS's page cache, not memory of the JVM's own");
    }

    @Test
    void withMappingOffALargeFileIsRememberedButSentWithSendfile() throws Exception {
        write(root, "big.bin", new byte[100]);
        StaticFiles files = files().maxCachedFileBytes(99).mapLargeFiles(false).build();

        files.handle(get("/big.bin")).release();
        assertEquals(InvocationType.NON_BLOCKING, files.invocationType(get("/big.bin")));
        HttpResponse r = files.handle(get("/big.bin"));
        assertEquals(new ResponseBody.FileRegion(root.toRealPath().resolve("big.bin"), 0, 100), r.body());
        assertEquals(0, files.cache().heldBytes(), "its bytes are not held");
    }

    @Test
    void aChangedFileIsSeenOnceTheRevalidationPeriodHasPassedAndNotBefore() throws Exception {
        Path file = write(root, "page.html", "old");
        StaticFiles files = files().revalidateAfter(Duration.ofSeconds(1)).build();
        assertEquals("old", body(files.handle(get("/page.html"))));

        Files.writeString(file, "newer");
        Files.setLastModifiedTime(file, FileTime.fromMillis((MTIME_SECONDS + 1) * 1000));
        now.addAndGet(999);
        assertEquals("old", body(files.handle(get("/page.html"))), "within the period, memory is trusted");

        now.addAndGet(1);
        assertEquals(InvocationType.BLOCKING, files.invocationType(get("/page.html")), "stale: ask again");
        HttpResponse r = files.handle(get("/page.html"));
        assertEquals("newer", body(r));
        assertEquals("\"5-" + Long.toHexString((MTIME_SECONDS + 1) * 1_000_000_000L) + "\"", r.headers().get(HeaderName.ETAG));
    }

    @Test
    void aPeriodOfZeroAsksTheFileSystemEveryTime() throws Exception {
        write(root, "a.txt", "a");
        StaticFiles files = files().revalidateAfter(Duration.ZERO).build();
        files.handle(get("/a.txt")).release();
        assertEquals(InvocationType.BLOCKING, files.invocationType(get("/a.txt")));
    }

    @Test
    void aFileDeletedOrSwappedForALinkIsRefusedAfterRevalidation() throws Exception {
        Path secret = write(root.resolve("../outside-" + System.nanoTime()), "secret.txt", "secret");
        Path file = write(root, "doc.txt", "public");
        StaticFiles files = files().build();
        assertEquals("public", body(files.handle(get("/doc.txt"))));

        Files.delete(file);
        Files.createSymbolicLink(file, secret);
        now.addAndGet(StaticFiles.DEFAULT_REVALIDATE_MILLIS);
        assertEquals(Status.NOT_FOUND, refusal(files, get("/doc.txt")).status(), "every check of a first request is made again");

        Files.delete(file);
        now.addAndGet(StaticFiles.DEFAULT_REVALIDATE_MILLIS);
        assertEquals(Status.NOT_FOUND, refusal(files, get("/doc.txt")).status());
        Files.delete(secret);
        Files.delete(secret.getParent());
    }

    @Test
    void aRangeOfARememberedFileIsASliceOfItsBytesAndRunsOffTheLoop() throws Exception {
        write(root, "abc.txt", "abcdefghijklmnopqrstuvwxyz");
        StaticFiles files = files().build();
        files.handle(get("/abc.txt")).release();

        HttpRequest ranged = get("/abc.txt", "Range", "bytes=2-4");
        assertEquals(InvocationType.BLOCKING, files.invocationType(ranged), "several ranges read the file as they go");
        HttpResponse r = files.handle(ranged);
        assertEquals(Status.PARTIAL_CONTENT, r.status());
        assertEquals("bytes 2-4/26", r.headers().get(HeaderName.CONTENT_RANGE));
        assertEquals("cde", body(r));
    }

    @Test
    void theBytesSentCannotBeChangedByWhoeverGetsThem() throws Exception {
        write(root, "x.txt", "xyz");
        StaticFiles files = files().build();
        HttpResponse r = files.handle(get("/x.txt"));
        ByteBuf bytes = assertInstanceOf(ResponseBody.Bytes.class, r.body()).content();
        assertThrows(Exception.class, () -> bytes.setByte(0, 'X'));
        r.release();
        assertEquals("xyz", body(files.handle(get("/x.txt"))));
    }

    @Test
    void missingPathsAreNotRemembered() throws Exception {
        StaticFiles files = files().build();
        for (int i = 0; i < 100; i++) {
            assertEquals(Status.NOT_FOUND, refusal(files, get("/missing-" + i)).status());
        }
        assertEquals(0, files.cache().size());
    }

    @Test
    void entriesAndBytesStayWithinTheirBounds() throws Exception {
        StaticFiles files = files().maxCachedFiles(8).maxCachedBytes(100).build();
        for (int i = 0; i < 50; i++) {
            write(root, "f" + i + ".bin", new byte[30]);
            assertEquals(30, files.handle(get("/f" + i + ".bin")).body() instanceof ResponseBody.Bytes(ByteBuf b)
                    ? release(b) : 30, "each file is served whole, held or not");
            assertTrue(files.cache().size() <= 8, "entries: " + files.cache().size());
            assertTrue(files.cache().heldBytes() <= 100, "bytes: " + files.cache().heldBytes());
        }
    }

    @Test
    void aFileUsedSinceTheLastSweepOutlivesOneThatWasNot() throws Exception {
        StaticFiles files = files().maxCachedFiles(8).build();
        write(root, "hot.txt", "hot");
        files.handle(get("/hot.txt")).release();
        for (int i = 0; i < 40; i++) {
            write(root, "cold" + i + ".txt", "cold");
            files.handle(get("/cold" + i + ".txt")).release();
            assertEquals(InvocationType.NON_BLOCKING, files.invocationType(get("/hot.txt")), "after " + i + " cold files");
        }
    }

    private static int release(ByteBuf b) {
        int n = b.readableBytes();
        b.release();
        return n;
    }

    /** The body of a 200 or 206 sent from memory, as text; releases the response. */
    private static String body(HttpResponse r) {
        try {
            ByteBuf bytes = assertInstanceOf(ResponseBody.Bytes.class, r.body(), "sent from memory").content();
            return bytes.toString(StandardCharsets.UTF_8);
        } finally {
            r.release();
        }
    }
}
