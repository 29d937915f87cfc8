package io.zyphos.bench.echo;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Counts the system calls of a running process: {@code strace -f -c -p PID}, attached to every
 * thread of the process (and any it starts) for as long as this object is open.
 *
 * <p>Attaching to the running server rather than starting it under strace keeps the JVM's
 * start-up and shutdown out of the count, and keeps strace's cost (every traced call stops the
 * thread twice) out of the throughput and latency figures, which are measured untraced.
 */
final class Strace implements AutoCloseable {

    private final Process process;
    private final Path output;

    private Strace(Process process, Path output) {
        this.process = process;
        this.output = output;
    }

    /** Whether an strace that can run is on the PATH. */
    static boolean available() {
        try {
            Process p = new ProcessBuilder("strace", "-V").redirectErrorStream(true).start();
            p.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Attaches to {@code pid} and returns once strace says it is attached. */
    static Strace attach(long pid, Path output) throws IOException {
        Process p = new ProcessBuilder("strace", "-f", "-c", "-o", output.toString(), "-p", Long.toString(pid))
                .redirectErrorStream(true)
                .start();
        BufferedReader messages = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        StringBuilder seen = new StringBuilder();
        String line;
        while ((line = messages.readLine()) != null) {
            seen.append(line).append('\n');
            if (line.contains("attached")) {
                Thread.ofPlatform().daemon().name("strace-output").start(() -> drain(messages));
                return new Strace(p, output);
            }
        }
        p.destroyForcibly();
        throw new IOException("strace could not attach to " + pid + " (ptrace not permitted?):\n" + seen);
    }

    /** Detaches (strace prints its summary on SIGTERM) and reads the summary. */
    StraceSummary detach() throws IOException {
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException("strace did not detach within 30 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while strace detached", e);
        }
        List<String> lines = Files.readAllLines(output, StandardCharsets.UTF_8);
        return StraceSummary.parse(lines);
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }

    private static void drain(BufferedReader messages) {
        try {
            while (messages.readLine() != null) {
                // strace reports each thread it attaches to and detaches from; nothing to keep.
            }
        } catch (IOException e) {
            // strace exited.
        }
    }
}
