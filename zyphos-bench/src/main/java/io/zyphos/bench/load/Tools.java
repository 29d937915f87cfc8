package io.zyphos.bench.load;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs an external tool (a load generator, the C compiler) to completion and returns what it printed. */
final class Tools {

    /**
     * What a tool printed, and the CPU it used as a share of one core over its run
     * ({@link ProcessCpu#coreShare()}): a load generator near 1.0 is the bottleneck, not the server.
     */
    record Output(String text, double coreShare) {}

    private Tools() {}

    /**
     * Standard output and error of {@code command}, which must exit 0 within {@code timeout}; one
     * that does not (a load generator waiting on a server that stopped answering) is killed.
     */
    static Output run(List<String> command, long timeout, TimeUnit unit) throws IOException {
        long started = System.nanoTime();
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        ProcessCpu cpu = ProcessCpu.watch(process, started);
        // Read apart from the wait, so that a tool that never exits cannot hold this call past its timeout.
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Thread reader = Thread.ofVirtual().name("output-" + process.pid()).start(() -> {
            try (InputStream in = process.getInputStream()) {
                in.transferTo(out);
            } catch (IOException e) {
                // The process was killed; what it printed so far is all there is.
            }
        });
        double share;
        try {
            if (!process.waitFor(timeout, unit)) {
                process.destroyForcibly().waitFor();
                reader.join();
                throw new IOException(String.join(" ", command) + " did not finish in " + timeout + " " + unit
                        + "; killed");
            }
            reader.join();
            share = cpu.coreShare();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted running " + command.getFirst(), e);
        }
        String text = out.toString(StandardCharsets.UTF_8);
        if (process.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " exited with " + process.exitValue() + ":\n" + text);
        }
        return new Output(text, share);
    }

    /** Whether {@code tool} is an executable in a directory of {@code PATH}. */
    static boolean onPath(String tool) {
        return find(tool) != null;
    }

    /** {@code tool} in the first directory of {@code PATH} that has it as an executable, or null. */
    static Path find(String tool) {
        String path = System.getenv("PATH");
        if (path == null) {
            return null;
        }
        for (String dir : path.split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, tool))) {
                return Path.of(dir, tool);
            }
        }
        return null;
    }
}
