package io.zyphos.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

/** Where benchmark results are written: {@code zyphos-bench/results/} of the repository. */
public final class Results {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd-HHmmss");

    private Results() {}

    /**
     * The results directory, created if needed. The launcher passes the repository root as
     * {@code -Dzyphos.home}; without it, the current directory is taken as the root when it holds
     * {@code zyphos-bench}, and otherwise results go to {@code ./results}.
     */
    public static Path directory() throws IOException {
        String home = System.getProperty("zyphos.home");
        Path root = home != null ? Path.of(home) : Path.of("").toAbsolutePath();
        Path dir = Files.isDirectory(root.resolve("zyphos-bench"))
                ? root.resolve("zyphos-bench").resolve("results")
                : root.resolve("results");
        return Files.createDirectories(dir);
    }

    /**
     * How a command was typed, for a results file: {@code ./zyphos} and the arguments, preceded by
     * {@code ZYPHOS_JAVA_OPTS} when that added JVM options.
     */
    public static String command(String arguments) {
        String opts = System.getenv("ZYPHOS_JAVA_OPTS");
        return (opts == null || opts.isBlank() ? "" : "ZYPHOS_JAVA_OPTS=\"" + opts.strip() + "\" ")
                + "./zyphos " + arguments;
    }

    /** A file name stamp for now, such as {@code 2026-11-25-063012}. */
    public static String stamp() {
        return LocalDateTime.now().format(STAMP);
    }
}
