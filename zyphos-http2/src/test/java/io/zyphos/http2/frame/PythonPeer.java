package io.zyphos.http2.frame;

import io.zyphos.testing.ExternalProgram;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A Python script of this package's test resources, run by Debian's {@code /usr/bin/python3} (the
 * one its python3-* packages install for) as a peer nobody here wrote. The process never outlives
 * the call: a run past its timeout is killed and fails the test.
 *
 * <p>A missing interpreter or module skips the test outside CI and fails it when {@code CI} is
 * set, as every interop test of the project does ({@code .ci/run} installs the peers).
 */
final class PythonPeer {

    private static final String PYTHON = "/usr/bin/python3";

    private PythonPeer() {}

    /** Skips (locally) or fails (in CI) unless Debian's python3 can import {@code module}. */
    static void require(String module, String debianPackage) {
        ExternalProgram.requirePython(module, debianPackage);
    }

    /** Runs the resource script {@code script} with {@code args} and returns what it printed, line by line. */
    static List<String> runScript(Path dir, String script, String... args) {
        Path file = dir.resolve(script);
        try (InputStream in = PythonPeer.class.getResourceAsStream(script)) {
            Files.copy(in, file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> command = new ArrayList<>(List.of(PYTHON, file.toString()));
        command.addAll(List.of(args));
        return ExternalProgram.run(command).assertSucceeded().stdout().lines().toList();
    }
}
