package io.zyphos.bench.load;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs an external load tool to completion and returns what it printed. */
final class Tools {

    private Tools() {}

    /** Standard output and error of {@code command}, which must exit 0 within {@code timeout}. */
    static String run(List<String> command, long timeout, TimeUnit unit) throws IOException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        // The tools print a few kilobytes at the end; reading to EOF also waits for the exit.
        byte[] out = process.getInputStream().readAllBytes();
        try {
            if (!process.waitFor(timeout, unit)) {
                process.destroyForcibly().waitFor();
                throw new IOException(String.join(" ", command) + " did not finish in " + timeout + " " + unit);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted running " + command.getFirst(), e);
        }
        String text = new String(out, StandardCharsets.UTF_8);
        if (process.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " exited with " + process.exitValue() + ":\n" + text);
        }
        return text;
    }
}
