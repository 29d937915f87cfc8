package io.zyphos.http.files;

import static io.zyphos.http.files.FileFixture.get;
import static io.zyphos.http.files.FileFixture.handler;
import static io.zyphos.http.files.FileFixture.refusal;
import static io.zyphos.http.files.FileFixture.region;
import static io.zyphos.http.files.FileFixture.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.zyphos.http.HttpException;
import io.zyphos.http.RequestTarget;
import io.zyphos.http.Status;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * No request reaches a file outside the root (RFC 9110 §17.3 warns of exactly this: a path
 * mapped onto a file system). Dot segments, escaped or not, are removed when the target is
 * parsed (RFC 3986 §5.2.4); the handler checks again after joining the path to the root, and
 * refuses symbolic links anywhere under it and hidden names, all with a plain 404.
 */
class TraversalTest {

    @TempDir
    Path dir;

    Path root;

    @BeforeEach
    void site() throws Exception {
        root = Files.createDirectories(dir.resolve("site"));
        write(dir, "secret.txt", "outside the root");
        write(dir, "outside/secret.txt", "outside the root too");
        write(root, "public.txt", "inside");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "/../secret.txt",
        "/%2e%2e/secret.txt",
        "/%2E%2E/secret.txt",
        "/.%2e/secret.txt",
        "/public.txt/../../secret.txt",
        "/a/b/../../../secret.txt",
        "/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
    })
    void dotSegmentsCannotClimbOutOfTheRoot(String target) throws Exception {
        // RequestTarget removes them before any handler sees the path: it never climbs above "/".
        assertEquals(Status.NOT_FOUND, refusal(handler(root), get(target)).status(), target);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/..%2Fsecret.txt", "/..%2fsecret.txt", "/public.txt%2F", "/x%2F..%2F..%2Fsecret.txt"})
    void anEscapedSlashIsNeverASeparator(String target) throws Exception {
        assertEquals(Status.NOT_FOUND, refusal(handler(root), get(target)).status(), target);
    }

    @Test
    void nulAndBackslashAreRefusedWhenTheTargetIsParsed() {
        assertEquals(Status.BAD_REQUEST, assertThrows(HttpException.class, () -> RequestTarget.parse("/public.txt%00.html")).status());
        assertEquals(Status.BAD_REQUEST, assertThrows(HttpException.class, () -> RequestTarget.parse("/..%5Csecret.txt")).status());
        assertEquals(Status.BAD_REQUEST, assertThrows(HttpException.class, () -> RequestTarget.parse("/..\\secret.txt")).status());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "../secret.txt", "a/../../secret.txt", "./public.txt", "..", ".", "a//public.txt", "/public.txt",
        "public.txt\0.html", "..\\secret.txt", "%2e%2e/secret.txt", "..%2Fsecret.txt",
    })
    void theResolverChecksAgainWhateverItIsGiven(String relative) throws Exception {
        FileResolver resolver = new FileResolver(root, "index.html", false);
        assertSame(FileResolver.NOT_FOUND, resolver.resolve(relative), relative);
    }

    @Test
    void aSymbolicLinkToAFileOutsideIsNotFollowed() throws Exception {
        Files.createSymbolicLink(root.resolve("link.txt"), dir.resolve("secret.txt"));
        assertEquals(Status.NOT_FOUND, refusal(handler(root), get("/link.txt")).status());
    }

    @Test
    void aSymbolicLinkToADirectoryOutsideIsNotFollowed() throws Exception {
        Files.createSymbolicLink(root.resolve("out"), dir.resolve("outside"));
        assertEquals(Status.NOT_FOUND, refusal(handler(root), get("/out/secret.txt")).status());
        assertEquals(Status.NOT_FOUND, refusal(handler(root), get("/out/")).status());
    }

    @Test
    void evenASymbolicLinkInsideTheRootIsRefused() throws Exception {
        write(root, "docs/real.txt", "real");
        Files.createSymbolicLink(root.resolve("alias.txt"), root.resolve("public.txt"));
        Files.createSymbolicLink(root.resolve("docs2"), root.resolve("docs"));
        assertEquals(Status.NOT_FOUND, refusal(handler(root), get("/alias.txt")).status());
        assertEquals(Status.NOT_FOUND, refusal(handler(root), get("/docs2/real.txt")).status());
        assertEquals(Status.OK, handler(root).handle(get("/docs/real.txt")).status());
    }

    @Test
    void anIndexFileThatIsALinkIsRefused() throws Exception {
        Files.createDirectories(root.resolve("docs"));
        Files.createSymbolicLink(root.resolve("docs/index.html"), dir.resolve("secret.txt"));
        assertEquals(Status.NOT_FOUND, refusal(handler(root), get("/docs/")).status());
    }

    @Test
    void theRootItselfMayBeALink() throws Exception {
        Path linkedRoot = Files.createSymbolicLink(dir.resolve("current"), root);
        StaticFiles files = handler(linkedRoot);
        assertEquals(root.toRealPath(), files.root());
        assertEquals(root.toRealPath().resolve("public.txt"), region(files.handle(get("/public.txt"))).file());
    }

    @Test
    void hiddenNamesAreNotFoundUnlessAllowed() throws Exception {
        write(root, ".env", "SECRET=1");
        write(root, ".git/config", "[core]");
        assertEquals(Status.NOT_FOUND, refusal(handler(root), get("/.env")).status());
        assertEquals(Status.NOT_FOUND, refusal(handler(root), get("/.git/config")).status());

        StaticFiles allowing = FileFixture.sendfileOnly(root).hiddenFiles(true).build();
        assertEquals(Status.OK, allowing.handle(get("/.env")).status());
        assertEquals(Status.OK, allowing.handle(get("/.git/config")).status());
    }

    @Test
    void anEscapedPercentIsAPercentInTheName() throws Exception {
        write(root, "100%.txt", "all of it");
        assertEquals(root.toRealPath().resolve("100%.txt"), region(handler(root).handle(get("/100%25.txt"))).file());
    }

    @Test
    void aFifoOrOtherSpecialFileIsNotServed() throws Exception {
        Path fifo = root.resolve("pipe");
        Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
        assertEquals(0, mkfifo.waitFor());
        assertInstanceOf(FileResolver.NotFound.class, new FileResolver(root, null, false).resolve("pipe"));
    }
}
