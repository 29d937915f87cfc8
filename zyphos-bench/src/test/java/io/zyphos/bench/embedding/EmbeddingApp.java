package io.zyphos.bench.embedding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import io.netty.buffer.ByteBuf;
import io.netty.util.ReferenceCounted;
import io.zyphos.http1.Http1Protocol;
import io.zyphos.server.Server;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.spi.ToolProvider;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.agrona.DeadlineTimerWheel;
import org.jctools.queues.atomic.MpscUnboundedAtomicArrayQueue;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The application in {@code src/test/embedding}, compiled against the built zyphos-sockets and
 * zyphos-http1 (the jars, when Maven has packaged them) with the javac of the JDK running the
 * tests, and run in a JVM of its own with that JDK's {@code java} and its default options: on the
 * module path as a named module, or on the class path. A JUnit extension: a test class registers
 * one in a static field, which compiles the application before its tests and deletes it after.
 */
final class EmbeddingApp implements BeforeAllCallback, AfterAllCallback {

    /** How the JVM is told where the application and its libraries are. */
    enum Launch {
        /** {@code --module-path ... --module app/app.Main}: every jar is a module. */
        MODULE_PATH,
        /** {@code -cp ... app.Main}: module descriptors are ignored. */
        CLASS_PATH
    }

    private static final Path SOURCES = Path.of("src", "test", "embedding");

    /**
     * zyphos-http1, zyphos-sockets and what they require, as this build resolved them. BouncyCastle's
     * four jars (io.zyphos.tls) are found by a class of each, by name: this module reads only one of
     * them.
     */
    static final List<Path> LIBRARIES = Stream.concat(
                    Stream.of(Http1Protocol.class, Server.class, ByteBuf.class, ReferenceCounted.class,
                            MpscUnboundedAtomicArrayQueue.class, DeadlineTimerWheel.class),
                    Stream.of("org.bouncycastle.jsse.provider.BouncyCastleJsseProvider",
                            "org.bouncycastle.jce.provider.BouncyCastleProvider",
                            "org.bouncycastle.cert.X509CertificateHolder",
                            "org.bouncycastle.asn1.bsi.BSIObjectIdentifiers").map(EmbeddingApp::load))
            .map(EmbeddingApp::location)
            .distinct()
            .toList();

    private Path out;
    private Path app;
    private Path greeting;

    /** Compiles the application (module {@code app}) and a protocol it provides (module {@code app.greeting}). */
    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        out = Files.createTempDirectory("zyphos-embedding-");
        app = javac(SOURCES.resolve("app"), out.resolve("app"));
        greeting = javac(SOURCES.resolve("greeting"), out.resolve("greeting"));
        // A service file, for the class path; a module's `provides` says the same on the module path.
        Path services = greeting.resolve("META-INF/services");
        Files.createDirectories(services);
        try (Stream<Path> files = Files.list(SOURCES.resolve("greeting/META-INF/services"))) {
            for (Path f : files.toList()) {
                Files.copy(f, services.resolve(f.getFileName().toString()));
            }
        }
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        try (Stream<Path> files = Files.walk(out)) {
            for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(f);
            }
        }
    }

    /** Starts {@code java} with the application's {@code args}, with the provided protocol or without. */
    Run start(Launch launch, boolean withGreeting, String... args) throws IOException {
        List<Path> entries = new ArrayList<>();
        entries.add(app);
        if (withGreeting) {
            entries.add(greeting);
        }
        entries.addAll(LIBRARIES);
        String joined = entries.stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator));
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        switch (launch) {
            case MODULE_PATH -> command.addAll(List.of("--module-path", joined, "--module", "app/app.Main"));
            case CLASS_PATH -> command.addAll(List.of("-cp", joined, "app.Main"));
        }
        command.addAll(List.of(args));
        return new Run(new ProcessBuilder(command).start());
    }

    private static Path javac(Path sources, Path out) throws IOException {
        List<String> args = new ArrayList<>(List.of("-d", out.toString(), "--module-path",
                LIBRARIES.stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator))));
        try (Stream<Path> files = Files.walk(sources)) {
            files.filter(f -> f.toString().endsWith(".java")).forEach(f -> args.add(f.toString()));
        }
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        int status = ToolProvider.findFirst("javac").orElseThrow()
                .run(new PrintWriter(System.out, true), new PrintWriter(errors, true, StandardCharsets.UTF_8), args.toArray(String[]::new));
        assertEquals(0, status, "javac " + String.join(" ", args) + "\n" + errors.toString(StandardCharsets.UTF_8));
        return out;
    }

    private static Class<?> load(String name) {
        try {
            return Class.forName(name, false, EmbeddingApp.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(name + " is not on the test class path: a jar zyphos-sockets needs", e);
        }
    }

    private static Path location(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * One run of the application. Its standard output and error are read as they come, line by
     * line; closing it kills the process if it is still there and waits for it to go.
     */
    static final class Run implements AutoCloseable {

        private final Process process;
        private final BlockingQueue<String> stdout = new LinkedBlockingQueue<>();
        private final List<String> stderr = new CopyOnWriteArrayList<>();
        private final BlockingQueue<String> stderrLines = new LinkedBlockingQueue<>();
        private final Thread stdoutReader;
        private final Thread stderrReader;

        private Run(Process process) {
            this.process = process;
            stdoutReader = Thread.ofPlatform().daemon().name("app-stdout-" + process.pid())
                    .start(() -> copy(process.inputReader(), stdout::add));
            stderrReader = Thread.ofPlatform().daemon().name("app-stderr-" + process.pid())
                    .start(() -> copy(process.errorReader(), line -> {
                        stderr.add(line);
                        stderrLines.add(line);
                    }));
        }

        /** The next line of standard output, which must come within {@code timeout}. */
        String nextLine(Duration timeout) throws InterruptedException {
            String line = stdout.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (line == null) {
                fail("the application wrote no line within " + timeout + "; its standard error:\n" + String.join("\n", stderr));
            }
            return line;
        }

        /** The port from the "listening on PORT" line, which must be the next one. */
        int awaitListening(Duration timeout) throws InterruptedException {
            String line = nextLine(timeout);
            if (!line.startsWith("listening on ")) {
                fail("expected \"listening on PORT\", got \"" + line + "\"; standard error:\n" + String.join("\n", stderr));
            }
            return Integer.parseInt(line.substring("listening on ".length()));
        }

        /** Waits for a line of standard error that {@code wanted} accepts. */
        void awaitStderr(Predicate<String> wanted, Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            for (String line; (line = stderrLines.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS)) != null; ) {
                if (wanted.test(line)) {
                    return;
                }
            }
            fail("no such line on standard error within " + timeout + ":\n" + String.join("\n", stderr));
        }

        /** Everything on standard error so far. */
        List<String> stderr() {
            return List.copyOf(stderr);
        }

        /** Writes a line to the application's standard input. */
        void send(String line) throws IOException {
            process.getOutputStream().write((line + "\n").getBytes(StandardCharsets.UTF_8));
            process.getOutputStream().flush();
        }

        /**
         * Sends SIGTERM, as {@code kill PID}, systemd and Kubernetes do. Through the process's
         * handle: {@link Process#destroy()} would also close the pipes to it, and the application
         * would see the end of its input and lose its output.
         */
        void terminate() {
            process.toHandle().destroy();
        }

        /** The exit status, which must come within {@code timeout}; then all of the output has been read. */
        int awaitExit(Duration timeout) throws InterruptedException {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                fail("the application did not exit within " + timeout + "; standard error:\n" + String.join("\n", stderr));
            }
            stdoutReader.join();
            stderrReader.join();
            return process.exitValue();
        }

        @Override
        public void close() throws InterruptedException {
            if (process.isAlive()) {
                process.destroyForcibly();
            }
            process.waitFor();
        }

        private static void copy(BufferedReader from, Consumer<String> to) {
            try (from) {
                for (String line; (line = from.readLine()) != null; ) {
                    to.accept(line);
                }
            } catch (IOException e) {
                // The process is gone and took the pipe with it: there is nothing more to read.
            }
        }
    }
}
