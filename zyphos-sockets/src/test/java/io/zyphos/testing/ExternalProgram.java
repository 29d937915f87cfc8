package io.zyphos.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A third-party program run as a process by an interop test: curl, openssl, ab, wrk, Debian's
 * python3 with h11, h2, hyperframe or hpack. Output is captured, a run that outlives its timeout is
 * killed and fails the test, and the process never outlives the call. Every module's interop
 * tests run their peers through this one class.
 *
 * <p>The rule for a missing program is in one place, {@link #require}: without {@code CI} set the
 * test is skipped with a message saying what to install; with {@code CI} set it fails, since
 * {@code .ci/run} installs every peer.
 */
public final class ExternalProgram {

    private static final long TIMEOUT_SECONDS = 60;

    private ExternalProgram() {}

    /** What a finished run printed. */
    public record Run(int exitCode, String stdout, String stderr) {
        /** Fails the test, showing both outputs, unless the program exited with 0. */
        public Run assertSucceeded() {
            assertTrue(exitCode == 0, "exit code " + exitCode + "\nstdout:\n" + stdout + "\nstderr:\n" + stderr);
            return this;
        }

        /** Both outputs, for a test that looks for a line wherever the program printed it. */
        public String all() {
            return stdout + "\n" + stderr;
        }
    }

    /** Skips (locally) or fails (in CI) unless {@code executable} is installed. */
    public static void require(String executable, String debianPackage) {
        boolean present = List.of("/usr/bin", "/usr/local/bin", "/bin").stream()
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, executable)));
        if (System.getenv("CI") != null) {
            assertTrue(present, executable + " is missing; .ci/run installs it (Debian package " + debianPackage + ")");
        }
        assumeTrue(present, executable + " is not installed (Debian package " + debianPackage + "); skipped outside CI");
    }

    /** Skips (locally) or fails (in CI) unless Debian's python3 can import {@code module}. */
    public static void requirePython(String module, String debianPackage) {
        require("python3", "python3");
        Run probe = run(List.of("/usr/bin/python3", "-c", "import " + module));
        boolean present = probe.exitCode() == 0;
        if (System.getenv("CI") != null) {
            assertTrue(present, "python module " + module + " is missing; .ci/run installs " + debianPackage);
        }
        assumeTrue(present, "python module " + module + " is not installed (Debian package " + debianPackage + "); skipped outside CI");
    }

    /** curl, quiet but for errors ({@code -sS}), with {@code args}: skipped without curl, unless CI. */
    public static Run curl(String... args) {
        require("curl", "curl");
        List<String> command = new ArrayList<>(List.of("curl", "-sS"));
        command.addAll(List.of(args));
        return run(command);
    }

    public static Run run(String... command) {
        return run(List.of(command));
    }

    public static Run run(List<String> command) {
        ProcessBuilder builder = new ProcessBuilder(new ArrayList<>(command));
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command, e);
        }
        try {
            process.getOutputStream().close();
            CompletableFuture<String> out = drain(process.getInputStream());
            CompletableFuture<String> err = drain(process.getErrorStream());
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                throw new AssertionError(command + " still running after " + TIMEOUT_SECONDS + " s");
            }
            return new Run(process.exitValue(), out.join(), err.join());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        } finally {
            process.destroyForcibly();
        }
    }

    private static CompletableFuture<String> drain(java.io.InputStream in) {
        return CompletableFuture.supplyAsync(() -> {
            try (in) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                return "(unreadable: " + e + ")";
            }
        });
    }
}
