package io.zyphos.http2.hpack;

import io.zyphos.testing.ExternalProgram;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * python-hyper's hpack (Debian's python3-hpack, which python3-h2 brings) run as a process by
 * {@code hpack_peer.py}: a file of lines in, lines out, through {@link ExternalProgram}, which
 * kills a run that outlives its timeout and fails the test.
 *
 * <p>A missing peer skips the test locally and fails it when {@code CI} is set, since
 * {@code .ci/run} installs python3-h2, as every module's interop tests do.
 */
final class PythonHpack {

    private static final String PYTHON = "/usr/bin/python3";

    private final Path dir;
    private final Path script;

    private PythonHpack(Path dir, Path script) {
        this.dir = dir;
        this.script = script;
    }

    /** The peer, with its script copied into {@code dir}; skips or fails the test if python's hpack is missing. */
    static PythonHpack in(Path dir) throws IOException {
        ExternalProgram.requirePython("hpack", "python3-h2");
        Path script = dir.resolve("hpack_peer.py");
        try (InputStream in = PythonHpack.class.getResourceAsStream("hpack_peer.py")) {
            Files.copy(in, script);
        }
        return new PythonHpack(dir, script);
    }

    /** Runs {@code hpack_peer.py mode} over {@code lines} and returns the lines it printed. */
    List<String> run(String mode, List<String> lines) throws IOException {
        Path input = dir.resolve(mode + ".in");
        Files.write(input, lines);
        return ExternalProgram.run(PYTHON, script.toString(), mode, input.toString()).assertSucceeded().stdout().lines().toList();
    }
}
