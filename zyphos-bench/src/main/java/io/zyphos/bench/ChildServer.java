package io.zyphos.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A server under test in a JVM of its own ({@code zyphos serve ...} or {@code zyphos peer NAME
 * ...}), run from the same jar with the same JDK and JVM options as this process, so that its
 * threads, garbage, CPU time and system calls are its own and can be counted apart from the load
 * generator's. The harnesses start it, wait for the one line every server prints once bound, and
 * stop it with SIGTERM.
 */
public final class ChildServer implements AutoCloseable {

    /** "NAME: ... listening on HOST:PORT (what it runs on)..." as every server prints it once bound. */
    private static final Pattern LISTENING = Pattern.compile("listening on (\\S+):(\\d+)(?: \\((.*)\\))?");

    private final Process process;
    private final InetSocketAddress address;
    private final String banner;
    private final Path log;

    private ChildServer(Process process, InetSocketAddress address, String banner, Path log) {
        this.process = process;
        this.address = address;
        this.banner = banner;
        this.log = log;
    }

    /**
     * Runs {@code ./zyphos ARGS} in a new JVM, behind {@code prefix} (a {@code taskset} pinning, or
     * nothing), and waits for the listening line of the server called {@code name}. Its later
     * output goes to {@code log}, read as it comes so the server never blocks on a full pipe.
     */
    public static ChildServer start(List<String> prefix, String name, List<String> args, Path log) throws IOException {
        List<String> command = new ArrayList<>(prefix);
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(args);
        return exec(command, name, log);
    }

    /**
     * Runs {@code command}, any server program that prints the same listening line (the load
     * harness's native ceiling), and waits for that line as {@link #start} does.
     */
    public static ChildServer exec(List<String> command, String name, Path log) throws IOException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        List<String> seen = new ArrayList<>();
        String line;
        while ((line = out.readLine()) != null) {
            seen.add(line);
            Matcher m = LISTENING.matcher(line);
            if (line.startsWith(name + ":") && m.find()) {
                InetSocketAddress address = new InetSocketAddress(m.group(1), Integer.parseInt(m.group(2)));
                Thread.ofPlatform().daemon().name(name + "-server-output").start(() -> copy(out, log));
                return new ChildServer(process, address, m.group(3) == null ? "" : m.group(3), log);
            }
        }
        process.destroyForcibly();
        throw new IOException(name + " exited before it was listening:\n  " + String.join("\n  ", seen));
    }

    public InetSocketAddress address() {
        return address;
    }

    /** What the server said about itself: "nio, 1 thread", "Netty 4.2, nio, 1 event loop". */
    public String banner() {
        return banner;
    }

    public long pid() {
        return process.pid();
    }

    /** Stops the server with SIGTERM, which every server turns into a graceful close. */
    @Override
    public void close() throws IOException {
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
                throw new IOException("the server did not stop within 30 s of SIGTERM; killed. Its output: " + log);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static void copy(BufferedReader out, Path log) {
        try (var writer = Files.newBufferedWriter(log, StandardCharsets.UTF_8)) {
            String line;
            while ((line = out.readLine()) != null) {
                writer.write(line);
                writer.newLine();
            }
        } catch (IOException e) {
            // The server exited or the log is not writable; its output is not needed for the figures.
        }
    }
}
