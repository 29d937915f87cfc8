package io.zyphos.http2.hpack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * python-hyper's hpack (Debian's python3-hpack, which python3-h2 brings) run as a process by
 * {@code hpack_peer.py}: a file of lines in, lines out. Output goes to files, so the process can
 * never block on a full pipe, and a run that outlives its timeout is killed and fails the test.
 *
 * <p>A missing peer skips the test locally and fails it when {@code CI} is set, since
 * {@code .ci/run} installs python3-h2, as zyphos-http1's interop tests do.
 */
final class PythonHpack {

    private static final String PYTHON = "/usr/bin/python3";
    private static final long TIMEOUT_SECONDS = 60;

    private final Path dir;
    private final Path script;

    private PythonHpack(Path dir, Path script) {
        this.dir = dir;
        this.script = script;
    }

    /** The peer, with its script copied into {@code dir}; skips or fails the test if python's hpack is missing. */
    static PythonHpack in(Path dir) throws IOException, InterruptedException {
        boolean present = Files.isExecutable(Path.of(PYTHON)) && exitCode(List.of(PYTHON, "-c", "import hpack"), dir) == 0;
        if (System.getenv("CI") != null) {
            assertTrue(present, "python module hpack is missing; .ci/run installs python3-h2");
        }
        assumeTrue(present, "python module hpack is not installed (Debian package python3-h2); skipped outside CI");
        Path script = dir.resolve("hpack_peer.py");
        try (InputStream in = PythonHpack.class.getResourceAsStream("hpack_peer.py")) {
            Files.copy(in, script);
        }
        return new PythonHpack(dir, script);
    }

    /** Runs {@code hpack_peer.py mode} over {@code lines} and returns the lines it printed. */
    List<String> run(String mode, List<String> lines) throws IOException, InterruptedException {
        Path input = dir.resolve(mode + ".in");
        Files.write(input, lines);
        assertEquals(0, exitCode(List.of(PYTHON, script.toString(), mode, input.toString()), dir),
                () -> "hpack_peer.py " + mode + " failed:\n" + read(dir.resolve("stderr")));
        return Files.readAllLines(dir.resolve("stdout"));
    }

    private static int exitCode(List<String> command, Path dir) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command)
                .redirectOutput(dir.resolve("stdout").toFile())
                .redirectError(dir.resolve("stderr").toFile())
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                .start();
        try {
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                throw new AssertionError(command + " still running after " + TIMEOUT_SECONDS + " s");
            }
            return process.exitValue();
        } finally {
            process.destroyForcibly();
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }
}
