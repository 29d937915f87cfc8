package io.zyphos.bench.echo;

import io.zyphos.bench.Transports;
import io.zyphos.server.Transport;
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
 * The echo server under test, in a JVM of its own ({@code zyphos serve --port 0}), so that its
 * threads, its garbage and its system calls are its own and can be counted apart from the load
 * generator's. It runs on the same JDK, class path and JVM options as this process.
 */
final class ServerProcess implements AutoCloseable {

    /** The line {@code serve} prints once bound: "zyphos: echo server listening on 127.0.0.1:41234 (...)". */
    private static final Pattern LISTENING = Pattern.compile("listening on (\\S+):(\\d+)");

    private final Process process;
    private final InetSocketAddress address;
    private final Path log;

    private ServerProcess(Process process, InetSocketAddress address, Path log) {
        this.process = process;
        this.address = address;
        this.log = log;
    }

    /** Starts the server and waits until it has printed the address it is bound to. */
    static ServerProcess start(Transport transport, Path log) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), "io.zyphos.bench.Main",
                "serve", "--protocol", "echo", "--port", "0", "--transport", Transports.name(transport)));
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        List<String> seen = new ArrayList<>();
        String line;
        while ((line = out.readLine()) != null) {
            seen.add(line);
            Matcher m = LISTENING.matcher(line);
            if (m.find()) {
                InetSocketAddress address = new InetSocketAddress(m.group(1), Integer.parseInt(m.group(2)));
                Thread.ofPlatform().daemon().name("echo-server-output").start(() -> copy(out, log));
                return new ServerProcess(process, address, log);
            }
        }
        process.destroyForcibly();
        throw new IOException("the echo server exited before it was listening:\n  " + String.join("\n  ", seen));
    }

    InetSocketAddress address() {
        return address;
    }

    long pid() {
        return process.pid();
    }

    /** Stops the server with SIGTERM, which its shutdown hook turns into a graceful close. */
    @Override
    public void close() throws IOException {
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
                throw new IOException("the echo server did not stop within 30 s of SIGTERM; killed. Its output: " + log);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** Keeps reading the server's output, so that it never blocks on a full pipe, into {@code log}. */
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
