package io.zyphos.bench.demo;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The small site bundled in the jar, copied to a temporary directory at start-up: files go out
 * with sendfile, which needs a file on disk, not an entry in a jar.
 */
public final class DemoSite implements AutoCloseable {

    private static final List<String> FILES = List.of("index.html", "style.css", "hello.txt");

    private final Path root;

    private DemoSite(Path root) {
        this.root = root;
    }

    /** Copies the bundled site to a new temporary directory. */
    public static DemoSite extract() throws IOException {
        Path root = Files.createTempDirectory("zyphos-site");
        for (String name : FILES) {
            try (InputStream in = DemoSite.class.getResourceAsStream("site/" + name)) {
                if (in == null) {
                    throw new IOException("site/" + name + " is missing from the jar");
                }
                Files.copy(in, root.resolve(name));
            }
        }
        return new DemoSite(root);
    }

    public Path root() {
        return root;
    }

    /** Deletes the copy. */
    @Override
    public void close() {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
