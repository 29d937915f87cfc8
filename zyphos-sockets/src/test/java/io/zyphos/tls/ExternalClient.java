package io.zyphos.tls;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A TLS client nobody here wrote (openssl s_client, curl), run as a process with its output
 * captured. A missing one skips the test, unless {@code CI} is set, where it fails: CI's machine
 * is expected to have them. A run is killed if it outlives {@value #TIMEOUT_SECONDS} s, and never
 * outlives the call.
 */
final class ExternalClient {

    private static final long TIMEOUT_SECONDS = 30;

    private ExternalClient() {}

    record Run(int exitCode, String stdout, String stderr) {
        String all() {
            return stdout + "\n" + stderr;
        }
    }

    static void require(String executable, String debianPackage) {
        boolean present = Files.isExecutable(Path.of("/usr/bin", executable));
        if (System.getenv("CI") != null) {
            assertTrue(present, executable + " is missing (Debian package " + debianPackage + ")");
        }
        assumeTrue(present, executable + " is not installed (Debian package " + debianPackage + "); skipped outside CI");
    }

    static Run run(List<String> command) {
        Process process;
        try {
            process = new ProcessBuilder(command).start();
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
