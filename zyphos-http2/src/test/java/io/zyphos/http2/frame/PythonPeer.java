package io.zyphos.http2.frame;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

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
    private static final long TIMEOUT_SECONDS = 60;

    private PythonPeer() {}

    /** Skips (locally) or fails (in CI) unless Debian's python3 can import {@code module}. */
    static void require(String module, String debianPackage) {
        boolean present = Files.isExecutable(Path.of(PYTHON)) && run(List.of(PYTHON, "-c", "import " + module)) != null;
        if (System.getenv("CI") != null) {
            assertTrue(present, "python module " + module + " is missing; .ci/run installs " + debianPackage);
        }
        assumeTrue(present, "python module " + module + " is not installed (Debian package " + debianPackage
                + "); skipped outside CI");
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
        List<String> lines = run(command);
        assertTrue(lines != null, command + " failed");
        return lines;
    }

    /** The lines the command printed if it exited with 0; null otherwise, after its stderr is printed. */
    private static List<String> run(List<String> command) {
        Process process;
        try {
            process = new ProcessBuilder(command).start();
        } catch (IOException e) {
            return null;
        }
        try {
            process.getOutputStream().close();
            CompletableFuture<String> out = drain(process.getInputStream());
            CompletableFuture<String> err = drain(process.getErrorStream());
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                throw new AssertionError(command + " still running after " + TIMEOUT_SECONDS + " s");
            }
            if (process.exitValue() != 0) {
                System.err.println(command + " exited with " + process.exitValue() + ":\n" + err.join());
                return null;
            }
            return out.join().lines().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        } finally {
            process.destroyForcibly();
        }
    }

    private static CompletableFuture<String> drain(InputStream in) {
        return CompletableFuture.supplyAsync(() -> {
            try (in) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                return "(unreadable: " + e + ")";
            }
        });
    }
}
